/**
 * The benchmark's JSON document: one entry per phase with the same figures for the executions
 * on Temporal and without it, the overhead ratios and the targets. Written to
 * `bench/results/<timestamp>.json`; `docs/benchmarks.md` explains every field.
 */
import { type StepStatus, type RunStatus, type SyncMode } from '../src/workflows/report';
import { type ApiMinimum } from './api-minimum';
import { type DatasetFigures } from './bench-org';
import { type HistoryFigures } from './history-events';
import { type MemoryFigures } from './memory-sampler';
import { type CpuFigures } from './cpu-usage';
import { type BenchOptions } from './options';
import { type ObjectChanges } from './org-snapshot';

export type PhaseName = 'full' | 'incremental' | 'no-change' | 'no-change-after-wait' | 'no-change-settled' | 'direct-full' | 'direct-incremental';
export type Executor = 'temporal' | 'direct';

export interface StepFigures {
  step: string;
  status: StepStatus;
  /** Why it was skipped, failed, or found to have nothing to do. */
  reason?: string;
  /** From the step's startedAt/finishedAt (workflow time on Temporal). */
  ms: number;
  examined: number;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  /** Salesforce API calls the step's activities made (OAuth excluded). */
  apiCalls: number;
}

export interface PhaseReport {
  name: PhaseName;
  executor: Executor;
  mode: SyncMode;
  status: RunStatus;
  /** Start to report, as the caller saw it. */
  wallMs: number;
  /** The report's startedAt → finishedAt. */
  runMs: number;
  /** `runMs` minus the steps' own times: bookkeeping activities and the time between steps. */
  outsideStepsMs: number;
  /** How each match step ran: `per-prospect` workflows or `batch` activities (Temporal only). */
  matchStrategy: Record<string, string>;
  steps: StepFigures[];
  salesforce: {
    /** API calls counted by the emulator (what the org's daily allowance sees). */
    total: number;
    /** Emulator counters by request kind (OAuth included, not counted in `total`). */
    byKind: Record<string, number>;
    /** Calls by step and gateway call kind. */
    byStep: Record<string, Record<string, number>>;
    /** Calls the gateway counted (OAuth excluded); equals `total` unless a transport retried. */
    gatewayTotal: number;
  };
  minimum: ApiMinimum;
  /** `salesforce.total / minimum.total`; null when the minimum is 0. */
  ratio: number | null;
  /** What changed in the org, per object (org diff). */
  changes: Record<string, ObjectChanges>;
  throughput: {
    prospectsRead: number;
    prospectsPerSecond: number;
    recordsWritten: number;
    recordsPerSecond: number;
  };
  temporal?: {
    historyEvents: HistoryFigures;
    /** Events the connection's sync state workflow gained during the run (lease, plan, finish). */
    stateWorkflowEvents?: number;
    /** Per-prospect match calls coalesced by the worker's batcher. */
    matchBatcher: { batches: number; items: number };
  };
  memory: MemoryFigures;
  cpu: CpuFigures;
  saleswings: { requests: number; byEndpoint: Record<string, number> };
  /** First record or step errors, if any (a benchmark of a failing sync says so). */
  errors: string[];
}

export interface Target {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface OverheadFigures {
  temporalMs: number;
  directMs: number;
  ratio: number;
  /** CPU time (this process plus the Temporal server) over the direct execution's CPU time. */
  cpuRatio?: number;
  /** Per step: Temporal ms / direct ms. */
  steps: { step: string; temporalMs: number; directMs: number; ratio: number | null }[];
  /** The strategies of the Temporal execution (the direct one always matches in batches). */
  matchStrategy: Record<string, string>;
}

export interface BenchReport {
  benchmark: 'saleswings-salesforce-sync';
  formatVersion: 1;
  command: string;
  /** Commit measured; `modifiedFiles` counts uncommitted changes under src/ and salesforce/. */
  revision?: { commit: string; modifiedFiles: number };
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; node: string; temporal?: string; loadAverageAtStart: number; loadAverageAtEnd: number };
  options: BenchOptions;
  /** The SyncOptions that matter for the figures. */
  sync: { strategy: string; perProspectLimit: number; coalesceWaitMs: number; concurrency: number; features: string[]; bulkThreshold: number };
  dataset: DatasetFigures;
  /** Prospects edited before the incremental run. */
  changedProspects: number;
  setup: { temporalStartMs: number; seedMs: number; workerStartMs: number };
  phases: PhaseReport[];
  overhead: { full?: OverheadFigures; incremental?: OverheadFigures };
  targets: Target[];
}
