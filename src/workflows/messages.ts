/**
 * Signals, queries and updates of the sync workflows. Names are what operators type in the
 * Web UI and `temporal workflow signal|query|update` (docs/operations.md).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { type StepName } from '../config/steps';
import { type RunStatus, type StepReport, type StepStatus, type SyncMode } from './report';

export interface FullSyncRequest {
  /** Free text shown in the Web UI and kept with the request, e.g. "field mappings changed". */
  reason?: string;
  /** Who asked: `cli`, `web-ui`, an operator's name. */
  requestedBy?: string;
}

/** Ask for a full sync: honoured by the running sync before GetProspects, otherwise by the next run. */
export const requestFullSyncSignal = defineSignal<[FullSyncRequest?]>('requestFullSync');

// ------------------------------------------------------------------ sync run
export interface SyncProgress {
  runId: string;
  mode: SyncMode;
  status: RunStatus;
  currentStep?: StepName;
  currentStepStartedAt?: string;
  /** Steps finished so far, in order. */
  steps: StepReport[];
  /** Steps still to come. */
  remaining: StepName[];
}

export const progressQuery = defineQuery<SyncProgress>('progress');

// ------------------------------------------------------------- match step
export interface MatchProgress {
  side: 'Lead' | 'Contact';
  /** How this step matches (`auto` resolves to one of the two). */
  strategy?: 'per-prospect' | 'batch';
  /** Prospects handed to match workflows (or batches) so far. */
  started: number;
  completed: number;
  inFlight: number;
  matched: number;
  noMatch: number;
  failed: number;
  gaveUp: number;
  published: number;
}

export const matchProgressQuery = defineQuery<MatchProgress>('matchProgress');

// ------------------------------------------------------------- sync state
export interface RunSummary {
  runId: string;
  mode: SyncMode;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  dryRun?: boolean;
  /** Fingerprint of the SyncOptions the run used: a later run compares it before trusting this one. */
  optionsHash?: string;
  /** How each step ended. */
  steps?: Record<string, StepStatus>;
}

export interface SyncState {
  connection: string;
  /** SalesWings server time the next incremental run reads from (before the overlap). */
  watermark?: string;
  fullSync: { pending: boolean; requestedAt?: string; reason?: string; requestedBy?: string; requests: number; claimedBy?: string };
  /** The run currently holding the lease (at most one sync per connection). */
  lease?: { runId: string; since: string };
  /** Most recent runs, newest first (at most 25). */
  recentRuns: RunSummary[];
}

export interface BeginRunRequest {
  runId: string;
  startedAt: string;
}
export interface BeginRunResult {
  granted: boolean;
  /** The run holding the lease when not granted. */
  holder?: string;
  /** The most recent finished run that wrote (not a dry run, not skipped). */
  previous?: RunSummary;
}

export interface PlanProspectsRequest {
  runId: string;
  /** The run was started explicitly as a full sync. */
  forceFull: boolean;
  /** A dry run reports the plan without claiming a pending full-sync request. */
  dryRun?: boolean;
}
export interface PlanProspectsResult {
  mode: SyncMode;
  /** Read prospects changed since this instant (watermark minus overlap is applied by the caller). */
  watermark?: string;
  /** A pending full-sync request was claimed by this run. */
  claimedFullSync: boolean;
}

export interface FinishRunRequest {
  runId: string;
  mode: SyncMode;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  /** Advance the watermark to this (only when the run succeeded). */
  nextWatermark?: string;
  claimedFullSync: boolean;
  dryRun?: boolean;
  optionsHash?: string;
  steps?: Record<string, StepStatus>;
}

export const stateQuery = defineQuery<SyncState>('state');
export const beginRunUpdate = defineUpdate<BeginRunResult, [BeginRunRequest]>('beginRun');
export const planProspectsUpdate = defineUpdate<PlanProspectsResult, [PlanProspectsRequest]>('planProspects');
export const finishRunUpdate = defineUpdate<SyncState, [FinishRunRequest]>('finishRun');
/** Release a lease whose run is known to be gone (terminated, timed out). */
export const releaseLeaseUpdate = defineUpdate<SyncState, [{ runId: string }]>('releaseLease');
