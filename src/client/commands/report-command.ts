/**
 * `saleswings-sync sync report`: the last runs of the connection with per-step figures and the
 * first errors — the SalesWings Status page, from Temporal.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { type CliContext } from '../cli-context';
import { DEFAULT_RUN_HISTORY, runHistory } from '../run-history';
import { formatRunHistory, summarizeRun } from '../run-history-format';

/** The most runs one call reads (each is one history read). */
export const MAX_RUN_HISTORY = 200;

function runCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RUN_HISTORY) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_RUN_HISTORY}`);
  return n;
}

export function registerReportCommand(sync: Command, ctx: CliContext): void {
  sync
    .command('report')
    .description(`the last N finished runs (default ${DEFAULT_RUN_HISTORY}), newest first: per step examined / modified / failed and the first errors`)
    .option('--last <n>', 'how many runs', runCount, DEFAULT_RUN_HISTORY)
    .option('--json', 'print one JSON object: { connection, runs: [...] }')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  saleswings-sync sync report',
        '  saleswings-sync sync report --last 5',
        "  saleswings-sync sync report --json | jq '.runs[] | {workflowId, status, failed: .totals.failed}'",
        '',
        "Runs come from Temporal's visibility, so they are kept for the namespace's retention period.",
      ].join('\n'),
    )
    .action(async (opts: { last: number; json?: boolean }) => {
      const { connection } = ctx.config().settings;
      const runs = (await runHistory(await ctx.client(), connection, opts.last)).map(summarizeRun);
      ctx.out(opts.json ? JSON.stringify({ connection, runs }) : formatRunHistory(connection, runs, opts.last));
    });
}
