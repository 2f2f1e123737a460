/**
 * `npm run bench -- --prospects N [--changes 0.01] [--strategy auto|per-prospect|batch]
 * [--latency ms] [--json path] [--no-direct] [--all-features]`
 *
 * Prints the tables on stdout, progress on stderr, and writes the JSON report to
 * `bench/results/<timestamp>.json` (git-ignored) and to `--json` when given. See
 * docs/benchmarks.md for what each figure means and the recorded results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { runBenchmark } from './harness';
import { parseBenchArgs } from './options';
import { renderReport } from './render';

export const RESULTS_DIR = path.join(__dirname, 'results');

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code === 0) return 0;
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  // Webpack's bundle statistics and worker lifecycle lines would drown the tables.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const log = options.quiet ? undefined : (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const report = await runBenchmark(options, { log, command: ['npm run bench --', ...argv].join(' ') });

  process.stdout.write(`${renderReport(report)}\n`);
  const file = path.join(RESULTS_DIR, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeJson(file, report);
  if (options.json) writeJson(path.resolve(options.json), report);
  process.stderr.write(`[bench] JSON report: ${path.relative(process.cwd(), file)}${options.json ? ` and ${options.json}` : ''}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
