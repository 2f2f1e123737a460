/**
 * A match workflow fails with its activity's error wrapped twice (child → activity → application
 * failure). An error that no further prospect can get past — here an expired session that could
 * not be refreshed (Auth) — must stop the step after the match workflows already in flight, not
 * be recorded once per prospect for every prospect left.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { type ListProspectsToMatchResult, type MatchProspectInput } from '../../src/activities/types';
import { defaultSyncOptions } from '../../src/config/sync-options';
import { ErrorType } from '../../src/errors';
import { createSyncWorker } from '../../src/worker-factory';
import { failureOf } from '../../src/workflows/failures';
import { type MatchStepInput } from '../../src/workflows/match-step-workflow';
import { workflowBundle } from '../helpers/sync-worker';
import { uniqueTaskQueue, useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();

test('an Auth failure inside a match workflow stops the step: no match workflow starts after it', async () => {
  const taskQueue = uniqueTaskQueue('match-stop');
  const prospects = Array.from({ length: 20 }, (_v, i) => ({ swId: `p${String(i).padStart(2, '0')}`, sfId: `a0X${String(i).padStart(15, '0')}` }));
  const attempted: string[] = [];
  const activities = {
    async listProspectsToMatch(): Promise<ListProspectsToMatchResult> {
      return { prospects, more: false };
    },
    async matchProspect(input: MatchProspectInput): Promise<never> {
      attempted.push(input.prospectId);
      throw ApplicationFailure.create({ type: ErrorType.Auth, nonRetryable: true, message: 'INVALID_SESSION_ID: Session expired or invalid (refresh failed)' });
    },
  };
  const options = defaultSyncOptions();
  const input: MatchStepInput = {
    run: { runId: `${taskQueue}-run`, connection: 'stop', startedAt: '2026-11-27T10:00:00.000Z', mode: 'Full', dryRun: false, force: false },
    side: 'Lead',
    settings: { maxAttempts: 30, viaEvents: false, pageVisitSync: false, fieldMappings: [], batchSize: 1000, coalesceWaitMs: 0 },
    strategy: 'per-prospect',
    concurrency: 2,
    stepOptions: { ...options.steps.MatchProspectsToLeads, retry: { ...options.steps.MatchProspectsToLeads.retry, maximumAttempts: 1 } },
    maxErrors: 50,
  };
  const worker = await createSyncWorker({ connection: env.nativeConnection, namespace: env.namespace, taskQueue, activities: activities as never, workflowBundle: await workflowBundle(), shutdownGraceTime: '1s' });

  const error = await worker.runUntil(
    env.client.workflow.execute('matchStepWorkflow', { taskQueue, workflowId: `${taskQueue}-match`, args: [input] }).then(
      () => undefined,
      (e: unknown) => e,
    ),
  );
  expect(error).toBeInstanceOf(WorkflowFailedError);
  expect(failureOf((error as WorkflowFailedError).cause)).toEqual({ type: ErrorType.Auth, message: 'INVALID_SESSION_ID: Session expired or invalid (refresh failed)' });
  // The window held two match workflows; both failed, and nothing was started after them.
  expect(attempted.sort()).toEqual(['p00', 'p01']);
}, 60_000);
