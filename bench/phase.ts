/**
 * Measures one phase the same way whichever executor runs it: counters reset, the org
 * snapshotted before and after, memory sampled while it runs, then every figure of a
 * PhaseReport derived from the emulators, the metered gateway and the run's report.
 */
import { computeMinimum } from './api-minimum';
import { type BenchOrg } from './bench-org';
import { CpuMeter } from './cpu-usage';
import { MemorySampler } from './memory-sampler';
import { diffSnapshots, takeSnapshot } from './org-snapshot';
import { type Executor, type PhaseName, type PhaseReport, type StepFigures } from './report';
import { type ExecutionOutcome } from './temporal-run';

const ms = (from?: string, to?: string): number => (from && to ? Date.parse(to) - Date.parse(from) : 0);
const perSecond = (n: number, wallMs: number): number => (wallMs > 0 ? Math.round((n / (wallMs / 1000)) * 10) / 10 : 0);
const MAX_ERRORS_SHOWN = 10;

export async function measurePhase(
  name: PhaseName,
  executor: Executor,
  org: BenchOrg,
  objects: readonly string[],
  execute: () => Promise<ExecutionOutcome>,
  /** The Temporal server's process id, when it runs on this machine (its CPU time is read). */
  serverPid?: number,
): Promise<PhaseReport> {
  org.salesforce.admin.resetCounters();
  org.usage.resetAttribution();
  org.gateway.resetRecords();
  org.saleswings.clearRequestLog();
  const gatewayBefore = org.gateway.stats().total;
  const before = takeSnapshot(org.salesforce, objects);

  const sampler = new MemorySampler();
  sampler.start();
  const cpuMeter = new CpuMeter(serverPid);
  let outcome: ExecutionOutcome;
  try {
    outcome = await execute();
  } catch (error) {
    // No sampling timer outlives a failed phase.
    sampler.stop();
    throw error;
  }
  const memory = sampler.stop();
  const cpu = cpuMeter.stop();
  const figures = await outcome.figures();

  const after = takeSnapshot(org.salesforce, objects);
  const changes = diffSnapshots(before, after);
  const counters = org.salesforce.admin.counters();
  const byStepCalls = org.usage.callsByStep();
  const minimum = computeMinimum(changes, org.gateway.reads, org.gateway.writes);
  const { report } = outcome;

  const apiCallsOf = (step: string): number =>
    Object.entries(byStepCalls[step] ?? {})
      .filter(([kind]) => kind !== 'auth')
      .reduce((n, [, count]) => n + (count ?? 0), 0);
  const steps: StepFigures[] = report.steps.map((s) => ({
    step: s.step,
    status: s.status,
    reason: s.reason,
    ms: ms(s.startedAt, s.finishedAt),
    examined: s.examined,
    created: s.created,
    updated: s.updated,
    deleted: s.deleted,
    failed: s.failed,
    apiCalls: apiCallsOf(s.step),
  }));

  const recordsWritten = Object.values(changes).reduce((n, c) => n + c.created + c.updated + c.deleted, 0);
  const prospectsRead = report.steps.find((s) => s.step === 'GetProspects')?.examined ?? 0;
  const swCounts = org.saleswings.requestCounts();
  const errors = report.steps
    .flatMap((s) => [...(s.status === 'Failed' ? [`${s.step}: ${s.reason ?? 'failed'}`] : []), ...s.errors.map((e) => `${s.step}: ${e.code} ${e.message}${e.recordId ? ` (${e.recordId})` : ''}`)])
    .slice(0, MAX_ERRORS_SHOWN);

  return {
    name,
    executor,
    mode: report.mode,
    status: report.status,
    wallMs: Math.round(outcome.wallMs),
    runMs: ms(report.startedAt, report.finishedAt),
    outsideStepsMs: ms(report.startedAt, report.finishedAt) - steps.reduce((n, s) => n + s.ms, 0),
    matchStrategy: figures.matchStrategy,
    steps,
    salesforce: {
      total: counters.total,
      byKind: counters.byKind,
      byStep: byStepCalls as Record<string, Record<string, number>>,
      gatewayTotal: org.gateway.stats().total - gatewayBefore,
    },
    minimum,
    ratio: minimum.total > 0 ? Math.round((counters.total / minimum.total) * 100) / 100 : null,
    changes,
    throughput: {
      prospectsRead,
      prospectsPerSecond: perSecond(prospectsRead, outcome.wallMs),
      recordsWritten,
      recordsPerSecond: perSecond(recordsWritten, outcome.wallMs),
    },
    temporal: figures.temporal,
    memory,
    cpu,
    saleswings: { requests: Object.values(swCounts).reduce((n, c) => n + c, 0), byEndpoint: swCounts },
    errors,
  };
}
