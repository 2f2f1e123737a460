/**
 * Which Leads/Contacts SendRecordUpdates reads: those modified (`SystemModstamp`) since the
 * start of the last run whose SendRecordUpdates step completed, less an overlap — or all linked
 * ones when no such run is known.
 *
 * The position is not remembered anywhere of its own: it is derived from the SW Apex Job log the
 * runs leave in the org. Correctness does not depend on it. What is sent is decided per record by
 * its fingerprint, so a window that starts too early only costs reading; the window can only
 * start too late if a run claimed a completed step it did not complete, which the log never
 * does (dry runs write no job; a failed or cancelled step is not `Completed`). A lost, pruned or
 * unreadable log means a full scan.
 *
 * Pure: no I/O and no clock.
 */
import { parseInstant } from './values';

/** A previous run as the SW Apex Job log shows it. */
export interface PushRunRecord {
  /** The run's `Started_At__c`. */
  startedAt: string | null;
  /** Status of its SendRecordUpdates step (`Completed`, `CompletedWithErrors`, `Failed`, `Skipped`), if listed. */
  pushStatus: string | undefined;
}

/**
 * Step outcomes after which every change made before the run started has been handled: sent
 * and fingerprinted, or rejected and marked for the next run (record-level failures make a step
 * `CompletedWithErrors`, never `Failed`).
 */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['Completed', 'CompletedWithErrors']);

export interface PushWindow {
  /** `SystemModstamp >= since`; absent: every linked record (full scan). */
  since?: string;
  /** Why this window, for the step's log and tests. */
  basis: 'full-sync' | 'no-completed-run' | 'since-last-run';
}

export interface PushWindowInput {
  /** A full sync re-checks every linked record. */
  full: boolean;
  /** Recent runs, any order. */
  runs: readonly PushRunRecord[];
  /**
   * Re-read this much before the last run's start: covers clock skew between the worker and
   * Salesforce and transactions that committed late with an earlier SystemModstamp.
   */
  overlapSeconds: number;
}

export function pushWindow(input: PushWindowInput): PushWindow {
  if (input.full) return { basis: 'full-sync' };
  let latest: number | undefined;
  for (const run of input.runs) {
    if (run.startedAt === null || run.pushStatus === undefined || !SETTLED_STATUSES.has(run.pushStatus)) continue;
    const at = parseInstant(run.startedAt);
    if (at !== null && (latest === undefined || at > latest)) latest = at;
  }
  if (latest === undefined) return { basis: 'no-completed-run' };
  return { since: new Date(latest - input.overlapSeconds * 1000).toISOString(), basis: 'since-last-run' };
}
