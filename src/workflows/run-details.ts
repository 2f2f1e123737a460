/**
 * The run's "Current Details" in the Temporal Web UI: a Markdown table of the steps so far,
 * rendered from the report (what users see is derived from state).
 */
import { type SyncProgress } from './messages';
import { modified, totals, type SyncReport } from './report';

const ICON: Record<string, string> = {
  Completed: '✅',
  CompletedWithErrors: '⚠️',
  Failed: '❌',
  Skipped: '⏭️',
};

export function renderRunDetails(report: SyncReport, progress: SyncProgress): string {
  const sum = totals(report.steps);
  const lines = [
    `**${report.mode} sync** of \`${report.connection}\` — ${report.status}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    report.since ? `Prospects changed since ${report.since}` : '',
    progress.currentStep ? `Running **${progress.currentStep}** since ${progress.currentStepStartedAt}` : '',
    '',
    '| Step | Status | Examined | Modified | Failed |',
    '|---|---|---:|---:|---:|',
    ...report.steps.map(
      (s) => `| ${s.step} | ${ICON[s.status] ?? ''} ${s.status}${s.reason && s.status !== 'Completed' ? ` — ${s.reason}` : ''} | ${s.examined} | ${modified(s)} | ${s.failed} |`,
    ),
    ...(progress.currentStep ? [`| ${progress.currentStep} | ⏳ running | | | |`] : []),
    `| **Total** | | ${sum.examined} | ${modified(sum)} | ${sum.failed} |`,
  ];
  const firstErrors = report.steps.flatMap((s) => s.errors.map((e) => ({ step: s.step, ...e }))).slice(0, 5);
  if (firstErrors.length > 0) {
    lines.push('', '**First errors**', ...firstErrors.map((e) => `- ${e.step}: \`${e.code}\` ${e.message}${e.recordId ? ` (${e.recordId})` : ''}`));
  }
  // Current details are capped at 20 KB; the report itself has every figure.
  return lines.filter((l, i) => l !== '' || i > 0).join('\n').slice(0, 19_000);
}
