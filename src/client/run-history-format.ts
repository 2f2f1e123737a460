/**
 * Run history as the SalesWings Status page shows it: per run, per step the records examined,
 * modified successfully and failed, with the first errors. Pure functions over `RunRecord`s:
 * `summarizeRun` is the JSON shape, `formatRunHistory` the text table.
 */
import { errorText, firstErrors, modified, stepFigures, totals, type RecordError, type StepReport, type StepStatus } from '../workflows/report';
import { secondsText, stepRow } from './report-format';
import { type RunRecord } from './run-history';

export interface StepSummary {
  step: string;
  status: StepStatus;
  reason?: string;
  examined: number;
  created: number;
  updated: number;
  deleted: number;
  /** created + updated + deleted. */
  modified: number;
  failed: number;
  errors: RecordError[];
  details?: Record<string, number>;
}

/** One run in `sync report --json` (and `lastResult` of `sync status --json`). */
export interface RunSummary {
  workflowId: string;
  runId: string;
  /** Temporal's status of the execution (COMPLETED, FAILED, TERMINATED, …). */
  executionStatus: string;
  /** The run's own outcome: Completed, CompletedWithErrors, Failed, Skipped — or the execution status without a report. */
  status: string;
  mode: string | null;
  dryRun: boolean;
  fullSyncHonoured: boolean;
  since: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  totals: { examined: number; created: number; updated: number; deleted: number; modified: number; failed: number };
  steps: StepSummary[];
  /** The first errors across steps (at most 10), as on the Status page. */
  firstErrors: (RecordError & { step: string })[];
  problem?: string;
}

export const FIRST_ERRORS = 10;

function stepSummary(s: StepReport): StepSummary {
  return { ...stepFigures(s), errors: s.errors, ...(s.details ? { details: s.details } : {}) };
}

export function summarizeRun(run: RunRecord): RunSummary {
  const report = run.report;
  const steps = report?.steps ?? [];
  const sum = totals(steps);
  const finishedAt = report?.finishedAt ?? run.closedAt ?? null;
  const startedAt = report?.startedAt ?? run.startedAt;
  return {
    workflowId: run.workflowId,
    runId: run.runId,
    executionStatus: run.executionStatus,
    status: report?.status ?? run.outcome ?? run.executionStatus,
    mode: report?.mode ?? null,
    dryRun: report?.dryRun ?? false,
    fullSyncHonoured: report?.fullSyncHonoured ?? false,
    since: report?.since ?? null,
    startedAt,
    finishedAt,
    durationMs: finishedAt ? Date.parse(finishedAt) - Date.parse(startedAt) : null,
    totals: { ...sum, modified: modified(sum) },
    steps: steps.map(stepSummary),
    firstErrors: firstErrors(steps, FIRST_ERRORS),
    ...(run.problem ? { problem: run.problem } : {}),
  };
}

function seconds(ms: number | null): string {
  return ms === null ? '—' : secondsText(ms);
}

const INDENT = '    ';

/** The text block of one run: header, the steps that ran, skipped steps in one line, first errors. */
export function formatRun(summary: RunSummary, index?: number, errorsShown = 5): string[] {
  const label = index === undefined ? '' : `#${index} `;
  const kind = [summary.mode ?? '', summary.dryRun ? 'dry run' : '', summary.fullSyncHonoured ? 'full-sync request honoured' : ''].filter(Boolean).join(', ');
  const lines = [`${label}${summary.startedAt}  ${summary.status}${kind ? ` — ${kind}` : ''}, ${seconds(summary.durationMs)}  ${summary.workflowId}`];
  if (summary.problem) {
    lines.push(`    no report: ${summary.problem}`);
    return lines;
  }
  if (summary.status === 'Skipped') {
    lines.push('    skipped: another run of this connection held the lease (one sync per org at a time)');
    return lines;
  }
  const ran = summary.steps.filter((s) => s.status !== 'Skipped');
  const skipped = summary.steps.filter((s) => s.status === 'Skipped');
  lines.push(stepRow(INDENT, 'step', 'status', 'examined', 'modified', 'failed'));
  for (const s of ran) {
    lines.push(stepRow(INDENT, s.step, s.status, s.examined, s.modified, s.failed) + (s.status === 'Failed' && s.reason ? `  ${s.reason}` : ''));
  }
  lines.push(stepRow(INDENT, 'total', '', summary.totals.examined, summary.totals.modified, summary.totals.failed));
  if (skipped.length > 0) lines.push(`    skipped (${skipped.length}): ${skipped.map((s) => s.step).join(', ')}`);
  const errors = summary.firstErrors.slice(0, errorsShown);
  if (errors.length > 0) {
    lines.push('    first errors:');
    for (const e of errors) lines.push(`      ${e.step}: ${errorText(e)}`);
    const more = summary.totals.failed - errors.length;
    if (more > 0) lines.push(`      … ${more} more failed record${more === 1 ? '' : 's'} (see --json or the run in the Web UI)`);
  }
  return lines;
}

/** `sync report` as text: the runs, newest first. */
export function formatRunHistory(connection: string, summaries: readonly RunSummary[], requested: number): string {
  if (summaries.length === 0) return `No finished sync runs of connection ${connection} in Temporal's visibility (runs are kept for the namespace's retention period).`;
  const head = `Last ${summaries.length} run${summaries.length === 1 ? '' : 's'} of connection ${connection}, newest first${summaries.length < requested ? ` (asked for ${requested})` : ''}:`;
  return [head, ...summaries.flatMap((s, i) => ['', ...formatRun(s, i + 1)])].join('\n');
}
