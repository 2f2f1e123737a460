/**
 * Durable state across runs (watermark, full-sync requests, the one-run lease), through real
 * runs on the dev server.
 */
import { applySchedule, deleteSchedule, describeSchedule, triggerSchedule } from '../../src/client/schedules';
import { readSyncState, requestFullSync } from '../../src/client/sync-state';
import { requestFullSyncNow, waitForReport } from '../../src/client/sync-commands';
import { syncRunIdPrefix } from '../../src/workflows/ids';
import { type SyncReport } from '../../src/workflows/report';
import { requestFullSyncSignal } from '../../src/workflows/messages';
import { dataset, prospect } from '../helpers/fixtures';
import { useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();
const stack = useTestStack();

beforeAll(() => {
  stack.sw.load(dataset({ prospects: Array.from({ length: 20 }, (_, i) => prospect(`s${i}`, `s${i}@example.com`)) }));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

test('the watermark survives between runs and a failed run does not advance it', async () => {
  const fastFailingTags = onlyIngestAndMatch({ steps: { GetTags: { retry: { maximumAttempts: 2, initialInterval: '100ms' } } } });
  await withSyncWorker(env, stack, fastFailingTags, async (h) => {
    const first = await h.run();
    expect(first).toMatchObject({ mode: 'Full', status: 'Completed' });
    const watermark = (await readSyncState(h.client, h.connection))?.watermark;
    expect(watermark).toBe(first.nextWatermark);

    const second = await h.run();
    expect(second.mode).toBe('Incremental');
    // The next run reads from the previous run's watermark minus the overlap (300 s).
    expect(Date.parse(second.since as string)).toBe(Date.parse(watermark as string) - 300_000);

    // A run whose GetTags fails (SalesWings keeps answering 500) fails, and the watermark stays.
    stack.sw.setFaults([{ kind: 'status', method: 'GET', path: '/tags', status: 500, times: 'always' }]);
    const failed = await h.run();
    stack.sw.clearFaults();
    expect(failed.status).toBe('Failed');
    expect(failed.steps.find((s) => s.step === 'GetTags')).toMatchObject({ status: 'Failed' });
    const after = await readSyncState(h.client, h.connection);
    expect(after?.watermark).toBe(second.nextWatermark);
    expect(after?.recentRuns[0]).toMatchObject({ runId: failed.runId, status: 'Failed' });
  });
}, 120_000);

test('a full-sync request sent while idle starts a run that honours it, exactly once', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    await h.run();
    const outcome = await requestFullSyncNow(h.client, { connection: h.connection, taskQueue: h.taskQueue }, { reason: 'mappings changed', requestedBy: 'test' });
    expect(outcome.startedRun).toBeDefined();
    const report = await waitForReport(h.client.workflow.getHandle(outcome.startedRun as string));
    expect(report).toMatchObject({ mode: 'Full', fullSyncHonoured: true, status: 'Completed' });
    expect((await readSyncState(h.client, h.connection))?.fullSync.pending).toBe(false);
    const next = await h.run();
    expect(next).toMatchObject({ mode: 'Incremental', fullSyncHonoured: false });
  });
}, 120_000);

test('a full-sync request signalled to a running sync before GetProspects is honoured by that run; one after it by the next run', async () => {
  // SalesWings answers slowly, so the run sits in GetTags / GetProspects long enough to signal it.
  stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 1500, times: 1 }]);
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    await h.run(); // first run: full anyway
    stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 1500, times: 'always' }]);
    const { startSyncRun } = await import('../../src/client/sync-commands');
    const during = await startSyncRun(h.client, { connection: h.connection, taskQueue: h.taskQueue });
    await sleep(300);
    // Signal the run itself, as an operator would from the Web UI.
    await during.signal(requestFullSyncSignal, { reason: 'during', requestedBy: 'test' });
    const honoured = (await during.result()) as SyncReport;
    expect(honoured).toMatchObject({ mode: 'Full', fullSyncHonoured: true });

    // A request once the run is past GetProspects (its progress query says so) waits for the
    // next run.
    stack.sw.clearFaults();
    const late = await startSyncRun(h.client, { connection: h.connection, taskQueue: h.taskQueue });
    await waitFor(async () => {
      const progress = await late.query<{ steps: { step: string }[] }>('progress').catch(() => undefined);
      return progress?.steps.some((s) => s.step === 'GetProspects') ? true : undefined;
    });
    await requestFullSync(h.client, { connection: h.connection, taskQueue: h.taskQueue }, { reason: 'late', requestedBy: 'test' });
    const lateReport = (await late.result()) as SyncReport;
    expect(lateReport).toMatchObject({ mode: 'Incremental', fullSyncHonoured: false });
    const next = await h.run();
    expect(next).toMatchObject({ mode: 'Full', fullSyncHonoured: true });
    const after = await h.run();
    expect(after).toMatchObject({ mode: 'Incremental', fullSyncHonoured: false });
  });
}, 180_000);

test('two scheduled runs never overlap, and the watermark carries from one scheduled run to the next', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    // A long interval keeps the schedule's own ticks out of the test; runs are triggered.
    await applySchedule(h.client, { connection: h.connection, taskQueue: h.taskQueue, intervalMinutes: 60, pauseOnFailure: false });
    stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 2000, times: 'always' }]);
    await triggerSchedule(h.client, h.connection);
    await sleep(500);
    await triggerSchedule(h.client, h.connection); // overlaps the first: skipped (overlap SKIP)
    const runs = await waitFor(async () => {
      const d = await describeSchedule(h.client, h.connection);
      const done = d?.info.recentActions ?? [];
      return done.length >= 1 && d?.info.runningActions.length === 0 ? done : undefined;
    }, 60_000);
    expect(runs).toHaveLength(1);
    expect((await describeSchedule(h.client, h.connection))?.info.numActionsSkippedOverlap).toBeGreaterThanOrEqual(1);

    stack.sw.clearFaults();
    await triggerSchedule(h.client, h.connection);
    const both = await waitFor(async () => {
      const d = await describeSchedule(h.client, h.connection);
      return d && d.info.recentActions.length >= 2 && d.info.runningActions.length === 0 ? d.info.recentActions : undefined;
    }, 60_000);
    await deleteSchedule(h.client, h.connection);
    const reports = await Promise.all(both.map((a) => waitForReport(h.client.workflow.getHandle(a.action.workflow.workflowId))));
    expect(reports.map((r) => r.runId.startsWith(syncRunIdPrefix(h.connection)))).toEqual([true, true]);
    // Back to back, no overlap: the second started after the first finished.
    expect(Date.parse(reports[1].startedAt)).toBeGreaterThanOrEqual(Date.parse(reports[0].finishedAt as string));
    expect(reports[0].mode).toBe('Full');
    expect(reports[1]).toMatchObject({ mode: 'Incremental', since: new Date(Date.parse(reports[0].nextWatermark as string) - 300_000).toISOString() });
  });
}, 180_000);

test('a run started while another run of the connection holds the lease ends Skipped without touching the org', async () => {
  stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 1500, times: 1 }]);
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    const { startSyncRun } = await import('../../src/client/sync-commands');
    const target = { connection: h.connection, taskQueue: h.taskQueue };
    const first = await startSyncRun(h.client, target);
    await sleep(300);
    const second = await startSyncRun(h.client, target, { now: () => new Date(Date.now() + 1000) });
    const [a, b] = [(await first.result()) as SyncReport, (await second.result()) as SyncReport];
    expect(a.status).toBe('Completed');
    expect(b).toMatchObject({ status: 'Skipped', steps: [] });
    // Only the run that ran logged an SW Apex Job record; the skipped one wrote nothing.
    const jobs = (runId: string) => stack.sf.admin.query(`SELECT Id FROM SW_Apex_Job__c WHERE Run_Id__c = '${runId}'`);
    expect(a.runId).not.toBe(b.runId);
    expect(jobs(a.runId)).toHaveLength(1);
    expect(jobs(b.runId)).toHaveLength(0);
  });
  stack.sw.clearFaults();
}, 120_000);
