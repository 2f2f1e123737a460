/**
 * Starting runs and requesting full syncs from the outside (CLI, embedded stack, tests).
 *
 * A manual run is a `syncWorkflow` with its own readable id; the run lease in the state workflow
 * makes it end as Skipped if another run of the connection is in progress, so manual and
 * scheduled runs never overlap either.
 */
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { manualSyncRunId } from '../workflows/ids';
import { type FullSyncRequest } from '../workflows/messages';
import { type SyncReport } from '../workflows/report';
import { SyncConnectionKey } from '../workflows/search-attributes';
import { type SyncInput } from '../workflows/sync-workflow';
import { runDetailsText } from './run-details-text';
import { readSyncState, requestFullSync, type StateTarget } from './sync-state';

export interface RunOptions {
  full?: boolean;
  force?: boolean;
  dryRun?: boolean;
  /** Clock for the run id (tests pass a fixed one). */
  now?: () => Date;
}

/** Starts a run now and returns its handle (see `result()` for the report). */
export async function startSyncRun(client: Client, target: StateTarget, options: RunOptions = {}): Promise<WorkflowHandle> {
  const input: SyncInput = { connection: target.connection, full: options.full, force: options.force, dryRun: options.dryRun };
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const kind = [options.dryRun ? 'dry run' : '', options.full ? 'full' : '', options.force ? 'forced' : ''].filter(Boolean).join(', ');
  return client.workflow.start('syncWorkflow', {
    workflowId: manualSyncRunId(target.connection, startedAt),
    taskQueue: target.taskQueue,
    args: [input],
    staticSummary: `SalesWings ⇄ Salesforce sync of ${target.connection} (manual${kind ? `: ${kind}` : ''})`,
    staticDetails: runDetailsText(target.connection, `manual${kind ? `: ${kind}` : ''}`),
    typedSearchAttributes: [{ key: SyncConnectionKey, value: target.connection }],
  });
}

export interface FullSyncOutcome {
  /** A run was in progress and will honour the request before GetProspects, or the next run will. */
  runningSync?: string;
  /** A run was started to honour it (nothing was running). */
  startedRun?: string;
}

/**
 * Requests a full sync whether or not a run is in progress: the request is recorded in the state
 * workflow (never lost); when no run holds the lease, a run is started to honour it now.
 */
export async function requestFullSyncNow(client: Client, target: StateTarget, request: FullSyncRequest): Promise<FullSyncOutcome> {
  await requestFullSync(client, target, request);
  const state = await readSyncState(client, target.connection);
  if (state?.lease) return { runningSync: state.lease.runId };
  const handle = await startSyncRun(client, target, {});
  return { startedRun: handle.workflowId };
}

/** Waits for a run and returns its report, also when the run failed (the report travels in the failure). */
export async function waitForReport(handle: WorkflowHandle): Promise<SyncReport> {
  try {
    return (await handle.result()) as SyncReport;
  } catch (error) {
    const report = reportFromFailure(error);
    if (report) return report;
    throw error;
  }
}

/** The SyncReport carried in the details of a failed run's ApplicationFailure. */
export function reportFromFailure(error: unknown): SyncReport | undefined {
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 5; depth++) {
    const details = (cause as { details?: unknown[] }).details;
    const candidate = details?.[0] as SyncReport | undefined;
    if (candidate && typeof candidate === 'object' && 'steps' in candidate && 'runId' in candidate) return candidate;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
