/**
 * What a sync run reports: per step the figures the SalesWings Status page shows (examined,
 * created, updated, deleted, failed, first errors), and for the run its mode, watermark and
 * outcome. Pure types and helpers: workflows, activities, the CLI and the SW Apex Job writer
 * share them.
 */
import { type MatchProspectResult } from '../activities/types';
import { type StepName } from '../config/steps';

export type SyncMode = 'Full' | 'Incremental';

/**
 * How a step ended. Record-level failures never fail a step: they make it CompletedWithErrors.
 * Skipped: its option is off (or the run stopped). Unchanged: the run's change probe found it had
 * nothing to do, so it did not spend any call.
 */
export type StepStatus = 'Completed' | 'CompletedWithErrors' | 'Failed' | 'Skipped' | 'Unchanged';

/** Outcome of a whole run, also the `SyncOutcome` search attribute. */
export type RunStatus = 'Running' | 'Completed' | 'CompletedWithErrors' | 'Failed' | 'Skipped';

/** A record that could not be written, or a step-level error (recordId null). */
export interface RecordError {
  recordId: string | null;
  /** Salesforce status code (`FIELD_CUSTOM_VALIDATION_EXCEPTION`), or our error type. */
  code: string;
  message: string;
}

/** Figures every step activity returns. */
export interface StepCounts {
  examined: number;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
}

/** A prospect a match step matched (or, in a dry run, would match) and the records it matched. */
export interface MatchSample {
  /** SalesWings prospect id. */
  prospectId: string;
  side: 'Lead' | 'Contact';
  /** Salesforce Ids of the Leads or Contacts with the prospect's email. */
  recordIds: string[];
}

/** How many `MatchSample`s a step keeps: enough to check a plan by eye, small enough for history. */
export const MAX_MATCH_SAMPLES = 50;

export interface StepResult extends StepCounts {
  /** At most `reporting.maxErrorsPerStep` (50) errors; `failed` holds the full count. */
  errors: RecordError[];
  /** Step-specific figures, e.g. `matched`, `noMatch`, `gaveUp`, `published`. */
  details?: Record<string, number>;
  /** Dry runs of the match steps: the first prospects that would be matched, with their records. */
  matches?: MatchSample[];
}

export interface StepReport extends StepResult {
  step: StepName;
  status: StepStatus;
  /** Why a step was skipped, or why it failed. */
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface SyncReport {
  runId: string;
  connection: string;
  mode: SyncMode;
  /** Prospects changed since this instant were read (absent for a full sync). */
  since?: string;
  /** The watermark the next incremental run starts from (SalesWings server time), if advanced. */
  nextWatermark?: string;
  /** A pending full-sync request was honoured by this run. */
  fullSyncHonoured: boolean;
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  status: RunStatus;
  steps: StepReport[];
  /** Salesforce API calls by kind and SalesWings requests, as counted by the worker. */
  apiCalls?: Record<string, number>;
  /** Fingerprint of the SyncOptions the run used. */
  optionsHash?: string;
}

export const EMPTY_COUNTS: StepCounts = { examined: 0, created: 0, updated: 0, deleted: 0, failed: 0 };

export function emptyResult(): StepResult {
  return { ...EMPTY_COUNTS, errors: [] };
}

/** Adds `b` into `a` (counts, details, errors capped at `maxErrors`). */
export function mergeResults(a: StepResult, b: StepResult, maxErrors = 50): StepResult {
  const details: Record<string, number> = { ...(a.details ?? {}) };
  for (const [key, value] of Object.entries(b.details ?? {})) details[key] = (details[key] ?? 0) + value;
  return {
    examined: a.examined + b.examined,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    deleted: a.deleted + b.deleted,
    failed: a.failed + b.failed,
    errors: [...a.errors, ...b.errors].slice(0, maxErrors),
    details: Object.keys(details).length > 0 ? details : undefined,
    ...mergedMatches(a.matches, b.matches),
  };
}

function mergedMatches(a: MatchSample[] | undefined, b: MatchSample[] | undefined): { matches?: MatchSample[] } {
  if (!a && !b) return {};
  return { matches: [...(a ?? []), ...(b ?? [])].slice(0, MAX_MATCH_SAMPLES) };
}

/** The step detail each match status counts under. */
const MATCH_STATUS_DETAIL = { Matched: 'matched', 'No Match': 'noMatch', Failed: 'failed', 'Gave Up': 'gaveUp', Pending: 'published' } as const;

/** One prospect's match outcome as report figures; a dry run keeps the records it would match. */
export function matchOutcomeResult(outcome: MatchProspectResult, dryRun: boolean): StepResult {
  const details: Record<string, number> = {};
  if (outcome.status) details[MATCH_STATUS_DETAIL[outcome.status]] = 1;
  if (outcome.alreadyAttempted) details.alreadyAttempted = 1;
  return {
    examined: 1,
    created: outcome.created,
    updated: outcome.updated,
    deleted: outcome.deleted,
    failed: outcome.failures.length,
    errors: outcome.failures,
    details,
    ...(dryRun && outcome.status === 'Matched' ? { matches: [{ prospectId: outcome.prospectId, side: outcome.side, recordIds: outcome.matchedRecordIds }] } : {}),
  };
}

/** Records written by a step. */
export function modified(counts: StepCounts): number {
  return counts.created + counts.updated + counts.deleted;
}

export function stepStatusOf(result: StepResult): StepStatus {
  return result.failed > 0 ? 'CompletedWithErrors' : 'Completed';
}

/** A run fails when a step failed; it completes with errors when records failed. */
export function runStatusOf(steps: readonly StepReport[]): Exclude<RunStatus, 'Running' | 'Skipped'> {
  if (steps.some((s) => s.status === 'Failed')) return 'Failed';
  if (steps.some((s) => s.status === 'CompletedWithErrors')) return 'CompletedWithErrors';
  return 'Completed';
}

export function totals(steps: readonly StepReport[]): StepCounts {
  return steps.reduce<StepCounts>(
    (sum, s) => ({
      examined: sum.examined + s.examined,
      created: sum.created + s.created,
      updated: sum.updated + s.updated,
      deleted: sum.deleted + s.deleted,
      failed: sum.failed + s.failed,
    }),
    { ...EMPTY_COUNTS },
  );
}

/** A step's figures without its errors and details: what the SW Apex Job record and run lists show. */
export interface StepFigures extends StepCounts {
  step: StepName;
  status: StepStatus;
  reason?: string;
  modified: number;
}

export function stepFigures(s: StepReport): StepFigures {
  return {
    step: s.step,
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    examined: s.examined,
    created: s.created,
    updated: s.updated,
    deleted: s.deleted,
    modified: modified(s),
    failed: s.failed,
  };
}

/** The first `max` errors across the steps, each with its step (the Status page's list). */
export function firstErrors(steps: readonly StepReport[], max: number): (RecordError & { step: StepName })[] {
  return steps.flatMap((s) => s.errors.map((e) => ({ step: s.step, ...e }))).slice(0, max);
}

/** One error as a line of text: `CODE message (record id)`. */
export function errorText(e: RecordError): string {
  return `${e.code} ${e.message}${e.recordId ? ` (${e.recordId})` : ''}`;
}
