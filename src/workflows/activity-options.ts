/**
 * Activity proxies, grouped by timeout class. Step activities take their options (timeouts,
 * retry) from the run's SyncOptions — the package's per-step Workflow Options — so each step is
 * proxied with its own options; bookkeeping activities share one short-timeout proxy.
 */
import { type Duration } from '@temporalio/common';
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { type SyncActivities } from '../activities/types';
import { stepInfo, type StepName } from '../config/steps';
import { type StepOptions, type SyncOptions } from '../config/sync-options';
import { NON_RETRYABLE_ERROR_TYPES } from '../errors';

/** Temporal activity options from one step's Workflow Options. */
export function toActivityOptions(step: StepOptions, summary: string): ActivityOptions {
  return {
    // Validated by durationSchema (e.g. "30s", "2h"), which the SDK's Duration accepts.
    startToCloseTimeout: step.startToCloseTimeout as Duration,
    heartbeatTimeout: step.heartbeatTimeout as Duration,
    summary,
    retry: {
      maximumAttempts: step.retry.maximumAttempts,
      initialInterval: step.retry.initialInterval as Duration,
      backoffCoefficient: step.retry.backoffCoefficient,
      maximumInterval: step.retry.maximumInterval as Duration,
      // Decided once at the boundary (src/errors.ts): auth, configuration, contract and
      // validation errors, an exhausted API budget and the deletion guard never heal by retrying.
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
    },
  };
}

/** The activities of one step, with that step's options. */
export function stepActivities(step: StepName, options: SyncOptions): SyncActivities {
  return proxyActivities<SyncActivities>(toActivityOptions(options.steps[step], `${step}: ${stepInfo(step).summary}`));
}

/** Run bookkeeping (options, the state workflow, the change probe, the SW Apex Job record), with a summary for the Web UI. */
export function bookkeeping(summary: string): SyncActivities {
  return proxyActivities<SyncActivities>({
    startToCloseTimeout: '2m',
    summary,
    retry: {
      initialInterval: '1s',
      maximumInterval: '30s',
      maximumAttempts: 20,
      nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
    },
  });
}
