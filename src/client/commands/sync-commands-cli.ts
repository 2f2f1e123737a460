/**
 * `saleswings-sync sync run|full`.
 */
import { type Command } from 'commander';
import { EXIT, type CliContext } from '../cli-context';
import { formatDryRunPlan } from '../dry-run-format';
import { requestFullSyncNow, startSyncRun, waitForReport } from '../sync-commands';
import { formatReport } from '../report-format';
import { stateTargetOf } from '../sync-state';

/** Registers `sync run|full` and returns the `sync` command for the other `sync` subcommands. */
export function registerSyncCommands(program: Command, ctx: CliContext): Command {
  const sync = program.command('sync').description('start runs, request full syncs, see what is running and what past runs did');

  sync
    .command('run')
    .description('start a sync run now (it is skipped if another run of the connection is in progress)')
    .option('--full', 'full sync: read every prospect (also honours a pending full-sync request)')
    .option('--wait', 'wait for the run and print its report')
    .option('--dry-run', 'read everything, write nothing, report what would change')
    .option('--force', 'let deletion steps exceed the deletion guard')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  saleswings-sync sync run --wait\n  saleswings-sync sync run --full --wait --json\n  saleswings-sync sync run --dry-run --wait')
    .action(async (opts: { full?: boolean; wait?: boolean; dryRun?: boolean; force?: boolean; json?: boolean }) => {
      const { settings } = ctx.config();
      const handle = await startSyncRun(await ctx.client(), stateTargetOf(settings), opts);
      if (!opts.wait) {
        const hint = opts.dryRun ? ' (dry run: add --wait to print the plan, or see `saleswings-sync sync report`)' : '';
        ctx.out(opts.json ? JSON.stringify({ workflowId: handle.workflowId }) : `Started ${handle.workflowId}${hint}`);
        return;
      }
      const report = await waitForReport(handle);
      if (opts.json) ctx.out(JSON.stringify(report));
      else ctx.out(report.dryRun ? formatDryRunPlan(report) : formatReport(report));
      if (report.status === 'Failed') ctx.setExitCode(EXIT.failed);
    });

  sync
    .command('full')
    .description('request a full sync: honoured by the running sync before GetProspects, or by a run started now')
    .option('--reason <text>', 'why, kept with the request')
    .option('--json', 'print JSON')
    .action(async (opts: { reason?: string; json?: boolean }) => {
      const { settings } = ctx.config();
      const outcome = await requestFullSyncNow(await ctx.client(), stateTargetOf(settings), { reason: opts.reason, requestedBy: 'cli' });
      if (opts.json) ctx.out(JSON.stringify(outcome));
      else if (outcome.startedRun) ctx.out(`Full sync requested; started ${outcome.startedRun} to honour it.`);
      else ctx.out(`Full sync requested; ${outcome.runningSync} honours it if it has not reached GetProspects, otherwise the next run does.`);
    });

  return sync;
}
