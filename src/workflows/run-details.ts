/**
 * The run's "Current Details" in the Temporal Web UI: a Markdown table of the steps so far,
 * rendered from the report (what users see is derived from state).
 */
import { type SyncProgress } from './messages';
import { errorText, firstErrors, modified, totals, type SyncReport } from './report';

/**
 * Markdown as the Web UI renders it: header lines are separate paragraphs (single line breaks
 * run together), statuses are words (emoji need fonts an operator's browser may lack), and the
 * last line is a hint the UI may clip without loss (it sizes the frame slightly too short).
 */
export function renderRunDetails(report: SyncReport, progress: SyncProgress): string {
  const sum = totals(report.steps);
  const shown = report.steps.filter((s) => s.status !== 'Skipped');
  const skipped = report.steps.filter((s) => s.status === 'Skipped');
  const lines = [
    `**${report.mode} sync** of \`${report.connection}\` — ${report.status}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    ...(report.since ? ['', `Prospects changed since ${report.since}`] : []),
    ...(progress.currentStep ? ['', `Running **${progress.currentStep}** since ${progress.currentStepStartedAt}`] : []),
    '',
    '| Step | Status | Examined | Modified | Failed |',
    '|---|---|---:|---:|---:|',
    ...shown.map(
      (s) => `| ${s.step} | ${s.status}${s.reason && s.status !== 'Completed' ? ` — ${s.reason}` : ''} | ${s.examined} | ${modified(s)} | ${s.failed} |`,
    ),
    ...(progress.currentStep ? [`| ${progress.currentStep} | running | | | |`] : []),
    `| **Total** | | ${sum.examined} | ${modified(sum)} | ${sum.failed} |`,
  ];
  if (skipped.length > 0) lines.push('', `Skipped (options): ${skipped.map((s) => s.step).join(', ')}`);
  const errors = firstErrors(report.steps, 5);
  if (errors.length > 0) lines.push('', '**First errors**', '', ...errors.map((e) => `- ${e.step}: ${errorText(e)}`));
  lines.push('', '_Every figure: query `progress` (running) or the run result._');
  // Current details are capped at 20 KB; the report itself has every figure.
  return lines.join('\n').slice(0, 19_000);
}
