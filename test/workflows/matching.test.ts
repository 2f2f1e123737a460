/**
 * Matching prospects to Leads and Contacts through real sync runs: email rules, converted
 * Leads, duplicates, the 30-attempt cap with its reset, and platform-event mode.
 */
import { dataset, prospect, score, tag } from '../helpers/fixtures';
import { useTestStacks, type TestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();
/** A fresh stack for a test. */
const stack = useTestStacks();

const one = (s: TestStack, soql: string) => s.sf.admin.query(soql)[0] as Record<string, unknown>;

test('emails that differ only in case or surrounding spaces match; converted leads are never written; several leads with one email are all updated', async () => {
  const s = await stack();
  s.sw.load(dataset({ tags: [tag('t1', 'Pricing page')], scores: [score('s1', 'Fit')], prospects: [prospect('p1', '  Ada.Lovelace@Example.COM ', { tags: [{ tagId: 't1' }], scores: [{ scoreId: 's1', value: 7 }] })] }));
  const [lead1, lead2, converted] = s.sf.admin.insert('Lead', [
    { LastName: 'Lovelace', Company: 'Analytical', Email: 'ada.lovelace@example.com' },
    { LastName: 'Lovelace', Company: 'Engines', Email: 'ADA.LOVELACE@EXAMPLE.COM' },
    { LastName: 'Lovelace', Company: 'Old', Email: 'ada.lovelace@example.com', IsConverted: true, Status: 'Closed - Converted' },
  ]) as string[];
  const contact = s.sf.admin.insert('Contact', { LastName: 'Lovelace', Email: 'Ada.Lovelace@example.com' }) as string;
  const convertedBefore = one(s, `SELECT LastModifiedDate FROM Lead WHERE Id = '${converted}'`).LastModifiedDate;

  await withSyncWorker(env, s, onlyIngestAndMatch(), async (harness) => {
    const report = await harness.run();
    expect(report.status).toBe('Completed');
  });

  for (const id of [lead1, lead2]) {
    const lead = one(s, `SELECT Prospect_Id__c, Lead_Score__c, Temperature__c, Tags__c FROM Lead WHERE Id = '${id}'`);
    expect(lead).toMatchObject({ Prospect_Id__c: 'p1', Lead_Score__c: 42, Temperature__c: 'WARM', Tags__c: 'Pricing page' });
    expect(s.sf.admin.query(`SELECT Key__c FROM SW_Tag_Segment_Trigger__c WHERE Lead__c = '${id}'`).map((c) => c.Key__c)).toEqual([`${id}:t1`]);
    expect(s.sf.admin.query(`SELECT Value__c FROM Prospect_Score_Instance__c WHERE Lead__c = '${id}'`).map((c) => c.Value__c)).toEqual([7]);
  }
  expect(one(s, `SELECT Prospect_Id__c FROM Contact WHERE Id = '${contact}'`).Prospect_Id__c).toBe('p1');
  const untouched = one(s, `SELECT Prospect_Id__c, LastModifiedDate FROM Lead WHERE Id = '${converted}'`);
  expect(untouched).toMatchObject({ Prospect_Id__c: null, LastModifiedDate: convertedBefore });
  expect(s.sf.admin.query(`SELECT Id FROM SW_Tag_Segment_Trigger__c WHERE Lead__c = '${converted}'`)).toHaveLength(0);
  expect(one(s, "SELECT Lead_Sync_Status__c, Contact_Sync_Status__c, Sync_Status__c FROM Prospect__c WHERE SW_Id__c = 'p1'")).toMatchObject({
    Lead_Sync_Status__c: 'Matched',
    Contact_Sync_Status__c: 'Matched',
    Sync_Status__c: 'Processed',
  });
});

test('a lead whose validation rule rejects the update is retried once per run, given up at 30 attempts, and tried again from 0 when the prospect changes', async () => {
  const s = await stack();
  s.sw.load(dataset({ prospects: [prospect('p2', 'blocked@example.com')] }));
  const lead = s.sf.admin.insert('Lead', { LastName: 'Blocked', Company: 'Acme', Email: 'blocked@example.com' }) as string;
  s.sf.admin.addValidationRule({ object: 'Lead', name: 'No_SalesWings_For_Blocked', condition: "Prospect_Id__c != null AND LastName = 'Blocked'", message: 'Blocked leads cannot be scored' });
  const side = () => one(s, "SELECT Lead_Sync_Status__c, Lead_Sync_Attempts__c, Lead_Sync_Error__c, Sync_Status__c FROM Prospect__c WHERE SW_Id__c = 'p2'");

  await withSyncWorker(env, s, onlyIngestAndMatch({ matching: { coalesceWaitMs: 50 } }), async (harness) => {
    const first = await harness.run();
    const step = first.steps.find((x) => x.step === 'MatchProspectsToLeads');
    expect(step).toMatchObject({ status: 'CompletedWithErrors', failed: 1 });
    expect(step?.errors[0]).toMatchObject({ recordId: lead, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
    expect(step?.errors[0].message).toContain('Blocked leads cannot be scored');
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: 1, Sync_Status__c: 'Not Processed' });
    expect(String(side().Lead_Sync_Error__c)).toContain(`FIELD_CUSTOM_VALIDATION_EXCEPTION: Blocked leads cannot be scored (${lead})`);

    await harness.run();
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: 2 });

    // Skip ahead to attempt 28 (as 26 more runs would), then watch the cap.
    const prospectId = one(s, "SELECT Id FROM Prospect__c WHERE SW_Id__c = 'p2'").Id;
    s.sf.admin.update('Prospect__c', { Id: prospectId, Lead_Sync_Attempts__c: 28 });
    await harness.run();
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: 29, Sync_Status__c: 'Not Processed' });
    await harness.run();
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Gave Up', Lead_Sync_Attempts__c: 30, Sync_Status__c: 'Processed' });
    const afterCap = await harness.run();
    expect(afterCap.steps.find((x) => x.step === 'MatchProspectsToLeads')?.examined).toBe(0);
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Gave Up', Lead_Sync_Attempts__c: 30 });

    // The prospect changes in SalesWings: GetProspects resets the counter, matching tries again.
    s.sw.updateProspect('p2', { leadScore: 77 });
    await harness.run();
    expect(side()).toMatchObject({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: 1, Sync_Status__c: 'Not Processed' });
  });
  expect(one(s, `SELECT Prospect_Id__c FROM Lead WHERE Id = '${lead}'`).Prospect_Id__c).toBeNull();
});

test('a prospect with more tags than Salesforce returns with their parent: every tag and copy is seen, nothing is duplicated, and a re-match rewrites none of them', async () => {
  const s = await stack();
  const tags = Array.from({ length: 260 }, (_v, i) => tag(`t${String(i).padStart(3, '0')}`));
  s.sw.load(dataset({ tags, prospects: [prospect('many', 'many@example.com', { tags: tags.map((t) => ({ tagId: t.id })) })] }));
  const lead = s.sf.admin.insert('Lead', { LastName: 'Many', Company: 'Acme', Email: 'many@example.com' }) as string;
  const copyKeys = () => s.sf.admin.query(`SELECT Key__c FROM SW_Tag_Segment_Trigger__c WHERE Lead__c = '${lead}'`).map((c) => c.Key__c as string).sort();
  const prospectTagKeys = () => s.sf.admin.query('SELECT Key__c FROM SW_Prospect_Tag__c').map((c) => c.Key__c as string).sort();

  await withSyncWorker(env, s, onlyIngestAndMatch({ matching: { coalesceWaitMs: 50 } }), async (harness) => {
    expect((await harness.run()).status).toBe('Completed');
    expect(prospectTagKeys()).toEqual(tags.map((t) => `many:${t.id}`));
    expect(copyKeys()).toEqual(tags.map((t) => `${lead}:${t.id}`));

    // 10 tags fewer: exactly those copies go (the prospect's 250 remaining tags are read in full
    // with queryMore, not cut at the first batch of 200 children).
    s.sw.updateProspect('many', { tags: tags.slice(10).map((t) => ({ tagId: t.id })) });
    const changed = await harness.run();
    expect(changed.steps.find((x) => x.step === 'GetProspects')?.details).toMatchObject({ prospectTagsDeleted: 10 });
    expect(changed.steps.find((x) => x.step === 'GetProspects')?.details?.prospectTagsCreated ?? 0).toBe(0);
    expect(prospectTagKeys()).toEqual(tags.slice(10).map((t) => `many:${t.id}`));
    expect(copyKeys()).toEqual(tags.slice(10).map((t) => `${lead}:${t.id}`));

    // A full sync re-matches the prospect: all 250 copies are read back and left as they are.
    const rows = () => ['SW_Prospect_Tag__c', 'SW_Tag_Segment_Trigger__c'].map((o) => JSON.stringify(s.sf.admin.records(o, { includeDeleted: true })));
    const before = rows();
    const full = await harness.run({ full: true });
    expect(full.steps.find((x) => x.step === 'MatchProspectsToLeads')).toMatchObject({ examined: 1, created: 0, deleted: 0, details: { matched: 1 } });
    expect(full.steps.find((x) => x.step === 'GetProspects')).toMatchObject({ created: 0, deleted: 0 });
    expect(rows()).toEqual(before);
  });
}, 120_000);

test('platform-event mode ends in the same org state as immediate mode', async () => {
  const data = dataset({
    tags: [tag('t1'), tag('t2')],
    scores: [score('s1')],
    prospects: [
      prospect('e1', 'one@example.com', { tags: [{ tagId: 't1' }], scores: [{ scoreId: 's1', value: 3 }], favorite: true }),
      prospect('e2', 'two@example.com', { tags: [{ tagId: 't2' }], temperature: 'HOT' }),
      prospect('e3', 'blocked@example.com'),
      prospect('e4', 'nobody@example.com'),
    ],
  });
  const seedOrg = (s: TestStack) => {
    s.sw.load(data);
    s.sf.admin.insert('Lead', [
      { LastName: 'One', Company: 'A', Email: 'ONE@example.com' },
      { LastName: 'Blocked', Company: 'C', Email: 'blocked@example.com' },
    ]);
    s.sf.admin.insert('Contact', [{ LastName: 'Two', Email: 'two@example.com' }]);
    s.sf.admin.addValidationRule({ object: 'Lead', name: 'Blocked', condition: "Prospect_Id__c != null AND LastName = 'Blocked'", message: 'no' });
  };
  const snapshot = (s: TestStack) => ({
    leads: s.sf.admin.query('SELECT LastName, Prospect_Id__c, Lead_Score__c, Temperature__c, SW_Favorite__c, Tags__c FROM Lead ORDER BY LastName'),
    contacts: s.sf.admin.query('SELECT LastName, Prospect_Id__c, Lead_Score__c, Temperature__c, SW_Favorite__c, Tags__c FROM Contact ORDER BY LastName'),
    prospects: s.sf.admin.query(
      'SELECT SW_Id__c, Sync_Status__c, Lead_Sync_Status__c, Lead_Sync_Attempts__c, Contact_Sync_Status__c, Contact_Sync_Attempts__c FROM Prospect__c ORDER BY SW_Id__c',
    ),
    tagCopies: s.sf.admin.query('SELECT Name FROM SW_Tag_Segment_Trigger__c ORDER BY Name').length,
    scoreCopies: s.sf.admin.query('SELECT Value__c FROM Prospect_Score_Instance__c').length,
  });

  const immediate = await stack();
  seedOrg(immediate);
  await withSyncWorker(env, immediate, onlyIngestAndMatch(), (h) => h.run());

  const viaEvents = await stack();
  seedOrg(viaEvents);
  await withSyncWorker(env, viaEvents, onlyIngestAndMatch({ studio: { matchLeadsViaEvents: true, matchContactsViaEvents: true } }), (h) => h.run());
  expect(viaEvents.sf.admin.publishedEvents('SW_Match__e').length).toBeGreaterThan(0);
  await viaEvents.sf.admin.flushEvents();

  expect(snapshot(viaEvents)).toEqual(snapshot(immediate));
  expect(snapshot(immediate).prospects.find((p) => p.SW_Id__c === 'e3')).toMatchObject({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: 1 });
});
