/**
 * A sync worker in a process of its own, for tests that kill it (SIGKILL) mid-run. Started with
 * `node scripts/run-ts.js test/helpers/worker-process.ts` and a JSON spec in WORKER_SPEC; prints
 * READY once it polls.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { parseSyncOptions } from '../../src/config/load';
import { type SyncOptionsInput } from '../../src/config/sync-options';
import { createSalesforceGateway } from '../../src/salesforce/gateway';
import { SalesWingsClient } from '../../src/saleswings/client';
import { createSyncWorker } from '../../src/worker-factory';

export interface WorkerSpec {
  address: string;
  namespace: string;
  taskQueue: string;
  salesforce: { url: string; clientId: string; clientSecret: string };
  saleswings: { url: string; token: string };
  syncOptions: SyncOptionsInput;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.WORKER_SPEC ?? '{}') as WorkerSpec;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const options = parseSyncOptions(spec.syncOptions);
  const gateway = await createSalesforceGateway({
    connection: { authMode: 'client_credentials', loginUrl: spec.salesforce.url, clientId: spec.salesforce.clientId, clientSecret: spec.salesforce.clientSecret },
  });
  const saleswings = new SalesWingsClient({ baseUrl: spec.saleswings.url, token: spec.saleswings.token, retryBaseDelayMs: 5 });
  const client = new Client({ connection: await Connection.connect({ address: spec.address }), namespace: spec.namespace });
  const worker = await createSyncWorker({
    connection: await NativeConnection.connect({ address: spec.address }),
    namespace: spec.namespace,
    taskQueue: spec.taskQueue,
    activities: createActivities({ salesforce: gateway, saleswings, temporal: client, taskQueue: spec.taskQueue, syncOptions: () => options }),
  });
  const running = worker.run();
  process.stdout.write('READY\n');
  await running;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
