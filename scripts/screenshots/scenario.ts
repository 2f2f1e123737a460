/**
 * The runs the screenshots show, made with the product's own client code against the embedded
 * stack: a first (full) sync that meets a Lead validation rule, a run that fails on a broken
 * SalesWings answer, a run slowed by SalesWings latency (photographed while it runs), and a run
 * started by the schedule.
 */
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { type EmbeddedStack } from '../../src/dev/embedded-stack';
import { applySchedule, describeSchedule, scheduleSettingsOf, triggerSchedule } from '../../src/client/schedules';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { stateTargetOf, type StateTarget } from '../../src/client/sync-state';
import { progressQuery, type SyncProgress } from '../../src/workflows/messages';
import { type RunStatus, type SyncReport } from '../../src/workflows/report';

/** One sync run as the Web UI addresses it. */
export interface RunRef {
  workflowId: string;
  runId: string;
}

export interface FinishedRun extends RunRef {
  report: SyncReport;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Lead validation rule: Globex leads reject every save, as a locked-down org would. */
export const LEAD_RULE = {
  object: 'Lead',
  name: 'Globex_Leads_Managed_By_Partner',
  condition: "Company = 'Globex'",
  message: 'Globex leads are managed by the partner team',
  field: 'Company',
};

/** How long SalesWings takes to answer one page of prospects in the slowed run. */
export const SLOW_PROSPECTS_MS = 40_000;

export function targetOf(stack: EmbeddedStack): StateTarget {
  return stateTargetOf(stack.config.settings);
}

async function refOf(handle: WorkflowHandle): Promise<RunRef> {
  const { runId } = await handle.describe();
  return { workflowId: handle.workflowId, runId };
}

function expectStatus(report: SyncReport, expected: RunStatus, what: string): void {
  if (report.status !== expected) {
    const steps = report.steps.map((s) => `${s.step}=${s.status}${s.reason ? ` (${s.reason})` : ''}`).join(', ');
    throw new Error(`${what}: expected ${expected}, the run ended ${report.status}: ${steps}`);
  }
}

/** Distinct manual run ids: two runs started within the same millisecond would share one. */
async function startRun(client: Client, target: StateTarget): Promise<WorkflowHandle> {
  await sleep(5);
  return startSyncRun(client, target);
}

/** The first sync (a full one) with the Lead validation rule in place: CompletedWithErrors. */
export async function runFirstSync(stack: EmbeddedStack): Promise<FinishedRun> {
  stack.salesforce.admin.addValidationRule(LEAD_RULE);
  const handle = await startRun(stack.client, targetOf(stack));
  const report = await waitForReport(handle);
  expectStatus(report, 'CompletedWithErrors', 'first sync');
  return { ...(await refOf(handle)), report };
}

/** A run whose GetScores step meets a contract break in SalesWings' answer: Failed. */
export async function runFailingSync(stack: EmbeddedStack): Promise<FinishedRun> {
  stack.saleswings.setFaults([{ kind: 'malformed', method: 'GET', path: '/scores', times: 'always' }]);
  try {
    const handle = await startRun(stack.client, targetOf(stack));
    const report = await waitForReport(handle);
    expectStatus(report, 'Failed', 'run with a broken /scores answer');
    return { ...(await refOf(handle)), report };
  } finally {
    stack.saleswings.clearFaults();
  }
}

export interface SlowRun extends RunRef {
  /** Resolves with the report once the run finished. */
  finished: Promise<SyncReport>;
}

/**
 * Changes in SalesWings, then a run whose first page of prospects takes SLOW_PROSPECTS_MS to
 * arrive. Resolves once the run is inside GetProspects (the slow call is under way).
 */
export async function startSlowSync(stack: EmbeddedStack): Promise<SlowRun> {
  stack.saleswings.simulateChanges({ edit: 15, emailChange: 3, create: 4 });
  stack.saleswings.setFaults([{ kind: 'latency', method: 'GET', path: '/prospects', ms: SLOW_PROSPECTS_MS, times: 1 }]);
  const handle = await startRun(stack.client, targetOf(stack));
  const deadline = Date.now() + 30_000;
  let progress: SyncProgress | undefined;
  while (Date.now() < deadline) {
    progress = await handle.query(progressQuery).catch(() => undefined);
    if (progress?.currentStep === 'GetProspects') break;
    if (progress && progress.status !== 'Running') throw new Error(`the slowed run ended ${progress.status} before GetProspects`);
    await sleep(200);
  }
  if (progress?.currentStep !== 'GetProspects') throw new Error(`the slowed run did not reach GetProspects (at ${progress?.currentStep ?? 'no step'})`);
  return { ...(await refOf(handle)), finished: waitForReport(handle) };
}

/** Creates the connection's schedule, triggers it once and waits for that run. */
export async function runScheduledSync(stack: EmbeddedStack): Promise<FinishedRun> {
  const target = targetOf(stack);
  await applySchedule(stack.client, scheduleSettingsOf(stack.config));
  const before = (await describeSchedule(stack.client, target.connection))?.info.recentActions.length ?? 0;
  await triggerSchedule(stack.client, target.connection);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const actions = (await describeSchedule(stack.client, target.connection))?.info.recentActions ?? [];
    const started = actions.length > before ? actions[actions.length - 1] : undefined;
    if (started) {
      const { workflowId, firstExecutionRunId } = started.action.workflow;
      const handle = stack.client.workflow.getHandle(workflowId, firstExecutionRunId);
      const report = await waitForReport(handle);
      return { workflowId, runId: firstExecutionRunId, report };
    }
    await sleep(250);
  }
  throw new Error('the schedule trigger started no run within 30 s');
}

/** A prospect whose Lead match failed on the validation rule (its Lead_Sync_Status__c is Failed). */
export function failedLeadProspect(stack: EmbeddedStack): string {
  const rows = stack.salesforce.admin.query(
    "SELECT SW_Id__c FROM Prospect__c WHERE Lead_Sync_Status__c = 'Failed' ORDER BY SW_Id__c LIMIT 1",
  );
  const id = rows[0]?.SW_Id__c;
  if (typeof id !== 'string') throw new Error('no prospect with a failed Lead match: did the validation rule apply?');
  return id;
}

/** The newest Lead-side execution of a prospect's match workflow. */
export async function latestLeadMatch(client: Client, prospectId: string): Promise<RunRef> {
  for await (const execution of client.workflow.list({ query: `ProspectId = "${prospectId}"` })) {
    const description = await client.workflow.getHandle(execution.workflowId, execution.runId).describe();
    const summary = await description.staticSummary();
    if (summary?.endsWith('to Leads')) return { workflowId: execution.workflowId, runId: execution.runId };
  }
  throw new Error(`no Lead match workflow found for prospect ${prospectId}`);
}
