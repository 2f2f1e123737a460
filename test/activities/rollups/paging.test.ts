import { MockActivityEnvironment } from '@temporalio/testing';
import { createRollupActivities } from '../../../src/activities/rollups';
import { type StepInput } from '../../../src/activities/types';
import { type StepResult } from '../../../src/workflows/report';
import { options, testRun, useTestStack } from '../../helpers/stack';
import { accountTags, seedAccount, seedContact, seedDefinitions, type Definitions } from './fixtures';

// Own stack and few Accounts: keyset paging over more than 36 Accounts runs into the emulator's
// case-insensitive ORDER BY Id (see the report of this step); one page is unaffected.
describe('roll-up paging', () => {
  const stack = useTestStack();
  let defs: Definitions;
  let accounts: string[];
  beforeEach(() => {
    stack.sf.admin.reset();
    defs = seedDefinitions(stack.sf);
    accounts = Array.from({ length: 5 }, (_, i) => seedAccount(stack.sf, `Account ${i}`)).sort();
    for (const account of accounts) seedContact(stack.sf, defs, account, { tags: ['demo'] });
  });

  const input = (): StepInput => ({
    run: testRun(),
    step: 'AggregateTags',
    options: options({ studio: { accountAggregation: true }, steps: { AggregateTags: { enabled: true, batchSize: 2 } } }),
  });

  it('walks the accounts in pages of the step batch size and heartbeats its position after each page', async () => {
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 60_000 });
    const heartbeats: { afterId?: string; pages: number }[] = [];
    env.on('heartbeat', (details: { afterId?: string; pages: number }) => heartbeats.push(details));

    const result: StepResult = await env.run(createRollupActivities(stack.deps()).aggregateTags, input());

    for (const account of accounts) expect(Object.keys(accountTags(stack.sf, account))).toEqual([`${account}:demo`]);
    expect(heartbeats.map((h) => [h.afterId, h.pages])).toEqual([
      [accounts[1], 1],
      [accounts[3], 2],
      [accounts[4], 3],
    ]);
    expect(result).toEqual(expect.objectContaining({ examined: 5, created: 5, updated: 5 }));
    expect(result.details).toEqual(expect.objectContaining({ pages: 3 }));
  });

  it('resumes after the last account a previous attempt heartbeated', async () => {
    const previous = { examined: 2, created: 2, updated: 2, deleted: 0, failed: 0, errors: [] };
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 60_000, heartbeatDetails: { afterId: accounts[1], pages: 1, tally: previous, deletions: {} } });

    const result: StepResult = await env.run(createRollupActivities(stack.deps()).aggregateTags, input());

    expect(accounts.map((a) => Object.keys(accountTags(stack.sf, a)).length)).toEqual([0, 0, 1, 1, 1]);
    expect(result).toEqual(expect.objectContaining({ examined: 5, created: 5, updated: 5 }));
    expect(result.details).toEqual(expect.objectContaining({ pages: 3 }));
  });
});
