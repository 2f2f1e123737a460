/**
 * `sync report` against real runs: the runs listed from visibility, newest first, with the
 * figures of each run's own report (completed, completed with errors, skipped, failed).
 */
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { type RunSummary } from '../../src/client/run-history-format';
import { type SyncStatusJson } from '../../src/client/sync-status-format';
import { modified, type SyncReport } from '../../src/workflows/report';
import { dataset, prospect } from '../helpers/fixtures';
import { useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';
import { cliFor, sleep, waitFor } from './cli-harness';

const env = useTemporalEnvironment();
const stack = useTestStack();

beforeAll(() => {
  stack.sw.load(dataset({ prospects: [prospect('r1', 'ok@example.com'), prospect('r2', 'blocked@example.com')] }));
  stack.sf.admin.insert('Lead', [
    { LastName: 'Fine', Company: 'A', Email: 'ok@example.com' },
    { LastName: 'Blocked', Company: 'B', Email: 'blocked@example.com' },
  ]);
  stack.sf.admin.addValidationRule({ object: 'Lead', name: 'Blocked', condition: "Prospect_Id__c != null AND LastName = 'Blocked'", message: 'Blocked leads cannot be scored' });
});

function expectSameFigures(summary: RunSummary, report: SyncReport): void {
  expect(summary).toMatchObject({ workflowId: report.runId, status: report.status, mode: report.mode, dryRun: report.dryRun, startedAt: report.startedAt });
  expect(summary.steps.map((s) => [s.step, s.status, s.examined, s.modified, s.failed])).toEqual(
    report.steps.map((s) => [s.step, s.status, s.examined, modified(s), s.failed]),
  );
  expect(summary.steps.map((s) => s.errors)).toEqual(report.steps.map((s) => s.errors));
}

test('sync report lists the last runs newest first with each run’s step figures, first errors, skipped and failed runs', async () => {
  const options = onlyIngestAndMatch({ steps: { GetTags: { retry: { maximumAttempts: 2, initialInterval: '100ms' } } } });
  await withSyncWorker(env, stack, options, async (h) => {
    const run = cliFor(h, stack);
    const withErrors = await h.run();
    expect(withErrors.status).toBe('CompletedWithErrors');

    // A slow run holds the lease; a run started meanwhile ends Skipped.
    stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 1500, times: 1 }]);
    const target = { connection: h.connection, taskQueue: h.taskQueue };
    const slow = await startSyncRun(h.client, target);
    await sleep(300);
    const skipped = await waitForReport(await startSyncRun(h.client, target, { now: () => new Date(Date.now() + 1000) }));
    const slowReport = await waitForReport(slow);
    expect(skipped.status).toBe('Skipped');

    stack.sw.setFaults([{ kind: 'status', method: 'GET', path: '/tags', status: 500, times: 'always' }]);
    const failed = await h.run();
    stack.sw.clearFaults();
    expect(failed.status).toBe('Failed');

    const expected = [failed, skipped, slowReport, withErrors];
    const result = await waitFor(async () => {
      const r = await run(['sync', 'report', '--json']);
      return r.json<{ runs: RunSummary[] }>().runs.length === expected.length ? r : undefined;
    });
    expect(result.code).toBe(0);
    const body = result.json<{ connection: string; runs: RunSummary[] }>();
    expect(body.connection).toBe(h.connection);
    expect(body.runs.map((r) => r.workflowId)).toEqual(expected.map((r) => r.runId));
    body.runs.forEach((summary, i) => expectSameFigures(summary, expected[i]));
    expect(body.runs.map((r) => r.executionStatus)).toEqual(['FAILED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(body.runs[0].steps.find((s) => s.step === 'GetTags')).toMatchObject({ status: 'Failed' });
    expect(body.runs[1]).toMatchObject({ status: 'Skipped', steps: [] });
    const leads = body.runs[3].steps.find((s) => s.step === 'MatchProspectsToLeads');
    expect(leads).toMatchObject({ examined: 2, failed: 1 });
    expect(body.runs[3].firstErrors[0]).toMatchObject({ step: 'MatchProspectsToLeads', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
    expect(body.runs[3].totals.failed).toBe(withErrors.steps.reduce((n, s) => n + s.failed, 0));

    const text = await run(['sync', 'report', '--last', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Last 2 runs of connection ${h.connection}, newest first`);
    expect(text.stdout).toContain(`#1 ${failed.startedAt}  Failed`);
    expect(text.stdout).toMatch(/GetTags\s+Failed\s+0\s+0\s+0\s+TransientError/);
    expect(text.stdout).toContain(`#2 ${skipped.startedAt}  Skipped`);
    expect(text.stdout).toContain('skipped: another run of this connection held the lease');
    expect(text.stdout).not.toContain(withErrors.runId);

    const all = await run(['sync', 'report']);
    expect(all.stdout).toContain(`#4 ${withErrors.startedAt}  CompletedWithErrors`);
    expect(all.stdout).toMatch(/MatchProspectsToLeads\s+CompletedWithErrors\s+2\s+1\s+1/);
    expect(all.stdout).toContain('MatchProspectsToLeads: FIELD_CUSTOM_VALIDATION_EXCEPTION Blocked leads cannot be scored');
    expect(all.stdout).toContain('skipped (17): GetProspectPages, MatchProspects, CleanLeads');
  });
}, 180_000);

test('sync report rejects a bad --last with exit code 2 and says nothing ran for a connection without runs', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, stack);
    const bad = await run(['sync', 'report', '--last', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a whole number from 1 to 200');
    const empty = await run(['sync', 'report']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(`No finished sync runs of connection ${h.connection} in Temporal's visibility (runs are kept for the namespace's retention period).`);
    const emptyJson = await run(['sync', 'report', '--json']);
    expect(emptyJson.json()).toEqual({ connection: h.connection, runs: [] });
  });
});

test('a run terminated from outside is listed without a report, with the reason, and sync status does not call it running', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, stack);
    stack.sw.setFaults([{ kind: 'latency', method: 'GET', path: '/tags', ms: 3000, times: 1 }]);
    const handle = await startSyncRun(h.client, { connection: h.connection, taskQueue: h.taskQueue });
    await sleep(500);
    await handle.terminate('operator stopped it');
    stack.sw.clearFaults();
    const result = await waitFor(async () => {
      const r = await run(['sync', 'report', '--json']);
      return r.json<{ runs: RunSummary[] }>().runs.length === 1 ? r : undefined;
    });
    expect(result.json<{ runs: RunSummary[] }>().runs[0]).toMatchObject({
      workflowId: handle.workflowId,
      executionStatus: 'TERMINATED',
      status: 'Running',
      mode: null,
      steps: [],
      problem: 'terminated before it reported',
    });
    const text = await run(['sync', 'report']);
    expect(text.stdout).toContain('    no report: terminated before it reported');
    const status = await run(['sync', 'status', '--json']);
    const body = status.json<SyncStatusJson>();
    expect(body.running).toBeNull();
    expect(body.staleLease).toMatchObject({ runId: handle.workflowId, executionStatus: 'TERMINATED' });
    expect((await run(['sync', 'status'])).stdout).toContain(`Lease     still held by ${handle.workflowId} (TERMINATED, since `);
    // The next run releases the dead run's lease and runs its steps.
    const next = await h.run();
    expect(next.status).not.toBe('Skipped');
    expect(next.steps.find((x) => x.step === 'GetProspects')?.status).toBe('Completed');
  });
}, 60_000);
