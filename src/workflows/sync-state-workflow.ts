/**
 * The durable memory of a connection across sync runs: the incremental watermark, pending
 * full-sync requests and the lease that keeps two syncs of one org from running at once.
 *
 * Why a workflow and not the schedule's "last completion result": that result is only passed to
 * runs the schedule starts, it is not updated by failed runs (so a full-sync request accepted by
 * a run that then fails would be lost), and it cannot be signalled. This workflow has a fixed id
 * (`saleswings-state-<connection>`), so operators can signal it from the Web UI or the CLI, and
 * every run (scheduled, triggered or manual) reads and updates it through updates.
 */
import { allHandlersFinished, condition, continueAsNew, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import { workflowNow } from './clock';
import {
  beginRunUpdate,
  finishRunUpdate,
  planProspectsUpdate,
  releaseLeaseUpdate,
  requestFullSyncSignal,
  stateQuery,
  type SyncState,
} from './messages';

export interface SyncStateInput {
  connection: string;
  /** Carried over continue-as-new. */
  state?: SyncState;
  /** Request sequence numbers, carried over continue-as-new. */
  sequence?: { requested: number; claimed: number };
}

const MAX_RECENT_RUNS = 25;

function renderState(state: SyncState): string {
  const request = state.fullSync.pending
    ? `**Full sync requested** ${state.fullSync.requestedAt ?? ''} by ${state.fullSync.requestedBy ?? 'someone'}${state.fullSync.reason ? ` — ${state.fullSync.reason}` : ''}${state.fullSync.claimedBy ? ` (claimed by \`${state.fullSync.claimedBy}\`)` : ''}`
    : 'No full sync requested.';
  return [
    `**Sync state** of \`${state.connection}\``,
    '',
    `Watermark: ${state.watermark ?? 'none yet (the next run is a full sync)'}`,
    '',
    request,
    '',
    `Running: ${state.lease ? `\`${state.lease.runId}\` since ${state.lease.since}` : 'nothing'}`,
    '',
    ...state.recentRuns.slice(0, 5).map((r) => `- ${r.startedAt} ${r.mode} ${r.status} \`${r.runId}\``),
    '',
    '_Signal `requestFullSync` to ask for a full sync; query `state` for everything._',
  ].join('\n');
}
/** Keep histories short: this workflow lives forever. */
const MAX_HISTORY_EVENTS = 2_000;

export async function syncStateWorkflow(input: SyncStateInput): Promise<void> {
  const state: SyncState = input.state ?? { connection: input.connection, fullSync: { pending: false, requests: 0 }, recentRuns: [] };
  // Each request gets a number; a run claims the requests made up to its claim. A request that
  // arrives after the claim stays pending for the next run, so none is lost or merged away.
  const sequence = input.sequence ?? { requested: 0, claimed: 0 };

  setHandler(stateQuery, () => state);
  // The Web UI's Current Details show the state without a query.
  const publish = (): void => setCurrentDetails(renderState(state));
  publish();

  setHandler(requestFullSyncSignal, (request) => {
    sequence.requested += 1;
    state.fullSync = {
      ...state.fullSync,
      pending: true,
      requests: state.fullSync.requests + 1,
      requestedAt: workflowNow(),
      reason: request?.reason,
      requestedBy: request?.requestedBy,
    };
    publish();
  });

  setHandler(beginRunUpdate, ({ runId, startedAt }) => {
    if (state.lease && state.lease.runId !== runId) return { granted: false, holder: state.lease.runId };
    state.lease = { runId, since: startedAt };
    publish();
    return { granted: true, previous: state.recentRuns.find((r) => !r.dryRun && r.status !== 'Skipped') };
  });

  setHandler(releaseLeaseUpdate, ({ runId }) => {
    if (state.lease?.runId === runId) state.lease = undefined;
    if (state.fullSync.claimedBy === runId) state.fullSync = { ...state.fullSync, claimedBy: undefined };
    publish();
    return state;
  });

  setHandler(planProspectsUpdate, ({ runId, forceFull, dryRun }) => {
    if (state.lease?.runId !== runId) throw new Error(`run ${runId} does not hold the lease (holder: ${state.lease?.runId ?? 'none'})`);
    const full = forceFull || state.fullSync.pending || state.watermark === undefined;
    const claimedFullSync = full && state.fullSync.pending && !dryRun;
    if (claimedFullSync) {
      sequence.claimed = sequence.requested;
      state.fullSync = { ...state.fullSync, claimedBy: runId };
    }
    return { mode: full ? 'Full' : 'Incremental', watermark: full ? undefined : state.watermark, claimedFullSync };
  });

  setHandler(finishRunUpdate, (request) => {
    const succeeded = request.status === 'Completed' || request.status === 'CompletedWithErrors';
    if (succeeded && request.nextWatermark) state.watermark = request.nextWatermark;
    if (state.fullSync.claimedBy === request.runId) {
      const coveredAll = sequence.claimed === sequence.requested;
      state.fullSync = {
        ...state.fullSync,
        claimedBy: undefined,
        // A failed full sync leaves the request pending: the next run tries again.
        pending: succeeded ? !coveredAll : true,
      };
    }
    if (state.lease?.runId === request.runId) state.lease = undefined;
    state.recentRuns = [
      {
        runId: request.runId,
        mode: request.mode,
        status: request.status,
        startedAt: request.startedAt,
        finishedAt: request.finishedAt,
        dryRun: request.dryRun,
        optionsHash: request.optionsHash,
        steps: request.steps,
      },
      ...state.recentRuns.filter((r) => r.runId !== request.runId),
    ].slice(0, MAX_RECENT_RUNS);
    publish();
    return state;
  });

  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_HISTORY_EVENTS);
  await condition(allHandlersFinished);
  await continueAsNew<typeof syncStateWorkflow>({ connection: input.connection, state, sequence });
}
