/**
 * `npm start`.
 *
 * Without Salesforce/SalesWings configuration: the embedded default — local Temporal dev server
 * with its Web UI, both emulators seeded with a demo dataset, the worker and the schedule; a
 * first sync runs at once and its summary is printed. With configuration: the worker for the
 * real org and account, and the schedule applied.
 *
 * Ctrl-C stops everything cleanly.
 */
import { Runtime } from '@temporalio/worker';
import { formatReport } from '../client/report-format';
import { applySchedule, scheduleSettingsOf } from '../client/schedules';
import { startSyncRun, waitForReport } from '../client/sync-commands';
import { stateTargetOf } from '../client/sync-state';
import { loadConfigForProcess, type Config } from '../config/load';
import { StructuredLogger } from '../observability/logger';
import { installRuntime, startWorker } from '../worker';
import { createExternalClients } from '../worker-deps';
import { startEmbeddedStack } from './embedded-stack';
import { waitForStopSignal } from './stop-signal';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function runConfigured(config: Config): Promise<void> {
  const clients = await createExternalClients(config);
  const started = await startWorker(config, clients);
  const applied = await applySchedule(started.client, scheduleSettingsOf(config));
  say(`Worker running on task queue ${config.settings.temporal.taskQueue} (${config.settings.temporal.address}); schedule ${applied.scheduleId} ${applied.created ? 'created' : 'updated'}.`);
  const signal = await Promise.race([waitForStopSignal(), started.done.then(() => undefined)]);
  if (signal) say(`\n${signal}: stopping (running activities get ${config.settings.worker.shutdownGrace} to finish)…`);
  if (started.worker.getState() === 'RUNNING') started.worker.shutdown();
  await started.done;
  await clients.close();
  await started.connection.close();
}

async function runEmbedded(): Promise<void> {
  say('No Salesforce/SalesWings configuration: starting the embedded stack (local Temporal + emulators).');
  const stack = await startEmbeddedStack({ log: (line) => say(`  ${line}`) });
  const stop = async () => {
    say('\nStopping…');
    await stack.stop();
    say('Stopped.');
  };
  try {
    const { temporal, salesforce, saleswings } = stack;
    const ui = temporal.uiUrl ?? '(headless)';
    say('');
    say(`Temporal Web UI      ${ui}/namespaces/${temporal.namespace}/workflows`);
    say(`Temporal frontend    ${temporal.address}`);
    say(`Salesforce emulator  ${salesforce.url}   (client id ${salesforce.credentials.clientId}; docs/emulators/salesforce.md)`);
    say(`SalesWings emulator  ${saleswings.url}   (token ${saleswings.token}; docs/emulators/saleswings.md)`);
    say('');
    say('To point the CLI (e.g. `saleswings-sync prospect <email>`) at this stack, in another terminal:');
    say(`  export TEMPORAL_ADDRESS=${temporal.address}`);
    say(`  export SALESFORCE_AUTH_MODE=client_credentials SALESFORCE_LOGIN_URL=${salesforce.url} SALESFORCE_CLIENT_ID=${salesforce.credentials.clientId} SALESFORCE_CLIENT_SECRET=${salesforce.credentials.clientSecret}`);
    say('');
    const applied = await applySchedule(stack.client, scheduleSettingsOf(stack.config));
    say(`Schedule ${applied.scheduleId}: every ${stack.config.syncOptions.schedule.intervalMinutes} min.`);
    const handle = await startSyncRun(stack.client, stateTargetOf(stack.config.settings));
    say(`First sync ${handle.workflowId} started: ${ui}/namespaces/${temporal.namespace}/workflows/${handle.workflowId}`);
    const report = await Promise.race([waitForReport(handle), waitForStopSignal().then(() => undefined)]);
    if (!report) return;
    say('');
    say(formatReport(report));
    say('');
    say('The sync keeps running on its schedule. Try `npm run cli -- sync run --wait` or `npm run cli -- schedule describe`.');
    say('Press Ctrl-C to stop.');
    await waitForStopSignal();
  } finally {
    await stop();
  }
}

export async function main(): Promise<void> {
  const config = loadConfigForProcess();
  if (!config) return;
  const embedded = !config.settings.salesforce && !config.settings.saleswings;
  if (embedded) {
    Runtime.install({
      logger: new StructuredLogger({ level: 'warn', format: 'pretty' }),
      // Signals are handled here, so everything stops in order.
      shutdownSignals: [],
    });
    await runEmbedded();
  } else {
    // The worker's own runtime set-up: structured logs, Prometheus metrics on METRICS_PORT.
    installRuntime(config, { shutdownSignals: [] });
    await runConfigured(config);
  }
}

if (require.main === module) {
  main()
    .then(() => process.exit(process.exitCode ?? 0))
    .catch((error: unknown) => {
      console.error((error as Error).stack ?? error);
      process.exit(1);
    });
}
