/**
 * The benchmark's phases, in order:
 *
 * 1. a fresh in-memory Temporal dev server (no UI), both emulators seeded from one seed, and an
 *    in-process worker with the production activities on metered clients;
 * 2. a full sync (manual run), 3. an incremental sync after editing `changes` of the prospects,
 *    4. an incremental run with no changes (with `settleSeconds`, two more after a wait);
 * 5. fresh emulators from the same seed, and the full and incremental syncs again without
 *    Temporal (direct-run.ts), for the orchestration overhead measured in the same process.
 *
 * Every phase is measured by phase.ts; the result is a BenchReport (report.ts).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { type SyncOptions } from '../src/config/sync-options';
import { startDevServer } from '../src/dev/dev-server';
import { ensureTemporalCli } from '../src/dev/temporal-cli';
import { createSyncWorker } from '../src/worker-factory';
import { startBenchOrg, type BenchOrg, type DatasetFigures } from './bench-org';
import { runDirect } from './direct-run';
import { type BenchOptions, benchSyncOptions } from './options';
import { snapshotObjects } from './org-snapshot';
import { measurePhase } from './phase';
import { type BenchReport, type OverheadFigures, type PhaseReport, type Target } from './report';
import { runOnTemporal, type ExecutionOutcome } from './temporal-run';

export interface HarnessHooks {
  /** Progress lines. */
  log?: (line: string) => void;
  /** An already running Temporal server to use instead of a fresh one (tests). */
  temporal?: { address: string; namespace: string };
  /** The command line, recorded in the report. */
  command?: string;
}

export const TARGETS = { apiCallRatio: 1.2, overheadRatio: 1.5, noChangeCalls: 10 } as const;

const elapsed = (since: number): number => Math.round(performance.now() - since);

/** `temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)` of the CLI whose dev server is used. */
function temporalVersion(): string | undefined {
  try {
    return execFileSync(ensureTemporalCli().path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The commit measured, and whether the code differed from it (figures move with the code). */
function revision(): BenchReport['revision'] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const modified = git('status', '--porcelain', '--', 'src', 'salesforce').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', '--short', 'HEAD'), modifiedFiles: modified };
  } catch {
    return undefined;
  }
}

function syncSummary(options: SyncOptions): BenchReport['sync'] {
  const features = (['accountAggregation', 'opportunityTags', 'opportunityScores', 'pageVisitSync', 'matchLeadsViaEvents', 'matchContactsViaEvents', 'disableTriggers'] as const).filter(
    (flag) => options.studio[flag],
  );
  const { strategy, perProspectLimit, coalesceWaitMs, concurrency } = options.matching;
  return { strategy, perProspectLimit, coalesceWaitMs, concurrency, features, bulkThreshold: options.salesforce.bulkThreshold };
}

/** Edits `share` of the prospects (at most every Active one, which is what can be edited). */
function simulateEdits(org: BenchOrg, share: number): number {
  const edit = Math.min(org.figures.activeProspects, Math.round(org.figures.prospects * share));
  if (edit > 0) org.saleswings.simulateChanges({ edit });
  return edit;
}

const matchStrategyOfDirect = (outcome: { report: ExecutionOutcome['report'] }): Record<string, string> =>
  Object.fromEntries(outcome.report.steps.filter((s) => s.step.startsWith('MatchProspects') && s.status !== 'Skipped').map((s) => [s.step, 'batch']));

async function temporalPhases(
  options: BenchOptions,
  syncOptions: SyncOptions,
  server: { address: string; namespace: string; pid?: number },
  setup: BenchReport['setup'],
  log: (line: string) => void,
): Promise<{ phases: PhaseReport[]; dataset: DatasetFigures; changed: number }> {
  const objects = snapshotObjects();
  let started = performance.now();
  const org = await startBenchOrg({ seed: options.seed, prospects: options.prospects, latencyMs: options.latencyMs, syncOptions });
  setup.seedMs = elapsed(started);
  const phases: PhaseReport[] = [];
  let changed = 0;
  try {
    const { address, namespace } = server;
    const client = new Client({ connection: await Connection.connect({ address }), namespace });
    const nativeConnection = await NativeConnection.connect({ address });
    const suffix = randomBytes(4).toString('hex');
    const taskQueue = `bench-${suffix}`;
    // A connection name of its own: a fresh sync state (no watermark) even on a shared server.
    const connection = `bench${suffix}`;
    const activities = org.activities(client, taskQueue);
    started = performance.now();
    log('bundling the workflows and starting the worker…');
    const worker = await createSyncWorker({ connection: nativeConnection, namespace, taskQueue, activities, shutdownGraceTime: '5s' });
    setup.workerStartMs = elapsed(started);
    const running = worker.run();
    try {
      const target = { client, taskQueue, connection, matchBatcherStats: activities.matchBatcherStats };
      log('full sync on Temporal…');
      phases.push(await measurePhase('full', 'temporal', org, objects, () => runOnTemporal(target, { full: true }), server.pid));
      changed = simulateEdits(org, options.changes);
      log(`incremental sync on Temporal after editing ${changed} prospects…`);
      phases.push(await measurePhase('incremental', 'temporal', org, objects, () => runOnTemporal(target, { full: false }), server.pid));
      log('incremental sync on Temporal with no changes…');
      phases.push(await measurePhase('no-change', 'temporal', org, objects, () => runOnTemporal(target, { full: false }), server.pid));
      if (options.settleSeconds > 0) {
        // A run re-reads `overlapSeconds` before the previous run's start. After the wait, one
        // run still sees the edits (its predecessor started right after them); the run after it
        // is the steady state of an org where nothing changed for a while.
        log(`waiting ${options.settleSeconds} s, then two incremental syncs with no changes…`);
        await new Promise((resolve) => setTimeout(resolve, options.settleSeconds * 1000));
        phases.push(await measurePhase('no-change-after-wait', 'temporal', org, objects, () => runOnTemporal(target, { full: false }), server.pid));
        phases.push(await measurePhase('no-change-settled', 'temporal', org, objects, () => runOnTemporal(target, { full: false }), server.pid));
      }
    } finally {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await client.connection.close();
    }
    return { phases, dataset: org.figures, changed };
  } finally {
    await org.stop();
  }
}

async function directPhases(options: BenchOptions, syncOptions: SyncOptions, log: (line: string) => void): Promise<PhaseReport[]> {
  const objects = snapshotObjects();
  const org = await startBenchOrg({ seed: options.seed, prospects: options.prospects, latencyMs: options.latencyMs, syncOptions });
  const phases: PhaseReport[] = [];
  try {
    const activities = org.activities(undefined, 'unused');
    const connection = 'bench-direct';
    let watermark: string | undefined;
    log('full sync without Temporal…');
    phases.push(
      await measurePhase('direct-full', 'direct', org, objects, async () => {
        const started = performance.now();
        const outcome = await runDirect(activities, { runId: `bench-direct-full-${Date.now()}`, connection, mode: 'Full' });
        watermark = outcome.serverTime;
        return { report: outcome.report, wallMs: performance.now() - started, figures: async () => ({ matchStrategy: matchStrategyOfDirect(outcome) }) };
      }),
    );
    const changed = simulateEdits(org, options.changes);
    log(`incremental sync without Temporal after editing ${changed} prospects…`);
    // The workflow's rule: re-read `overlapSeconds` before the previous run's watermark.
    const since = watermark ? new Date(Date.parse(watermark) - syncOptions.incremental.overlapSeconds * 1000).toISOString() : undefined;
    phases.push(
      await measurePhase('direct-incremental', 'direct', org, objects, async () => {
        const started = performance.now();
        const outcome = await runDirect(activities, { runId: `bench-direct-incremental-${Date.now()}`, connection, mode: 'Incremental', since });
        return { report: outcome.report, wallMs: performance.now() - started, figures: async () => ({ matchStrategy: matchStrategyOfDirect(outcome) }) };
      }),
    );
  } finally {
    await org.stop();
  }
  return phases;
}

export function overheadOf(temporal: PhaseReport | undefined, direct: PhaseReport | undefined): OverheadFigures | undefined {
  if (!temporal || !direct || direct.wallMs <= 0) return undefined;
  const directSteps = new Map(direct.steps.map((s) => [s.step, s]));
  const steps = temporal.steps
    .filter((s) => s.status !== 'Skipped')
    .map((s) => {
      const d = directSteps.get(s.step);
      const directMs = d?.ms ?? 0;
      return { step: s.step, temporalMs: s.ms, directMs, ratio: directMs > 0 ? Math.round((s.ms / directMs) * 100) / 100 : null };
    });
  const temporalCpu = temporal.cpu.temporalServerMs === undefined ? undefined : temporal.cpu.processMs + temporal.cpu.temporalServerMs;
  const cpuRatio = temporalCpu !== undefined && direct.cpu.processMs > 0 ? Math.round((temporalCpu / direct.cpu.processMs) * 100) / 100 : undefined;
  return { temporalMs: temporal.wallMs, directMs: direct.wallMs, ratio: Math.round((temporal.wallMs / direct.wallMs) * 100) / 100, cpuRatio, steps, matchStrategy: temporal.matchStrategy };
}

export function evaluateTargets(phases: readonly PhaseReport[], overhead: BenchReport['overhead'], changedProspects: number): Target[] {
  const phase = (name: string) => phases.find((p) => p.name === name);
  const targets: Target[] = [];
  const ratioTarget = (name: string, label: string) => {
    const p = phase(name);
    if (!p) return;
    targets.push({
      name: `API calls, ${label}`,
      target: `≤ ${TARGETS.apiCallRatio}× minimum`,
      actual: p.ratio === null ? `${p.salesforce.total} calls, minimum 0` : `${p.ratio}× (${p.salesforce.total} / ${p.minimum.total})`,
      met: p.ratio !== null && p.ratio <= TARGETS.apiCallRatio,
    });
  };
  ratioTarget('full', 'full sync');
  ratioTarget('incremental', `incremental (${changedProspects} prospects edited)`);
  const noChange = (name: string, label: string) => {
    const p = phase(name);
    if (p) targets.push({ name: `API calls, ${label}`, target: `< ${TARGETS.noChangeCalls}`, actual: String(p.salesforce.total), met: p.salesforce.total < TARGETS.noChangeCalls });
  };
  noChange('no-change', 'incremental with no changes');
  noChange('no-change-settled', 'incremental with no changes, steady state (--settle)');
  const overheadTarget = (figures: OverheadFigures | undefined, label: string) => {
    if (!figures) return;
    targets.push({
      name: `Orchestration overhead, ${label}`,
      target: `≤ ${TARGETS.overheadRatio}×`,
      actual: `${figures.ratio}× (${figures.temporalMs} ms / ${figures.directMs} ms)${figures.cpuRatio === undefined ? '' : `; CPU ${figures.cpuRatio}×`}`,
      met: figures.ratio <= TARGETS.overheadRatio,
    });
  };
  overheadTarget(overhead.full, 'full sync');
  overheadTarget(overhead.incremental, 'incremental');
  return targets;
}

export async function runBenchmark(options: BenchOptions, hooks: HarnessHooks = {}): Promise<BenchReport> {
  const log = hooks.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  // The machine may be shared: the 1-minute load average says how busy it was.
  const loadAverageAtStart = Math.round(os.loadavg()[0] * 100) / 100;
  const syncOptions = benchSyncOptions(options);
  const setup: BenchReport['setup'] = { temporalStartMs: 0, seedMs: 0, workerStartMs: 0 };

  const started = performance.now();
  if (!hooks.temporal) log('starting a Temporal dev server (in memory)…');
  const server = hooks.temporal ? undefined : await startDevServer({ uiPort: false });
  setup.temporalStartMs = hooks.temporal ? 0 : elapsed(started);
  const target = hooks.temporal ?? { address: server?.address as string, namespace: server?.namespace as string, pid: server?.pid };

  let phases: PhaseReport[];
  let dataset: DatasetFigures;
  let changedProspects: number;
  try {
    ({ phases, dataset, changed: changedProspects } = await temporalPhases(options, syncOptions, target, setup, log));
  } finally {
    await server?.stop();
  }
  if (options.direct) {
    phases.push(...(await directPhases(options, syncOptions, log)));
  }

  const phase = (name: string) => phases.find((p) => p.name === name);
  const overhead = { full: overheadOf(phase('full'), phase('direct-full')), incremental: overheadOf(phase('incremental'), phase('direct-incremental')) };
  const cpus = os.cpus();
  return {
    benchmark: 'saleswings-salesforce-sync',
    formatVersion: 1,
    command: hooks.command ?? 'npm run bench',
    revision: revision(),
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      temporal: hooks.temporal ? undefined : temporalVersion(),
      loadAverageAtStart,
      loadAverageAtEnd: Math.round(os.loadavg()[0] * 100) / 100,
    },
    options,
    sync: syncSummary(syncOptions),
    dataset,
    changedProspects,
    setup,
    phases,
    overhead,
    targets: evaluateTargets(phases, overhead, changedProspects),
  };
}
