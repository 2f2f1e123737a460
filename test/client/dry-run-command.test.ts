/**
 * `sync run --dry-run --wait`: the plan per step and per object, the prospects the match steps
 * would match with their records, the "nothing was written" line — and an org that is indeed unchanged.
 */
import { readSyncState } from '../../src/client/sync-state';
import { type SyncReport } from '../../src/workflows/report';
import { dataset, prospect, score, tag } from '../helpers/fixtures';
import { useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch, WRITE_KINDS } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';
import { cliFor } from './cli-harness';

const env = useTemporalEnvironment();
const stack = useTestStack();

beforeAll(() => {
  stack.sw.load(
    dataset({
      tags: [tag('t1', 'Pricing'), tag('t2', 'Demo')],
      scores: [score('s1', 'Fit')],
      prospects: [
        prospect('d1', 'one@example.com', { tags: [{ tagId: 't1' }, { tagId: 't2' }], scores: [{ scoreId: 's1', value: 5 }] }),
        prospect('d2', 'two@example.com', { tags: [{ tagId: 't1' }] }),
        prospect('d3', 'nobody@example.com'),
      ],
    }),
  );
  stack.sf.admin.insert('Lead', [
    { LastName: 'One', Company: 'A', Email: 'one@example.com' },
    { LastName: 'Two', Company: 'B', Email: 'two@example.com' },
  ]);
});

/**
 * Write calls the emulator has answered so far. `/composite` is left out: runs also use it for
 * read-only batches of COUNT() queries; the record snapshots below cover composite writes.
 */
const writes = () =>
  Object.entries(stack.sf.admin.counters().byKind)
    .filter(([kind]) => WRITE_KINDS.some((w) => w !== 'composite' && kind.startsWith(w)))
    .reduce((n, [, count]) => n + count, 0);
const snapshot = () => ({
  tags: stack.sf.admin.query('SELECT Id, SystemModstamp FROM SW_Tag__c ORDER BY Id'),
  scores: stack.sf.admin.query('SELECT Id, SystemModstamp FROM Score__c ORDER BY Id'),
  prospects: stack.sf.admin.query('SELECT Id, Lead_Sync_Status__c, Lead_Sync_Attempts__c, SystemModstamp FROM Prospect__c ORDER BY SW_Id__c'),
  prospectTags: stack.sf.admin.query('SELECT Id, SystemModstamp FROM SW_Prospect_Tag__c ORDER BY Id'),
  apexJobs: stack.sf.admin.query('SELECT Id FROM SW_Apex_Job__c').length,
  leads: stack.sf.admin.query('SELECT Id, Prospect_Id__c, Tags__c, LastModifiedDate FROM Lead ORDER BY LastName'),
});

test('on an empty org the plan lists per-object creates, writes nothing, and the watermark stays unset', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, stack);
    const before = snapshot();
    const writesBefore = writes();
    const result = await run(['sync', 'run', '--dry-run', '--wait']);
    expect(result.code).toBe(0);
    expect(writes()).toBe(writesBefore);
    expect(snapshot()).toEqual(before);
    expect((await readSyncState(h.client, h.connection))?.watermark).toBeUndefined();

    const out = result.stdout;
    expect(out).toMatch(new RegExp(`^Dry run saleswings-sync-${h.connection}-manual-\\S+: Completed — Full, `));
    expect(out).toContain('Plan (what a real run would write):');
    expect(out).toMatch(/GetTags\s+Completed, examined 2\n\s+SW_Tag__c\s+create\s+2\s+update\s+0\s+delete\s+0/);
    expect(out).toMatch(/GetScores\s+Completed, examined 1\n\s+Score__c\s+create\s+1\s+update\s+0\s+delete\s+0/);
    expect(out).toMatch(/GetProspects\s+Completed, examined 3\n\s+Prospect__c\s+create\s+3\s+update\s+0\s+delete\s+0/);
    expect(out).toContain('prospectsUnchanged 0, prospectsStale 0, prospectsWritten 3');
    // Prospects a real run would create are planned with their tags too.
    expect(out).toMatch(/SW_Prospect_Tag__c\s+create\s+3\s+update\s+0\s+delete\s+0/);
    expect(out).toContain('Records that would be matched:');
    // The match steps read prospects from Salesforce, where this dry run created none.
    expect(out).toContain('3 prospects a real run would create are not in Salesforce yet: a dry run cannot match them; the first real run does.');
    expect(out).toContain('skipped (17): GetProspectPages, MatchProspects, CleanLeads');
    expect(out.split('\n').at(-1)).toBe(
      'Nothing was written: this was a dry run. No Salesforce record was created, updated or deleted, nothing was sent to SalesWings, ' +
        'and the watermark and any pending full-sync request are unchanged.',
    );
  });
}, 120_000);

test('with prospects in Salesforce not yet matched, the plan lists each prospect that would be matched and its records', async () => {
  // A real run that only ingests: the prospects are in Salesforce, no side attempted yet.
  const ingestOnly = onlyIngestAndMatch({ steps: { MatchProspectsToLeads: { enabled: false }, MatchProspectsToContacts: { enabled: false } } });
  await withSyncWorker(env, stack, ingestOnly, async (h) => {
    const real = await cliFor(h, stack)(['sync', 'run', '--wait', '--json']);
    expect(real.json<SyncReport>()).toMatchObject({ status: 'Completed', dryRun: false });
  });
  expect(stack.sf.admin.query("SELECT SW_Id__c FROM Prospect__c WHERE Lead_Sync_Status__c = 'Pending' ORDER BY SW_Id__c").map((p) => p.SW_Id__c)).toEqual(['d1', 'd2', 'd3']);
  const leadId = (email: string) => stack.sf.admin.query(`SELECT Id FROM Lead WHERE Email = '${email}'`)[0].Id as string;

  const expectedMatches = [
    { prospectId: 'd1', side: 'Lead', recordIds: [leadId('one@example.com')] },
    { prospectId: 'd2', side: 'Lead', recordIds: [leadId('two@example.com')] },
  ];

  // Both ways of matching plan the same: one workflow per prospect, and pages of prospects per activity.
  for (const strategy of ['per-prospect', 'batch'] as const) {
    await withSyncWorker(env, stack, onlyIngestAndMatch({ matching: { strategy } }), async (h) => {
      const run = cliFor(h, stack);
      const before = snapshot();
      const json = (await run(['sync', 'run', '--dry-run', '--wait', '--json'])).json<SyncReport>();
      const leads = json.steps.find((s) => s.step === 'MatchProspectsToLeads');
      expect(leads).toMatchObject({ status: 'Completed', examined: 3, details: { matched: 2, noMatch: 1 } });
      expect([...(leads?.matches ?? [])].sort((a, b) => a.prospectId.localeCompare(b.prospectId))).toEqual(expectedMatches);
      // No Contact has these emails.
      const contacts = json.steps.find((s) => s.step === 'MatchProspectsToContacts');
      expect(contacts).toMatchObject({ examined: 3, details: { noMatch: 3 } });
      expect(contacts?.matches).toBeUndefined();

      const text = await run(['sync', 'run', '--dry-run', '--wait']);
      expect(text.stdout).toContain(`      prospect d1 → Lead ${leadId('one@example.com')}`);
      expect(text.stdout).toContain(`      prospect d2 → Lead ${leadId('two@example.com')}`);
      expect(text.stdout).not.toContain('prospect d3 →');
      expect(text.stdout).not.toContain('not in Salesforce yet');
      expect(snapshot()).toEqual(before);
    });
  }
}, 120_000);

test('after a real run and changes in SalesWings, the plan shows per-object updates and the prospects that would be matched; JSON is the report', async () => {
  await withSyncWorker(env, stack, onlyIngestAndMatch(), async (h) => {
    const run = cliFor(h, stack);
    const writesBeforeReal = writes();
    const real = await run(['sync', 'run', '--wait', '--json']);
    expect(real.json<SyncReport>()).toMatchObject({ status: 'Completed', dryRun: false });
    expect(writes()).toBeGreaterThan(writesBeforeReal);
    // d2 gains a tag and d1 loses one: the next run would re-match both.
    stack.sw.updateProspect('d2', { tags: [{ tagId: 't1' }, { tagId: 't2' }] });
    stack.sw.updateProspect('d1', { tags: [{ tagId: 't1' }] });
    const before = snapshot();
    const writesBefore = writes();

    const json = await run(['sync', 'run', '--dry-run', '--wait', '--json']);
    const report = json.json<SyncReport>();
    expect(report).toMatchObject({ dryRun: true, status: 'Completed', mode: 'Incremental' });
    const prospects = report.steps.find((s) => s.step === 'GetProspects');
    expect(prospects).toMatchObject({ examined: 2, updated: 2 });
    expect(prospects?.details).toMatchObject({ prospectTagsCreated: 1, prospectTagsDeleted: 1 });

    const text = await run(['sync', 'run', '--dry-run', '--wait']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/GetProspects\s+Completed, examined 2\n\s+Prospect__c\s+create\s+0\s+update\s+2\s+delete\s+0\n\s+SW_Prospect_Tag__c\s+create\s+1\s+update\s+0\s+delete\s+1\n\s+Prospect_Score__c\s+create\s+0\s+update\s+0\s+delete\s+0/);
    // Dry runs do not write the prospects, so the match steps see the sides as the real run left them.
    expect(text.stdout).toMatch(/MatchProspectsToLeads\s+\d+ prospects? to match: matched \d+, no match \d+, failed 0, gave up 0/);
    expect(writes()).toBe(writesBefore);
    expect(snapshot()).toEqual(before);
  });
}, 120_000);
