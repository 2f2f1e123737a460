/**
 * SyncOptions used across workflow tests.
 */
import { type SyncOptionsInput } from '../../src/config/sync-options';
import { STEP_CATALOGUE } from '../../src/config/steps';

/**
 * Emulator counter kinds that write data. (A `composite` call may carry writes or counts; tests
 * that need "nothing was written" compare the org's records with `orgData` as well.)
 */
export const WRITE_KINDS = ['collections-create', 'collections-update', 'collections-upsert', 'collections-delete', 'sobject-create', 'sobject-update', 'sobject-upsert', 'sobject-delete', 'bulk-ingest'];

/** Every record the sync may write, except its own SW Apex Job log: equal snapshots = nothing written. */
export function orgData(stack: { sf: { admin: { records(sobject: string, options?: { includeDeleted?: boolean }): Record<string, unknown>[] } } }): string {
  const objects = ['SW_Tag__c', 'Score__c', 'Prospect__c', 'SW_Prospect_Tag__c', 'Prospect_Score__c', 'Page_Prospect__c', 'SW_Tag_Segment_Trigger__c', 'Prospect_Score_Instance__c', 'Website_Visit__c', 'SW_Account_Tag_Segment_Trigger__c', 'Account_Score__c', 'SW_Opportunity_Tag__c', 'SW_Opportunity_Score__c', 'Lead', 'Contact', 'Account', 'Opportunity'];
  return JSON.stringify(objects.map((o) => stack.sf.admin.records(o, { includeDeleted: true })));
}

const INGEST_AND_MATCH = new Set(['GetTags', 'GetScores', 'GetProspects', 'GetProspectPages', 'MatchProspectsToLeads', 'MatchProspectsToContacts']);

/** Only the SalesWings → Salesforce ingest and matching steps, plus `extra`. */
export function onlyIngestAndMatch(extra: SyncOptionsInput = {}): SyncOptionsInput {
  const steps: Record<string, { enabled: boolean }> = {};
  for (const step of STEP_CATALOGUE) if (!INGEST_AND_MATCH.has(step.name)) steps[step.name] = { enabled: false };
  return { ...extra, steps: { ...steps, ...(extra.steps as object | undefined) } } as SyncOptionsInput;
}
