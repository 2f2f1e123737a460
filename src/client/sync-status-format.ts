/**
 * `sync status` output: text with progress bars for terminals (plain lines otherwise) and the
 * JSON object. Pure functions over the gathered `SyncStatus`.
 */
import { modified, totals } from '../workflows/report';
import { type MatchProgress, type SyncProgress } from '../workflows/messages';
import { progressBar } from './progress-bar';
import { stepRow } from './report-format';
import { formatRun, summarizeRun, type RunSummary } from './run-history-format';
import { type RunningSync, type ScheduleStatus, type SyncStatus } from './sync-status';

/** Steps finished (run or skipped) and the total, from the progress query. */
export function stepProgress(progress: SyncProgress): { done: number; total: number } {
  const done = progress.steps.length;
  return { done, total: done + (progress.currentStep ? 1 : 0) + progress.remaining.length };
}

export interface SyncStatusJson {
  connection: string;
  running: null | {
    workflowId: string;
    foundBy: RunningSync['foundBy'];
    startedAt: string | null;
    mode: string | null;
    currentStep: string | null;
    currentStepStartedAt: string | null;
    stepsDone: number | null;
    stepsTotal: number | null;
    /** Steps finished so far, with their figures. */
    steps: SyncProgress['steps'];
    remaining: string[];
    matching: MatchProgress | null;
    problem: string | null;
  };
  schedule: ScheduleStatus;
  lastResult: RunSummary | null;
  fullSyncPending: boolean;
  fullSync: NonNullable<SyncStatus['state']>['fullSync'] | null;
  watermark: string | null;
  staleLease: SyncStatus['staleLease'] | null;
  problems: string[];
}

export function syncStatusJson(status: SyncStatus): SyncStatusJson {
  const r = status.running;
  const p = r?.progress;
  const counts = p ? stepProgress(p) : undefined;
  return {
    connection: status.connection,
    running: r
      ? {
          workflowId: r.workflowId,
          foundBy: r.foundBy,
          startedAt: r.startedAt ?? null,
          mode: p?.mode ?? null,
          currentStep: p ? (p.currentStep ?? null) : (r.step ?? null),
          currentStepStartedAt: p?.currentStepStartedAt ?? null,
          stepsDone: counts?.done ?? null,
          stepsTotal: counts?.total ?? null,
          steps: p?.steps ?? [],
          remaining: p?.remaining ?? [],
          matching: r.matching ?? null,
          problem: r.problem ?? null,
        }
      : null,
    schedule: status.schedule,
    lastResult: status.lastResult ? summarizeRun(status.lastResult) : null,
    fullSyncPending: status.state?.fullSync.pending ?? false,
    fullSync: status.state?.fullSync ?? null,
    watermark: status.state?.watermark ?? null,
    staleLease: status.staleLease ?? null,
    problems: status.problems,
  };
}

function matchingLines(m: MatchProgress, tty: boolean): string[] {
  const objects = m.side === 'Lead' ? 'Leads' : 'Contacts';
  return [
    `  matching  ${objects}${m.strategy ? ` (${m.strategy})` : ''}: ${progressBar(m.completed, m.started, { tty })} of the prospects handed out so far, ${m.inFlight} in flight`,
    `            matched ${m.matched} · no match ${m.noMatch} · failed ${m.failed} · gave up ${m.gaveUp}${m.published ? ` · published ${m.published}` : ''}`,
  ];
}

function runningLines(r: RunningSync, tty: boolean): string[] {
  const p = r.progress;
  const what = [p?.mode, `started ${r.startedAt ?? '?'}`].filter(Boolean).join(', ');
  const lines = [`Running   ${r.workflowId} (${what})`];
  if (!p) {
    lines.push(`  step      ${r.step ?? 'unknown'} (from search attributes)`, `  progress  unavailable: ${r.problem ?? 'unknown'}`);
    return lines;
  }
  const { done, total } = stepProgress(p);
  lines.push(`  steps     ${total > 0 ? progressBar(done, total, { tty }) : 'starting'}`);
  if (p.currentStep) lines.push(`  now       ${p.currentStep} since ${p.currentStepStartedAt ?? '?'}`);
  if (r.matching) lines.push(...matchingLines(r.matching, tty));
  const ran = p.steps.filter((s) => s.status !== 'Skipped');
  if (ran.length > 0) {
    lines.push(stepRow('  ', 'done', 'status', 'examined', 'modified', 'failed'));
    for (const s of ran) lines.push(stepRow('  ', s.step, s.status, s.examined, modified(s), s.failed));
    const sum = totals(ran);
    if (sum.failed > 0) lines.push(`  ${sum.failed} record${sum.failed === 1 ? '' : 's'} failed so far`);
  }
  return lines;
}

function scheduleLine(s: ScheduleStatus): string {
  if (!s.exists) return `Schedule  none (${s.scheduleId}): runs start only by hand; \`saleswings-sync schedule apply\` creates it`;
  const every = s.every?.length ? `every ${s.every.join(', ')}` : 'no interval';
  if (s.paused) return `Schedule  ${s.scheduleId}: PAUSED (${s.note ?? 'no note'}), ${every}; no run is scheduled until \`saleswings-sync schedule unpause\``;
  return `Schedule  ${s.scheduleId}: active, ${every}; next run ${s.nextRunAt ?? 'not planned'}`;
}

/** `sync status` as text. */
export function formatSyncStatus(status: SyncStatus, options: { tty: boolean }): string {
  const lines = [`Connection ${status.connection}`, ''];
  if (status.running) lines.push(...runningLines(status.running, options.tty));
  else lines.push('Running   nothing: no sync run of this connection is in progress');
  if (status.staleLease) {
    const l = status.staleLease;
    lines.push(`Lease     still held by ${l.runId} (${l.executionStatus}, since ${l.since}): the next run finds it dead and releases it`);
  }
  lines.push('', scheduleLine(status.schedule));

  const full = status.state?.fullSync;
  if (!status.state) lines.push('Full sync not requested (no sync state yet: the first run is a full sync)');
  else if (full?.pending) {
    const who = [full.reason ? `"${full.reason}"` : '', full.requestedBy ? `by ${full.requestedBy}` : ''].filter(Boolean).join(' ');
    lines.push(`Full sync PENDING since ${full.requestedAt ?? '?'}${who ? ` (${who})` : ''}${full.claimedBy ? `, being honoured by ${full.claimedBy}` : ', honoured by the next run'}`);
  } else lines.push('Full sync not requested');
  if (status.state?.watermark) lines.push(`Watermark prospects changed since ${status.state.watermark} are read by the next incremental run`);

  lines.push('');
  if (status.lastResult) {
    const [header, ...rest] = formatRun(summarizeRun(status.lastResult), undefined, 3);
    lines.push(`Last result ${header}`, ...rest);
  } else lines.push('Last result none: no finished sync run in visibility');

  if (status.problems.length > 0) lines.push('', 'Could not read:', ...status.problems.map((p) => `  ${p}`));
  return lines.join('\n');
}
