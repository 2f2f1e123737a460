/**
 * Tag and score definitions as Salesforce holds them (after GetTags/GetScores), by SalesWings id:
 * the names copied onto child rows and the Salesforce Ids their references need. One query
 * each, per activity.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';

export interface StoredDefinition {
  id: string;
  name: string;
}

export type StoredDefinitions = Map<string, StoredDefinition>;

async function load(gateway: SalesforceGateway, object: 'SW_Tag__c' | 'Score__c'): Promise<StoredDefinitions> {
  const map: StoredDefinitions = new Map();
  for await (const record of gateway.queryRecords(`SELECT Id, Name, SW_Id__c FROM ${object}`)) {
    map.set(record.SW_Id__c as string, { id: record.Id as string, name: record.Name as string });
  }
  return map;
}

export function loadTagDefinitions(gateway: SalesforceGateway): Promise<StoredDefinitions> {
  return load(gateway, 'SW_Tag__c');
}

export function loadScoreDefinitions(gateway: SalesforceGateway): Promise<StoredDefinitions> {
  return load(gateway, 'Score__c');
}
