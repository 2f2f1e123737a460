/**
 * The embedded default of `npm start`: a local Temporal dev server (state kept in `.data/`), the
 * Salesforce and SalesWings emulators seeded with a demo dataset, and a sync worker wired to them
 * — everything the product needs, on one machine, with no account anywhere.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type Client } from '@temporalio/client';
import { type Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { connectClient, connectWorker } from '../client/connect';
import { type Config } from '../config/load';
import { defaultSyncOptions, type SyncOptions } from '../config/sync-options';
import { generateOrgRecords } from '../emulators/datasets/org-records';
import { loadOrgRecords } from '../emulators/datasets/load-org-records';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce';
import { generateDataset, startSalesWingsEmulator, type SalesWingsEmulator } from '../emulators/saleswings';
import { DEFAULT_API_VERSION } from '../salesforce/connection';
import { SalesWingsClient } from '../saleswings/client';
import { createGateway } from '../worker-deps';
import { createSyncWorker } from '../worker-factory';
import { freePort, startDevServer, type DevServer } from './dev-server';
import { PROJECT_ROOT } from './temporal-cli';

export const DATA_DIR = path.join(PROJECT_ROOT, '.data');

export interface EmbeddedStackOptions {
  /** Prospects in the demo dataset (default 200). */
  prospects?: number;
  /** Temporal gRPC port (default 7233) and Web UI port (default 8233). */
  temporalPort?: number;
  uiPort?: number;
  /** Emulator ports (default 4010 SalesWings, 4020 Salesforce). */
  saleswingsPort?: number;
  salesforcePort?: number;
  /** Where state is kept across restarts (default `.data/`). */
  dataDir?: string;
  syncOptions?: SyncOptions;
  log?: (line: string) => void;
}

export interface EmbeddedStack {
  temporal: DevServer;
  salesforce: SalesforceEmulator;
  saleswings: SalesWingsEmulator;
  client: Client;
  worker: Worker;
  /** The worker's run loop; resolves when it stops. */
  workerDone: Promise<void>;
  config: Config;
  stop(): Promise<void>;
}

const DEMO_SEED = 2026;
const DEMO_TOKEN = 'demo-saleswings-token';

/** A port if it is free, else any free one (a second stack on the machine still starts). */
function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(freePort()));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

export async function startEmbeddedStack(options: EmbeddedStackOptions = {}): Promise<EmbeddedStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ?? DATA_DIR;
  fs.mkdirSync(dataDir, { recursive: true });
  const syncOptions = options.syncOptions ?? defaultSyncOptions();

  log('starting the Temporal dev server…');
  const temporal = await startDevServer({
    port: await portOr(options.temporalPort ?? 7233),
    uiPort: await portOr(options.uiPort ?? 8233),
    dbFilename: path.join(dataDir, 'temporal.sqlite'),
  });

  log('starting the emulators…');
  const salesforce = await startSalesforceEmulator({
    port: await portOr(options.salesforcePort ?? 4020),
    persistFile: path.join(dataDir, 'salesforce-emulator.json'),
  });
  const dataset = generateDataset({ seed: DEMO_SEED, prospects: options.prospects ?? 200, activitiesPerProspect: 3 });
  const saleswings = await startSalesWingsEmulator({ port: await portOr(options.saleswingsPort ?? 4010), token: DEMO_TOKEN, dataset });
  // The org's own records (users, accounts, leads, contacts) are loaded once; later starts keep
  // the org as the previous session left it.
  if (salesforce.admin.query('SELECT COUNT() FROM Lead')[0]?.totalSize === 0) {
    // Dated a day back: the org's records predate the sync, as they would in a real org.
    const asOf = new Date(Date.now() - 86_400_000).toISOString();
    loadOrgRecords(salesforce, generateOrgRecords(dataset, { seed: DEMO_SEED, convertedShare: 0.1, duplicateShare: 0.05 }), { asOf });
  }

  const config: Config = {
    settings: {
      temporal: { address: temporal.address, namespace: temporal.namespace, taskQueue: 'saleswings-sync' },
      connection: 'default',
      worker: { logLevel: 'warn', logFormat: 'pretty', maxConcurrentActivities: 200, maxConcurrentWorkflowTasks: 40, shutdownGrace: '10s' },
    },
    syncOptions,
  };
  // The emulator's org is the unmanaged source (no namespace) on the default API version.
  const gateway = await createGateway(
    {
      authMode: 'client_credentials',
      loginUrl: salesforce.url,
      clientId: salesforce.credentials.clientId,
      clientSecret: salesforce.credentials.clientSecret,
      apiVersion: DEFAULT_API_VERSION,
      namespace: '',
    },
    syncOptions,
  );
  const saleswingsClient = new SalesWingsClient({ baseUrl: saleswings.url, token: saleswings.token });
  const client = await connectClient(config.settings.temporal);
  const connection = await connectWorker(config.settings.temporal);
  const worker = await createSyncWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: config.settings.temporal.taskQueue,
    activities: createActivities({
      salesforce: gateway,
      saleswings: saleswingsClient,
      temporal: client,
      taskQueue: config.settings.temporal.taskQueue,
      syncOptions: () => syncOptions,
    }),
    shutdownGraceTime: '10s',
  });
  const workerDone = worker.run();

  let stopped = false;
  return {
    temporal,
    salesforce,
    saleswings,
    client,
    worker,
    workerDone,
    config,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerDone.catch(() => undefined);
      await connection.close().catch(() => undefined);
      await client.connection.close().catch(() => undefined);
      await saleswingsClient.close();
      await Promise.all([salesforce.stop(), saleswings.stop()]);
      await temporal.stop();
    },
  };
}
