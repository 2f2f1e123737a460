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
import { createDataConverter } from './codec/data-converter';
import { loadConfigForProcess, parseSyncOptions, type Config } from './config/load';
import { type SyncOptions } from './config/sync-options';
import { StructuredLogger } from './observability/logger';
import { METRIC, STEP_DURATION_BUCKETS_SECONDS } from './observability/metrics';
import { observeWorker } from './observability/worker-observability';
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

/** How often API call counters catch up while activities run. */
const API_CALLS_FLUSH_MS = 15_000;

export interface StartedWorker {
  worker: Worker;
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  client: Client;
  connection: NativeConnection;
}

/**
 * Starts a sync worker on the given clients (real ones, or the embedded emulators'). Payloads
 * are encrypted when PAYLOAD_ENCRYPTION_KEY is set; product metrics go to the runtime's meter
 * (served with the SDK's on METRICS_PORT, a no-op otherwise).
 */
export async function startWorker(config: Config, clients: Pick<ExternalClients, 'salesforce' | 'saleswings'>): Promise<StartedWorker> {
  const { temporal, worker: tuning } = config.settings;
  const dataConverter = createDataConverter(tuning.encryption);
  const client = await connectClient(temporal, { dataConverter });
  const connection = await connectWorker(temporal);
  const observed = observeWorker({ meter: Runtime.instance().metricMeter, salesforce: clients.salesforce, saleswings: clients.saleswings });
  const activities = createActivities({
    salesforce: observed.salesforce,
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
    dataConverter,
    observability: observed.steps,
  });
  // Long steps (a full GetProspects) make many calls before their activity ends: count them as they go.
  const flushing = setInterval(observed.flush, API_CALLS_FLUSH_MS).unref();
  const done = worker.run().finally(() => {
    clearInterval(flushing);
    observed.flush();
  });
  return { worker, done, client, connection };
}

/** Installs the process-wide Temporal runtime with the product's logger (once per process). */
export function installRuntime(config: Config, options: { shutdownSignals?: NodeJS.Signals[] } = {}): StructuredLogger {
  const logger = new StructuredLogger({ level: config.settings.worker.logLevel, format: config.settings.worker.logFormat, base: { connection: config.settings.connection } });
  Runtime.install({
    logger,
    ...(options.shutdownSignals ? { shutdownSignals: options.shutdownSignals } : {}),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } },
      ...(config.settings.worker.metricsPort
        ? {
            metrics: {
              prometheus: {
                bindAddress: `0.0.0.0:${config.settings.worker.metricsPort}`,
                histogramBucketOverrides: { [METRIC.stepDuration]: STEP_DURATION_BUCKETS_SECONDS },
              },
            },
          }
        : {}),
    },
  });
  return logger;
}

export async function main(): Promise<void> {
  const config = loadConfigForProcess();
  if (!config) return;
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
