/**
 * The run's bookkeeping with the connection's sync state workflow: take the one-run-at-a-time
 * lease, learn the mode and watermark just before GetProspects (claiming a pending full-sync
 * request), and record the outcome (watermark advanced only by a successful run).
 */
import { updateSyncState } from '../../client/sync-state';
import { beginRunUpdate, finishRunUpdate, planProspectsUpdate, releaseLeaseUpdate, type BeginRunResult, type PlanProspectsResult } from '../../workflows/messages';
import { type ActivityDeps } from '../deps';
import { type FinishRunInput, type RunContext } from '../types';

export function createRunStateActivities(deps: ActivityDeps) {
  const target = (run: RunContext) => ({ connection: run.connection, taskQueue: deps.taskQueue });

  /** Whether the workflow holding a lease is still running (a terminated run never releases it). */
  async function isRunning(workflowId: string): Promise<boolean> {
    try {
      const description = await deps.temporal.workflow.getHandle(workflowId).describe();
      return description.status.name === 'RUNNING';
    } catch {
      return false;
    }
  }

  return {
    async beginRun({ run }: { run: RunContext }): Promise<BeginRunResult> {
      const request = { runId: run.runId, startedAt: run.startedAt };
      const first = await updateSyncState(deps.temporal, target(run), beginRunUpdate, request);
      if (first.granted || !first.holder || (await isRunning(first.holder))) return first;
      await updateSyncState(deps.temporal, target(run), releaseLeaseUpdate, { runId: first.holder });
      return updateSyncState(deps.temporal, target(run), beginRunUpdate, request);
    },

    async planProspects({ run, forceFull }: { run: RunContext; forceFull: boolean }): Promise<PlanProspectsResult> {
      return updateSyncState(deps.temporal, target(run), planProspectsUpdate, { runId: run.runId, forceFull, dryRun: run.dryRun });
    },

    async finishRun({ report, claimedFullSync }: FinishRunInput): Promise<void> {
      await updateSyncState(deps.temporal, { connection: report.connection, taskQueue: deps.taskQueue }, finishRunUpdate, {
        runId: report.runId,
        mode: report.mode,
        status: report.status,
        startedAt: report.startedAt,
        finishedAt: report.finishedAt ?? report.startedAt,
        // A dry run changes nothing, so it must not move the watermark or consume a request.
        nextWatermark: report.dryRun ? undefined : report.nextWatermark,
        claimedFullSync: report.dryRun ? false : claimedFullSync,
        dryRun: report.dryRun,
        optionsHash: report.optionsHash,
        steps: Object.fromEntries(report.steps.map((s) => [s.step, s.status])),
      });
    },
  };
}
