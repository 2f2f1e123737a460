/**
 * The worker process is killed (SIGKILL) in the middle of a run — during GetProspects, and
 * during matching — and another one started: the run completes, and the org holds exactly the
 * state an uninterrupted run leaves (no duplicates, nothing missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { type SyncOptionsInput } from '../../src/config/sync-options';
import { type SyncReport } from '../../src/workflows/report';
import { seedBoth, useTestStacks, type TestStack } from '../helpers/stack';
import { withSyncWorker } from '../helpers/sync-worker';
import { testServerAddress, uniqueTaskQueue, useTemporalEnvironment } from '../helpers/temporal';
import { type WorkerSpec } from '../helpers/worker-process';

const ROOT = path.resolve(__dirname, '..', '..');
const children: ChildProcess[] = [];
// Declared first: jest runs afterAll hooks in declaration order, and the worker processes go
// before the stacks they call.
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const env = useTemporalEnvironment();
const startStack = useTestStacks();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

function startWorkerProcess(spec: WorkerSpec): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), path.join(ROOT, 'test', 'helpers', 'worker-process.ts')], {
    env: { ...process.env, WORKER_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes('READY')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
}

const SEED = { seed: 21, prospects: 240, tags: 6, scores: 3, activitiesPerProspect: 0 };
const ORG = { leadShare: 0.6, contactShare: 0.5, duplicateShare: 0.1, convertedShare: 0.1 };
const SYSTEM_FIELDS = /^(Id|CreatedDate|CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|LastViewedDate|LastReferencedDate|attributes|.*_Sync_Run__c|Last_Synced_At__c)$/;
// References to rows the sync creates: their Ids depend on write order, their keys do not.
const SYNC_REFERENCES = /^(Prospect__c|Tag__c|Score__c|Prospect_Tag__c|Prospect_Score__c|Page_Prospect__c)$/;

/** The org's sync data, independent of Ids of rows the sync created and of timing. */
function snapshot(s: TestStack): Record<string, unknown[]> {
  const objects = ['SW_Tag__c', 'Score__c', 'Prospect__c', 'SW_Prospect_Tag__c', 'Prospect_Score__c', 'SW_Tag_Segment_Trigger__c', 'Prospect_Score_Instance__c', 'Lead', 'Contact', 'Account'];
  const out: Record<string, unknown[]> = {};
  for (const object of objects) {
    out[object] = s.sf.admin
      .records(object)
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SYSTEM_FIELDS.test(k) && !SYNC_REFERENCES.test(k))))
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();
  }
  return out;
}

async function referenceState(options: SyncOptionsInput): Promise<Record<string, unknown[]>> {
  const reference = await startStack();
  seedBoth(reference, SEED, ORG);
  await withSyncWorker(env, reference, options, (h) => h.run());
  return snapshot(reference);
}

/** Highest attempt of any activity of `type` in the histories of the given workflows. */
async function maxAttempt(executions: { workflowId: string; runId?: string }[], type: string): Promise<number> {
  let max = 0;
  for (const { workflowId, runId } of executions) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const scheduled = new Map<string, string>();
    for (const event of history.events ?? []) {
      const attrs = event.activityTaskScheduledEventAttributes;
      if (attrs) scheduled.set(String(event.eventId), attrs.activityType?.name ?? '');
      const started = event.activityTaskStartedEventAttributes;
      if (started && scheduled.get(String(started.scheduledEventId)) === type) max = Math.max(max, started.attempt ?? 1);
      // A failed attempt that is retried shows up as the retry's attempt on the final event.
      const completed = event.activityTaskCompletedEventAttributes;
      if (completed && scheduled.get(String(completed.scheduledEventId)) === type) max = Math.max(max, 1);
    }
  }
  return max;
}

async function interruptedRun(
  options: SyncOptionsInput,
  killWhen: (s: TestStack) => boolean | Promise<boolean>,
): Promise<{ report: SyncReport; state: Record<string, unknown[]>; connection: string }> {
  const s = await startStack();
  seedBoth(s, SEED, ORG);
  const taskQueue = uniqueTaskQueue('crash');
  const spec: WorkerSpec = {
    address: testServerAddress(),
    namespace: env.namespace ?? 'default',
    taskQueue,
    salesforce: { url: s.sf.url, clientId: s.sf.credentials.clientId, clientSecret: s.sf.credentials.clientSecret },
    saleswings: { url: s.sw.url, token: s.sw.token },
    syncOptions: options,
  };
  const first = await startWorkerProcess(spec);
  const connection = `crash${taskQueue.slice(-8).replace(/[^a-z0-9]/g, '')}`;
  const handle = await startSyncRun(env.client, { connection, taskQueue });
  await until(() => killWhen(s));
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  s.sf.admin.clearFaults();
  await startWorkerProcess(spec);
  const report = await waitForReport(handle);
  return { report, state: snapshot(s), connection };
}

// Short heartbeat timeouts so the killed worker's activities are retried within seconds.
const fastRecovery = (extra: SyncOptionsInput = {}): SyncOptionsInput => ({
  ...extra,
  saleswings: { pageSize: 40 },
  steps: {
    GetProspects: { heartbeatTimeout: '3s', retry: { initialInterval: '200ms' } },
    MatchProspectsToLeads: { heartbeatTimeout: '3s', retry: { initialInterval: '200ms' } },
    MatchProspectsToContacts: { heartbeatTimeout: '3s', retry: { initialInterval: '200ms' } },
    ...(extra.steps ?? {}),
  },
});

test('a worker killed during GetProspects: the run completes with the state of an uninterrupted run', async () => {
  const options = fastRecovery();
  const expected = await referenceState(options);
  const { report, state } = await interruptedRun(options, (s) => {
    // Slow SalesWings down once the first page has been served, then kill mid-ingest.
    const pages = s.sw.requestLog().filter((r) => r.path.startsWith('/prospects') && r.method === 'GET').length;
    if (pages === 1) s.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/prospects', ms: 300, times: 'always' }]);
    return pages >= 3;
  });
  expect(report.status).toBe('Completed');
  expect(state).toEqual(expected);
  // The kill did interrupt GetProspects: its activity ran again on the second worker.
  expect(await maxAttempt([{ workflowId: report.runId }], 'getProspects')).toBeGreaterThanOrEqual(2);
}, 240_000);

test('a worker killed during matching: the run completes with the state of an uninterrupted run', async () => {
  const options = fastRecovery({ matching: { strategy: 'per-prospect', coalesceWaitMs: 300, concurrency: 20 } });
  const expected = await referenceState(options);
  let slowed = false;
  let reachedAt: number | undefined;
  const { report, state, connection } = await interruptedRun(options, (s) => {
    const attempted = s.sf.admin.query('SELECT COUNT() FROM Prospect__c WHERE Lead_Sync_Run__c != null')[0].totalSize as number;
    if (attempted > 0 && !slowed) {
      // Slow Salesforce down once matching writes, so the kill lands while a batch is in flight.
      s.sf.admin.setFaults({ latencyMs: 250 });
      slowed = true;
    }
    // The count jumps when a batch records its outcomes, i.e. as it finishes; the next batch is
    // in flight (waiting to fill, then writing slowly) a moment later.
    if (attempted >= 40) reachedAt ??= Date.now();
    return reachedAt !== undefined && Date.now() - reachedAt > 700;
  });
  expect(report.status).toBe('Completed');
  expect(state).toEqual(expected);
  // The kill did interrupt matching: some prospect's match activity ran again.
  // (Each prospect's workflow id is reused by the Lead and the Contact step: look at every run.)
  const children: { workflowId: string; runId: string }[] = [];
  for await (const w of env.client.workflow.list({ query: `WorkflowType = 'matchProspectWorkflow' AND SyncConnection = '${connection}'` })) {
    children.push({ workflowId: w.workflowId, runId: w.runId });
  }
  expect(children.length).toBeGreaterThan(40);
  expect(await maxAttempt(children, 'matchProspect')).toBeGreaterThanOrEqual(2);
}, 240_000);
