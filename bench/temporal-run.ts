/**
 * One sync run on Temporal, started as a manual run (as `saleswings-sync sync run` does) and
 * awaited; then its history events are counted (the run, its match step workflows and their
 * per-prospect children) and the sync state workflow's growth is read.
 */
import { type Client } from '@temporalio/client';
import { startSyncRun, waitForReport } from '../src/client/sync-commands';
import { syncStateWorkflowId } from '../src/workflows/ids';
import { type SyncReport } from '../src/workflows/report';
import { countHistoryEvents, historyLength } from './history-events';
import { type PhaseReport } from './report';

export interface TemporalTarget {
  client: Client;
  taskQueue: string;
  connection: string;
  matchBatcherStats(): { batches: number; items: number };
}

export interface ExecutionFigures {
  matchStrategy: Record<string, string>;
  temporal?: PhaseReport['temporal'];
}

export interface ExecutionOutcome {
  report: SyncReport;
  wallMs: number;
  /** Figures read after the phase's measurement window (history fetches cost CPU and memory). */
  figures(): Promise<ExecutionFigures>;
}

/** `…-match-leads` → MatchProspectsToLeads (ids from src/workflows/ids.ts). */
function stepOfMatchWorkflow(workflowId: string): string {
  if (workflowId.endsWith('-match-leads')) return 'MatchProspectsToLeads';
  if (workflowId.endsWith('-match-contacts')) return 'MatchProspectsToContacts';
  return workflowId;
}

export async function runOnTemporal(target: TemporalTarget, options: { full: boolean }): Promise<ExecutionOutcome> {
  const stateId = syncStateWorkflowId(target.connection);
  const stateBefore = await historyLength(target.client, stateId);
  const batcherBefore = target.matchBatcherStats();

  const started = performance.now();
  const handle = await startSyncRun(target.client, { connection: target.connection, taskQueue: target.taskQueue }, { full: options.full });
  const report = await waitForReport(handle);
  const wallMs = performance.now() - started;

  const batcherAfter = target.matchBatcherStats();

  return {
    report,
    wallMs,
    async figures() {
      const stateAfter = await historyLength(target.client, stateId);
      const historyEvents = await countHistoryEvents(target.client, { workflowId: handle.workflowId, type: 'syncWorkflow' });
      const matchStrategy = Object.fromEntries(Object.entries(historyEvents.matchStrategies).map(([id, strategy]) => [stepOfMatchWorkflow(id), strategy]));
      // The state workflow may have continued as new during the run; its growth is then unknown.
      const stateWorkflowEvents = stateAfter && (!stateBefore || stateBefore.runId === stateAfter.runId) ? stateAfter.length - (stateBefore?.length ?? 0) : undefined;
      return {
        matchStrategy,
        temporal: {
          historyEvents,
          stateWorkflowEvents,
          matchBatcher: { batches: batcherAfter.batches - batcherBefore.batches, items: batcherAfter.items - batcherBefore.items },
        },
      };
    },
  };
}
