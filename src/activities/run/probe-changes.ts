/**
 * One composite API call that tells an incremental run which steps can have work: how many
 * prospects wait to be matched, and whether anything the later steps read changed since the
 * previous run began (SystemModstamp, deleted rows included, the sync's own writes excluded). A
 * step that completed cleanly last
 * time, in a run that has written nothing so far, with none of these changed, has nothing to do
 * — it is reported Completed without spending calls. This is what keeps an unchanged run at a
 * handful of API calls.
 */
import { soqlDateTime, soqlString } from '../../salesforce/soql';
import { type ActivityDeps } from '../deps';
import { type RunContext } from '../types';

export interface ChangeProbe {
  /** Prospects whose sync status is Not Processed (the match steps have work). */
  pendingProspects: number;
  /** Rows changed or deleted since `since`, per object the later steps read. */
  changed: { Prospect__c: number; Lead: number; Contact: number; Opportunity: number };
}

export function createProbeChanges(deps: ActivityDeps) {
  return async function probeChanges({ since }: { run: RunContext; since: string }): Promise<ChangeProbe> {
    const at = soqlDateTime(since);
    // The sync's own writes (by the integration user) are not changes to react to: within a run
    // later steps see earlier steps' writes anyway, and no step depends on what a previous run's
    // later steps wrote. Others' changes — people, flows, other integrations — are.
    const others = deps.salesforce.userId ? ` AND LastModifiedById != ${soqlString(deps.salesforce.userId)}` : '';
    const changedSince = (object: string) => ({ soql: `SELECT COUNT() FROM ${object} WHERE SystemModstamp >= ${at}${others}`, includeDeleted: true });
    const [pending, prospects, leads, contacts, opportunities] = await deps.salesforce.countMany([
      { soql: "SELECT COUNT() FROM Prospect__c WHERE Sync_Status__c = 'Not Processed'" },
      changedSince('Prospect__c'),
      changedSince('Lead'),
      changedSince('Contact'),
      changedSince('Opportunity'),
    ]);
    return { pendingProspects: pending, changed: { Prospect__c: prospects, Lead: leads, Contact: contacts, Opportunity: opportunities } };
  };
}
