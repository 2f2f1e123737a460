/**
 * Product metrics recorded on a meter: writes counted by the instrumented gateway, API calls
 * by the call meter, and — after a small sync on the dev server — counters that agree with what
 * the emulators hold and with the clients' own statistics.
 */
import { createActivities } from '../../src/activities';
import { startSyncRun, waitForReport } from '../../src/client/sync-commands';
import { ApiCallMeter } from '../../src/observability/api-call-meter';
import { instrumentGateway } from '../../src/observability/instrumented-gateway';
import { METRIC, SyncMetrics } from '../../src/observability/metrics';
import { observeWorker } from '../../src/observability/worker-observability';
import { SalesforceGateway } from '../../src/salesforce/gateway';
import { createSyncWorker } from '../../src/worker-factory';
import { seedBoth, useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { workflowBundle } from '../helpers/sync-worker';
import { uniqueTaskQueue, useTemporalEnvironment } from '../helpers/temporal';
import { FakeMeter } from './fake-meter';

const env = useTemporalEnvironment();
const stack = useTestStack();

const count = (soql: string) => stack.sf.admin.query(soql)[0]?.totalSize as number;

test('the instrumented gateway counts written records by object and operation and refused ones by status code', async () => {
  const meter = new FakeMeter();
  const gateway = instrumentGateway(stack.gateway, new SyncMetrics(meter));
  expect(gateway).toBeInstanceOf(SalesforceGateway);

  const created = await gateway.create('Account', [{ Name: 'Acme' }, { Name: 'Globex' }]);
  const updated = await gateway.update('Account', [
    { Id: created[0].id, Name: 'Acme Corp' },
    { Id: '001000000000000AAA', Name: 'Nobody' },
  ]);
  await gateway.upsert('SW_Tag__c', 'SW_Id__c', [{ SW_Id__c: 'tag-m1', Name: 'Metrics tag' }]);
  await gateway.delete('Account', [created[1].id as string]);

  const refusedCode = updated[1].errors[0]?.code;
  expect(updated.map((r) => r.success)).toEqual([true, false]);
  expect(meter.all(METRIC.recordsWritten)).toEqual({
    'object=Account,operation=create': 2,
    'object=Account,operation=update': 1,
    'object=SW_Tag__c,operation=upsert': 1,
    'object=Account,operation=delete': 1,
  });
  expect(meter.all(METRIC.recordFailures)).toEqual({ [`code=${refusedCode},object=Account`]: 1 });

  // Reads, stats and the namespace are the gateway's own.
  expect(await gateway.queryAll<{ Name: string }>("SELECT Name FROM Account WHERE Name = 'Acme Corp'")).toEqual([expect.objectContaining({ Name: 'Acme Corp' })]);
  expect(gateway.stats()).toEqual(stack.gateway.stats());
  expect(gateway.namespace).toBe(stack.gateway.namespace);
});

test('the API call meter adds exactly the calls sent since its last flush', async () => {
  const meter = new FakeMeter();
  const calls = new ApiCallMeter(new SyncMetrics(meter), { salesforce: stack.gateway, saleswings: stack.saleswings });
  calls.flush();
  const before = stack.gateway.stats().calls;
  const queriesBefore = meter.value(METRIC.salesforceApiCalls, { kind: 'query' });
  expect(queriesBefore).toBe(before.query);

  await stack.gateway.queryAll('SELECT Id FROM Account');
  await stack.gateway.count('SELECT COUNT() FROM Lead');
  await stack.saleswings.listTags();
  calls.flush();
  calls.flush();

  expect(meter.value(METRIC.salesforceApiCalls, { kind: 'query' })).toBe(queriesBefore + 2);
  expect(meter.value(METRIC.saleswingsRequests, { endpoint: 'GET /tags' })).toBe(stack.saleswings.stats().byEndpoint['GET /tags']);
  expect(meter.total(METRIC.salesforceApiCalls)).toBe(Object.values(stack.gateway.stats().calls).reduce((a, b) => a + b, 0));
});

test('after a small sync the counters match the records in the org and the clients’ own call counts', async () => {
  const { dataset } = seedBoth(stack, { seed: 41, prospects: 15, tags: 4, scores: 2, activitiesPerProspect: 0 }, { leadShare: 0.5, contactShare: 0.3 });
  const meter = new FakeMeter();
  const observed = observeWorker({ meter, salesforce: stack.gateway, saleswings: stack.saleswings });
  const taskQueue = uniqueTaskQueue('metrics');
  const connection = `m${taskQueue.slice(-10).replace(/[^a-z0-9]/g, '')}`;
  const worker = await createSyncWorker({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    activities: createActivities({ ...stack.deps(onlyIngestAndMatch({ matching: { coalesceWaitMs: 100 } }), env.client, taskQueue), salesforce: observed.salesforce }),
    workflowBundle: await workflowBundle(),
    observability: observed.steps,
    shutdownGraceTime: '1s',
  });
  const report = await worker.runUntil(async () => waitForReport(await startSyncRun(env.client, { connection, taskQueue })));
  expect(report.status).toBe('Completed');

  const written = (object: string, operation: string) => meter.value(METRIC.recordsWritten, { object, operation });
  expect(written('Prospect__c', 'upsert')).toBe(dataset.prospects.length);
  expect(count('SELECT COUNT() FROM Prospect__c')).toBe(dataset.prospects.length);
  expect(written('SW_Tag__c', 'upsert')).toBe(dataset.tags.length);
  expect(written('Score__c', 'upsert')).toBe(dataset.scores.length);
  expect(meter.total(METRIC.recordFailures)).toBe(0);
  const step = (name: string) => report.steps.find((s) => s.step === name);
  expect(written('Lead', 'update')).toBe(step('MatchProspectsToLeads')?.updated);
  expect(written('Contact', 'update')).toBe(step('MatchProspectsToContacts')?.updated);
  // Bookkeeping writes count too (they spend API calls): match statuses on prospects, the run's SW Apex Job.
  expect(count('SELECT COUNT() FROM SW_Apex_Job__c')).toBe(1);
  expect(written('SW_Apex_Job__c', 'upsert')).toBe(1);
  expect(written('Prospect__c', 'update')).toBeGreaterThan(0);
  const reported = report.steps.reduce((n, s) => n + s.created + s.updated + s.deleted, 0);
  expect(meter.total(METRIC.recordsWritten)).toBeGreaterThanOrEqual(reported);

  // Each step that ran has one completed duration; skipped steps none.
  for (const { step: name, status } of report.steps) {
    const durations = meter.recorded(METRIC.stepDuration, { step: name, status: 'completed' });
    if (status === 'Skipped') expect({ name, durations }).toEqual({ name, durations: [] });
    else if (!name.startsWith('MatchProspectsTo')) expect({ name, runs: durations.length }).toEqual({ name, runs: 1 });
  }
  // Matching runs as per-prospect activities or batches: labelled by activity type.
  const matchDurations = meter.recorded(METRIC.stepDuration, { step: 'matchProspect', status: 'completed' }).length + meter.recorded(METRIC.stepDuration, { step: 'matchProspectsBatch', status: 'completed' }).length;
  expect(matchDurations).toBeGreaterThan(0);
  expect(meter.all(METRIC.syncRuns)).toEqual({ 'status=Completed': 1 });

  // API counters equal the clients' all-time totals (the meter started from zero).
  for (const [kind, calls] of Object.entries(stack.gateway.stats().calls)) expect({ kind, counted: meter.value(METRIC.salesforceApiCalls, { kind }) }).toEqual({ kind, counted: calls });
  for (const [endpoint, requests] of Object.entries(stack.saleswings.stats().byEndpoint)) {
    expect({ endpoint, counted: meter.value(METRIC.saleswingsRequests, { endpoint }) }).toEqual({ endpoint, counted: requests });
  }
  expect(meter.value(METRIC.saleswingsRequests, { endpoint: 'GET /prospects' })).toBeGreaterThan(0);
});
