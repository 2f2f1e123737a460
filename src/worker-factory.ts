/**
 * Builds a Temporal worker for the sync: the workflow bundle plus the activities built from
 * injected dependencies. Used by the production entry point (src/worker.ts), the embedded stack
 * (src/dev) and tests, which pass emulator-backed dependencies. Every step activity is observed
 * (start/finish log lines with its figures; durations when metrics are given).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DataConverter } from '@temporalio/common';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type SyncActivities } from './activities/types';
import { stepObserver, type StepObserverOptions } from './observability/step-observer';

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
  /** Payload codec and failure converter (`createDataConverter`); the SDK's defaults when absent. */
  dataConverter?: DataConverter;
  /** Metrics and hooks of the step observer (log lines are written either way). */
  observability?: StepObserverOptions;
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

function bundleOrSource(dataConverter: DataConverter | undefined): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  // A custom failure converter runs inside the workflow sandbox, so it must be bundled in; the
  // image's prebuilt bundle has the default one, and would leave workflow failure messages plain.
  if (dataConverter?.failureConverterPath || dataConverter?.payloadConverterPath) return { workflowsPath: WORKFLOWS_PATH };
  const prebuilt = prebuiltWorkflowBundle();
  return prebuilt ? { workflowBundle: prebuilt } : { workflowsPath: WORKFLOWS_PATH };
}

export async function createSyncWorker(options: SyncWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : bundleOrSource(options.dataConverter)),
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    interceptors: { activity: [stepObserver(options.observability)] },
    // Per-prospect match activities wait in the worker's batcher for company: allow enough of
    // them in flight that a batch can fill (see matching.concurrency / coalesceWaitMs).
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 200,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 40,
    maxCachedWorkflows: options.maxCachedWorkflows,
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
  });
}
