/**
 * Shared set-up of the push activity tests: owners with e-mails, linked Leads and Contacts as a
 * person creates them, the SW Apex Job a completed run leaves behind, and the activity input.
 */
import { createPushActivities, type PushActivities } from '../../../src/activities/push';
import { apexJobFields } from '../../../src/activities/run/write-apex-job';
import { type RunContext, type StepInput } from '../../../src/activities/types';
import { type SyncOptionsInput } from '../../../src/config/sync-options';
import { type StepResult, type StepStatus, type SyncReport } from '../../../src/workflows/report';
import { options, runActivity, testRun, type TestStack } from '../../helpers/stack';

export const OWNER_A = { Username: 'ana@sales.example.test', Email: 'ana.owner@sales.example.test', FirstName: 'Ana', LastName: 'Owner' };
export const OWNER_B = { Username: 'ben@sales.example.test', Email: 'ben.owner@sales.example.test', FirstName: 'Ben', LastName: 'Owner' };

export interface Owners {
  a: string;
  b: string;
}

export function insertOwners(stack: TestStack): Owners {
  const [a, b] = stack.sf.admin.insert('User', [OWNER_A, OWNER_B]);
  return { a, b };
}

/** `n` Leads, the i-th linked to `prospectIds[i]` (null: not linked), owned by `owner`. */
export function insertLeads(stack: TestStack, prospectIds: (string | null)[], owner: string, tag = 'lead'): string[] {
  if (prospectIds.length === 0) return [];
  return stack.sf.admin.insert(
    'Lead',
    prospectIds.map((prospectId, i) => ({
      FirstName: `First${i}`,
      LastName: `${tag}${i}`,
      Company: 'Acme',
      Email: `${tag}${i}@example.test`,
      OwnerId: owner,
      Prospect_Id__c: prospectId,
    })),
  );
}

export function insertContacts(stack: TestStack, prospectIds: (string | null)[], owner: string, tag = 'contact'): string[] {
  if (prospectIds.length === 0) return [];
  return stack.sf.admin.insert(
    'Contact',
    prospectIds.map((prospectId, i) => ({
      FirstName: `First${i}`,
      LastName: `${tag}${i}`,
      Email: `${tag}${i}@example.test`,
      OwnerId: owner,
      Prospect_Id__c: prospectId,
    })),
  );
}

/** Stored fingerprint field of a Lead or Contact, read without counting an API call. */
export function storedFingerprint(stack: TestStack, object: 'Lead' | 'Contact', id: string): unknown {
  return stack.sf.admin.query(`SELECT SW_Sync_Fingerprint__c FROM ${object} WHERE Id = '${id}'`)[0]?.SW_Sync_Fingerprint__c;
}

/** The row of a Lead or Contact with every field. */
export function row(stack: TestStack, object: 'Lead' | 'Contact', id: string): Record<string, unknown> {
  const found = stack.sf.admin.records(object).find((r) => r.Id === id);
  if (!found) throw new Error(`${object} ${id} not found`);
  return found;
}

/** The SW Apex Job record a finished run leaves, as writeApexJob writes it. */
export function insertApexJob(stack: TestStack, run: RunContext, pushStatus: StepStatus): void {
  const report: SyncReport = {
    runId: run.runId,
    connection: run.connection,
    mode: run.mode,
    fullSyncHonoured: false,
    dryRun: false,
    startedAt: run.startedAt,
    finishedAt: run.startedAt,
    status: pushStatus === 'Failed' ? 'Failed' : 'Completed',
    steps: [
      { step: 'GetProspects', status: 'Completed', examined: 0, created: 0, updated: 0, deleted: 0, failed: 0, errors: [] },
      { step: 'SendRecordUpdates', status: pushStatus, examined: 0, created: 0, updated: 0, deleted: 0, failed: 0, errors: [] },
    ],
  };
  stack.sf.admin.insert('SW_Apex_Job__c', apexJobFields(report));
}

export function stepInput(run: Partial<RunContext> = {}, syncOptions: SyncOptionsInput = {}): StepInput {
  return { run: testRun({ mode: 'Incremental', ...run }), step: 'SendRecordUpdates', options: options(syncOptions) };
}

export function pushActivities(stack: TestStack): PushActivities {
  return createPushActivities(stack.deps());
}

/** Runs SendRecordUpdates as Temporal would; returns its figures and the run it ran for. */
export async function send(stack: TestStack, input: StepInput = stepInput()): Promise<{ result: StepResult; run: RunContext }> {
  const result = await runActivity(pushActivities(stack).sendRecordUpdates, input);
  return { result, run: input.run };
}

/** An instant `minutes` from now (negative: in the past), as Salesforce writes date-times. */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}
