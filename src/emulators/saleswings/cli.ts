/**
 * Runs the SalesWings emulator on its own, with a generated dataset:
 *
 *   node scripts/run-ts.js src/emulators/saleswings/cli.ts --port 4010 --prospects 1000 --seed 42 [--token T]
 *
 * Prints the API URL, token and admin URL, then serves until Ctrl-C.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startSalesWingsEmulator } from './server';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function share(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('saleswings-emulator')
    .description('SalesWings API emulator with a seeded dataset (docs/emulators/saleswings.md)')
    .option('--port <port>', 'TCP port (0 = any free port)', integer, 4010)
    .option('--host <host>', 'interface to bind; the admin API has no auth', '127.0.0.1')
    .option('--token <token>', 'Bearer token to accept (random when omitted)')
    .option('--prospects <n>', 'prospects to generate', integer, 1000)
    .option('--seed <seed>', 'generator seed', '42')
    .option('--tags <n>', 'tag definitions', integer, 12)
    .option('--scores <n>', 'score definitions', integer, 4)
    .option('--activities-per-prospect <n>', 'average activities per prospect', integer, 2)
    .option('--archived-tag-share <share>', 'share of archived tags', share, 0.2)
    .option('--as-of <iso>', 'the dataset\'s "now" (every timestamp lies before it)')
    .parse();
  const opts = program.opts<{
    port: number;
    host: string;
    token?: string;
    prospects: number;
    seed: string;
    tags: number;
    scores: number;
    activitiesPerProspect: number;
    archivedTagShare: number;
    asOf?: string;
  }>();

  const emulator = await startSalesWingsEmulator({ port: opts.port, host: opts.host, token: opts.token });
  const started = Date.now();
  const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
  const dataset = emulator.generate({
    seed,
    prospects: opts.prospects,
    tags: opts.tags,
    scores: opts.scores,
    activitiesPerProspect: opts.activitiesPerProspect,
    archivedTagShare: opts.archivedTagShare,
    asOf: opts.asOf,
  });
  const lines = [
    `SalesWings emulator listening`,
    `  url:    ${emulator.url}`,
    `  token:  ${emulator.token}`,
    `  admin:  ${emulator.adminUrl}  (e.g. curl ${emulator.adminUrl}/state)`,
    `  data:   ${dataset.prospects.length} prospects, ${dataset.tags.length} tags, ${dataset.scores.length} scores, ` +
      `${dataset.activities.length} activities (seed ${opts.seed}, ${Date.now() - started} ms)`,
    `Press Ctrl-C to stop.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
