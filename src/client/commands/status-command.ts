/**
 * `saleswings-sync sync status`: what is running now, what runs next, how the last run ended,
 * whether a full sync is pending.
 */
import { type Command } from 'commander';
import { type CliContext } from '../cli-context';
import { gatherSyncStatus } from '../sync-status';
import { formatSyncStatus, syncStatusJson } from '../sync-status-format';

export function registerStatusCommand(sync: Command, ctx: CliContext): void {
  sync
    .command('status')
    .description('the running sync (step, per-step figures, matching progress), the next scheduled run, the last result, a pending full sync')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  saleswings-sync sync status',
        '  saleswings-sync sync status --json | jq .running.currentStep',
        '  watch -n 5 saleswings-sync sync status',
        '',
        'Progress bars are drawn when stdout is a terminal; piped output has plain figures.',
      ].join('\n'),
    )
    .action(async (opts: { json?: boolean }) => {
      const { connection } = ctx.config().settings;
      const status = await gatherSyncStatus(await ctx.client(), connection);
      ctx.out(opts.json ? JSON.stringify(syncStatusJson(status)) : formatSyncStatus(status, { tty: ctx.isTTY }));
    });
}
