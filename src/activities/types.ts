/**
 * Inputs and outputs of the activities: what crosses Temporal. Only ids, cursors, counts and
 * options — never record data (payloads are capped at 2 MB and recorded in history). Workflows
 * import these types only.
 */
import { type StepName } from '../config/steps';
import { type StepOptions, type SyncOptions } from '../config/sync-options';
import { type FieldMapping } from '../sync/field-mapping';
import { type SideStatus } from '../sync/match-state';
import { type BeginRunResult, type PlanProspectsResult } from '../workflows/messages';
import { type ChangeProbe } from './run/probe-changes';
import { type StepResult, type SyncMode, type SyncReport } from '../workflows/report';

export type MatchSide = 'Lead' | 'Contact';

/** Identifies the run an activity works for. */
export interface RunContext {
  /** Workflow id of the sync run (readable, e.g. `saleswings-sync-default-2026-11-27T10:05:00Z`). */
  runId: string;
  connection: string;
  startedAt: string;
  mode: SyncMode;
  /** Plan only: read everything, write nothing, report what would change. */
  dryRun: boolean;
  /** Let deletion steps exceed the deletion guard. */
  force: boolean;
}

export interface StepInput {
  run: RunContext;
  step: StepName;
  options: SyncOptions;
}

export interface PrepareRunInput {
  run: Omit<RunContext, 'mode'>;
}
export interface PrepareRunResult {
  options: SyncOptions;
}

export interface GetProspectsInput extends StepInput {
  /** Prospects changed since this instant; all prospects when absent (full sync). */
  since?: string;
}
export interface GetProspectsResult extends StepResult {
  /** SalesWings server time when the read began: the next run's watermark. */
  serverTime?: string;
}

export interface ListProspectsToMatchInput {
  run: RunContext;
  side: MatchSide;
  /** Keyset position: the Salesforce Id of the last prospect already handled. */
  after?: string;
  limit: number;
  maxAttempts: number;
}
export interface ListProspectsToMatchResult {
  /** Prospects whose `side` still needs an attempt, in Salesforce Id order. */
  prospects: { swId: string; sfId: string }[];
  /** More may follow after the last one. */
  more: boolean;
}

/**
 * The part of SyncOptions matching needs: kept small because every per-prospect match workflow
 * records it in its history.
 */
export interface MatchSettings {
  maxAttempts: number;
  /** Update records through the SW_Match__e platform event instead of directly. */
  viaEvents: boolean;
  /** Copy activities (Website_Visit__c) too. */
  pageVisitSync: boolean;
  /** Field mappings of the side's object. */
  fieldMappings: FieldMapping[];
  /** Largest number of prospects handled by one batch of Salesforce calls. */
  batchSize: number;
  /** How long the worker gathers concurrent per-prospect calls into one batch. */
  coalesceWaitMs: number;
}

export interface MatchProspectInput {
  run: RunContext;
  side: MatchSide;
  prospectId: string;
  settings: MatchSettings;
  /** The match step's Workflow Options (timeouts, heartbeat, retry) for the activity. */
  stepOptions: StepOptions;
  /**
   * How many match workflows the step started together with this one: the worker runs their
   * batch as soon as that many are waiting instead of after `coalesceWaitMs`.
   */
  peers?: number;
}

/** What happened to one side of one prospect; also what the match workflow's history shows. */
export interface MatchProspectResult {
  prospectId: string;
  side: MatchSide;
  /** `Pending` after publishing the platform event; `null` when the prospect no longer needed matching. */
  status: SideStatus | null;
  /** The side's attempt counter after this attempt (capped at `matching.maxAttempts`). */
  attempts: number;
  /** `CODE: message (record id)` of the first failure. */
  error?: string;
  /** Leads/Contacts matched by email (converted Leads never). */
  matchedRecordIds: string[];
  /** Records written (updates plus copies created/updated/deleted). */
  created: number;
  updated: number;
  deleted: number;
  /** Per-record failures behind `error`. */
  failures: { recordId: string | null; code: string; message: string }[];
  /** This run had already attempted the side (activity retried after a crash): nothing was counted twice. */
  alreadyAttempted?: boolean;
  published?: boolean;
}

export interface MatchBatchInput {
  run: RunContext;
  side: MatchSide;
  prospectIds: string[];
  settings: MatchSettings;
  /** Errors kept in the batch's figures (default 50). */
  maxErrors?: number;
}

export interface FinishRunInput {
  report: SyncReport;
  claimedFullSync: boolean;
}

/**
 * Every activity the workflows call, by name (verb first). `createActivities(deps)` returns
 * an object of this shape; workflows proxy it by type only.
 */
export interface SyncActivities {
  // run bookkeeping (talks to the sync state workflow and the org)
  prepareRun(input: PrepareRunInput): Promise<PrepareRunResult>;
  beginRun(input: { run: RunContext }): Promise<BeginRunResult>;
  planProspects(input: { run: RunContext; forceFull: boolean }): Promise<PlanProspectsResult>;
  finishRun(input: FinishRunInput): Promise<void>;
  writeApexJob(input: { report: SyncReport; options: SyncOptions }): Promise<StepResult>;
  probeChanges(input: { run: RunContext; since: string }): Promise<ChangeProbe>;

  // SalesWings → Salesforce
  getTags(input: StepInput): Promise<StepResult>;
  getScores(input: StepInput): Promise<StepResult>;
  getProspects(input: GetProspectsInput): Promise<GetProspectsResult>;
  getProspectPages(input: StepInput): Promise<StepResult>;
  listProspectsToMatch(input: ListProspectsToMatchInput): Promise<ListProspectsToMatchResult>;
  matchProspect(input: MatchProspectInput): Promise<MatchProspectResult>;
  matchProspectsBatch(input: MatchBatchInput): Promise<StepResult>;
  cleanLeads(input: StepInput): Promise<StepResult>;
  cleanContacts(input: StepInput): Promise<StepResult>;
  aggregateTags(input: StepInput): Promise<StepResult>;
  aggregateScores(input: StepInput): Promise<StepResult>;
  aggregateTemperature(input: StepInput): Promise<StepResult>;
  createOpportunityTags(input: StepInput): Promise<StepResult>;
  createOpportunityScores(input: StepInput): Promise<StepResult>;
  deleteProspectScores(input: StepInput): Promise<StepResult>;
  deleteProspectPages(input: StepInput): Promise<StepResult>;
  deleteRecordPages(input: StepInput): Promise<StepResult>;

  // deprecated steps
  deleteProspects(input: StepInput): Promise<StepResult>;
  deleteContactPages(input: StepInput): Promise<StepResult>;
  deletePages(input: StepInput): Promise<StepResult>;
  countRecords(input: StepInput): Promise<StepResult>;

  // Salesforce → SalesWings
  sendRecordUpdates(input: StepInput): Promise<StepResult>;
}
