import { accountScores, fieldsOf, seedAccount, seedContact, writeCalls } from './fixtures';
import { rollupActivity, rollupInput, useRollupStack } from './step-fixtures';

describe('AggregateScores', () => {
  const { stack, defs } = useRollupStack();
  const aggregateScores = rollupActivity(stack, 'aggregateScores');
  const input = rollupInput('AggregateScores', { studio: { accountAggregation: true } });

  /** Acme: fit 10 / 25 / 40.5 and intent 7 (one contact without scores); Globex: fit 3. */
  const seedScores = () => {
    const acme = seedAccount(stack.sf, 'Acme');
    const globex = seedAccount(stack.sf, 'Globex');
    seedContact(stack.sf, defs, acme, { scores: { fit: 10, intent: 7 } });
    seedContact(stack.sf, defs, acme, { scores: { fit: 25 } });
    seedContact(stack.sf, defs, acme, { scores: { fit: 40.5, intent: null } });
    seedContact(stack.sf, defs, acme, {});
    seedContact(stack.sf, defs, globex, { scores: { fit: 3 } });
    return { acme, globex };
  };

  it.each([
    ['MAX', { fit: 40.5, intent: 7 }],
    ['SUM', { fit: 75.5, intent: 7 }],
    ['AVG', { fit: 25.17, intent: 7 }],
  ] as const)('rolls each score up with %s over the contacts that have a value', async (fn, expected) => {
    const { acme, globex } = seedScores();

    const result = await aggregateScores(input({}, { studio: { scoreAggregation: fn } }));

    expect(accountScores(stack.sf, acme)).toEqual({ [`${acme}:fit`]: expected.fit, [`${acme}:intent`]: expected.intent });
    expect(accountScores(stack.sf, globex)).toEqual({ [`${globex}:fit`]: 3 });
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 3, updated: 0, deleted: 0, failed: 0 }));
  });

  it('points each account score at its score definition', async () => {
    const { acme } = seedScores();

    await aggregateScores(input());

    const rows = stack.sf.admin.query(`SELECT Key__c, Name, Score__c FROM Account_Score__c WHERE Account__c = '${acme}' ORDER BY Key__c`);
    expect(rows.map((r) => [r.Key__c, r.Name, r.Score__c])).toEqual([
      [`${acme}:fit`, 'Fit', defs.scores.fit],
      [`${acme}:intent`, 'Intent', defs.scores.intent],
    ]);
  });

  it('updates changed values and deletes the scores no contact has any more', async () => {
    const acme = seedAccount(stack.sf);
    const high = seedContact(stack.sf, defs, acme, { scores: { fit: 50, intent: 9 } });
    seedContact(stack.sf, defs, acme, { scores: { fit: 20 } });
    await aggregateScores(input());

    stack.sf.admin.delete([high.scoreCopies.fit as string, high.scoreCopies.intent as string]);
    const result = await aggregateScores(input());

    expect(accountScores(stack.sf, acme)).toEqual({ [`${acme}:fit`]: 20 });
    expect(result).toEqual(expect.objectContaining({ created: 0, updated: 1, deleted: 1, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ accountScoresUpdated: 1, accountScoresDeleted: 1 }));
  });

  it('writes score mappings to the account and clears them when the score is gone', async () => {
    const acme = seedAccount(stack.sf);
    const globex = seedAccount(stack.sf, 'Globex', { Lead_Score__c: 99 });
    seedContact(stack.sf, defs, acme, { scores: { intent: 12 } });
    const mapping = { fieldMappings: { Account: [{ source: 'score:intent', target: 'Lead_Score__c' }] } } as const;

    const result = await aggregateScores(input({}, mapping));

    expect(fieldsOf(stack.sf, 'Account', acme, ['Lead_Score__c'])).toEqual({ Lead_Score__c: 12 });
    expect(fieldsOf(stack.sf, 'Account', globex, ['Lead_Score__c'])).toEqual({ Lead_Score__c: null });
    expect(result.details).toEqual(expect.objectContaining({ accountsUpdated: 2 }));
  });

  it('writes nothing on a second run over unchanged data', async () => {
    seedScores();
    await aggregateScores(input({}, { studio: { scoreAggregation: 'AVG' } }));
    stack.sf.admin.resetCounters();

    const result = await aggregateScores(input({}, { studio: { scoreAggregation: 'AVG' } }));

    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 0, updated: 0, deleted: 0, failed: 0 }));
    expect(writeCalls(stack.sf)).toEqual({});
    // Definitions, Accounts, score totals, stored account scores.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 4 });
  });

  it('dry run writes nothing and reports what it would write', async () => {
    const { acme } = seedScores();
    stack.sf.admin.resetCounters();

    const result = await aggregateScores(input({ dryRun: true }));

    expect(accountScores(stack.sf, acme)).toEqual({});
    expect(writeCalls(stack.sf)).toEqual({});
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 3, updated: 0, deleted: 0 }));
  });
});
