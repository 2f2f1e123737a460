import { type AccountRollup } from '../../../src/sync/aggregation';
import { DEFAULT_FIELD_MAPPINGS, type FieldMapping } from '../../../src/sync/field-mapping';
import { rollupFromAggregates } from '../../../src/sync/rollup-aggregates';
import {
  accountCopySources,
  contactFieldFor,
  ownedMappings,
  planAccountScoreRows,
  planAccountTagRows,
  planFieldUpdates,
  planOpportunityCopyRows,
} from '../../../src/sync/rollup-plan';

const tagDefs = new Map([
  ['t1', { id: 'a0T1', name: 'Pricing' }],
  ['t2', { id: 'a0T2', name: 'Demo' }],
]);
const scoreDefs = new Map([['s1', { id: 'a0S1', name: 'Fit' }]]);
const options = { scoreFunction: 'MAX' as const, tagNames: tagDefs, scoreNames: scoreDefs };

const rollup = (accountId: string, tags: Record<string, number>, scores: Record<string, number> = {}): AccountRollup =>
  rollupFromAggregates(
    {
      accountId,
      tagCounts: new Map(Object.entries(tags)),
      scoreTotals: new Map(Object.entries(scores).map(([id, v]) => [id, { max: v, sum: v, count: 1 }])),
    },
    options,
  );

describe('ownedMappings', () => {
  const account: FieldMapping[] = [...DEFAULT_FIELD_MAPPINGS.Account, { source: 'score:s1', target: 'Fit__c' }];

  it('gives AggregateTags the tags, last visit and lead score of the Account', () => {
    expect(ownedMappings('Account', 'tags', account).map((m) => m.source)).toEqual(['leadScore', 'lastVisitAt', 'tags']);
  });

  it('gives AggregateScores the score mappings and AggregateTemperature the temperature', () => {
    expect(ownedMappings('Account', 'scores', account).map((m) => m.target)).toEqual(['Fit__c']);
    expect(ownedMappings('Account', 'temperature', account).map((m) => m.target)).toEqual(['Temperature__c']);
  });

  it('gives CreateOpportunityTags every non-score Opportunity mapping and CreateOpportunityScores the score ones', () => {
    const opportunity: FieldMapping[] = [...DEFAULT_FIELD_MAPPINGS.Opportunity, { source: 'temperature', target: 'Heat__c' }, { source: 'score:s1', target: 'Fit__c' }];
    expect(ownedMappings('Opportunity', 'tags', opportunity).map((m) => m.target)).toEqual(['Lead_Score__c', 'Tags__c', 'Heat__c']);
    expect(ownedMappings('Opportunity', 'scores', opportunity).map((m) => m.target)).toEqual(['Fit__c']);
  });
});

describe('contactFieldFor', () => {
  it("reads the Contact mapping's target, else the default field", () => {
    expect(contactFieldFor([{ source: 'leadScore', target: 'My_Score__c' }], 'leadScore', 'Lead_Score__c')).toBe('My_Score__c');
    expect(contactFieldFor([], 'temperature', 'Temperature__c')).toBe('Temperature__c');
  });
});

describe('planFieldUpdates', () => {
  const mappings: FieldMapping[] = [
    { source: 'tags', target: 'Tags__c' },
    { source: 'leadScore', target: 'Lead_Score__c' },
  ];

  it('writes only the fields that differ, and nothing for records already right', () => {
    const updates = planFieldUpdates(
      [
        { id: '001A', fields: { Tags__c: 'Demo', Lead_Score__c: 10 } },
        { id: '001B', fields: { Tags__c: 'Demo', Lead_Score__c: 10 } },
        { id: '001C', fields: { Tags__c: 'Old', Lead_Score__c: 3 } },
      ],
      (r) => ({ scores: {}, tags: 'Demo', leadScore: r.id === '001B' ? 12 : r.id === '001C' ? null : 10 }),
      mappings,
    );
    expect(updates).toEqual([
      { id: '001B', fields: { Lead_Score__c: 12 } },
      { id: '001C', fields: { Tags__c: 'Demo', Lead_Score__c: null } },
    ]);
  });

  it('leaves records without a source alone', () => {
    expect(planFieldUpdates([{ id: '006X', fields: { Tags__c: 'Old' } }], () => undefined, mappings)).toEqual([]);
  });
});

describe('planAccountTagRows / planAccountScoreRows', () => {
  it('creates rows with both masters, updates changed counts and deletes rows no account claims', () => {
    const plan = planAccountTagRows(
      [rollup('001A', { t1: 2, t2: 1 })],
      tagDefs,
      [
        { id: 'x1', key: '001A:t1', fields: { Name: 'Pricing', Contact_Count__c: 1 } },
        { id: 'x2', key: '001A:t9', fields: { Name: 'Gone', Contact_Count__c: 4 } },
      ],
    );
    expect(plan.create).toEqual([
      {
        key: '001A:t2',
        fields: { Name: 'Demo', Contact_Count__c: 1, Account__c: '001A', Tag__c: 'a0T2' },
        createOnly: ['Account__c', 'Tag__c'],
      },
    ]);
    expect(plan.update).toEqual([{ id: 'x1', key: '001A:t1', fields: { Contact_Count__c: 2 } }]);
    expect(plan.delete).toEqual([{ id: 'x2', key: '001A:t9' }]);
  });

  it('leaves unchanged score rows alone', () => {
    const plan = planAccountScoreRows([rollup('001A', {}, { s1: 9 })], scoreDefs, [{ id: 'y1', key: '001A:s1', fields: { Name: 'Fit', Value__c: 9 } }]);
    expect(plan).toEqual(expect.objectContaining({ create: [], update: [], delete: [], unchanged: 1 }));
  });
});

describe('accountCopySources / planOpportunityCopyRows', () => {
  const rollups = accountCopySources(
    ['001A', '001B'],
    { tags: [{ accountId: '001A', tagSwId: 't1', contactCount: 2 }], scores: [{ accountId: '001A', scoreSwId: 's1', value: 9.5 }] },
    new Map([['001A', { leadScore: { max: 60, sum: 100, count: 2 } }]]),
    options,
  );

  it("takes each account's stored rows and contact figures as the opportunity source", () => {
    expect(rollups.get('001A')?.source).toEqual({ scores: { s1: 9.5 }, tags: 'Pricing', leadScore: 60 });
    expect(rollups.get('001B')?.source).toEqual({ scores: {}, tags: null });
  });

  it("copies the account's tags to its opportunities and deletes the copies of an account without tags", () => {
    const plan = planOpportunityCopyRows(
      'tags',
      rollups,
      [
        { id: '006X', accountId: '001A', fields: {} },
        { id: '006Y', accountId: '001B', fields: {} },
      ],
      tagDefs,
      [{ id: 'z1', key: '006Y:t1', fields: { Name: 'Pricing' } }],
    );
    expect(plan.create).toEqual([{ key: '006X:t1', fields: { Name: 'Pricing', Opportunity__c: '006X', Tag__c: 'a0T1' }, createOnly: ['Opportunity__c', 'Tag__c'] }]);
    expect(plan.delete).toEqual([{ id: 'z1', key: '006Y:t1' }]);
  });

  it('copies score values and updates a copy whose value changed', () => {
    const plan = planOpportunityCopyRows('scores', rollups, [{ id: '006X', accountId: '001A', fields: {} }], scoreDefs, [
      { id: 'w1', key: '006X:s1', fields: { Name: 'Fit', Value__c: 3 } },
    ]);
    expect(plan).toEqual(expect.objectContaining({ create: [], delete: [], update: [{ id: 'w1', key: '006X:s1', fields: { Value__c: 9.5 } }] }));
  });

  it('drops rows whose definition Salesforce no longer holds', () => {
    const plan = planAccountTagRows([rollup('001A', { t1: 1 })], new Map(), []);
    expect(plan.create).toEqual([]);
  });
});
