import { medianTemperature, type ScoreFunction } from '../../../src/sync/aggregation';
import { aggregateScore, contactInput, planAccountRollups, SCORE_NAMES, TAG_NAMES } from '../../helpers/contact-rollups';
import { medianFromCounts, rollupFromAggregates, scoreFromTotals, type AccountAggregates, type ScoreTotals } from '../../../src/sync/rollup-aggregates';

const totalsOf = (values: (number | null)[]): ScoreTotals => {
  const present = values.filter((v): v is number => v !== null);
  return {
    max: present.length > 0 ? present.reduce((a, b) => (b > a ? b : a)) : null,
    sum: present.length > 0 ? present.reduce((a, b) => a + b, 0) : null,
    count: present.length,
  };
};

describe('scoreFromTotals', () => {
  it.each(['MAX', 'SUM', 'AVG'] as ScoreFunction[])('gives what aggregateScore gives over the same values (%s)', (fn) => {
    for (const values of [[3, null, 10.5, 7], [0.1, 0.2], [1, 2, 2], [-4, 4], [5]]) {
      expect(scoreFromTotals(totalsOf(values), fn)).toBe(aggregateScore(values, fn));
    }
  });

  it('is null without values', () => {
    expect(scoreFromTotals({ max: null, sum: null, count: 0 }, 'MAX')).toBeNull();
    expect(scoreFromTotals(undefined, 'AVG')).toBeNull();
    expect(scoreFromTotals(null, 'SUM')).toBeNull();
  });
});

describe('medianFromCounts', () => {
  it('gives the median of the values counted', () => {
    expect(medianFromCounts([{ value: 'COLD', count: 2 }, { value: 'HOT', count: 1 }])).toBe('COLD');
    expect(medianFromCounts([{ value: 'COLD', count: 1 }, { value: 'WARM', count: 1 }])).toBe('WARM');
    expect(medianFromCounts([{ value: 'hot', count: 3 }, { value: null, count: 10 }])).toBe('HOT');
  });

  it('matches medianTemperature over every small combination of counts', () => {
    const values = ['FROZEN', 'COLD', 'NORMAL', 'WARM', 'HOT'];
    for (let code = 0; code < 3 ** values.length; code += 1) {
      const counts = values.map((value, i) => ({ value, count: Math.floor(code / 3 ** i) % 3 }));
      const expanded = counts.flatMap((c) => Array.from({ length: c.count }, () => c.value));
      expect(medianFromCounts(counts)).toBe(medianTemperature(expanded));
    }
  });

  it('is null when nothing was counted', () => {
    expect(medianFromCounts([])).toBeNull();
  });
});

describe('rollupFromAggregates', () => {
  const tagNames = TAG_NAMES;
  const scoreNames = SCORE_NAMES;
  const contact = contactInput;
  const contacts = [
    contact({ tagIds: ['t1', 't2'], scores: { s1: 5 }, leadScore: 10, temperature: 'HOT', lastVisitAt: '2024-01-01T10:00:00Z' }),
    contact({ tagIds: ['t1', 'unknown'], scores: { s1: 9, s2: 100 }, leadScore: 30, temperature: 'COLD', lastVisitAt: '2024-01-02T01:00:00+02:00' }),
    contact({}),
  ];

  /** What aggregate SOQL would return for `contacts`. */
  const aggregates: AccountAggregates = {
    accountId: '001A',
    tagCounts: new Map([
      ['t1', 2],
      ['t2', 1],
      ['unknown', 1],
    ]),
    scoreTotals: new Map([
      ['s1', totalsOf([5, 9])],
      ['s2', totalsOf([100])],
    ]),
    leadScore: totalsOf([10, 30, null]),
    lastVisitAt: '2024-01-01T23:00:00.000+0000',
    temperatures: [
      { value: 'HOT', count: 1 },
      { value: 'COLD', count: 1 },
    ],
    contactCount: 3,
  };

  it.each(['MAX', 'SUM', 'AVG'] as ScoreFunction[])('builds the roll-up planAccountRollups builds from the contacts (%s)', (scoreFunction) => {
    const options = { scoreFunction, tagNames, scoreNames };
    const [fromContacts] = planAccountRollups(contacts, options);
    expect(rollupFromAggregates(aggregates, options)).toEqual(fromContacts);
  });

  it('leaves the mapping sources of figures it was not given undefined, so their mappings are skipped', () => {
    const rollup = rollupFromAggregates({ accountId: '001A', temperatures: [{ value: 'WARM', count: 2 }] }, { scoreFunction: 'MAX', tagNames, scoreNames });
    expect(rollup.source).toEqual({ scores: {}, temperature: 'WARM' });
    expect(rollup).toEqual(expect.objectContaining({ tags: [], scores: [], leadScore: null, contactCount: 0 }));
  });

  it('gives an account without contacts empty values for the figures it was given', () => {
    const rollup = rollupFromAggregates({ accountId: '001A', tagCounts: new Map(), leadScore: null, lastVisitAt: null }, { scoreFunction: 'MAX', tagNames, scoreNames });
    expect(rollup.source).toEqual({ scores: {}, tags: null, leadScore: null, lastVisitAt: null });
  });
});
