/**
 * A SyncReport as text for terminals: one line per step with its figures, then the first errors.
 */
import { errorText, firstErrors, modified, totals, type SyncReport } from '../workflows/report';

/** Milliseconds as seconds with one decimal: `12.3 s`. */
export function secondsText(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** How long a run took, or `running` before it finished. */
export function runDuration(report: Pick<SyncReport, 'startedAt' | 'finishedAt'>): string {
  return report.finishedAt ? secondsText(Date.parse(report.finishedAt) - Date.parse(report.startedAt)) : 'running';
}

/** One row of a step table (step, status, examined, modified, failed), after `indent`. */
export function stepRow(indent: string, step: string, status: string, examined: number | string, written: number | string, failed: number | string): string {
  return `${indent}${step.padEnd(26)} ${status.padEnd(20)} ${String(examined).padStart(9)} ${String(written).padStart(9)} ${String(failed).padStart(7)}`;
}

export function formatReport(report: SyncReport): string {
  const sum = totals(report.steps);
  const lines = [
    `${report.runId}: ${report.status} — ${report.mode}${report.dryRun ? ' (dry run)' : ''}, ${runDuration(report)}`,
    report.since ? `  prospects changed since ${report.since}` : '',
    stepRow('  ', 'step', 'status', 'examined', 'modified', 'failed'),
    ...report.steps.map(
      (s) =>
        stepRow('  ', s.step, s.status, s.examined, modified(s), s.failed) +
        (s.status === 'Skipped' || s.status === 'Failed' ? `  ${s.reason ?? ''}` : ''),
    ),
    stepRow('  ', 'total', '', sum.examined, modified(sum), sum.failed),
  ];
  const errors = firstErrors(report.steps, 10).map((e) => `  ${e.step}: ${errorText(e)}`);
  if (errors.length > 0) lines.push('  first errors:', ...errors);
  return lines.filter(Boolean).join('\n');
}
