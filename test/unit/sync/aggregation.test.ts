import { desiredAccountScores, desiredAccountTags, medianTemperature, planOpportunityCopies } from '../../../src/sync/aggregation';
import { aggregateScore, contactInput, planAccountRollups, SCORE_NAMES, TAG_NAMES } from '../../helpers/contact-rollups';

describe('medianTemperature', () => {
  it('takes the middle value of an odd count', () => {
    expect(medianTemperature(['HOT', 'FROZEN', 'NORMAL'])).toBe('NORMAL');
  });

  it('takes the hotter of the two middle values of an even count', () => {
    expect(medianTemperature(['COLD', 'WARM', 'FROZEN', 'HOT'])).toBe('WARM');
    expect(medianTemperature(['COLD', 'NORMAL'])).toBe('NORMAL');
  });

  it('returns the only value of a single contact', () => {
    expect(medianTemperature(['COLD'])).toBe('COLD');
  });

  it('ignores empty values', () => {
    expect(medianTemperature([null, 'FROZEN', '', undefined, 'HOT', 'HOT'])).toBe('HOT');
  });

  it('is null when every value is empty', () => {
    expect(medianTemperature([null, '', undefined])).toBeNull();
  });

  it('is null when there are no contacts', () => {
    expect(medianTemperature([])).toBeNull();
  });
});

describe('aggregateScore', () => {
  it('takes the maximum', () => {
    expect(aggregateScore([3, null, 10.5, 7], 'MAX')).toBe(10.5);
  });

  it('sums to two decimals', () => {
    expect(aggregateScore([0.1, 0.2, null], 'SUM')).toBe(0.3);
  });

  it('averages the present values to two decimals', () => {
    expect(aggregateScore([1, 2, 2, null], 'AVG')).toBe(1.67);
  });

  it('is null without values', () => {
    expect(aggregateScore([], 'MAX')).toBeNull();
    expect(aggregateScore([null, undefined], 'AVG')).toBeNull();
  });
});

const tagNames = TAG_NAMES;
const scoreNames = SCORE_NAMES;
const contact = contactInput;

describe('planAccountRollups', () => {
  const contacts = [
    contact({ tagIds: ['t1', 't2', 't1'], scores: { s1: 5 }, leadScore: 10, temperature: 'HOT', lastVisitAt: '2024-01-01T10:00:00Z' }),
    contact({ tagIds: ['t1', 'unknown'], scores: { s1: 9, s2: 100 }, leadScore: 30, temperature: 'COLD', lastVisitAt: '2024-01-02T01:00:00+02:00' }),
    contact({ accountId: '001B', tagIds: ['t2'], leadScore: 1 }),
    contact({ accountId: null, tagIds: ['t1'], leadScore: 99 }),
  ];
  const rollups = planAccountRollups(contacts, { scoreFunction: 'MAX', tagNames, scoreNames });

  it('produces one roll-up per account, ignoring contacts without one', () => {
    expect(rollups.map((r) => [r.accountId, r.contactCount])).toEqual([
      ['001A', 2],
      ['001B', 1],
    ]);
  });

  it('unions the tags and counts the contacts carrying each', () => {
    expect(rollups[0].tags).toEqual([
      { tagId: 't2', name: 'Demo', contactCount: 1 },
      { tagId: 't1', name: 'Pricing', contactCount: 2 },
    ]);
    expect(rollups[0].tagsText).toBe('Demo;Pricing');
  });

  it('aggregates known scores and the lead score with the configured function', () => {
    expect(rollups[0].scores).toEqual([{ scoreId: 's1', name: 'Fit', value: 9 }]);
    expect(rollups[0].leadScore).toBe(30);
  });

  it('takes the median temperature and the latest visit', () => {
    expect(rollups[0].temperature).toBe('HOT');
    expect(rollups[0].lastVisitAt).toBe('2024-01-01T23:00:00.000Z');
  });

  it('exposes the roll-up as field-mapping input', () => {
    expect(rollups[0].source).toEqual({
      leadScore: 30,
      temperature: 'HOT',
      lastVisitAt: '2024-01-01T23:00:00.000Z',
      tags: 'Demo;Pricing',
      scores: { s1: 9 },
    });
  });

  it('uses SUM when configured', () => {
    const [sum] = planAccountRollups(contacts.slice(0, 2), { scoreFunction: 'SUM', tagNames, scoreNames });
    expect(sum.leadScore).toBe(40);
    expect(sum.scores[0].value).toBe(14);
  });

  it('builds account tag and score rows keyed account:definition with the account sent on create only', () => {
    expect(desiredAccountTags([rollups[1]])).toEqual([
      {
        key: '001B:t2',
        fields: { Name: 'Demo', Contact_Count__c: 1, Account__c: '001B' },
        createOnly: ['Account__c'],
        refs: { accountId: '001B', tagSwId: 't2' },
      },
    ]);
    expect(desiredAccountScores([rollups[0]])).toEqual([
      {
        key: '001A:s1',
        fields: { Name: 'Fit', Value__c: 9, Account__c: '001A' },
        createOnly: ['Account__c'],
        refs: { accountId: '001A', scoreSwId: 's1' },
      },
    ]);
  });
});

describe('planOpportunityCopies', () => {
  const rollup = {
    accountId: '001A',
    tags: [{ tagId: 't1', name: 'Pricing', contactCount: 2 }],
    scores: [{ scoreId: 's1', name: 'Fit', value: 9 }],
  };

  it('copies the account tags and scores to each of its opportunities', () => {
    const copies = planOpportunityCopies([rollup], [
      { id: '006X', accountId: '001A' },
      { id: '006Y', accountId: '001A' },
    ]);
    expect(copies.tags.map((t) => t.key)).toEqual(['006X:t1', '006Y:t1']);
    expect(copies.scores).toEqual([
      { key: '006X:s1', fields: { Name: 'Fit', Value__c: 9, Opportunity__c: '006X' }, createOnly: ['Opportunity__c'], refs: { opportunityId: '006X', scoreSwId: 's1' } },
      { key: '006Y:s1', fields: { Name: 'Fit', Value__c: 9, Opportunity__c: '006Y' }, createOnly: ['Opportunity__c'], refs: { opportunityId: '006Y', scoreSwId: 's1' } },
    ]);
  });

  it('gives opportunities of accounts without a roll-up no copies', () => {
    const copies = planOpportunityCopies([rollup], [
      { id: '006Z', accountId: '001OTHER' },
      { id: '006N', accountId: null },
    ]);
    expect(copies).toEqual({ tags: [], scores: [] });
  });
});
