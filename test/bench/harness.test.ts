/**
 * The benchmark harness end to end on a small dataset: every phase runs, and the JSON report's
 * figures agree with each other and with the dataset (what a full sync must have written, the
 * same outcome with and without Temporal, the minimum's formula, call counts that add up).
 */
import { RECORDS_PER_COLLECTION_CALL } from '../../bench/api-minimum';
import { runBenchmark } from '../../bench/harness';
import { benchOptions } from '../../bench/options';
import { renderReport } from '../../bench/render';
import { type BenchReport, type PhaseReport } from '../../bench/report';
import { testServerAddress } from '../helpers/temporal';

const NOT_API_CALLS = new Set(['oauth-token', 'oauth-revoke', 'versions', 'identity']);

let report: BenchReport;
const phase = (name: string): PhaseReport => {
  const found = report.phases.find((p) => p.name === name);
  if (!found) throw new Error(`no phase ${name}`);
  return found;
};

beforeAll(async () => {
  const options = benchOptions({ prospects: 50, changes: 0.1, quiet: true });
  report = await runBenchmark(options, { temporal: { address: testServerAddress(), namespace: process.env.TEMPORAL_TEST_NAMESPACE ?? 'default' } });
}, 180_000);

test('runs every phase, on Temporal and directly, and every run completes', () => {
  expect(report.phases.map((p) => [p.name, p.executor, p.mode, p.status])).toEqual([
    ['full', 'temporal', 'Full', 'Completed'],
    ['incremental', 'temporal', 'Incremental', 'Completed'],
    ['no-change', 'temporal', 'Incremental', 'Completed'],
    ['direct-full', 'direct', 'Full', 'Completed'],
    ['direct-incremental', 'direct', 'Incremental', 'Completed'],
  ]);
  expect(report.phases.flatMap((p) => p.errors)).toEqual([]);
  // 50 prospects, auto strategy: per-prospect workflows on Temporal, batches directly.
  expect(phase('full').matchStrategy).toEqual({ MatchProspectsToLeads: 'per-prospect', MatchProspectsToContacts: 'per-prospect' });
  expect(phase('direct-full').matchStrategy).toEqual({ MatchProspectsToLeads: 'batch', MatchProspectsToContacts: 'batch' });
});

test('the full sync creates one Prospect__c per prospect and one definition per tag and score, counted from the org', () => {
  const full = phase('full');
  expect(report.dataset.prospects).toBe(50);
  expect(full.changes.Prospect__c).toEqual({ created: 50, updated: 0, deleted: 0 });
  expect(full.changes.SW_Tag__c).toEqual({ created: report.dataset.tags, updated: 0, deleted: 0 });
  expect(full.changes.Score__c).toEqual({ created: report.dataset.scores, updated: 0, deleted: 0 });
  expect(full.changes.SW_Apex_Job__c).toEqual({ created: 1, updated: 0, deleted: 0 });
  expect(full.throughput.prospectsRead).toBe(50);
  expect(full.throughput.recordsWritten).toBe(Object.values(full.changes).reduce((n, c) => n + c.created + c.updated + c.deleted, 0));
});

test('the executions with and without Temporal change the org in exactly the same way', () => {
  expect(phase('direct-full').changes).toEqual(phase('full').changes);
  expect(phase('direct-incremental').changes).toEqual(phase('incremental').changes);
});

test('the incremental run writes the edited prospects and the run with no changes writes only its SW Apex Job record', () => {
  expect(report.changedProspects).toBe(5);
  expect(phase('incremental').changes.Prospect__c).toEqual({ created: 0, updated: 5, deleted: 0 });
  expect(phase('no-change').changes).toEqual({ SW_Apex_Job__c: { created: 1, updated: 0, deleted: 0 } });
  expect(phase('no-change').temporal?.matchBatcher.items).toBe(0);
});

test('API call counts add up: emulator kinds, gateway count and per-step attribution agree', () => {
  for (const p of report.phases) {
    const fromKinds = Object.entries(p.salesforce.byKind)
      .filter(([kind]) => !NOT_API_CALLS.has(kind))
      .reduce((n, [, c]) => n + c, 0);
    expect({ phase: p.name, total: fromKinds }).toEqual({ phase: p.name, total: p.salesforce.total });
    expect({ phase: p.name, total: p.salesforce.gatewayTotal }).toEqual({ phase: p.name, total: p.salesforce.total });
    const attributed = Object.values(p.salesforce.byStep).reduce(
      (n, kinds) => n + Object.entries(kinds).filter(([kind]) => kind !== 'auth').reduce((m, [, c]) => m + c, 0),
      0,
    );
    expect({ phase: p.name, total: attributed }).toEqual({ phase: p.name, total: p.salesforce.total });
    expect(p.salesforce.byStep['(outside activities)']).toBeUndefined();
  }
});

test('the minimum follows the documented formula and the ratio is actual over minimum', () => {
  for (const p of report.phases) {
    const m = p.minimum;
    expect(m.total).toBe(m.writeCalls + m.readCalls);
    expect(m.writeCalls).toBe(m.writes.reduce((n, w) => n + w.calls, 0));
    expect(m.readCalls).toBe(m.reads.reduce((n, r) => n + r.minimum, 0));
    expect(p.ratio).toBe(Math.round((p.salesforce.total / m.total) * 100) / 100);
    for (const r of m.reads) expect(r.minimum).toBeLessThanOrEqual(Math.max(1, r.calls));
  }
  const prospects = phase('full').minimum.writes.find((w) => w.object === 'Prospect__c');
  expect(prospects?.calls).toBe(Math.ceil(50 / RECORDS_PER_COLLECTION_CALL));
  // Prospect__c is written by GetProspects and again by both match steps (status per side).
  expect(prospects?.sent).toBeGreaterThan(50);
});

test('Temporal figures cover the run and its children, and overhead and targets are derived from the phases', () => {
  const events = phase('full').temporal?.historyEvents;
  expect(events?.executions).toMatchObject({ syncWorkflow: 1, matchStepWorkflow: 2 });
  expect(events?.executions.matchProspectWorkflow).toBe(phase('full').temporal?.matchBatcher.items);
  expect(events?.total).toBe(Object.values(events?.byType ?? {}).reduce((n, c) => n + c, 0));
  expect(events?.times.syncWorkflow.activities.count).toBeGreaterThan(10);
  expect(phase('direct-full').temporal).toBeUndefined();

  expect(report.overhead.full?.ratio).toBe(Math.round((phase('full').wallMs / phase('direct-full').wallMs) * 100) / 100);
  expect(report.targets.map((t) => [t.name, t.met])).toEqual([
    ['API calls, full sync', (phase('full').ratio ?? Infinity) <= 1.2],
    ['API calls, incremental (5 prospects edited)', (phase('incremental').ratio ?? Infinity) <= 1.2],
    ['API calls, incremental with no changes', phase('no-change').salesforce.total < 10],
    ['Orchestration overhead, full sync', (report.overhead.full?.ratio ?? Infinity) <= 1.5],
    ['Orchestration overhead, incremental', (report.overhead.incremental?.ratio ?? Infinity) <= 1.5],
  ]);
  for (const p of report.phases) expect(p.memory.peakRssMb).toBeGreaterThanOrEqual(p.memory.startRssMb);
});

test('the report survives JSON and renders as tables naming every phase and target', () => {
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  const text = renderReport(report);
  for (const p of report.phases) expect(text).toContain(`| ${p.name} `);
  for (const t of report.targets) expect(text).toContain(t.name);
});
