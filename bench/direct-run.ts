/**
 * The same sync run without Temporal: the activity functions called in the order `syncWorkflow`
 * calls them, in-process, each inside a `MockActivityEnvironment` (heartbeats and activity info
 * work as on a worker). What Temporal adds — the run lease, watermark and full-sync bookkeeping
 * in the state workflow, workflow tasks, per-prospect match workflows — is left out on purpose:
 * that is the orchestration overhead the comparison measures. Matching always runs in batches
 * (listProspectsToMatch + matchProspectsBatch, as the match step's `batch` strategy does):
 * without Temporal there are no per-prospect workflows.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { type MatchSettings, type MatchSide, type RunContext, type StepInput, type SyncActivities } from '../src/activities/types';
import { STEP_CATALOGUE, type StepName } from '../src/config/steps';
import { type SyncOptions } from '../src/config/sync-options';
import { gateReason } from '../src/workflows/gates';
import { emptyResult, mergeResults, runStatusOf, stepStatusOf, type StepReport, type StepResult, type SyncMode, type SyncReport } from '../src/workflows/report';

const MATCH_SIDES: Partial<Record<StepName, MatchSide[]>> = {
  MatchProspectsToLeads: ['Lead'],
  MatchProspectsToContacts: ['Contact'],
  MatchProspects: ['Lead', 'Contact'],
};

export interface DirectRunInput {
  runId: string;
  connection: string;
  mode: SyncMode;
  /** Prospects changed since this instant (incremental); all when absent. */
  since?: string;
}

export interface DirectRunResult {
  report: SyncReport;
  /** SalesWings server time when GetProspects began: the next run's watermark. */
  serverTime?: string;
}

type ActivityFn<I, R> = (input: I) => Promise<R>;

/** Runs one activity as a worker would: activity context, heartbeats, its type in the info. */
function execute<I, R>(name: string, fn: ActivityFn<I, R>, input: I, heartbeatTimeoutMs = 120_000): Promise<R> {
  const env = new MockActivityEnvironment({ activityType: name, heartbeatTimeoutMs });
  return env.run(fn, input);
}

const durationMs = (duration: string): number => {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  if (!match) return 120_000;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
};

function matchSettings(options: SyncOptions, step: StepName, side: MatchSide): MatchSettings {
  const { studio } = options;
  return {
    maxAttempts: options.matching.maxAttempts,
    viaEvents: side === 'Lead' ? studio.matchLeadsViaEvents : studio.matchContactsViaEvents,
    pageVisitSync: studio.pageVisitSync,
    fieldMappings: options.fieldMappings[side],
    batchSize: options.steps[step].batchSize,
    coalesceWaitMs: options.matching.coalesceWaitMs,
  };
}

async function matchSide(activities: SyncActivities, run: RunContext, options: SyncOptions, step: StepName, side: MatchSide): Promise<StepResult> {
  const settings = matchSettings(options, step, side);
  const heartbeat = durationMs(options.steps[step].heartbeatTimeout);
  let result = emptyResult();
  let after: string | undefined;
  for (;;) {
    const page = await execute('listProspectsToMatch', activities.listProspectsToMatch, { run, side, after, limit: settings.batchSize, maxAttempts: settings.maxAttempts }, heartbeat);
    if (page.prospects.length === 0) break;
    const outcome = await execute('matchProspectsBatch', activities.matchProspectsBatch, { run, side, prospectIds: page.prospects.map((p) => p.swId), settings }, heartbeat);
    result = mergeResults(result, outcome, options.reporting.maxErrorsPerStep);
    after = page.prospects[page.prospects.length - 1].sfId;
    if (!page.more) break;
  }
  return result;
}

/** `GetTags` → `getTags`: every step activity is named after its step. */
const activityName = (step: StepName): string => step.charAt(0).toLowerCase() + step.slice(1);

export async function runDirect(activities: SyncActivities, input: DirectRunInput): Promise<DirectRunResult> {
  const startedAt = new Date().toISOString();
  const base = { runId: input.runId, connection: input.connection, startedAt, dryRun: false, force: false };
  const run: RunContext = { ...base, mode: input.mode };
  const report: SyncReport = { runId: input.runId, connection: input.connection, mode: input.mode, since: input.since, fullSyncHonoured: false, dryRun: false, startedAt, status: 'Running', steps: [] };

  const { options } = await execute('prepareRun', activities.prepareRun, { run: base });
  let serverTime: string | undefined;

  for (const { name: step } of STEP_CATALOGUE) {
    const gate = gateReason(step, options);
    if (gate) {
      report.steps.push({ step, status: 'Skipped', reason: gate, ...emptyResult() });
      continue;
    }
    const stepStarted = new Date().toISOString();
    const stepInput: StepInput = { run, step, options };
    const heartbeat = durationMs(options.steps[step].heartbeatTimeout);
    let stepReport: StepReport;
    try {
      let result: StepResult;
      const sides = MATCH_SIDES[step];
      if (step === 'GetProspects') {
        const got = await execute('getProspects', activities.getProspects, { ...stepInput, since: input.since }, heartbeat);
        if (got.serverTime && got.failed === 0) serverTime = got.serverTime;
        const { serverTime: _serverTime, ...figures } = got;
        result = figures;
      } else if (sides) {
        result = emptyResult();
        for (const side of sides) result = mergeResults(result, await matchSide(activities, run, options, step, side), options.reporting.maxErrorsPerStep);
      } else {
        const name = activityName(step) as keyof SyncActivities;
        const fn = activities[name] as unknown as ActivityFn<StepInput, StepResult> | undefined;
        if (!fn) throw new Error(`no activity ${name} for step ${step}`);
        result = await execute(name, fn, stepInput, heartbeat);
      }
      stepReport = { step, status: stepStatusOf(result), startedAt: stepStarted, finishedAt: new Date().toISOString(), ...result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      stepReport = { step, status: 'Failed', reason: message, startedAt: stepStarted, finishedAt: new Date().toISOString(), ...emptyResult(), errors: [{ recordId: null, code: 'Error', message }] };
    }
    report.steps.push(stepReport);
  }

  report.status = runStatusOf(report.steps);
  report.finishedAt = new Date().toISOString();
  report.nextWatermark = serverTime;
  // The run's SW Apex Job record, as the workflow writes it.
  await execute('writeApexJob', activities.writeApexJob, { report, options }).catch(() => undefined);
  report.finishedAt = new Date().toISOString();
  return { report, serverTime };
}
