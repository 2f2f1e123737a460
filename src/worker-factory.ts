/**
 * Builds a Temporal worker for the sync: the workflow bundle plus the activities built from
 * injected dependencies. Used by the production entry point (src/worker.ts), the embedded stack
 * (src/dev) and tests, which pass emulator-backed dependencies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type SyncActivities } from './activities/types';

export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  activities: SyncActivities;
  /** A pre-built bundle (tests bundle once per file; production images bundle at build time). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  /** How long running activities may finish after a shutdown request (SDK default: 0 = cancel at once). */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  maxCachedWorkflows?: number;
}

/** Absolute path of the workflow bundle's entry (TypeScript source or compiled JavaScript). */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/**
 * The bundle built with the compiled code (`docker/build-workflow-bundle.mjs` writes
 * `lib/workflow-bundle.js` in the image), when it is at least as new as the workflow code it was
 * built from: the worker then starts without a webpack run. Undefined from TypeScript sources.
 */
export function prebuiltWorkflowBundle(): WorkerOptions['workflowBundle'] | undefined {
  const codePath = path.join(__dirname, 'workflow-bundle.js');
  if (!WORKFLOWS_PATH.endsWith('.js') || !fs.existsSync(codePath)) return undefined;
  return fs.statSync(codePath).mtimeMs >= fs.statSync(WORKFLOWS_PATH).mtimeMs ? { codePath } : undefined;
}

function bundleOrSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const prebuilt = prebuiltWorkflowBundle();
  return prebuilt ? { workflowBundle: prebuilt } : { workflowsPath: WORKFLOWS_PATH };
}

export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : bundleOrSource()),
    // Per-prospect match activities wait in the worker's batcher for company: allow enough of
    // them in flight that a batch can fill (see matching.concurrency / coalesceWaitMs).
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 200,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 40,
    maxCachedWorkflows: options.maxCachedWorkflows,
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
  });
}
