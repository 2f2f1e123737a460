/**
 * Linked Leads/Contacts as the match steps leave them: a prospect with its tag, score and page,
 * and records carrying the prospect's values plus copies of its tag, score and page.
 */
import { type SalesforceEmulator } from '../../../src/emulators/salesforce';

export const SW_VALUES = {
  Lead_Score__c: 50,
  Temperature__c: 'HOT',
  SW_Favorite__c: true,
  Last_Visit__c: '2024-05-01T10:00:00.000+0000',
  Tags__c: 'Tag A',
};

export interface Definitions {
  tagId: string;
  scoreId: string;
}

export interface ProspectFixture {
  swId: string;
  id: string;
  prospectTagId: string;
  prospectScoreId: string;
  pageProspectId: string;
}

export interface LinkedRecord {
  id: string;
  tagCopyId: string;
  scoreCopyId: string;
  pageCopyId: string;
}

export function seedDefinitions(sf: SalesforceEmulator): Definitions {
  return {
    tagId: sf.admin.insert('SW_Tag__c', { Name: 'Tag A', SW_Id__c: 'tag-a' }),
    scoreId: sf.admin.insert('Score__c', { Name: 'Score A', SW_Id__c: 'score-a' }),
  };
}

export function seedProspect(sf: SalesforceEmulator, defs: Definitions, swId: string, lifecycle: 'Active' | 'Merged' | 'Deleted'): ProspectFixture {
  const id = sf.admin.insert('Prospect__c', { Name: swId, SW_Id__c: swId, Email__c: `${swId}@example.com`, Lifecycle__c: lifecycle });
  return {
    swId,
    id,
    prospectTagId: sf.admin.insert('SW_Prospect_Tag__c', { Name: 'Tag A', Key__c: `${swId}:tag-a`, Prospect__c: id, Tag__c: defs.tagId }),
    prospectScoreId: sf.admin.insert('Prospect_Score__c', { Name: 'Score A', Key__c: `${swId}:score-a`, Prospect__c: id, Score__c: defs.scoreId, Value__c: 7 }),
    pageProspectId: sf.admin.insert('Page_Prospect__c', { Name: 'Home', SW_Id__c: `${swId}-a1`, Prospect__c: id, Kind__c: 'page-visit' }),
  };
}

function seedCopies(sf: SalesforceEmulator, prospect: ProspectFixture, lookup: 'Lead__c' | 'Contact__c', recordId: string): Omit<LinkedRecord, 'id'> {
  return {
    tagCopyId: sf.admin.insert('SW_Tag_Segment_Trigger__c', { Name: 'Tag A', Key__c: `${recordId}:tag-a`, Prospect_Tag__c: prospect.prospectTagId, [lookup]: recordId }),
    scoreCopyId: sf.admin.insert('Prospect_Score_Instance__c', { Name: 'Score A', Key__c: `${recordId}:score-a`, Prospect_Score__c: prospect.prospectScoreId, [lookup]: recordId, Value__c: 7 }),
    pageCopyId: sf.admin.insert('Website_Visit__c', { Name: 'Home', Key__c: `${recordId}:${prospect.swId}-a1`, Page_Prospect__c: prospect.pageProspectId, [lookup]: recordId }),
  };
}

export function seedLinkedLead(sf: SalesforceEmulator, prospect: ProspectFixture, extra: Record<string, unknown> = {}): LinkedRecord {
  const id = sf.admin.insert('Lead', { LastName: `Lead ${prospect.swId}`, Company: 'Acme', Email: `${prospect.swId}@example.com`, Prospect_Id__c: prospect.swId, ...SW_VALUES, ...extra });
  return { id, ...seedCopies(sf, prospect, 'Lead__c', id) };
}

/** A linked Lead, then converted (its Contact is removed so only the converted Lead remains). */
export function seedConvertedLead(sf: SalesforceEmulator, prospect: ProspectFixture): LinkedRecord {
  const lead = seedLinkedLead(sf, prospect, { LastName: `Converted ${prospect.swId}` });
  const { contactId } = sf.admin.convertLead(lead.id);
  sf.admin.delete(contactId);
  return lead;
}

export function seedLinkedContact(sf: SalesforceEmulator, prospect: ProspectFixture, accountId: string): LinkedRecord {
  const id = sf.admin.insert('Contact', { LastName: `Contact ${prospect.swId}`, Email: `${prospect.swId}@example.com`, AccountId: accountId, Prospect_Id__c: prospect.swId, ...SW_VALUES });
  return { id, ...seedCopies(sf, prospect, 'Contact__c', id) };
}

/** The record's SalesWings fields as stored. */
export function swFields(sf: SalesforceEmulator, object: 'Lead' | 'Contact', id: string): Record<string, unknown> {
  const [row] = sf.admin.query(`SELECT Prospect_Id__c, Lead_Score__c, Temperature__c, SW_Favorite__c, Last_Visit__c, Tags__c FROM ${object} WHERE Id = '${id}'`);
  const { attributes: _attributes, ...fields } = row;
  return fields;
}

/** Which of `ids` still exist. */
export function existing(sf: SalesforceEmulator, object: string, ids: string[]): string[] {
  const stored = new Set(sf.admin.records(object).map((r) => r.Id as string));
  return ids.filter((id) => stored.has(id));
}

export const CLEARED = { Prospect_Id__c: null, Lead_Score__c: null, Temperature__c: null, SW_Favorite__c: false, Last_Visit__c: null, Tags__c: null };
