/**
 * Sync runs on the dev server with payload encryption on: no history holds a plain-text email
 * (prospect emails, an operator's address in a full-sync request), failure messages are
 * encoded, and a client with the codec still reads reports and state — one without it cannot.
 */
import { randomBytes } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { connectClient } from '../../src/client/connect';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { readSyncState, requestFullSync } from '../../src/client/sync-state';
import { createDataConverter, ENCODING_FAILURE_CONVERTER_PATH } from '../../src/codec/data-converter';
import { createSyncWorker, WORKFLOWS_PATH } from '../../src/worker-factory';
import { syncStateWorkflowId } from '../../src/workflows/ids';
import { seedBoth, useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { testServerAddress, uniqueTaskQueue, useTemporalEnvironment } from '../helpers/temporal';

const ENCRYPTION = { keyId: 'test-2026', key: randomBytes(32).toString('base64') };
const OPERATOR = 'ops.lead@customer-example.com';
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const env = useTemporalEnvironment();
const stack = useTestStack();
let client: Client;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  client = await connectClient({ address: testServerAddress(), namespace: env.namespace ?? 'default', taskQueue: 'unused' }, { encryption: ENCRYPTION });
  // The failure converter runs in the workflow sandbox too: it has to be bundled in.
  bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: ENCODING_FAILURE_CONVERTER_PATH, logger: quiet });
});

afterAll(async () => {
  await client?.connection.close();
});

/**
 * Encodings of every payload in a history, with where it sits. Search attributes are skipped:
 * Temporal stores them unencoded by design (and the product puts no PII there).
 */
function payloadEncodings(value: unknown, where = ''): { where: string; encoding: string }[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => payloadEncodings(v, `${where}[${i}]`));
  const record = value as Record<string, unknown>;
  const metadata = record.metadata as Record<string, Uint8Array> | undefined;
  if (metadata?.encoding instanceof Uint8Array && 'data' in record) return [{ where, encoding: Buffer.from(metadata.encoding).toString() }];
  return Object.entries(record)
    .filter(([key]) => key !== 'searchAttributes')
    .flatMap(([key, v]) => payloadEncodings(v, where ? `${where}.${key}` : key));
}

/** Raw histories (as stored, not decoded) of every workflow of the task queue, as protobuf bytes. */
async function storedHistories(taskQueue: string): Promise<{ workflowId: string; bytes: Buffer; history: temporal.api.history.v1.IHistory }[]> {
  const out = [];
  for await (const execution of env.client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    const history = await env.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    out.push({ workflowId: execution.workflowId, history, bytes: Buffer.from(temporal.api.history.v1.History.encode(history).finish()) });
  }
  return out;
}

async function withEncryptedWorker<T>(taskQueue: string, fn: () => Promise<T>): Promise<T> {
  const worker = await createSyncWorker({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    activities: createActivities(stack.deps(onlyIngestAndMatch({ matching: { coalesceWaitMs: 100 } }), client, taskQueue)),
    workflowBundle: bundle,
    dataConverter: createDataConverter(ENCRYPTION),
    shutdownGraceTime: '1s',
  });
  return worker.runUntil(fn());
}

test('an encrypted run stores no plain-text email anywhere in its histories, and its report decodes through the client', async () => {
  const { dataset } = seedBoth(stack, { seed: 31, prospects: 12, tags: 3, scores: 2, activitiesPerProspect: 0 }, { leadShare: 0.5, contactShare: 0.3 });
  const emails = dataset.prospects.map((p) => p.email?.trim()).filter((e): e is string => Boolean(e));
  expect(emails.length).toBeGreaterThan(5);
  const taskQueue = uniqueTaskQueue('encrypted');
  const connection = `enc${taskQueue.slice(-8).replace(/[^a-z0-9]/g, '')}`;
  const target = { connection, taskQueue };

  await withEncryptedWorker(taskQueue, async () => {
    // An operator's address and a prospect's email in the request: both travel in a signal payload.
    await requestFullSync(client, target, { requestedBy: OPERATOR, reason: `re-sync after ${emails[0]} complained` });
    // The encrypted client reads the request back in plain text.
    const requested = await readSyncState(client, connection);
    expect(requested?.fullSync).toMatchObject({ pending: true, requestedBy: OPERATOR, reason: `re-sync after ${emails[0]} complained` });
    const report = await waitForReport(await startSyncRun(client, target));
    expect(report.status).toBe('Completed');
    expect(report.mode).toBe('Full');
    expect(stack.sf.admin.query('SELECT COUNT() FROM Prospect__c')[0]?.totalSize).toBe(dataset.prospects.length);
    expect(report.fullSyncHonoured).toBe(true);
    const state = await readSyncState(client, connection);
    expect(state?.recentRuns[0]?.runId).toBe(report.runId);
    expect(state?.fullSync.pending).toBe(false);
  });

  const histories = await storedHistories(taskQueue);
  expect(histories.map((h) => h.workflowId)).toEqual(expect.arrayContaining([syncStateWorkflowId(connection), expect.stringContaining(connection)]));
  for (const { workflowId, bytes } of histories) {
    for (const email of [OPERATOR, ...emails]) {
      expect({ workflowId, email, found: bytes.includes(Buffer.from(email)) || bytes.includes(Buffer.from(email.toLowerCase())) }).toEqual({ workflowId, email, found: false });
    }
  }
  for (const { workflowId, history } of histories) {
    const payloads = payloadEncodings(history.events);
    expect(payloads.length).toBeGreaterThan(0);
    // Patch markers (workflow versioning) carry the patch id, written by the SDK's core outside the codec.
    const unencrypted = payloads.filter((p) => p.encoding !== 'binary/encrypted' && !p.where.includes('.patch-data.'));
    expect({ workflowId, unencrypted }).toEqual({ workflowId, unencrypted: [] });
  }

  // A client without the key cannot read the run's result.
  const runId = histories.find((h) => h.workflowId.startsWith('saleswings-sync-'))?.workflowId as string;
  await expect(env.client.workflow.getHandle(runId).result()).rejects.toThrow(/binary\/encrypted/);
  await env.client.workflow.getHandle(syncStateWorkflowId(connection)).terminate('test done');
});

test('a failed encrypted run stores its failure messages encoded, and the client still gets the report from the failure', async () => {
  const taskQueue = uniqueTaskQueue('encrypted-fail');
  const connection = `encf${taskQueue.slice(-8).replace(/[^a-z0-9]/g, '')}`;
  stack.sw.setFaults([{ kind: 'status', path: '/tags', status: 401, times: 'always' }]);
  try {
    await withEncryptedWorker(taskQueue, async () => {
      const report = await waitForReport(await startSyncRun(client, { connection, taskQueue }));
      expect(report.status).toBe('Failed');
      const getTags = report.steps.find((s) => s.step === 'GetTags');
      expect(getTags?.status).toBe('Failed');
      expect(getTags?.reason).toContain('AuthError');
    });
  } finally {
    stack.sw.clearFaults();
  }

  const histories = await storedHistories(taskQueue);
  const run = histories.find((h) => h.workflowId.startsWith('saleswings-sync-'));
  const events = run?.history.events ?? [];
  const failures = events.flatMap((e) => [e.activityTaskFailedEventAttributes?.failure, e.workflowExecutionFailedEventAttributes?.failure]).filter(Boolean);
  // The activity's failure (converted in the worker) and the run's (converted in the sandbox).
  expect(events.some((e) => e.workflowExecutionFailedEventAttributes)).toBe(true);
  expect(failures.length).toBeGreaterThanOrEqual(2);
  for (const failure of failures) {
    expect(failure?.message).toBe('Encoded failure');
    expect(failure?.stackTrace ?? '').toBe('');
  }
  expect(run?.bytes.includes(Buffer.from('AuthError:'))).toBe(false);
  await env.client.workflow.getHandle(syncStateWorkflowId(connection)).terminate('test done');
});
