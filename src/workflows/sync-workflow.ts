/**
 * One sync run of one connection: every step of the seed in its canonical order, each as an
 * activity (or, for matching, a child batch workflow) with that step's Workflow Options. It
 * returns the SyncReport — the figures of the SalesWings Status page — and fails when a step
 * failed, after recording the report (SW Apex Job record, sync state, failure details).
 *
 * Cross-run memory (watermark, pending full-sync requests, the one-run-at-a-time lease) lives in
 * `syncStateWorkflow`; see docs/architecture.md for why.
 */
import {
  ApplicationFailure,
  CancellationScope,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type MatchSide, type RunContext } from '../activities/types';
import { STEP_NAMES, type StepName } from '../config/steps';
import { type SyncOptions } from '../config/sync-options';
import { fnv1a64 } from '../sync/fingerprint';
import { type ChangeProbe } from '../activities/run/probe-changes';
import { bookkeeping, stepActivities } from './activity-options';
import { workflowNow } from './clock';
import { failureOf, STOPPING_ERROR_TYPES } from './failures';
import { gateReason } from './gates';
import { matchStepWorkflowId, syncStateWorkflowId } from './ids';
import { matchStepWorkflow } from './match-step-workflow';
import { progressQuery, requestFullSyncSignal, type SyncProgress } from './messages';
import { renderRunDetails } from './run-details';
import { EMPTY_COUNTS, emptyResult, mergeResults, modified, runStatusOf, stepStatusOf, totals, type StepReport, type StepResult, type SyncMode, type SyncReport } from './report';
import { SyncConnectionKey, SyncFailedRecordsKey, SyncModeKey, SyncOutcomeKey, SyncStepKey } from './search-attributes';

export interface SyncInput {
  /** Org connection name (`default`). */
  connection: string;
  /** Run as a full sync (also honours a pending full-sync request). */
  full?: boolean;
  /** Let deletion steps exceed the deletion guard. */
  force?: boolean;
  /** Read everything, write nothing, report the plan. */
  dryRun?: boolean;
}

/** Step → activity name; match steps run through matchStepWorkflow. */
const STEP_ACTIVITY = {
  GetTags: 'getTags',
  GetScores: 'getScores',
  GetProspectPages: 'getProspectPages',
  CleanLeads: 'cleanLeads',
  CleanContacts: 'cleanContacts',
  DeleteProspects: 'deleteProspects',
  AggregateTags: 'aggregateTags',
  AggregateScores: 'aggregateScores',
  AggregateTemperature: 'aggregateTemperature',
  CreateOpportunityTags: 'createOpportunityTags',
  CreateOpportunityScores: 'createOpportunityScores',
  DeleteProspectScores: 'deleteProspectScores',
  DeleteProspectPages: 'deleteProspectPages',
  DeleteRecordPages: 'deleteRecordPages',
  DeleteContactPages: 'deleteContactPages',
  DeletePages: 'deletePages',
  CountRecords: 'countRecords',
  SendRecordUpdates: 'sendRecordUpdates',
} as const satisfies Partial<Record<StepName, string>>;

const MATCH_SIDES: Partial<Record<StepName, MatchSide[]>> = {
  MatchProspectsToLeads: ['Lead'],
  MatchProspectsToContacts: ['Contact'],
  MatchProspects: ['Lead', 'Contact'],
};

/** Steps that may be found to have nothing to do by the change probe (see probeChanges). */
const AFTER_MATCHING: ReadonlySet<StepName> = new Set(
  STEP_NAMES.slice(STEP_NAMES.indexOf('MatchProspectsToLeads')),
);

function subtractSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) - seconds * 1000).toISOString();
}

export async function syncWorkflow(input: SyncInput): Promise<SyncReport> {
  const { workflowId: runId } = workflowInfo();
  const connection = input.connection;
  const report: SyncReport = {
    runId,
    connection,
    mode: input.full ? 'Full' : 'Incremental',
    fullSyncHonoured: false,
    dryRun: input.dryRun ?? false,
    startedAt: workflowNow(),
    status: 'Running',
    steps: [],
  };
  const progress: SyncProgress = { runId, mode: report.mode, status: 'Running', steps: report.steps, remaining: [] };
  const stateWorkflow = getExternalWorkflowHandle(syncStateWorkflowId(connection));

  setHandler(progressQuery, () => ({ ...progress, mode: report.mode, status: report.status, steps: report.steps }));
  // Operators may signal the run they see in the Web UI; the request is kept by the state
  // workflow, so it is honoured here before GetProspects, or by the next run — never lost.
  setHandler(requestFullSyncSignal, async (request) => {
    await stateWorkflow.signal(requestFullSyncSignal, { requestedBy: 'signal to a sync run', ...request });
  });

  upsertSearchAttributes([
    { key: SyncConnectionKey, value: connection },
    { key: SyncOutcomeKey, value: 'Running' },
  ]);
  const publish = (): void => {
    setCurrentDetails(renderRunDetails(report, progress));
  };

  const runContext = (): RunContext => ({
    runId,
    connection,
    startedAt: report.startedAt,
    mode: report.mode,
    dryRun: report.dryRun,
    force: input.force ?? false,
  });

  let options: SyncOptions;
  try {
    ({ options } = await bookkeeping('Read the SyncOptions and check the org has every field they write').prepareRun({ run: runContext() }));
  } catch (error) {
    const { type, message } = failureOf(error);
    report.status = 'Failed';
    report.finishedAt = workflowNow();
    upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'Failed' }]);
    throw ApplicationFailure.nonRetryable(`Sync run could not start: ${message}`, type, report);
  }

  report.optionsHash = fnv1a64(JSON.stringify(options));
  const lease = await bookkeeping('Take the one-run-per-org lease; read the previous run').beginRun({ run: runContext() });
  if (!lease.granted) {
    report.status = 'Skipped';
    report.finishedAt = workflowNow();
    upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'Skipped' }]);
    setCurrentDetails(`Skipped: run \`${lease.holder}\` of this connection is still in progress (one sync per org at a time).`);
    return report;
  }

  let claimedFullSync = false;
  let stopReason: string | undefined;
  let probe: (ChangeProbe & { since: string }) | undefined;
  let probed = false;
  try {
    for (const [index, step] of STEP_NAMES.entries()) {
      progress.remaining = STEP_NAMES.slice(index + 1);
      const gate = stopReason ?? gateReason(step, options);
      if (gate) {
        report.steps.push({ step, status: 'Skipped', reason: gate, ...emptyResult() });
        continue;
      }
      if (!probed && AFTER_MATCHING.has(step)) {
        probed = true;
        probe = await probeChanges();
      }
      const idle = nothingToDo(step);
      if (idle) {
        report.steps.push({ step, status: 'Unchanged', reason: idle, ...emptyResult() });
        continue;
      }
      progress.currentStep = step;
      progress.currentStepStartedAt = workflowNow();
      upsertSearchAttributes([{ key: SyncStepKey, value: step }]);
      publish();

      const startedAt = progress.currentStepStartedAt;
      let stepReport: StepReport;
      try {
        const result = await runStep(step);
        stepReport = { step, status: stepStatusOf(result), startedAt, finishedAt: workflowNow(), ...result };
      } catch (error) {
        if (isCancellation(error)) throw error;
        const { type, message } = failureOf(error);
        stepReport = {
          step,
          status: 'Failed',
          reason: `${type}: ${message}`,
          startedAt,
          finishedAt: workflowNow(),
          ...EMPTY_COUNTS,
          errors: [{ recordId: null, code: type, message }],
        };
        if (STOPPING_ERROR_TYPES.has(type)) stopReason = `run stopped after ${step} failed (${type})`;
      }
      report.steps.push(stepReport);
      progress.currentStep = undefined;
      upsertSearchAttributes([{ key: SyncFailedRecordsKey, value: totals(report.steps).failed }]);
      publish();
    }
    report.status = runStatusOf(report.steps);
  } catch (error) {
    report.status = 'Failed';
    throw error;
  } finally {
    report.finishedAt = workflowNow();
    // Bookkeeping must happen even when the run is cancelled.
    await CancellationScope.nonCancellable(async () => {
      // A failed run keeps the step that failed in SyncStep (not the last one executed).
      const failedStep = report.steps.find((s) => s.status === 'Failed')?.step;
      upsertSearchAttributes([{ key: SyncOutcomeKey, value: report.status }, ...(failedStep ? [{ key: SyncStepKey, value: failedStep }] : [])]);
      publish();
      if (!report.dryRun) {
        await bookkeeping('Write the SW Apex Job record; prune old ones').writeApexJob({ report, options }).catch(() => undefined);
      }
      await bookkeeping('Record the outcome: watermark, full-sync request, lease').finishRun({ report, claimedFullSync });
    });
  }

  if (report.status === 'Failed') {
    const failed = report.steps.filter((s) => s.status === 'Failed').map((s) => `${s.step} (${s.reason})`);
    throw ApplicationFailure.nonRetryable(`Sync run failed: ${failed.join('; ')}`, 'SyncRunFailed', report);
  }
  return report;

  /**
   * An incremental run asks once, before matching, what can have work (one composite call).
   * Only when the previous run used the same options: its step outcomes are then a valid basis.
   */
  async function probeChanges(): Promise<(ChangeProbe & { since: string }) | undefined> {
    const previous = lease.previous;
    if (!patched('probe-changes') || report.mode !== 'Incremental' || !previous || previous.optionsHash !== report.optionsHash) return undefined;
    const since = subtractSeconds(previous.startedAt, options.incremental.changeMarginSeconds);
    return { since, ...(await bookkeeping('Probe: prospects waiting to be matched, changes since the last run (one API call)').probeChanges({ run: runContext(), since })) };
  }

  /** Why `step` has nothing to do in this run, or undefined when it must run. */
  function nothingToDo(step: StepName): string | undefined {
    if (!probe) return undefined;
    if (MATCH_SIDES[step]) return probe.pendingProspects === 0 ? 'no prospect is waiting to be matched' : undefined;
    // Steps before the probe always run; CountRecords reports counts every run by design.
    if (step === 'CountRecords' || !AFTER_MATCHING.has(step)) return undefined;
    const before = lease.previous?.steps?.[step];
    const cleanLastTime = before === 'Completed' || before === 'Unchanged';
    const writtenSoFar = modified(totals(report.steps));
    const changed = Object.values(probe.changed).reduce((n, c) => n + c, 0);
    return cleanLastTime && writtenSoFar === 0 && changed === 0 ? `nothing changed since ${probe.since}` : undefined;
  }

  async function runStep(step: StepName): Promise<StepResult> {
    const activities = stepActivities(step, options);
    const stepInput = { run: runContext(), step, options };
    if (step === 'GetProspects') {
      const plan = await bookkeeping('Plan GetProspects: full or incremental, from which watermark').planProspects({ run: runContext(), forceFull: input.full ?? false });
      report.mode = plan.mode as SyncMode;
      claimedFullSync = plan.claimedFullSync;
      report.fullSyncHonoured = plan.claimedFullSync;
      upsertSearchAttributes([{ key: SyncModeKey, value: report.mode }]);
      const since = plan.watermark ? subtractSeconds(plan.watermark, options.incremental.overlapSeconds) : undefined;
      report.since = since;
      const result = await activities.getProspects({ ...stepInput, run: runContext(), since });
      // A prospect that failed to be written must be read again: keep the old watermark.
      if (result.serverTime && result.failed === 0) report.nextWatermark = result.serverTime;
      const { serverTime: _serverTime, ...figures } = result;
      return figures;
    }
    const sides = MATCH_SIDES[step];
    if (sides) {
      let merged: StepResult | undefined;
      for (const side of sides) {
        const viaEvents = side === 'Lead' ? options.studio.matchLeadsViaEvents : options.studio.matchContactsViaEvents;
        const result = await executeChild(matchStepWorkflow, {
          workflowId: matchStepWorkflowId(runId, side),
          staticSummary: `${step}: match prospects to ${side === 'Lead' ? 'Leads' : 'Contacts'}`,
          args: [
            {
              run: runContext(),
              side,
              strategy: options.matching.strategy,
              perProspectLimit: options.matching.perProspectLimit,
              concurrency: options.matching.concurrency,
              stepOptions: options.steps[step],
              maxErrors: options.reporting.maxErrorsPerStep,
              settings: {
                maxAttempts: options.matching.maxAttempts,
                viaEvents,
                pageVisitSync: options.studio.pageVisitSync,
                fieldMappings: options.fieldMappings[side],
                batchSize: options.steps[step].batchSize,
                coalesceWaitMs: options.matching.coalesceWaitMs,
              },
            },
          ],
          typedSearchAttributes: [{ key: SyncConnectionKey, value: connection }],
        });
        merged = merged ? mergeResults(merged, result, options.reporting.maxErrorsPerStep) : result;
      }
      return merged ?? emptyResult();
    }
    const name = STEP_ACTIVITY[step as keyof typeof STEP_ACTIVITY];
    return activities[name](stepInput);
  }
}

