/**
 * Readable, deterministic ids (architecture §3). `<connection>` names the org connection
 * (`default` unless configured) so one deployment can serve several orgs.
 */

/** The schedule; the server appends the scheduled time to the ids of the runs it starts. */
export function scheduleId(connection: string): string {
  return `saleswings-sync-${connection}`;
}

/** Prefix of every sync run of a connection (scheduled, triggered or manual). */
export function syncRunIdPrefix(connection: string): string {
  return `saleswings-sync-${connection}-`;
}

/** A run started from the CLI outside the schedule. */
export function manualSyncRunId(connection: string, isoTime: string): string {
  return `${syncRunIdPrefix(connection)}manual-${isoTime.replace(/[:.]/g, '-')}`;
}

/** The long-lived workflow holding the watermark, pending full-sync requests and the run lease. */
export function syncStateWorkflowId(connection: string): string {
  return `saleswings-state-${connection}`;
}

/** The batch layer of one match step of one run. */
export function matchStepWorkflowId(runId: string, side: 'Lead' | 'Contact'): string {
  return `${runId}-match-${side.toLowerCase()}s`;
}

/**
 * One prospect's match workflow. The same id is reused by every run and by both sides (the
 * Lead step finishes before the Contact step starts), so the id's list of runs in the Web UI is
 * the prospect's whole match history.
 */
export function matchProspectWorkflowId(connection: string, prospectId: string): string {
  return `saleswings-match-${connection}-${prospectId}`;
}
