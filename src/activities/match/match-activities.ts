/**
 * The two ways a match step calls the matching core:
 * - `matchProspect`: one prospect, from its own match workflow. Concurrent calls are coalesced
 *   by the worker-wide batcher into one batch of Salesforce calls;
 * - `matchProspectsBatch`: a page of prospects at once (strategy `batch`).
 */
import { heartbeat } from '@temporalio/activity';
import { emptyResult, matchOutcomeResult, mergeResults, type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { type MatchBatchInput, type MatchProspectInput, type MatchProspectResult } from '../types';
import { Batcher } from './batcher';
import { matchBatch } from './match-core';

/** Heartbeats are throttled by the worker; a few seconds is enough for short timeouts. */
const HEARTBEAT_EVERY_MS = 1_000;

/** Figures of one batch, as a step reports them; a dry run also keeps the prospects it would match. */
export function tallyOf(results: readonly MatchProspectResult[], maxErrors: number, dryRun = false): StepResult {
  return results.reduce((sum, r) => mergeResults(sum, matchOutcomeResult(r, dryRun), maxErrors), emptyResult());
}

export function createMatchActivities(deps: ActivityDeps) {
  // One batcher per worker process: calls for the same run, side and settings share batches.
  const batcher = new Batcher<MatchProspectInput, MatchProspectResult>(async (_key, items) => {
    const { run, side, settings } = items[0];
    return matchBatch(deps.salesforce, run, side, items.map((i) => i.prospectId), settings);
  });

  return {
    async matchProspect(input: MatchProspectInput): Promise<MatchProspectResult> {
      const key = JSON.stringify([input.run.runId, input.run.dryRun, input.side, input.settings]);
      // Heartbeat while waiting for the batch and while it runs: a worker that dies mid-batch is
      // noticed after the step's heartbeat timeout, not its start-to-close timeout.
      const beat = setInterval(() => heartbeat({ waiting: true }), HEARTBEAT_EVERY_MS);
      try {
        return await batcher.load(key, input, { maxBatchSize: input.settings.batchSize, waitMs: input.settings.coalesceWaitMs, expected: input.peers });
      } finally {
        clearInterval(beat);
      }
    },

    async matchProspectsBatch(input: MatchBatchInput): Promise<StepResult> {
      heartbeat({ prospects: input.prospectIds.length });
      const results = await matchBatch(deps.salesforce, input.run, input.side, input.prospectIds, input.settings);
      return tallyOf(results, input.maxErrors ?? 50, input.run.dryRun);
    },

    /** Coalescing figures, for benchmarks. */
    matchBatcherStats: () => batcher.stats(),
  };
}
