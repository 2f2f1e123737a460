/**
 * A connection's past sync runs — what the SalesWings Status page lists (the last 25 syncs) —
 * from Temporal visibility, each with its SyncReport. A completed run returns the report; a
 * failed run carries it in its failure details; a terminated, cancelled or timed-out run has none
 * (the run was stopped from outside before it could report).
 */
import { type Client, type WorkflowExecutionInfo, type WorkflowExecutionStatusName } from '@temporalio/client';
import { type SyncReport } from '../workflows/report';
import { SyncOutcomeKey } from '../workflows/search-attributes';
import { reportFromFailure } from './sync-commands';
import { describeProblem, listExecutions, mapLimit, visibilityString } from './visibility';

/** The Status page's depth. */
export const DEFAULT_RUN_HISTORY = 25;

/** One sync run as visibility and its result describe it. */
export interface RunRecord {
  /** The run's workflow id (`saleswings-sync-<connection>-…`). */
  workflowId: string;
  /** Temporal's run id of that execution. */
  runId: string;
  executionStatus: WorkflowExecutionStatusName;
  startedAt: string;
  closedAt?: string;
  /** The `SyncOutcome` search attribute: Running, Completed, CompletedWithErrors, Failed, Skipped. */
  outcome?: string;
  report?: SyncReport;
  /** Why there is no report (terminated from outside, history no longer retained, …). */
  problem?: string;
}

export type RunState = 'running' | 'closed';

/** The visibility filter for a connection's sync runs. */
export function syncRunsQuery(connection: string, state?: RunState): string {
  const parts = [`WorkflowType = 'syncWorkflow'`, `SyncConnection = ${visibilityString(connection)}`];
  if (state === 'running') parts.push(`ExecutionStatus = 'Running'`);
  if (state === 'closed') parts.push(`ExecutionStatus != 'Running'`);
  return parts.join(' AND ');
}

function toRecord(info: WorkflowExecutionInfo): RunRecord {
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    executionStatus: info.status.name,
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString(),
    outcome: info.typedSearchAttributes.get(SyncOutcomeKey),
  };
}

/**
 * Extra rows read beyond the limit. Visibility on SQL stores lists the most recently closed
 * first and cannot sort by start time; runs are listed by start. The two orders differ only
 * where a run ended Skipped while another held the lease, so a small margin makes the first N
 * by start time exact in practice.
 */
const ORDER_MARGIN = 10;

/** The connection's runs from visibility, newest (by start time) first, without their reports. */
export async function listSyncRuns(client: Client, connection: string, options: { limit: number; state?: RunState }): Promise<RunRecord[]> {
  const infos = await listExecutions(client, syncRunsQuery(connection, options.state), options.limit + ORDER_MARGIN);
  return infos
    .map(toRecord)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, options.limit);
}

/** Adds the run's report (from its result or its failure), or says why there is none. */
export async function withReport(client: Client, run: RunRecord): Promise<RunRecord> {
  if (run.executionStatus === 'RUNNING') return run;
  const handle = client.workflow.getHandle(run.workflowId, run.runId, { followRuns: false });
  try {
    return { ...run, report: (await handle.result()) as SyncReport };
  } catch (error) {
    const report = reportFromFailure(error);
    if (report) return { ...run, report };
    const why = run.executionStatus === 'COMPLETED' || run.executionStatus === 'FAILED' ? describeProblem(error) : `${run.executionStatus.toLowerCase().replace(/_/g, ' ')} before it reported`;
    return { ...run, problem: why };
  }
}

/** The last `last` finished runs of the connection with their reports, newest first. */
export async function runHistory(client: Client, connection: string, last = DEFAULT_RUN_HISTORY): Promise<RunRecord[]> {
  const runs = await listSyncRuns(client, connection, { limit: last, state: 'closed' });
  // Each report is one history read; a few at a time keeps 25 runs quick without a burst.
  return mapLimit(runs, 5, (run) => withReport(client, run));
}
