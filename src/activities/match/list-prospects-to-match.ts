/**
 * The prospects a match step still has to try on one side: Active, Not Processed, that side
 * Pending or Failed with attempts left (seed: "till the Processed Attempts field reaches the
 * value of 30"). Keyset-paged by Salesforce Id, so prospects whose status changes while the step
 * runs are neither skipped nor visited twice.
 */
import { soqlString } from '../../salesforce/soql';
import { type ActivityDeps } from '../deps';
import { type ListProspectsToMatchInput, type ListProspectsToMatchResult } from '../types';

export async function listProspectsToMatch(deps: ActivityDeps, input: ListProspectsToMatchInput): Promise<ListProspectsToMatchResult> {
  const side = input.side;
  const soql =
    `SELECT Id, SW_Id__c FROM Prospect__c WHERE Lifecycle__c = 'Active' AND Sync_Status__c = 'Not Processed'` +
    ` AND ${side}_Sync_Status__c IN ('Pending', 'Failed') AND ${side}_Sync_Attempts__c < ${input.maxAttempts}` +
    (input.after ? ` AND Id > ${soqlString(input.after)}` : '') +
    ` ORDER BY Id LIMIT ${input.limit}`;
  const records = await deps.salesforce.queryAll(soql);
  return {
    prospects: records.map((r) => ({ swId: r.SW_Id__c as string, sfId: r.Id as string })),
    more: records.length === input.limit,
  };
}
