import type { Activity, Prospect } from '../../../src/saleswings/contract';
import {
  desiredProspectPages,
  desiredProspectScores,
  desiredProspectTags,
  planProspectIngest,
  prospectDataFields,
  prospectName,
  prospectRecord,
  type ExistingProspect,
} from '../../../src/sync/prospect-record';

const NOW = '2024-02-01T09:00:00Z';
const tagsById = new Map([
  ['t1', { name: 'Pricing' }],
  ['t2', { name: 'Demo' }],
]);
const scoresById = new Map([['s1', { name: 'Product fit' }]]);

function prospect(overrides: Partial<Prospect> = {}): Prospect {
  return {
    id: 'p1',
    email: ' Ada@Example.com ',
    firstName: 'Ada',
    lastName: 'Lovelace',
    lifecycle: 'Active',
    mergedIntoId: null,
    favorite: true,
    ownerEmail: 'owner@example.com',
    leadScore: 42.5,
    temperature: 'HOT',
    lastVisitAt: '2024-01-30T08:00:00+01:00',
    tags: [{ tagId: 't2' }, { tagId: 't1' }, { tagId: 'unknown' }],
    scores: [{ scoreId: 's1', value: 7.456 }, { scoreId: 'nope', value: 1 }],
    updatedAt: '2024-01-31T10:00:00.250Z',
    ...overrides,
  };
}

/** The prospect as Salesforce returns it after a previous write (UTC, +0000, no millis). */
function stored(p: Prospect, extra: Record<string, string | number | boolean | null> = {}): ExistingProspect {
  const fields = prospectDataFields(p, tagsById);
  const asSalesforce = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' && /T\d\d:/.test(v) ? v.replace('Z', '+0000') : v]),
  );
  return { id: 'a0P1', ...asSalesforce, Lead_Sync_Attempts__c: 7, Contact_Sync_Attempts__c: 3, ...extra };
}

describe('prospectName', () => {
  it('is "First Last" when a name is present', () => {
    expect(prospectName(prospect())).toBe('Ada Lovelace');
  });

  it('uses whichever name part exists', () => {
    expect(prospectName(prospect({ firstName: null, lastName: 'Lovelace' }))).toBe('Lovelace');
  });

  it('falls back to the trimmed email, then the SalesWings id', () => {
    expect(prospectName(prospect({ firstName: ' ', lastName: null }))).toBe('Ada@Example.com');
    expect(prospectName(prospect({ firstName: null, lastName: null, email: null }))).toBe('p1');
  });

  it('is at most 80 characters', () => {
    expect(prospectName(prospect({ firstName: 'A'.repeat(60), lastName: 'B'.repeat(60) }))).toHaveLength(80);
  });
});

describe('prospectRecord', () => {
  it('maps the SalesWings data to Prospect__c fields', () => {
    const fields = prospectRecord(prospect(), tagsById, NOW);
    expect(fields).toMatchObject({
      Name: 'Ada Lovelace',
      SW_Id__c: 'p1',
      Email__c: 'Ada@Example.com',
      First_Name__c: 'Ada',
      Last_Name__c: 'Lovelace',
      Lifecycle__c: 'Active',
      Merged_Into_Id__c: null,
      Favorite__c: true,
      Owner_Email__c: 'owner@example.com',
      Lead_Score__c: 42.5,
      Temperature__c: 'HOT',
      Last_Visit__c: '2024-01-30T07:00:00.000Z',
      Tags__c: 'Demo;Pricing',
      SW_Updated_At__c: '2024-01-31T10:00:00.000Z',
    });
  });

  it('sets an empty email to null', () => {
    expect(prospectRecord(prospect({ email: '  ' }), tagsById, NOW).Email__c).toBeNull();
  });

  it('sets Tags__c to null when none of the tags has a definition', () => {
    expect(prospectRecord(prospect({ tags: [{ tagId: 'unknown' }] }), tagsById, NOW).Tags__c).toBeNull();
  });

  it('marks an Active prospect Not Processed with both sides Pending and counters at 0', () => {
    expect(prospectRecord(prospect(), tagsById, NOW)).toMatchObject({
      Sync_Status__c: 'Not Processed',
      Lead_Sync_Status__c: 'Pending',
      Contact_Sync_Status__c: 'Pending',
      Lead_Sync_Attempts__c: 0,
      Contact_Sync_Attempts__c: 0,
      Lead_Sync_Error__c: null,
      Contact_Sync_Error__c: null,
      Last_Synced_At__c: '2024-02-01T09:00:00.000Z',
    });
  });

  it('marks a Merged or Deleted prospect Processed with no side status', () => {
    for (const lifecycle of ['Merged', 'Deleted'] as const) {
      expect(prospectRecord(prospect({ lifecycle, mergedIntoId: 'p9' }), tagsById, NOW)).toMatchObject({
        Sync_Status__c: 'Processed',
        Lead_Sync_Status__c: null,
        Contact_Sync_Status__c: null,
        Lead_Sync_Attempts__c: 0,
        Contact_Sync_Attempts__c: 0,
        Lifecycle__c: lifecycle,
      });
    }
  });
});

describe('planProspectIngest', () => {
  it('writes a prospect that is not stored yet', () => {
    const plan = planProspectIngest({ incoming: [prospect()], existing: new Map(), mode: 'Incremental', now: NOW, tagsById });
    expect(plan.upsert).toHaveLength(1);
    expect(plan.upsert[0]).toMatchObject({ swId: 'p1', id: null, fields: { Lead_Sync_Attempts__c: 0 } });
  });

  it('skips an incremental re-read whose updatedAt and data equal the stored copy', () => {
    const p = prospect();
    const plan = planProspectIngest({ incoming: [p], existing: new Map([['p1', stored(p)]]), mode: 'Incremental', now: NOW, tagsById });
    expect(plan.upsert).toEqual([]);
    expect(plan.unchanged).toEqual(['p1']);
  });

  it('rewrites every prospect in a full run, resetting the counters', () => {
    const p = prospect();
    const plan = planProspectIngest({ incoming: [p], existing: new Map([['p1', stored(p)]]), mode: 'Full', now: NOW, tagsById });
    expect(plan.unchanged).toEqual([]);
    expect(plan.upsert[0]).toMatchObject({ id: 'a0P1', fields: { Lead_Sync_Attempts__c: 0, Contact_Sync_Attempts__c: 0 } });
  });

  it('writes a prospect whose updatedAt moved on', () => {
    const p = prospect();
    const newer = prospect({ updatedAt: '2024-01-31T11:00:00Z' });
    const plan = planProspectIngest({ incoming: [newer], existing: new Map([['p1', stored(p)]]), mode: 'Incremental', now: NOW, tagsById });
    expect(plan.upsert.map((u) => u.swId)).toEqual(['p1']);
  });

  it('writes a prospect with the same updatedAt whose data differs', () => {
    const p = prospect();
    const plan = planProspectIngest({
      incoming: [prospect({ leadScore: 50 })],
      existing: new Map([['p1', stored(p)]]),
      mode: 'Incremental',
      now: NOW,
      tagsById,
    });
    expect(plan.upsert[0].fields.Lead_Score__c).toBe(50);
  });

  it('does not let an older incoming copy overwrite a newer stored one in an incremental run', () => {
    const p = prospect({ updatedAt: '2024-01-31T12:00:00Z' });
    const older = prospect({ updatedAt: '2024-01-31T10:00:00Z', leadScore: 1 });
    const plan = planProspectIngest({ incoming: [older], existing: new Map([['p1', stored(p)]]), mode: 'Incremental', now: NOW, tagsById });
    expect(plan.upsert).toEqual([]);
    expect(plan.stale).toEqual(['p1']);
  });

  it('uses the last copy of a prospect read twice and reports the duplicate', () => {
    const plan = planProspectIngest({
      incoming: [prospect({ leadScore: 1 }), prospect({ leadScore: 2 })],
      existing: new Map(),
      mode: 'Full',
      now: NOW,
      tagsById,
    });
    expect(plan.upsert).toHaveLength(1);
    expect(plan.upsert[0].fields.Lead_Score__c).toBe(2);
    expect(plan.duplicates).toEqual(['p1']);
  });
});

describe('desired prospect children', () => {
  it('builds one tag row per known tag, keyed prospect:tag', () => {
    expect(desiredProspectTags(prospect(), tagsById)).toEqual([
      { key: 'p1:t2', fields: { Name: 'Demo' }, refs: { prospectSwId: 'p1', tagSwId: 't2' } },
      { key: 'p1:t1', fields: { Name: 'Pricing' }, refs: { prospectSwId: 'p1', tagSwId: 't1' } },
    ]);
  });

  it('builds one score row per known score with the value at two decimals', () => {
    expect(desiredProspectScores(prospect(), scoresById)).toEqual([
      { key: 'p1:s1', fields: { Name: 'Product fit', Value__c: 7.46 }, refs: { prospectSwId: 'p1', scoreSwId: 's1' } },
    ]);
  });

  const activity = (overrides: Partial<Activity> = {}): Activity => ({
    id: 'act1',
    prospectId: 'p1',
    kind: 'page-visit',
    url: 'https://example.com/pricing',
    title: 'Pricing',
    visitCount: 3,
    firstVisitAt: '2024-01-01T10:00:00Z',
    lastVisitAt: '2024-01-05T10:00:00.500+01:00',
    ...overrides,
  });

  it('maps an activity to Page_Prospect__c values', () => {
    expect(desiredProspectPages([activity()])).toEqual([
      {
        key: 'act1',
        fields: {
          Name: 'Pricing',
          SW_Id__c: 'act1',
          Kind__c: 'page-visit',
          Url__c: 'https://example.com/pricing',
          Title__c: 'Pricing',
          Visit_Count__c: 3,
          First_Visit_At__c: '2024-01-01T10:00:00.000Z',
          Last_Visit_At__c: '2024-01-05T09:00:00.000Z',
        },
        refs: { prospectSwId: 'p1' },
      },
    ]);
  });

  it('names a page by its URL when it has no title, truncated to 80', () => {
    const url = `https://example.com/${'x'.repeat(300)}`;
    const [row] = desiredProspectPages([activity({ title: null, url })]);
    expect(row.fields.Name).toBe(url.slice(0, 80));
    expect(row.fields.Url__c).toBe(url.slice(0, 255));
    expect(row.fields.Title__c).toBeNull();
  });

  it('keeps only the most recent activities per prospect when capped', () => {
    const rows = desiredProspectPages(
      [
        activity({ id: 'old', lastVisitAt: '2024-01-01T00:00:00Z' }),
        activity({ id: 'new', lastVisitAt: '2024-03-01T00:00:00Z' }),
        activity({ id: 'mid', lastVisitAt: '2024-02-01T00:00:00Z' }),
        activity({ id: 'other', prospectId: 'p2' }),
      ],
      { maxPerProspect: 2 },
    );
    expect(rows.map((r) => r.key)).toEqual(['new', 'mid', 'other']);
  });
});
