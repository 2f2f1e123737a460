/**
 * The steps after matching, through real sync runs: clean-up of merged and physically deleted
 * prospects, the deletion guard (with and without force), the gates of every optional step, the
 * SW Apex Job record and its pruning, and Salesforce → SalesWings updates across a worker restart.
 */
import { STEP_CATALOGUE } from '../../src/config/steps';
import { modified, totals } from '../../src/workflows/report';
import { dataset, prospect, tag } from '../helpers/fixtures';
import { useTestStacks, type TestStack } from '../helpers/stack';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();
/** A fresh stack for a test. */
const stack = useTestStacks();

const one = (s: TestStack, soql: string) => s.sf.admin.query(soql)[0] as Record<string, unknown>;

test('a prospect merged in SalesWings, and one deleted from Salesforce, have their leads and contacts cleaned in the next run', async () => {
  const s = await stack();
  s.sw.load(dataset({ tags: [tag('t1')], prospects: [prospect('m1', 'merge@example.com', { tags: [{ tagId: 't1' }] }), prospect('d1', 'gone@example.com', { tags: [{ tagId: 't1' }] }), prospect('k1', 'keep@example.com')] }));
  const [mergedLead, goneLead, keptLead] = s.sf.admin.insert('Lead', [
    { LastName: 'Merge', Company: 'A', Email: 'merge@example.com' },
    { LastName: 'Gone', Company: 'B', Email: 'gone@example.com' },
    { LastName: 'Keep', Company: 'C', Email: 'keep@example.com' },
  ]) as string[];
  const mergedContact = s.sf.admin.insert('Contact', { LastName: 'Merge', Email: 'merge@example.com' }) as string;

  await withSyncWorker(env, s, {}, async (h) => {
    await h.run();
    expect(one(s, `SELECT Prospect_Id__c FROM Lead WHERE Id = '${mergedLead}'`).Prospect_Id__c).toBe('m1');
    expect(s.sf.admin.query(`SELECT Id FROM SW_Tag_Segment_Trigger__c WHERE Lead__c = '${mergedLead}'`)).toHaveLength(1);

    s.sw.updateProspect('m1', { lifecycle: 'Merged', mergedIntoId: 'k1' });
    s.sf.admin.delete(one(s, "SELECT Id FROM Prospect__c WHERE SW_Id__c = 'd1'").Id as string);
    const report = await h.run();
    expect(report.status).toBe('Completed');
  });

  for (const [object, id] of [['Lead', mergedLead], ['Contact', mergedContact], ['Lead', goneLead]] as const) {
    expect(one(s, `SELECT Prospect_Id__c, Lead_Score__c, Tags__c, SW_Favorite__c FROM ${object} WHERE Id = '${id}'`)).toMatchObject({
      Prospect_Id__c: null,
      Lead_Score__c: null,
      Tags__c: null,
      SW_Favorite__c: false,
    });
    expect(s.sf.admin.query(`SELECT Id FROM SW_Tag_Segment_Trigger__c WHERE ${object}__c = '${id}'`)).toHaveLength(0);
  }
  expect(one(s, `SELECT Prospect_Id__c FROM Lead WHERE Id = '${keptLead}'`).Prospect_Id__c).toBe('k1');
});

test('the deletion guard stops GetTags from emptying the tag table on an empty tag list; with force it proceeds', async () => {
  const s = await stack();
  const tags = Array.from({ length: 5 }, (_, i) => tag(`g${i}`));
  s.sw.load(dataset({ tags, prospects: [prospect('p1', 'p1@example.com', { tags: [{ tagId: 'g0' }] })] }));
  await withSyncWorker(env, s, { steps: { GetTags: { retry: { maximumAttempts: 1 } } } }, async (h) => {
    await h.run();
    expect(s.sf.admin.query('SELECT Id FROM SW_Tag__c')).toHaveLength(5);

    // An outage that returns an empty list.
    s.sw.load(dataset({ tags: [], prospects: [prospect('p1', 'p1@example.com')] }));
    const guarded = await h.run();
    expect(guarded.status).toBe('Failed');
    const step = guarded.steps.find((x) => x.step === 'GetTags');
    expect(step).toMatchObject({ status: 'Failed', deleted: 0 });
    expect(step?.reason).toMatch(/DeletionGuardError: refusing to delete 5 of 5 SW_Tag__c/);
    expect(s.sf.admin.query('SELECT Id FROM SW_Tag__c')).toHaveLength(5);
    expect(s.sf.admin.query('SELECT Id FROM SW_Prospect_Tag__c')).toHaveLength(1);

    const forced = await h.run({ force: true });
    expect(forced.steps.find((x) => x.step === 'GetTags')).toMatchObject({ status: 'Completed', deleted: 5 });
    expect(s.sf.admin.query('SELECT Id FROM SW_Tag__c')).toHaveLength(0);
    expect(s.sf.admin.query('SELECT Id FROM SW_Prospect_Tag__c')).toHaveLength(0);
  });
});

test('every optional step is reported Skipped with the option that gates it', async () => {
  const s = await stack();
  s.sw.load(dataset({ prospects: [prospect('p1', 'p1@example.com')] }));
  const reasons = async (options: object) => {
    const report = await withSyncWorker(env, s, options, (h) => h.run());
    return Object.fromEntries(report.steps.filter((x) => x.status === 'Skipped').map((x) => [x.step, x.reason]));
  };
  const defaults = await reasons({});
  expect(defaults).toEqual({
    GetProspectPages: 'page visit sync is off (studio.pageVisitSync = false, the package default)',
    MatchProspects: 'disabled in Workflow Options (steps.MatchProspects.enabled = false)',
    DeleteProspects: 'disabled in Workflow Options (steps.DeleteProspects.enabled = false)',
    AggregateTags: 'Account Aggregation is off (studio.accountAggregation = false)',
    AggregateScores: 'Account Aggregation is off (studio.accountAggregation = false)',
    CreateOpportunityTags: 'Account Aggregation is off (studio.accountAggregation = false)',
    CreateOpportunityScores: 'Account Aggregation is off (studio.accountAggregation = false)',
    DeleteContactPages: 'disabled in Workflow Options (steps.DeleteContactPages.enabled = false)',
    DeletePages: 'disabled in Workflow Options (steps.DeletePages.enabled = false)',
    CountRecords: 'disabled in Workflow Options (steps.CountRecords.enabled = false)',
  });
  const aggregation = await reasons({ studio: { accountAggregation: true, disableTriggers: true, matchLeadsViaEvents: true }, steps: { DeleteProspects: { enabled: true } } });
  expect(aggregation).toMatchObject({
    CreateOpportunityTags: 'Opportunity Tags is off (studio.opportunityTags = false)',
    CreateOpportunityScores: 'Opportunity Scores is off (studio.opportunityScores = false)',
    DeleteProspects: 'matching via platform events is on (studio.matchLeadsViaEvents / matchContactsViaEvents)',
    SendRecordUpdates: 'Disable Triggers is on (studio.disableTriggers = true)',
  });
  expect(aggregation.AggregateTags).toBeUndefined();
  const disabled = await reasons({ steps: Object.fromEntries(STEP_CATALOGUE.map((x) => [x.name, { enabled: false }])) });
  expect(Object.keys(disabled)).toEqual(STEP_CATALOGUE.map((x) => x.name));
});

test('each run leaves one SW Apex Job record with the figures of its report, and the 101st run prunes the oldest', async () => {
  const s = await stack();
  s.sw.load(dataset({ tags: [tag('t1')], prospects: [prospect('p1', 'p1@example.com', { tags: [{ tagId: 't1' }] })] }));
  s.sf.admin.insert('Lead', { LastName: 'One', Company: 'A', Email: 'p1@example.com' });
  await withSyncWorker(env, s, {}, async (h) => {
    const report = await h.run();
    const job = one(s, `SELECT Run_Id__c, Mode__c, Status__c, Examined__c, Modified__c, Failed__c, Steps__c, Started_At__c, Finished_At__c FROM SW_Apex_Job__c WHERE Run_Id__c = '${report.runId}'`);
    const sum = totals(report.steps);
    expect(job).toMatchObject({ Mode__c: 'Full', Status__c: 'Completed', Examined__c: sum.examined, Modified__c: modified(sum), Failed__c: sum.failed });
    const seconds = (iso: unknown) => Math.floor(Date.parse(String(iso)) / 1000);
    expect(seconds(job.Started_At__c)).toBe(seconds(report.startedAt));
    expect(seconds(job.Finished_At__c)).toBe(seconds(report.finishedAt));
    const steps = JSON.parse(job.Steps__c as string) as { step: string; examined: number; modified: number; failed: number; status: string }[];
    expect(steps.map((x) => [x.step, x.status, x.examined, x.modified, x.failed])).toEqual(report.steps.map((x) => [x.step, x.status, x.examined, modified(x), x.failed]));

    // 99 older job records (100 with this run's): the next run is the 101st and prunes the oldest.
    const older = s.sf.admin.insert(
      'SW_Apex_Job__c',
      Array.from({ length: 99 }, (_, i) => ({ Run_Id__c: `old-${String(i).padStart(3, '0')}`, Mode__c: 'Incremental', Status__c: 'Completed', CreatedDate: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() })),
    ) as string[];
    expect(s.sf.admin.query('SELECT COUNT() FROM SW_Apex_Job__c')[0].totalSize).toBe(100);
    await h.run();
    const remaining = s.sf.admin.query('SELECT Id, Run_Id__c FROM SW_Apex_Job__c');
    expect(remaining).toHaveLength(100);
    expect(remaining.map((r) => r.Id)).not.toContain(older[0]);
    expect(remaining.map((r) => r.Run_Id__c)).toContain(report.runId);
  });
});

test('Salesforce edits made while the worker is stopped reach SalesWings after it restarts', async () => {
  const s = await stack();
  s.sw.load(dataset({ prospects: [prospect('p1', 'one@example.com'), prospect('p2', 'two@example.com')] }));
  const [lead1, lead2] = s.sf.admin.insert('Lead', [
    { LastName: 'One', Company: 'A', Email: 'one@example.com' },
    { LastName: 'Two', Company: 'B', Email: 'two@example.com' },
  ]) as string[];
  await withSyncWorker(env, s, {}, (h) => h.run());
  // Matching linked both leads: SalesWings learned them once.
  expect(s.sw.receivedRecords().map((r) => r.id).sort()).toEqual([lead1, lead2].sort());

  // The worker is gone; a person edits the org.
  s.sf.admin.update('Lead', [{ Id: lead1, LastName: 'Renamed' }, { Id: lead2, Title: 'CTO' }]);
  const before = s.sw.receivedRecords().length;
  await withSyncWorker(env, s, {}, (h) => h.run());
  const sent = s.sw.receivedRecords().slice(before);
  // The tracked edit arrives; the untracked one (Title) sends nothing.
  expect(sent).toEqual([expect.objectContaining({ id: lead1, lastName: 'Renamed', objectType: 'Lead', prospectId: 'p1', email: 'one@example.com' })]);
});
