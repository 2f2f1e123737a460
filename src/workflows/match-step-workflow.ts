/**
 * The batch layer between a sync run and its per-prospect match workflows (one per match step
 * and run). It pages through the prospects that still need the side matched and keeps at most
 * `matching.concurrency` match workflows in flight (sliding window). It continues-as-new when
 * Temporal suggests it, after draining the window, so neither its history (~51k events) nor the
 * pending-children limit (2,000) is reached however many prospects a full sync has; the sync run
 * above it sees a single child and its final figures.
 *
 * With `matching.strategy = 'batch'` it hands pages of prospects to one activity instead: the
 * same Salesforce calls without a workflow per prospect, an order of magnitude faster (measured
 * in docs/benchmarks.md). `auto` (the default) looks at the first page: a step with at most
 * `perProspectLimit` prospects to match — every incremental run of a typical org — runs
 * per-prospect workflows; a larger one (a full sync, a first load) runs in batches.
 */
import {
  ApplicationFailure,
  ChildWorkflowFailure,
  continueAsNew,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ListProspectsToMatchResult,
  type MatchSettings,
  type MatchSide,
  type RunContext,
  type SyncActivities,
} from '../activities/types';
import { type StepOptions } from '../config/sync-options';
import { toActivityOptions } from './activity-options';
import { failureOf, STOPPING_ERROR_TYPES } from './failures';
import { matchProspectWorkflowId } from './ids';
import { matchProgressQuery, type MatchProgress } from './messages';
import { matchProspectWorkflow } from './match-prospect-workflow';
import { emptyResult, matchOutcomeResult, mergeResults, type StepResult } from './report';
import { ProspectIdKey, SyncConnectionKey } from './search-attributes';

export interface MatchStepInput {
  run: RunContext;
  side: MatchSide;
  settings: MatchSettings;
  strategy: 'auto' | 'per-prospect' | 'batch';
  /** `auto`: the most prospects matched with per-prospect workflows. */
  perProspectLimit?: number;
  /** Sliding-window size (per-prospect strategy). */
  concurrency: number;
  stepOptions: StepOptions;
  maxErrors: number;
  /** Carried over continue-as-new: Salesforce Id of the last prospect handled. */
  after?: string;
  result?: StepResult;
  progress?: MatchProgress;
}

/**
 * Marks runs that read a failed match workflow's innermost failure: its activity's error type
 * (Auth, ApiBudget, Config stop the step). Runs recorded before it looked one level deep only.
 */
const UNWRAP_CHILD_FAILURES = 'match-step-unwraps-child-failures';

/** How runs recorded before `UNWRAP_CHILD_FAILURES` read a failed match workflow (one level deep). */
function shallowFailureOf(error: unknown): { type: string | undefined; message: string } {
  return {
    type: (error instanceof ChildWorkflowFailure && error.cause instanceof ApplicationFailure ? error.cause.type : undefined) ?? undefined,
    message: error instanceof ChildWorkflowFailure ? (error.cause?.message ?? error.message) : String(error),
  };
}

function historyIsLong(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested;
}

export async function matchStepWorkflow(input: MatchStepInput): Promise<StepResult> {
  let result = input.result ?? emptyResult();
  const progress: MatchProgress = input.progress ?? {
    side: input.side,
    started: 0,
    completed: 0,
    inFlight: 0,
    matched: 0,
    noMatch: 0,
    failed: 0,
    gaveUp: 0,
    published: 0,
  };
  setHandler(matchProgressQuery, () => progress);

  const activities = proxyActivities<SyncActivities>(
    toActivityOptions(input.stepOptions, `Match prospects to ${input.side === 'Lead' ? 'Leads' : 'Contacts'}`),
  );

  const record = (outcome: StepResult): void => {
    result = mergeResults(result, outcome, input.maxErrors);
    const d = outcome.details ?? {};
    progress.completed += outcome.examined;
    progress.matched += d.matched ?? 0;
    progress.noMatch += d.noMatch ?? 0;
    progress.failed += d.failed ?? 0;
    progress.gaveUp += d.gaveUp ?? 0;
    progress.published += d.published ?? 0;
  };

  let after = input.after;
  let strategy = input.strategy;
  let prefetched: ListProspectsToMatchResult | undefined;
  if (strategy === 'auto') {
    // One look decides: a first page that holds the whole step at or under the limit. The page
    // is used as the first page either way, so it is read at batch size: batches stay whole.
    const limit = input.perProspectLimit ?? 200;
    prefetched = await activities.listProspectsToMatch({
      run: input.run,
      side: input.side,
      after,
      limit: Math.max(limit + 1, input.settings.batchSize),
      maxAttempts: input.settings.maxAttempts,
    });
    strategy = !input.after && !prefetched.more && prefetched.prospects.length <= limit ? 'per-prospect' : 'batch';
  }
  progress.strategy = strategy;
  for (;;) {
    const page =
      prefetched ??
      (await activities.listProspectsToMatch({
        run: input.run,
        side: input.side,
        after,
        limit: strategy === 'batch' ? input.settings.batchSize : input.concurrency * 5,
        maxAttempts: input.settings.maxAttempts,
      }));
    prefetched = undefined;
    if (page.prospects.length === 0) break;

    let handled = 0;
    if (strategy === 'batch') {
      for (let i = 0; i < page.prospects.length; i += input.settings.batchSize) {
        const chunk = page.prospects.slice(i, i + input.settings.batchSize);
        progress.started += chunk.length;
        record(await activities.matchProspectsBatch({ run: input.run, side: input.side, prospectIds: chunk.map((p) => p.swId), settings: input.settings, maxErrors: input.maxErrors }));
        handled = i + chunk.length;
        if (historyIsLong()) break;
      }
    } else {
      handled = await runWindow(input, page.prospects.map((p) => p.swId), progress, record);
    }

    if (handled > 0) after = page.prospects[handled - 1].sfId;
    if (handled === page.prospects.length && !page.more) break;
    if (historyIsLong()) {
      // Every child started so far has finished (the window drained), so the next run of this
      // workflow resumes strictly after the last prospect handled.
      await continueAsNew<typeof matchStepWorkflow>({ ...input, strategy, after, result, progress: { ...progress, inFlight: 0 } });
    }
  }
  return result;
}

/**
 * Runs match workflows for `ids` with at most `concurrency` in flight. Stops starting new ones
 * when the history grows long, drains, and returns how many of `ids` were handled.
 */
async function runWindow(
  input: MatchStepInput,
  ids: readonly string[],
  progress: MatchProgress,
  record: (outcome: StepResult) => void,
): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let stopError: unknown;
  let handled = 0;
  // The first wave starts at once: its workflows are told how many they are, so the worker runs
  // their batch when the last one arrives. Later ones trickle in as others finish.
  const wave = Math.min(input.concurrency, ids.length);

  for (const prospectId of ids) {
    if (stopError !== undefined || historyIsLong()) break;
    while (inFlight.size >= input.concurrency) await Promise.race(inFlight);
    if (stopError !== undefined) break;
    handled += 1;
    progress.started += 1;
    progress.inFlight += 1;
    const child: Promise<void> = executeChild(matchProspectWorkflow, {
      workflowId: matchProspectWorkflowId(input.run.connection, prospectId),
      args: [{ run: input.run, side: input.side, prospectId, settings: input.settings, stepOptions: input.stepOptions, ...(handled <= wave ? { peers: wave } : {}) }],
      staticSummary: `Match prospect ${prospectId} to ${input.side === 'Lead' ? 'Leads' : 'Contacts'}`,
      staticDetails: `Attempt of run \`${input.run.runId}\` (${input.run.mode}${input.run.dryRun ? ', dry run' : ''}); every run's attempt for this prospect is listed under this workflow id.`,
      typedSearchAttributes: [
        { key: ProspectIdKey, value: prospectId },
        { key: SyncConnectionKey, value: input.run.connection },
      ],
    })
      .then((outcome) => record(matchOutcomeResult(outcome, input.run.dryRun)))
      .catch((error: unknown) => {
        const { type, message } = patched(UNWRAP_CHILD_FAILURES) ? failureOf(error) : shallowFailureOf(error);
        if (type && STOPPING_ERROR_TYPES.has(type)) {
          stopError ??= error;
          return;
        }
        record({ examined: 1, created: 0, updated: 0, deleted: 0, failed: 1, errors: [{ recordId: null, code: type && type !== 'Error' ? type : 'MatchFailed', message: `prospect ${prospectId}: ${message}` }], details: { failed: 1 } });
      })
      .finally(() => {
        progress.inFlight -= 1;
        inFlight.delete(child);
      });
    inFlight.add(child);
  }
  await Promise.all(inFlight);
  if (stopError !== undefined) throw stopError;
  return handled;
}
