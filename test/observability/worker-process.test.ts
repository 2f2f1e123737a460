/**
 * The production worker entry point (src/worker.ts) in a process of its own, configured only
 * through the environment as a deployment would: METRICS_PORT, LOG_FORMAT=json and
 * PAYLOAD_ENCRYPTION_KEY. After a small sync its Prometheus endpoint serves the product counters
 * next to Temporal's, its JSON logs carry run id and step but no email or secret, and the
 * report reads back only through a client with the key.
 *
 * A child process because the Temporal runtime (and its metrics exporter) is installed once per
 * process, and jest's runtime is already installed without one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Client } from '@temporalio/client';
import { connectClient } from '../../src/client/connect';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { freePort } from '../../src/dev/dev-server';
import { METRIC } from '../../src/observability/metrics';
import { syncStateWorkflowId } from '../../src/workflows/ids';
import { seedBoth, useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { testServerAddress, uniqueTaskQueue, useTemporalEnvironment } from '../helpers/temporal';

const ROOT = path.resolve(__dirname, '..', '..');
const ENCRYPTION = { keyId: 'proc-1', key: randomBytes(32).toString('base64') };

let client: Client | undefined;
let child: ChildProcess | undefined;
let tmp: string;

// Declared first: jest runs afterAll hooks in declaration order, and the worker process goes
// before the stack it calls.
afterAll(async () => {
  child?.kill('SIGKILL');
  await client?.connection.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const env = useTemporalEnvironment();
const stack = useTestStack();

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-process-'));
});

/** Prometheus text → `name{label="v",…}` (labels sorted) → value. */
function parsePrometheus(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line.trim());
    if (!match) continue;
    const labels = (match[2] ?? '')
      .split(/,(?=[a-zA-Z_]\w*=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    series.set(labels ? `${match[1]}{${labels}}` : match[1], Number(match[3]));
  }
  return series;
}

test('a worker started from the environment serves product metrics beside Temporal’s and logs JSON without PII or secrets', async () => {
  const { dataset } = seedBoth(stack, { seed: 51, prospects: 10, tags: 3, scores: 2, activitiesPerProspect: 0 }, { leadShare: 0.5, contactShare: 0.3 });
  const taskQueue = uniqueTaskQueue('proc');
  const connection = `p${taskQueue.slice(-10).replace(/[^a-z0-9]/g, '')}`;
  const metricsPort = await freePort();
  const optionsFile = path.join(tmp, 'sync-options.json');
  fs.writeFileSync(optionsFile, JSON.stringify(onlyIngestAndMatch({ matching: { coalesceWaitMs: 100 } })));

  const secrets = [stack.sw.token, stack.sf.credentials.clientSecret, ENCRYPTION.key];
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), path.join(ROOT, 'src', 'worker.ts')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: testServerAddress(),
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      SYNC_CONNECTION: connection,
      SYNC_OPTIONS_FILE: optionsFile,
      SALESFORCE_AUTH_MODE: 'client_credentials',
      SALESFORCE_LOGIN_URL: stack.sf.url,
      SALESFORCE_CLIENT_ID: stack.sf.credentials.clientId,
      SALESFORCE_CLIENT_SECRET: stack.sf.credentials.clientSecret,
      SALESWINGS_API_URL: stack.sw.url,
      SALESWINGS_API_TOKEN: stack.sw.token,
      METRICS_PORT: String(metricsPort),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      PAYLOAD_ENCRYPTION_KEY: ENCRYPTION.key,
      PAYLOAD_ENCRYPTION_KEY_ID: ENCRYPTION.keyId,
      WORKER_SHUTDOWN_GRACE: '2s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child?.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      if (stderr.includes('"msg":"worker started"')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });

  client = await connectClient({ address: testServerAddress(), namespace: env.namespace ?? 'default', taskQueue }, { encryption: ENCRYPTION });
  const handle = await startSyncRun(client, { connection, taskQueue });
  const report = await waitForReport(handle);
  expect(report.status).toBe('Completed');
  // Encrypted by the worker: only a client with the key reads the report.
  await expect(env.client.workflow.getHandle(handle.workflowId).result()).rejects.toThrow(/binary\/encrypted/);

  const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(scrape.status).toBe(200);
  const metrics = parsePrometheus(await scrape.text());
  expect(metrics.get(`${METRIC.recordsWritten}{object="Prospect__c",operation="upsert"}`)).toBe(dataset.prospects.length);
  expect(metrics.get(`${METRIC.recordsWritten}{object="SW_Tag__c",operation="upsert"}`)).toBe(dataset.tags.length);
  expect(metrics.get(`${METRIC.stepDuration}_count{status="completed",step="GetProspects"}`)).toBe(1);
  expect(metrics.get(`${METRIC.stepDuration}_bucket{le="3600",status="completed",step="GetProspects"}`)).toBe(1);
  expect(metrics.get(`${METRIC.syncRuns}{status="Completed"}`)).toBe(1);
  expect(metrics.get(`${METRIC.saleswingsRequests}{endpoint="GET /tags"}`)).toBe(1);
  expect(metrics.get(`${METRIC.salesforceApiCalls}{kind="auth"}`)).toBe(1);
  expect(metrics.get(`${METRIC.salesforceApiCalls}{kind="query"}`)).toBeGreaterThan(0);
  // The SDK's own metrics on the same endpoint.
  expect([...metrics.keys()].some((name) => name.startsWith('temporal_'))).toBe(true);
  // No label carries an id or an email.
  const productSeries = [...metrics.keys()].filter((name) => name.startsWith('saleswings_'));
  expect(productSeries.filter((name) => /@|a0[0-9A-Za-z]{13}|00Q[0-9A-Za-z]{12}/.test(name))).toEqual([]);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);

  const lines = stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const finished = lines.filter((l) => l.msg === 'step finished');
  expect(finished.map((l) => l.activityType)).toEqual(expect.arrayContaining(['getTags', 'getScores', 'getProspects', 'finishRun']));
  for (const line of finished) {
    expect(line).toMatchObject({ level: 'info', workflowId: expect.stringMatching(/^saleswings-(sync|state)-/), activityType: expect.any(String), step: expect.any(String), connection });
  }
  const getProspects = finished.find((l) => l.activityType === 'getProspects');
  expect(getProspects).toMatchObject({ workflowId: handle.workflowId, step: 'GetProspects', figures: expect.objectContaining({ prospectsWritten: dataset.prospects.length }) });
  expect(lines.some((l) => l.msg === 'worker stopped')).toBe(true);

  for (const email of dataset.prospects.map((p) => p.email?.trim()).filter((e): e is string => Boolean(e))) expect(stderr).not.toContain(email);
  for (const secret of secrets) expect(stderr).not.toContain(secret);
  await env.client.workflow.getHandle(syncStateWorkflowId(connection)).terminate('test done');
}, 180_000);
