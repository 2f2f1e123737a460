/**
 * A real Temporal worker for the sync on the run-wide dev server, with activities built on the
 * emulator-backed test stack. The workflow bundle is built once per test file.
 */
import { type Client } from '@temporalio/client';
import { bundleWorkflowCode, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { type SyncOptionsInput } from '../../src/config/sync-options';
import { startSyncRun, waitForReport, type RunOptions } from '../../src/client/sync-commands';
import { createSyncWorker, WORKFLOWS_PATH } from '../../src/worker-factory';
import { type SyncReport } from '../../src/workflows/report';
import { type TestStack } from './stack';
import { uniqueTaskQueue, type TemporalEnvironment } from './temporal';

let bundle: WorkflowBundleWithSourceMap | undefined;

export async function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  return bundle;
}

export interface SyncHarness {
  client: Client;
  taskQueue: string;
  connection: string;
  worker: Worker;
  activities: ReturnType<typeof createActivities>;
  /** Starts a run and waits for its report (also when the run failed). */
  run(options?: RunOptions): Promise<SyncReport>;
}

/** Runs `fn` with a worker polling a fresh task queue; the worker stops afterwards. */
export async function withSyncWorker<T>(
  env: TemporalEnvironment,
  stack: TestStack,
  syncOptions: SyncOptionsInput,
  fn: (harness: SyncHarness) => Promise<T>,
  tuning: { maxConcurrentActivityTaskExecutions?: number } = {},
): Promise<T> {
  const taskQueue = uniqueTaskQueue('sync');
  // A connection name per test keeps each test's sync state workflow (watermark, lease) apart.
  const connection = `t${taskQueue.slice(-12).replace(/[^a-z0-9]/g, '')}`;
  const activities = createActivities(stack.deps(syncOptions, env.client, taskQueue));
  const worker = await createSyncWorker({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    activities,
    workflowBundle: await workflowBundle(),
    shutdownGraceTime: '1s',
    ...tuning,
  });
  const harness: SyncHarness = {
    client: env.client,
    taskQueue,
    connection,
    worker,
    activities,
    run: async (options) => waitForReport(await startSyncRun(env.client, { connection, taskQueue }, options)),
  };
  return worker.runUntil(fn(harness));
}
