/**
 * The output functions of the operator commands, without Temporal or an org: progress bars,
 * per-object dry-run plans, record explanations, run summaries and visibility literals.
 */
import { planOfStep } from '../../src/client/dry-run-format';
import { explainRecord, type ProspectFacts, type RecordFacts } from '../../src/client/prospect-explain';
import { parseProspectQuery } from '../../src/client/prospect-lookup';
import { workflowUrl } from '../../src/client/prospect-history';
import { progressBar } from '../../src/client/progress-bar';
import { syncRunsQuery } from '../../src/client/run-history';
import { formatRun, summarizeRun } from '../../src/client/run-history-format';
import { intervalText } from '../../src/client/sync-status';
import { formatSyncStatus, syncStatusJson } from '../../src/client/sync-status-format';
import { visibilityString } from '../../src/client/visibility';
import { type StepReport, type SyncReport } from '../../src/workflows/report';

const step = (over: Partial<StepReport> & Pick<StepReport, 'step'>): StepReport => ({
  status: 'Completed',
  examined: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  failed: 0,
  errors: [],
  ...over,
});

test('progress bars are drawn for terminals and plain elsewhere; an unknown total shows the count', () => {
  expect(progressBar(6, 12, { tty: true, width: 10 })).toBe('[█████░░░░░] 6/12 50%');
  expect(progressBar(6, 12, { tty: false })).toBe('6/12 (50%)');
  expect(progressBar(13, 12, { tty: true, width: 4 })).toBe('[████] 13/12 100%');
  expect(progressBar(3, undefined, { tty: true })).toBe('3');
  expect(progressBar(0, 0, { tty: false })).toBe('0');
});

test('a dry-run step plan splits per-object details from the step’s own object and keeps other figures apart', () => {
  const plan = planOfStep(
    step({ step: 'GetProspects', examined: 3, created: 7, updated: 1, details: { prospectTagsCreated: 3, prospectTagsDeleted: 0, prospectScoresCreated: 1, prospectsWritten: 4 } }),
  );
  expect(plan.objects).toEqual([
    { object: 'Prospect__c', create: 3, update: 1, delete: 0 },
    { object: 'SW_Prospect_Tag__c', create: 3, update: 0, delete: 0 },
    { object: 'Prospect_Score__c', create: 1, update: 0, delete: 0 },
  ]);
  expect(plan.figures).toEqual({ prospectsWritten: 4 });
  // Cascaded deletes counted only in details never make a negative remainder.
  expect(planOfStep(step({ step: 'DeleteProspectScores', deleted: 2, details: { prospectScoresDeleted: 2, scoreCopiesDeleted: 5 } })).objects).toEqual([
    { object: 'Prospect_Score__c', create: 0, update: 0, delete: 2 },
    { object: 'Prospect_Score_Instance__c', create: 0, update: 0, delete: 5 },
  ]);
  expect(planOfStep(step({ step: 'GetTags', created: 2 })).objects).toEqual([{ object: 'SW_Tag__c', create: 2, update: 0, delete: 0 }]);
});

const prospect = (over: Partial<ProspectFacts> = {}, lead: Partial<ProspectFacts['sides']['Lead']> = {}): ProspectFacts => ({
  id: 'a0F1',
  swId: 'p1',
  name: 'Ada',
  email: 'ada@example.com',
  lifecycle: 'Active',
  mergedIntoId: null,
  syncStatus: 'Not Processed',
  swUpdatedAt: null,
  lastSyncedAt: null,
  sides: { Lead: { status: 'Pending', attempts: 0, error: null, run: null, ...lead }, Contact: { status: 'Pending', attempts: 0, error: null, run: null } },
  ...over,
});
const lead = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  object: 'Lead',
  id: '00Q1',
  name: 'Ada',
  email: ' ADA@example.com',
  converted: false,
  convertedContactId: null,
  prospectId: null,
  lastModifiedAt: null,
  ...over,
});

test('record explanations follow the match rules: merged prospects, published events, linked records whose email changed, failures on another record', () => {
  expect(explainRecord(prospect({ lifecycle: 'Merged', mergedIntoId: 'p9' }), lead(), 30).reason).toBe('the prospect is Merged into p9: only Active prospects are matched');
  expect(explainRecord(prospect({}, { attempts: 2 }), lead(), 30).reason).toBe("the update was published as a platform event and waits for the org's subscriber");
  expect(explainRecord(prospect({}, { status: 'Matched', run: 'run-1' }), lead({ prospectId: 'p1', email: 'other@example.com' }), 30)).toMatchObject({
    linked: true,
    emailMatches: false,
    updated: false,
    reason: "linked, but its email no longer matches the prospect's: the next CleanLeads step disconnects it",
  });
  expect(explainRecord(prospect({}, { status: 'Failed', attempts: 3, error: 'X: no (00Q2)' }), lead({ prospectId: 'p1' }), 30).reason).toBe(
    'linked by an earlier match; the Lead side failed on another record (attempt 3/30): X: no (00Q2)',
  );
  expect(explainRecord(prospect({}, { status: 'Matched', run: 'run-1' }), lead({ prospectId: 'p1' }), 30)).toMatchObject({ updated: true, reason: 'updated by run-1' });
  expect(explainRecord(prospect(), lead({ converted: true, convertedContactId: '003X', prospectId: 'p1' }), 30)).toMatchObject({
    linked: true,
    updated: false,
    reason: 'converted Lead: read-only, never written (its Contact 003X is matched instead)',
  });
});

test('prospect arguments: an @ makes an email (trimmed, lower-cased), anything else an id; links escape the id', () => {
  expect(parseProspectQuery('  Ada@Example.COM ')).toEqual({ by: 'email', value: 'ada@example.com' });
  expect(parseProspectQuery(' 5f1c ')).toEqual({ by: 'id', value: '5f1c' });
  expect(workflowUrl('http://ui:8233/', 'prod ns', 'saleswings-match-default-a/b')).toBe('http://ui:8233/namespaces/prod%20ns/workflows/saleswings-match-default-a%2Fb');
});

test('visibility filters quote what an operator typed, so a quote cannot widen the filter', () => {
  expect(visibilityString("p1' OR WorkflowType != '")).toBe("'p1\\' OR WorkflowType != \\''");
  expect(syncRunsQuery('default', 'closed')).toBe("WorkflowType = 'syncWorkflow' AND SyncConnection = 'default' AND ExecutionStatus != 'Running'");
  expect(intervalText(3_600_000)).toBe('60m');
  expect(intervalText(90_000)).toBe('90s');
});

test('a run summary carries the report’s figures; a terminated run without a report says why', () => {
  const report: SyncReport = {
    runId: 'saleswings-sync-default-1',
    connection: 'default',
    mode: 'Incremental',
    fullSyncHonoured: false,
    dryRun: false,
    startedAt: '2026-01-15T09:00:00.000Z',
    finishedAt: '2026-01-15T09:00:02.500Z',
    status: 'CompletedWithErrors',
    steps: [
      step({ step: 'GetProspects', examined: 4, updated: 4 }),
      step({ step: 'MatchProspectsToLeads', status: 'CompletedWithErrors', examined: 4, updated: 3, failed: 1, errors: [{ recordId: '00Q1', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }] }),
      step({ step: 'CleanLeads', status: 'Skipped', reason: 'disabled' }),
    ],
  };
  const summary = summarizeRun({ workflowId: report.runId, runId: 'r1', executionStatus: 'COMPLETED', startedAt: report.startedAt, report });
  expect(summary).toMatchObject({ status: 'CompletedWithErrors', durationMs: 2500, totals: { examined: 8, modified: 7, failed: 1 } });
  expect(summary.firstErrors).toEqual([{ step: 'MatchProspectsToLeads', recordId: '00Q1', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }]);
  expect(formatRun(summary, 1)).toEqual([
    '#1 2026-01-15T09:00:00.000Z  CompletedWithErrors — Incremental, 2.5 s  saleswings-sync-default-1',
    '    step                       status                examined  modified  failed',
    '    GetProspects               Completed                    4         4       0',
    '    MatchProspectsToLeads      CompletedWithErrors          4         3       1',
    '    total                                                   8         7       1',
    '    skipped (1): CleanLeads',
    '    first errors:',
    '      MatchProspectsToLeads: FIELD_CUSTOM_VALIDATION_EXCEPTION no (00Q1)',
  ]);

  const terminated = summarizeRun({ workflowId: 'w', runId: 'r2', executionStatus: 'TERMINATED', startedAt: report.startedAt, closedAt: report.finishedAt, outcome: 'Running', problem: 'terminated before it reported' });
  expect(terminated).toMatchObject({ status: 'Running', mode: null, steps: [], problem: 'terminated before it reported' });
  expect(formatRun(terminated)[1]).toBe('    no report: terminated before it reported');
});

test('status without a readable state lists what could not be read; progress unavailable falls back to the step search attribute', () => {
  const status = {
    connection: 'default',
    running: { workflowId: 'saleswings-sync-default-x', foundBy: 'visibility' as const, startedAt: '2026-01-15T09:00:00.000Z', step: 'GetProspects', problem: 'no worker answered in time (is a worker running on the task queue?)' },
    schedule: { scheduleId: 'saleswings-sync-default', exists: true, paused: true, note: 'maintenance', every: ['15m'], nextRunAt: null },
    problems: ['state: no worker answered in time (is a worker running on the task queue?)'],
  };
  expect(syncStatusJson(status).running).toMatchObject({ currentStep: 'GetProspects', stepsDone: null, problem: status.running.problem });
  const text = formatSyncStatus(status, { tty: false });
  expect(text).toContain('  step      GetProspects (from search attributes)');
  expect(text).toContain('  progress  unavailable: no worker answered in time');
  expect(text).toContain('Schedule  saleswings-sync-default: PAUSED (maintenance), every 15m; no run is scheduled until `saleswings-sync schedule unpause`');
  expect(text).toContain('Could not read:\n  state: no worker answered in time');
});
