/**
 * Client-side access to a connection's sync state workflow (`saleswings-state-<connection>`):
 * it is started on first use (update-with-start / signal-with-start, USE_EXISTING), so nothing
 * has to be set up before the first run or the first full-sync request.
 */
import { type Client, WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { type Settings } from '../config/settings';
import { syncStateWorkflowId } from '../workflows/ids';
import { requestFullSyncSignal, stateQuery, type FullSyncRequest, type SyncState } from '../workflows/messages';
import { type SyncStateInput } from '../workflows/sync-state-workflow';

export interface StateTarget {
  connection: string;
  taskQueue: string;
}

/** The connection and task queue of the running configuration. */
export function stateTargetOf(settings: Pick<Settings, 'connection' | 'temporal'>): StateTarget {
  return { connection: settings.connection, taskQueue: settings.temporal.taskQueue };
}

/** How the state workflow is started when it does not run yet. */
function stateStartOptions(target: StateTarget) {
  return {
    workflowId: syncStateWorkflowId(target.connection),
    taskQueue: target.taskQueue,
    args: [{ connection: target.connection }] as [SyncStateInput],
    staticSummary: `Sync state of ${target.connection}: watermark, full-sync requests, run lease`,
  };
}

function startOperation(target: StateTarget): WithStartWorkflowOperation<(input: SyncStateInput) => Promise<void>> {
  return new WithStartWorkflowOperation('syncStateWorkflow', { ...stateStartOptions(target), workflowIdConflictPolicy: 'USE_EXISTING' });
}

/** Runs an update on the state workflow, starting it if needed. */
export async function updateSyncState<Ret, Args extends unknown[]>(
  client: Client,
  target: StateTarget,
  update: UpdateDefinition<Ret, Args>,
  ...args: Args
): Promise<Ret> {
  return client.workflow.executeUpdateWithStart(update, { args, startWorkflowOperation: startOperation(target) });
}

/** Records a full-sync request; it is kept until a full sync completes. */
export async function requestFullSync(client: Client, target: StateTarget, request: FullSyncRequest): Promise<void> {
  await client.workflow.signalWithStart('syncStateWorkflow', { ...stateStartOptions(target), signal: requestFullSyncSignal, signalArgs: [request] });
}

/** The current state, or undefined before the first run. */
export async function readSyncState(client: Client, connection: string): Promise<SyncState | undefined> {
  try {
    return await client.workflow.getHandle(syncStateWorkflowId(connection)).query(stateQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
