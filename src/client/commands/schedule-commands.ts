/**
 * `saleswings-sync schedule apply|describe|pause|unpause|trigger`.
 */
import { type Command } from 'commander';
import { type CliContext } from '../cli-context';
import { applySchedule, describeSchedule, pauseSchedule, scheduleSettingsOf, triggerSchedule, unpauseSchedule } from '../schedules';
import { scheduleStateOf } from '../sync-status';

export function registerScheduleCommands(program: Command, ctx: CliContext): void {
  const schedule = program.command('schedule').description("manage the connection's Temporal Schedule (id saleswings-sync-<connection>)");

  schedule
    .command('apply')
    .description('create the schedule, or update it to match the configuration (idempotent)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  SYNC_OPTIONS_FILE=sync-options.json saleswings-sync schedule apply')
    .action(async (opts: { json?: boolean }) => {
      const settings = scheduleSettingsOf(ctx.config());
      const result = await applySchedule(await ctx.client(), settings);
      ctx.out(
        opts.json
          ? JSON.stringify({ ...result, intervalMinutes: settings.intervalMinutes })
          : `${result.created ? 'Created' : 'Updated'} schedule ${result.scheduleId}: every ${settings.intervalMinutes} min, overlapping runs skipped`,
      );
    });

  schedule
    .command('describe')
    .description('show the schedule: state, interval, next runs, recent runs')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { connection } = ctx.config().settings;
      const d = await describeSchedule(await ctx.client(), connection);
      if (!d) {
        ctx.out(opts.json ? JSON.stringify({ exists: false }) : `No schedule for connection ${connection}: run \`saleswings-sync schedule apply\`.`);
        return;
      }
      const { paused, note, every } = scheduleStateOf(d);
      const summary = {
        exists: true,
        scheduleId: d.scheduleId,
        paused,
        note,
        intervals: every,
        overlap: d.policies.overlap,
        nextRuns: d.info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
        running: d.info.runningActions.map((a) => a.workflow.workflowId),
        recentRuns: d.info.recentActions.slice(-5).map((a) => ({ workflowId: a.action.workflow.workflowId, scheduledAt: a.scheduledAt.toISOString() })),
      };
      if (opts.json) {
        ctx.out(JSON.stringify(summary));
        return;
      }
      ctx.out(`Schedule ${summary.scheduleId}: ${summary.paused ? `PAUSED (${summary.note ?? 'no note'})` : 'active'}, every ${summary.intervals.join(', ')}`);
      ctx.out(`Next runs: ${summary.nextRuns.join(', ') || '—'}`);
      ctx.out(`Running: ${summary.running.join(', ') || 'nothing'}`);
      for (const r of summary.recentRuns) ctx.out(`  ${r.scheduledAt}  ${r.workflowId}`);
    });

  schedule
    .command('pause')
    .description('pause scheduled runs (a running sync finishes)')
    .option('--note <text>', 'why, shown in the Web UI')
    .action(async (opts: { note?: string }) => {
      await pauseSchedule(await ctx.client(), ctx.config().settings.connection, opts.note);
      ctx.out('Schedule paused.');
    });

  schedule
    .command('unpause')
    .description('resume scheduled runs')
    .option('--note <text>', 'why, shown in the Web UI')
    .action(async (opts: { note?: string }) => {
      await unpauseSchedule(await ctx.client(), ctx.config().settings.connection, opts.note);
      ctx.out('Schedule unpaused.');
    });

  schedule
    .command('trigger')
    .description('start a scheduled run now (skipped if one is running)')
    .action(async () => {
      await triggerSchedule(await ctx.client(), ctx.config().settings.connection);
      ctx.out('Triggered.');
    });
}
