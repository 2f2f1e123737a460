import { createRollupActivities, type RollupActivities } from '../../../src/activities/rollups';
import { type StepInput } from '../../../src/activities/types';
import { type StepName } from '../../../src/config/steps';
import { options, runActivity, testRun, useTestStack } from '../../helpers/stack';
import { SCORES, TAGS, seedDefinitions, type ScoreId, type TagId } from './fixtures';

const ACCOUNTS = 1000;
const CONTACTS_PER_ACCOUNT = 3;
const TEMPERATURES = ['FROZEN', 'COLD', 'NORMAL', 'WARM', 'HOT'];
const STEPS: [StepName, keyof RollupActivities][] = [
  ['AggregateTags', 'aggregateTags'],
  ['AggregateScores', 'aggregateScores'],
  ['AggregateTemperature', 'aggregateTemperature'],
  ['CreateOpportunityTags', 'createOpportunityTags'],
  ['CreateOpportunityScores', 'createOpportunityScores'],
];

// 1,000 Accounts with 3,000 matched Contacts (every contact two of three tags, one or two scores,
// a lead score, a temperature, a visit) and one open Opportunity each: one page of Accounts
// (batchSize 2,000), so the emulator's Id ordering (see paging.test.ts) does not come into play.
describe('roll-up API calls', () => {
  const stack = useTestStack();
  beforeAll(async () => {
    const { sf } = stack;
    const defs = seedDefinitions(sf);
    const prospect = sf.admin.insert('Prospect__c', { Name: 'shared', SW_Id__c: 'shared', Lifecycle__c: 'Active' });
    const prospectTags = Object.fromEntries(
      Object.entries(TAGS).map(([swId, name]) => [swId, sf.admin.insert('SW_Prospect_Tag__c', { Name: name, Key__c: `shared:${swId}`, Prospect__c: prospect, Tag__c: defs.tags[swId as TagId] })]),
    );
    const prospectScores = Object.fromEntries(
      Object.entries(SCORES).map(([swId, name]) => [
        swId,
        sf.admin.insert('Prospect_Score__c', { Name: name, Key__c: `shared:${swId}`, Prospect__c: prospect, Score__c: defs.scores[swId as ScoreId], Value__c: 1 }),
      ]),
    );
    const accounts = sf.admin.insert('Account', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `Account ${i}` })));
    sf.admin.insert('Opportunity', accounts.map((AccountId, i) => ({ Name: `Deal ${i}`, StageName: 'Prospecting', CloseDate: '2030-01-31', AccountId })));
    const contactRows = accounts.flatMap((AccountId, a) =>
      Array.from({ length: CONTACTS_PER_ACCOUNT }, (_, c) => ({
        LastName: `Contact ${a}-${c}`,
        AccountId,
        Lead_Score__c: (a * 7 + c * 13) % 100,
        Temperature__c: TEMPERATURES[(a + c) % TEMPERATURES.length],
        Last_Visit__c: `2024-0${1 + ((a + c) % 9)}-15T10:00:00.000+0000`,
      })),
    );
    const contacts = sf.admin.insert('Contact', contactRows);
    const tagIds = Object.keys(TAGS) as TagId[];
    sf.admin.insert(
      'SW_Tag_Segment_Trigger__c',
      contacts.flatMap((Contact__c, i) =>
        [tagIds[i % 3], tagIds[(i + 1) % 3]].map((tag) => ({ Name: TAGS[tag], Key__c: `${Contact__c}:${tag}`, Prospect_Tag__c: prospectTags[tag], Contact__c })),
      ),
    );
    sf.admin.insert(
      'Prospect_Score_Instance__c',
      contacts.flatMap((Contact__c, i) =>
        (i % 2 === 0 ? (['fit', 'intent'] as ScoreId[]) : (['fit'] as ScoreId[])).map((score) => ({
          Name: SCORES[score],
          Key__c: `${Contact__c}:${score}`,
          Prospect_Score__c: prospectScores[score],
          Contact__c,
          Value__c: i % 50,
        })),
      ),
    );
  }, 120_000);

  const input = (step: StepName): StepInput => ({
    run: testRun(),
    step,
    options: options({
      studio: { accountAggregation: true, opportunityTags: true, opportunityScores: true },
      steps: Object.fromEntries(STEPS.map(([name]) => [name, { enabled: true, batchSize: 2000 }])),
    }),
  });

  /** Runs every step once; returns each step's calls by kind and its figures. */
  const runAll = async () => {
    const out: Record<string, { calls: Record<string, number>; created: number; updated: number; examined: number }> = {};
    const activities = createRollupActivities(stack.deps());
    for (const [step, name] of STEPS) {
      stack.sf.admin.resetCounters();
      const result = await runActivity(activities[name], input(step));
      out[step] = { calls: stack.sf.admin.counters().byKind, created: result.created, updated: result.updated, examined: result.examined };
    }
    return out;
  };

  it('rolls 1,000 accounts up with a handful of calls per step, and only queries on the second run', async () => {
    const first = await runAll();
    const second = await runAll();

    expect(stack.sf.admin.query('SELECT COUNT() FROM SW_Account_Tag_Segment_Trigger__c')).toEqual([{ totalSize: 3000 }]);
    expect(stack.sf.admin.query('SELECT COUNT() FROM Account_Score__c')).toEqual([{ totalSize: 2000 }]);
    expect(stack.sf.admin.query('SELECT COUNT() FROM SW_Opportunity_Tag__c')).toEqual([{ totalSize: 3000 }]);
    expect(stack.sf.admin.query('SELECT COUNT() FROM SW_Opportunity_Score__c')).toEqual([{ totalSize: 2000 }]);
    // A write of more than 2,000 rows goes through Bulk API 2.0 (the gateway's threshold).
    const bulk = { 'bulk-ingest-create': 1, 'bulk-ingest-upload': 1, 'bulk-ingest-close': 1, 'bulk-ingest-poll': expect.any(Number), 'bulk-ingest-results': expect.any(Number) };
    expect(first).toEqual({
      // Definitions, Accounts, tag counts (3,000 groups: over one aggregate answer, so asked again
      // in two halves), contact figures, stored account tags.
      AggregateTags: { calls: { query: 7, composite: 1, ...bulk }, created: 3000, updated: 1000, examined: 1000 },
      // 2,000 (account, score) groups fill one answer exactly, which also counts as cut.
      AggregateScores: { calls: { query: 6, composite: 2 }, created: 2000, updated: 0, examined: 1000 },
      // Accounts, temperature counts (3,000 groups, halved).
      AggregateTemperature: { calls: { query: 4, composite: 1 }, created: 0, updated: 1000, examined: 1000 },
      // Definitions, Accounts with opportunities, Opportunities, account tags (2 pages), copies, contact figures.
      CreateOpportunityTags: { calls: { query: 6, queryMore: 1, composite: 1, ...bulk }, created: 3000, updated: 1000, examined: 1000 },
      CreateOpportunityScores: { calls: { query: 5, composite: 2 }, created: 2000, updated: 0, examined: 1000 },
    });
    expect(second).toEqual({
      AggregateTags: { calls: { query: 7, queryMore: 1 }, created: 0, updated: 0, examined: 1000 },
      AggregateScores: { calls: { query: 6 }, created: 0, updated: 0, examined: 1000 },
      AggregateTemperature: { calls: { query: 4 }, created: 0, updated: 0, examined: 1000 },
      CreateOpportunityTags: { calls: { query: 6, queryMore: 2 }, created: 0, updated: 0, examined: 1000 },
      CreateOpportunityScores: { calls: { query: 5 }, created: 0, updated: 0, examined: 1000 },
    });
  }, 120_000);
});
