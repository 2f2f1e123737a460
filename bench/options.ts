/**
 * Command-line options of `npm run bench`, validated with zod so a typo (`--prospects 1k`) fails
 * with the option named instead of running a benchmark of NaN prospects.
 */
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { parseSyncOptions } from '../src/config/load';
import { type SyncOptions, type SyncOptionsInput } from '../src/config/sync-options';
import { formatZodError } from '../src/saleswings/zod-issues';

export const STRATEGIES = ['auto', 'per-prospect', 'batch'] as const;
export type MatchStrategy = (typeof STRATEGIES)[number];

export const benchOptionsSchema = z
  .object({
    prospects: z.number().int().min(1).max(1_000_000),
    /** Share of prospects edited before the incremental run (0.01 = 1 %). */
    changes: z.number().min(0).max(1),
    strategy: z.enum(STRATEGIES),
    /** Latency the Salesforce emulator adds to every REST request. */
    latencyMs: z.number().int().min(0).max(10_000),
    /** Also execute the full and incremental syncs without Temporal (overhead ratio). */
    direct: z.boolean(),
    /** Turn on the optional features (Account Aggregation, Opportunity copies, page visits). */
    allFeatures: z.boolean(),
    /**
     * Seconds to wait (at least `incremental.overlapSeconds`) before two more no-change runs:
     * the second of them reads a window in which nothing changed — the steady state of a quiet
     * org on a schedule. 0 skips them.
     */
    settleSeconds: z.number().int().min(0).max(3600),
    /** Seed of the SalesWings dataset and the org records. */
    seed: z.number().int(),
    /** Where the JSON report goes besides `bench/results/<timestamp>.json`. */
    json: z.string().optional(),
    /** A SyncOptions JSON file; `--strategy` and `--all-features` are applied on top. */
    optionsFile: z.string().optional(),
    /** Print progress lines on stderr. */
    quiet: z.boolean(),
  })
  .strict();

export type BenchOptions = z.infer<typeof benchOptionsSchema>;

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  prospects: 1000,
  changes: 0.01,
  strategy: 'auto',
  latencyMs: 0,
  direct: true,
  allFeatures: false,
  settleSeconds: 0,
  seed: 2026,
  quiet: false,
};

/** Validates a partial set of options over the defaults; throws naming the bad field. */
export function benchOptions(input: Partial<BenchOptions> = {}): BenchOptions {
  const candidate = { ...DEFAULT_BENCH_OPTIONS, ...input };
  const parsed = benchOptionsSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`Invalid benchmark options: ${formatZodError(parsed.error, candidate)}`);
  return parsed.data;
}

/** The SyncOptions both executions use: the file (or defaults), then the command-line overrides. */
export function benchSyncOptions(options: BenchOptions): SyncOptions {
  const base: SyncOptionsInput = options.optionsFile ? (JSON.parse(fs.readFileSync(options.optionsFile, 'utf8')) as SyncOptionsInput) : {};
  const input = {
    ...base,
    matching: { ...base.matching, strategy: options.strategy },
    studio: options.allFeatures
      ? { ...base.studio, accountAggregation: true, opportunityTags: true, opportunityScores: true, pageVisitSync: true }
      : base.studio,
  } as SyncOptionsInput;
  return parseSyncOptions(input, options.optionsFile ?? 'benchmark sync options');
}

const number = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new CommanderError(2, 'bench.invalidNumber', `not a number: ${value}`);
  return n;
};

/** Parses `process.argv.slice(2)`-style arguments. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const program = new Command('bench')
    .description('Full, incremental and no-change syncs on the embedded stack, with and without Temporal')
    .option('--prospects <n>', 'prospects in the generated dataset', number, DEFAULT_BENCH_OPTIONS.prospects)
    .option('--changes <share>', 'share of prospects edited before the incremental run', number, DEFAULT_BENCH_OPTIONS.changes)
    .option('--strategy <strategy>', `matching.strategy (${STRATEGIES.join('|')})`, DEFAULT_BENCH_OPTIONS.strategy)
    .option('--latency <ms>', 'Salesforce emulator latency per request', number, DEFAULT_BENCH_OPTIONS.latencyMs)
    .option('--no-direct', 'skip the executions without Temporal')
    .option('--all-features', 'turn on Account Aggregation, Opportunity tags/scores and page visit sync', false)
    .option('--settle <seconds>', 'wait this long (≥ incremental.overlapSeconds), then run two more incrementals with no changes (0: none)', number, DEFAULT_BENCH_OPTIONS.settleSeconds)
    .option('--seed <n>', 'dataset seed', number, DEFAULT_BENCH_OPTIONS.seed)
    .option('--json <path>', 'also write the JSON report here')
    .option('--options <file>', 'SyncOptions JSON file (strategy and features still apply on top)')
    .option('--quiet', 'no progress lines', false)
    .exitOverride();
  program.parse([...argv], { from: 'user' });
  const o = program.opts<{
    prospects: number;
    changes: number;
    strategy: string;
    latency: number;
    direct: boolean;
    allFeatures: boolean;
    settle: number;
    seed: number;
    json?: string;
    options?: string;
    quiet: boolean;
  }>();
  return benchOptions({
    prospects: o.prospects,
    changes: o.changes,
    strategy: o.strategy as MatchStrategy,
    latencyMs: o.latency,
    direct: o.direct,
    allFeatures: o.allFeatures,
    settleSeconds: o.settle,
    seed: o.seed,
    json: o.json,
    optionsFile: o.options,
    quiet: o.quiet,
  });
}
