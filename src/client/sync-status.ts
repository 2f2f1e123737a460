/**
 * `sync status` data: the run in progress (found through the state workflow's lease, else
 * through visibility) with its `progress` query and, while matching, the match step's
 * `matchProgress`; the schedule's next run; the last finished run's report; and whether a full
 * sync is pending. Every part that cannot be read is reported as a problem, not thrown: an
 * operator asking "what is going on" gets every answer that is available.
 */
import { type Client, type ScheduleDescription } from '@temporalio/client';
import { type StepName } from '../config/steps';
import { matchStepWorkflowId, scheduleId } from '../workflows/ids';
import { matchProgressQuery, progressQuery, type MatchProgress, type SyncProgress, type SyncState } from '../workflows/messages';
import { SyncStepKey } from '../workflows/search-attributes';
import { listSyncRuns, runHistory, type RunRecord } from './run-history';
import { describeSchedule } from './schedules';
import { readSyncState } from './sync-state';
import { describeProblem, withDeadline } from './visibility';

export interface RunningSync {
  workflowId: string;
  /** How it was found: the lease in the state workflow, or visibility. */
  foundBy: 'lease' | 'visibility';
  startedAt?: string;
  progress?: SyncProgress;
  /** The current match step's progress, while a match step runs. */
  matching?: MatchProgress;
  /** The `SyncStep` search attribute: the step when progress cannot be queried. */
  step?: string;
  /** Why progress is missing. */
  problem?: string;
}

export interface ScheduleStatus {
  scheduleId: string;
  exists: boolean;
  paused?: boolean;
  note?: string | null;
  every?: string[];
  nextRunAt?: string | null;
}

export interface SyncStatus {
  connection: string;
  /** Absent when no run is in progress. */
  running?: RunningSync;
  schedule: ScheduleStatus;
  /** The newest finished run with its report. */
  lastResult?: RunRecord;
  /** Absent before the first run (no state workflow yet) or when it could not be read. */
  state?: {
    watermark?: string;
    fullSync: SyncState['fullSync'];
    lease?: SyncState['lease'];
  };
  /** The lease is held by a run that is no longer running (terminated, timed out): the next run releases it. */
  staleLease?: { runId: string; since: string; executionStatus: string };
  /** Parts that could not be read, e.g. `state: no worker answered in time`. */
  problems: string[];
}

const MATCH_SIDES: Partial<Record<StepName, ('Lead' | 'Contact')[]>> = {
  MatchProspectsToLeads: ['Lead'],
  MatchProspectsToContacts: ['Contact'],
  // The deprecated single step runs the Lead side, then the Contact side: a running Contact side
  // means the Lead side is done, so it is looked at first.
  MatchProspects: ['Contact', 'Lead'],
};

async function matchingOf(client: Client, runId: string, step: StepName | undefined): Promise<MatchProgress | undefined> {
  for (const side of (step && MATCH_SIDES[step]) ?? []) {
    const handle = client.workflow.getHandle(matchStepWorkflowId(runId, side));
    try {
      if ((await handle.describe()).status.name !== 'RUNNING') continue;
      return await withDeadline(client, () => handle.query(matchProgressQuery));
    } catch {
      // Not started yet (the step is still listing its first page) or not answering.
    }
  }
  return undefined;
}

/**
 * The run if it is running, with its progress; `status` is its execution status either way
 * (`NOT_FOUND` when it cannot be described).
 */
async function runningSync(client: Client, workflowId: string, foundBy: RunningSync['foundBy']): Promise<{ running?: RunningSync; status: string }> {
  const handle = client.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch {
    return { status: 'NOT_FOUND' };
  }
  const status: string = description.status.name;
  if (status !== 'RUNNING') return { status };
  const running: RunningSync = { workflowId, foundBy, startedAt: description.startTime.toISOString(), step: description.typedSearchAttributes.get(SyncStepKey) };
  try {
    running.progress = await withDeadline(client, () => handle.query(progressQuery));
    running.matching = await matchingOf(client, workflowId, running.progress.currentStep);
  } catch (error) {
    running.problem = describeProblem(error);
  }
  return { running, status };
}

/** A schedule interval as configured (`15m`): describe() returns milliseconds. */
export function intervalText(every: unknown): string {
  const ms = typeof every === 'number' ? every : Number(every);
  if (!Number.isFinite(ms)) return String(every);
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** A schedule's paused state, note and intervals, as `sync status` and `schedule describe` show them. */
export function scheduleStateOf(d: ScheduleDescription): { paused: boolean; note: string | null; every: string[] } {
  return {
    paused: d.state.paused,
    note: d.state.note ?? null,
    every: d.spec.intervals?.map((i) => intervalText(i.every)) ?? [],
  };
}

async function scheduleStatus(client: Client, connection: string): Promise<ScheduleStatus> {
  const d = await describeSchedule(client, connection);
  if (!d) return { scheduleId: scheduleId(connection), exists: false };
  const { paused, note, every } = scheduleStateOf(d);
  return {
    scheduleId: d.scheduleId,
    exists: true,
    paused,
    note,
    every,
    nextRunAt: paused ? null : (d.info.nextActionTimes[0]?.toISOString() ?? null),
  };
}

/** Everything `sync status` shows, read in parallel where independent. */
export async function gatherSyncStatus(client: Client, connection: string): Promise<SyncStatus> {
  const problems: string[] = [];
  const [state, schedule, last] = await Promise.all([
    withDeadline(client, () => readSyncState(client, connection)).catch((error: unknown) => {
      problems.push(`state: ${describeProblem(error)}`);
      return undefined;
    }),
    scheduleStatus(client, connection),
    runHistory(client, connection, 1).catch((error: unknown) => {
      problems.push(`last result: ${describeProblem(error)}`);
      return [] as RunRecord[];
    }),
  ]);

  const lease = state?.lease;
  let running: RunningSync | undefined;
  let staleLease: SyncStatus['staleLease'];
  if (lease) {
    const leaseHolder = await runningSync(client, lease.runId, 'lease');
    running = leaseHolder.running;
    if (!running) staleLease = { runId: lease.runId, since: lease.since, executionStatus: leaseHolder.status };
  }
  if (!running) {
    // No lease (or a stale one): visibility lists what Temporal itself sees running.
    const candidates = await listSyncRuns(client, connection, { limit: 5, state: 'running' }).catch((error: unknown) => {
      problems.push(`running runs: ${describeProblem(error)}`);
      return [] as RunRecord[];
    });
    for (const candidate of candidates) {
      ({ running } = await runningSync(client, candidate.workflowId, 'visibility'));
      if (running) break;
    }
  }
  return {
    connection,
    ...(running ? { running } : {}),
    schedule,
    ...(last[0] ? { lastResult: last[0] } : {}),
    ...(state ? { state: { watermark: state.watermark, fullSync: state.fullSync, lease: state.lease } } : {}),
    ...(staleLease ? { staleLease } : {}),
    problems,
  };
}
