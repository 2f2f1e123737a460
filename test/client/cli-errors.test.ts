/**
 * What every new command does before it reaches a run: `--help` with examples, every
 * configuration problem reported at once (exit 2), and an unreachable Temporal explained with
 * how to start it (exit 3) — for `prospect`, after the org part has been printed.
 */
import net from 'node:net';
import { createCliContext } from '../../src/client/cli-context';
import { type ProspectReport } from '../../src/client/prospect-format';
import { type Env } from '../../src/config/settings';
import { useTestStack } from '../helpers/stack';
import { cli } from './cli-harness';

const stack = useTestStack();
let closedAddress: string;

beforeAll(async () => {
  // A port nothing listens on: bind one, then release it.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedAddress = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  await new Promise((resolve) => server.close(resolve));
});

const salesforceEnv = (): Env => ({
  SALESFORCE_AUTH_MODE: 'client_credentials',
  SALESFORCE_LOGIN_URL: stack.sf.url,
  SALESFORCE_CLIENT_ID: stack.sf.credentials.clientId,
  SALESFORCE_CLIENT_SECRET: stack.sf.credentials.clientSecret,
});

test.each([
  [['sync', 'status', '--help'], ['saleswings-sync sync status --json | jq .running.currentStep', 'Progress bars are drawn when stdout is a terminal']],
  [['sync', 'report', '--help'], ['saleswings-sync sync report --last 5', '--last <n>  how many runs (default: 25)']],
  [['prospect', '--help'], ['saleswings-sync prospect 5f1c2a9e', '--ui <url>', 'set the Salesforce emulator variables it prints']],
  [['sync', 'run', '--help'], ['saleswings-sync sync run --dry-run --wait']],
])('%j prints usage with examples and exits 0 without configuration or Temporal', async (argv, expected) => {
  // An environment that would fail validation: help must not read it.
  const result = await cli(argv, { env: { TEMPORAL_ADDRESS: 'not an address' } });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Examples:');
  for (const text of expected) expect(result.stdout).toContain(text);
  expect(result.stderr).toBe('');
});

test.each([[['sync', 'status']], [['sync', 'report']], [['prospect', 'p1']]])('%j with a bad configuration lists every problem at once and exits 2', async (argv) => {
  const result = await cli(argv, { env: { TEMPORAL_ADDRESS: 'nohost', SYNC_CONNECTION: 'Not Valid', SALESFORCE_AUTH_MODE: 'magic' } });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines[0]).toMatch(/^Invalid configuration \(\d+ problems\):$/);
  expect(lines).toEqual(
    expect.arrayContaining([
      '  - TEMPORAL_ADDRESS: expected host:port',
      '  - SYNC_CONNECTION: expected lower-case letters, digits and dashes (max 63)',
      expect.stringMatching(/^ {2}- SALESFORCE_AUTH_MODE: expected one of /),
    ]),
  );
});

test('sync status and sync report with Temporal unreachable say how to start it and exit 3', async () => {
  for (const argv of [['sync', 'status'], ['sync', 'report', '--json']]) {
    const result = await cli(argv, { env: { TEMPORAL_ADDRESS: closedAddress } });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Cannot reach Temporal at ${closedAddress}`);
    expect(result.stderr).toContain('Start the embedded stack with `npm start`');
  }
}, 60_000);

test('prospect with Temporal unreachable still prints what the org says, then the Temporal error, and exits 3', async () => {
  stack.sf.admin.insert('Prospect__c', {
    Name: 'Grace Hopper',
    SW_Id__c: 'g1',
    Email__c: 'grace@example.com',
    Lifecycle__c: 'Active',
    Sync_Status__c: 'Not Processed',
    Lead_Sync_Status__c: 'Gave Up',
    Lead_Sync_Attempts__c: 30,
    Lead_Sync_Error__c: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record',
    Contact_Sync_Status__c: 'Pending',
    Contact_Sync_Attempts__c: 0,
  });
  const lead = stack.sf.admin.insert('Lead', { LastName: 'Hopper', Company: 'Navy', Email: 'Grace@Example.com' }) as string;
  const contact = stack.sf.admin.insert('Contact', { LastName: 'Hopper', Email: 'grace@example.com' }) as string;

  const result = await cli(['prospect', 'g1', '--json'], { env: { TEMPORAL_ADDRESS: closedAddress, SYNC_CONNECTION: 'eu-org', ...salesforceEnv() } });
  expect(result.code).toBe(3);
  const body = result.json<ProspectReport>();
  expect(body.prospects).toHaveLength(1);
  const [entry] = body.prospects;
  expect(entry.matchWorkflow).toEqual({
    workflowId: 'saleswings-match-eu-org-g1',
    url: 'http://localhost:8233/namespaces/default/workflows/saleswings-match-eu-org-g1',
    runs: [],
    problem: 'Temporal is unreachable',
  });
  expect(entry.records.find((r) => r.id === lead)).toMatchObject({
    linked: false,
    updated: false,
    reason:
      'gave up after 30/30 failed attempts (last error: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record); ' +
      'tried again when the prospect changes in SalesWings or a full sync runs',
  });
  expect(entry.records.find((r) => r.id === contact)).toMatchObject({
    linked: false,
    updated: false,
    reason: "not attempted yet: the next run's MatchProspectsToContacts step matches it",
  });
  expect(result.stderr).toContain(`Cannot reach Temporal at ${closedAddress}`);
}, 60_000);

test('createCliContext() keeps its defaults: process stdout, lazy configuration, no exit code until a command sets one', () => {
  const ctx = createCliContext();
  expect(ctx.isTTY).toBe(Boolean(process.stdout.isTTY));
  expect(ctx.exitCode()).toBeUndefined();
  ctx.setExitCode(1);
  expect(ctx.exitCode()).toBe(1);
  const lines: string[] = [];
  const legacy = createCliContext((line) => lines.push(line));
  legacy.out('hello');
  expect(lines).toEqual(['hello']);
});
