/**
 * `sync status` against real runs: idle (no state, no schedule), after a run with a schedule and
 * a pending full-sync request, while a run sits in a slow step, and while a match step runs.
 */
import { applySchedule, deleteSchedule } from '../../src/client/schedules';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { requestFullSync } from '../../src/client/sync-state';
import { type SyncStatusJson } from '../../src/client/sync-status-format';
import { STEP_NAMES } from '../../src/config/steps';
import { scheduleId } from '../../src/workflows/ids';
import { modified, totals } from '../../src/workflows/report';
import { dataset, prospect } from '../helpers/fixtures';
import { useTestStacks, type TestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';
import { cliFor, waitFor } from './cli-harness';

const env = useTemporalEnvironment();
const startStack = useTestStacks();

async function stack(prospects = 3): Promise<TestStack> {
  const s = await startStack();
  s.sw.load(dataset({ prospects: Array.from({ length: prospects }, (_, i) => prospect(`st${i}`, `st${i}@example.com`)) }));
  s.sf.admin.insert('Lead', Array.from({ length: prospects }, (_, i) => ({ LastName: `Lead ${i}`, Company: 'Acme', Email: `st${i}@example.com` })));
  return s;
}

test('idle: nothing running, no schedule, no last result, no full sync pending — then the schedule, the last result and a pending request', async () => {
  const s = await stack();
  await withSyncWorker(env, s, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, s);
    const fresh = await run(['sync', 'status', '--json']);
    expect(fresh.code).toBe(0);
    expect(fresh.json<SyncStatusJson>()).toEqual({
      connection: h.connection,
      running: null,
      schedule: { scheduleId: scheduleId(h.connection), exists: false },
      lastResult: null,
      fullSyncPending: false,
      fullSync: null,
      watermark: null,
      staleLease: null,
      problems: [],
    });
    const freshText = await run(['sync', 'status']);
    expect(freshText.stdout).toContain('Running   nothing: no sync run of this connection is in progress');
    expect(freshText.stdout).toContain(`Schedule  none (${scheduleId(h.connection)}): runs start only by hand`);
    expect(freshText.stdout).toContain('Last result none');

    const report = await h.run();
    await applySchedule(h.client, { connection: h.connection, taskQueue: h.taskQueue, intervalMinutes: 60, pauseOnFailure: false });
    try {
      await requestFullSync(h.client, { connection: h.connection, taskQueue: h.taskQueue }, { reason: 'mappings changed', requestedBy: 'test' });
      const after = await waitFor(async () => {
        const r = await run(['sync', 'status', '--json']);
        return r.json<SyncStatusJson>().lastResult ? r : undefined;
      });
      const body = after.json<SyncStatusJson>();
      expect(body.running).toBeNull();
      expect(body.schedule).toMatchObject({ scheduleId: scheduleId(h.connection), exists: true, paused: false, every: ['60m'] });
      const next = Date.parse(body.schedule.nextRunAt as string);
      expect(next).toBeGreaterThan(Date.now());
      expect(next).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
      expect(body.fullSyncPending).toBe(true);
      expect(body.fullSync).toMatchObject({ pending: true, reason: 'mappings changed', requestedBy: 'test' });
      expect(body.watermark).toBe(report.nextWatermark);
      const sum = totals(report.steps);
      expect(body.lastResult).toMatchObject({ workflowId: report.runId, status: 'Completed', mode: 'Full', totals: { examined: sum.examined, modified: modified(sum), failed: 0 } });

      const text = await run(['sync', 'status']);
      expect(text.stdout).toContain(`Schedule  ${scheduleId(h.connection)}: active, every 60m; next run ${body.schedule.nextRunAt}`);
      expect(text.stdout).toContain('Full sync PENDING since');
      expect(text.stdout).toContain('"mappings changed" by test');
      expect(text.stdout).toContain(`Last result ${report.startedAt}  Completed — Full`);
      expect(text.stdout).toMatch(/GetProspects\s+Completed\s+3\s+3\s+0/);
    } finally {
      await deleteSchedule(h.client, h.connection);
    }
  });
}, 120_000);

test('while a run waits on a slow SalesWings: the run, its current step and step counts, as JSON, plain lines and a terminal bar', async () => {
  const s = await stack();
  await withSyncWorker(env, s, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, s);
    await h.run();
    s.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/prospects', ms: 2500, times: 1 }]);
    const handle = await startSyncRun(h.client, { connection: h.connection, taskQueue: h.taskQueue });
    const during = await waitFor(async () => {
      const r = await run(['sync', 'status', '--json']);
      return r.json<SyncStatusJson>().running?.currentStep === 'GetProspects' ? r : undefined;
    });
    const body = during.json<SyncStatusJson>();
    const stepsTotal = STEP_NAMES.length;
    expect(body.running).toMatchObject({
      workflowId: handle.workflowId,
      foundBy: 'lease',
      mode: 'Incremental',
      currentStep: 'GetProspects',
      stepsDone: 2,
      stepsTotal,
      matching: null,
      problem: null,
    });
    expect(body.running?.steps.map((x) => x.step)).toEqual(['GetTags', 'GetScores']);
    expect(body.running?.remaining).toEqual(STEP_NAMES.slice(3));
    expect(body.lastResult?.workflowId).not.toBe(handle.workflowId);

    const plain = await run(['sync', 'status']);
    expect(plain.stdout).toContain(`Running   ${handle.workflowId} (Incremental, started `);
    expect(plain.stdout).toContain(`  steps     2/${stepsTotal} (9%)`);
    expect(plain.stdout).toContain('  now       GetProspects since ');
    expect(plain.stdout).not.toContain('█');
    const tty = await run(['sync', 'status'], { isTTY: true });
    expect(tty.stdout).toMatch(new RegExp(`steps {5}\\[█+░+\\] 2/${stepsTotal} 9%`));

    const report = await waitForReport(handle);
    expect(report.status).toBe('Completed');
    const idle = await waitFor(async () => {
      const r = await run(['sync', 'status', '--json']);
      return r.json<SyncStatusJson>().lastResult?.workflowId === handle.workflowId ? r : undefined;
    });
    expect(idle.json<SyncStatusJson>().running).toBeNull();
  });
  s.sw.clearFaults();
}, 120_000);

test('while a match step runs: the match step’s progress (side, strategy, started, completed, matched)', async () => {
  const s = await stack(24);
  const options = onlyIngestAndMatch({ matching: { concurrency: 4, coalesceWaitMs: 20 } });
  await withSyncWorker(env, s, options, async (h) => {
    const run = cliFor(h, s);
    s.sf.admin.setFaults({ latencyMs: 150 });
    const handle = await startSyncRun(h.client, { connection: h.connection, taskQueue: h.taskQueue });
    const during = await waitFor(
      async () => {
        const r = await run(['sync', 'status', '--json']);
        const m = r.json<SyncStatusJson>().running?.matching;
        return m && m.completed > 0 ? r : undefined;
      },
      60_000,
      50,
    );
    const body = during.json<SyncStatusJson>();
    expect(body.running?.currentStep).toBe('MatchProspectsToLeads');
    const m = body.running?.matching;
    expect(m).toMatchObject({ side: 'Lead', strategy: 'per-prospect' });
    expect(m?.started).toBeGreaterThanOrEqual(m?.completed ?? 0);
    expect(m?.started).toBeLessThanOrEqual(24);
    expect(m?.matched).toBe(m?.completed);
    const text = await run(['sync', 'status']);
    expect(text.stdout).toMatch(/matching {2}Leads \(per-prospect\): \d+\/\d+ \(\d+%\) of the prospects handed out so far, \d+ in flight/);
    s.sf.admin.setFaults({ latencyMs: 0 });
    const report = await waitForReport(handle);
    expect(report.steps.find((x) => x.step === 'MatchProspectsToLeads')).toMatchObject({ examined: 24, failed: 0 });
  });
}, 120_000);
