/**
 * The worker process: connects to Temporal from configuration, registers the workflow bundle and
 * the activities built on the real Salesforce and SalesWings clients, logs structured lines, and
 * shuts down gracefully on SIGINT/SIGTERM (running activities get WORKER_SHUTDOWN_GRACE to finish;
 * anything interrupted is retried from its last heartbeat by another worker).
 *
 *   npm run worker          (TypeScript sources)
 *   node lib/worker.js      (built image)
 */
import { type Client } from '@temporalio/client';
import { type NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import { connectClient, connectWorker } from './client/connect';
import { loadConfig, parseSyncOptions, type Config } from './config/load';
import { type SyncOptions } from './config/sync-options';
import { StructuredLogger } from './observability/logger';
import { createSyncWorker } from './worker-factory';
import { createExternalClients, type ExternalClients } from './worker-deps';
import fs from 'node:fs';

/**
 * SyncOptions as each run sees them: the options file is read again when a run starts, so an
 * edit applies from the next run without a restart (and a broken edit fails that run with every
 * problem listed, instead of killing the worker).
 */
export function syncOptionsSource(config: Config): () => SyncOptions {
  const file = config.settings.syncOptionsFile;
  if (!file) return () => config.syncOptions;
  return () => parseSyncOptions(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

export interface StartedWorker {
  worker: Worker;
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  client: Client;
  connection: NativeConnection;
}

/** Starts a sync worker on the given clients (real ones, or the embedded emulators'). */
export async function startWorker(config: Config, clients: Pick<ExternalClients, 'salesforce' | 'saleswings'>): Promise<StartedWorker> {
  const { temporal, worker: tuning } = config.settings;
  const client = await connectClient(temporal);
  const connection = await connectWorker(temporal);
  const activities = createActivities({
    salesforce: clients.salesforce,
    saleswings: clients.saleswings,
    temporal: client,
    taskQueue: temporal.taskQueue,
    syncOptions: syncOptionsSource(config),
  });
  const worker = await createSyncWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    activities,
    maxConcurrentActivityTaskExecutions: tuning.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTasks,
    shutdownGraceTime: tuning.shutdownGrace as `${number}s`,
  });
  return { worker, done: worker.run(), client, connection };
}

/** Installs the process-wide Temporal runtime with the product's logger (once per process). */
export function installRuntime(config: Config): StructuredLogger {
  const logger = new StructuredLogger({ level: config.settings.worker.logLevel, format: config.settings.worker.logFormat, base: { connection: config.settings.connection } });
  Runtime.install({
    logger,
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } },
      ...(config.settings.worker.metricsPort ? { metrics: { prometheus: { bindAddress: `0.0.0.0:${config.settings.worker.metricsPort}` } } } : {}),
    },
  });
  return logger;
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const logger = installRuntime(config);
  const clients = await createExternalClients(config);
  const started = await startWorker(config, clients);
  logger.info('worker started', { taskQueue: config.settings.temporal.taskQueue, namespace: config.settings.temporal.namespace });
  await started.done;
  await clients.close();
  await started.connection.close();
  logger.info('worker stopped');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message ?? error);
    process.exitCode = 1;
  });
}
