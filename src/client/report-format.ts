/**
 * A SyncReport as text for terminals: one line per step with its figures, then the first errors.
 */
import { errorText, firstErrors, modified, totals, type SyncReport } from '../workflows/report';

export function formatReport(report: SyncReport): string {
  const sum = totals(report.steps);
  const duration = report.finishedAt ? `${((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1)} s` : 'running';
  const lines = [
    `${report.runId}: ${report.status} — ${report.mode}${report.dryRun ? ' (dry run)' : ''}, ${duration}`,
    report.since ? `  prospects changed since ${report.since}` : '',
    `  ${'step'.padEnd(26)} ${'status'.padEnd(20)} ${'examined'.padStart(9)} ${'modified'.padStart(9)} ${'failed'.padStart(7)}`,
    ...report.steps.map(
      (s) =>
        `  ${s.step.padEnd(26)} ${s.status.padEnd(20)} ${String(s.examined).padStart(9)} ${String(modified(s)).padStart(9)} ${String(s.failed).padStart(7)}` +
        (s.status === 'Skipped' || s.status === 'Failed' ? `  ${s.reason ?? ''}` : ''),
    ),
    `  ${'total'.padEnd(26)} ${''.padEnd(20)} ${String(sum.examined).padStart(9)} ${String(modified(sum)).padStart(9)} ${String(sum.failed).padStart(7)}`,
  ];
  const errors = firstErrors(report.steps, 10).map((e) => `  ${e.step}: ${errorText(e)}`);
  if (errors.length > 0) lines.push('  first errors:', ...errors);
  return lines.filter(Boolean).join('\n');
}
