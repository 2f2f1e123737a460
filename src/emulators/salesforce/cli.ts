/**
 * Runs the Salesforce emulator until Ctrl-C:
 *   node scripts/run-ts.js src/emulators/salesforce/cli.ts --port 4020 [--namespace saleswings] [--persist .data/sf.json]
 * Prints the instance URL, the connected app's client id/secret, the integration user's
 * credentials and a ready access token.
 */
import { Command } from 'commander';
import { startSalesforceEmulator } from './index';

async function main(): Promise<void> {
  const program = new Command()
    .name('salesforce-emulator')
    .description('Local Salesforce org emulator (REST, Composite, Bulk API 2.0, OAuth)')
    .option('--port <port>', 'TCP port', '4020')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--namespace <ns>', 'expose custom objects and fields as <ns>__X__c')
    .option('--persist <file>', 'JSON snapshot to load at start and write on change')
    .option('--daily-api-limit <n>', 'DailyApiRequests.Max', '100000')
    .option('--latency <ms>', 'latency added to every REST request', '0')
    .option('--bulk-delay <ms>', 'delay before a closed Bulk job is processed', '500')
    .parse(process.argv);
  const opts = program.opts<{ port: string; host: string; namespace?: string; persist?: string; dailyApiLimit: string; latency: string; bulkDelay: string }>();

  const emulator = await startSalesforceEmulator({
    port: Number(opts.port),
    host: opts.host,
    namespace: opts.namespace,
    persistFile: opts.persist,
    dailyApiLimit: Number(opts.dailyApiLimit),
    latencyMs: Number(opts.latency),
    bulkProcessingDelayMs: Number(opts.bulkDelay),
  });
  const lines = [
    `Salesforce emulator listening on ${emulator.url}`,
    `  instance/login URL : ${emulator.url}`,
    `  namespace          : ${emulator.namespace || '(none)'}`,
    `  client id          : ${emulator.credentials.clientId}`,
    `  client secret      : ${emulator.credentials.clientSecret}`,
    `  username           : ${emulator.credentials.username}`,
    `  password           : ${emulator.credentials.password}`,
    `  access token       : ${emulator.accessToken}`,
    `  admin API          : ${emulator.url}/__emulator/info`,
    opts.persist ? `  persisted to       : ${opts.persist}` : '  persistence        : in memory',
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = () => {
    emulator
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
