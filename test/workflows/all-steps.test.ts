/**
 * Every step of the seed in one run, with every option on, then an unchanged second run: the
 * steps work together and an unchanged org is left alone.
 */
import { STEP_CATALOGUE } from '../../src/config/steps';
import { seedBoth, useTestStack } from '../helpers/stack';
import { WRITE_KINDS, orgData } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();
const stack = useTestStack();

const everything = {
  studio: { accountAggregation: true, pageVisitSync: true, opportunityTags: true, opportunityScores: true },
  steps: Object.fromEntries(STEP_CATALOGUE.filter((s) => s.deprecated).map((s) => [s.name, { enabled: true }])),
};

test('a full sync with every step and option on completes, and a second run writes nothing but its job record', async () => {
  seedBoth(stack, { seed: 5, prospects: 80, tags: 6, scores: 3, activitiesPerProspect: 2 }, { leadShare: 0.5, contactShare: 0.5, accounts: 12 });

  await withSyncWorker(env, stack, everything, async (harness) => {
    const first = await harness.run({ full: true, force: true });
    const failed = first.steps.filter((s) => s.status === 'Failed' || s.failed > 0);
    expect(failed).toEqual([]);
    expect(first.steps.map((s) => s.step)).toEqual(STEP_CATALOGUE.map((s) => s.name));
    expect(first.steps.filter((s) => s.status === 'Skipped').map((s) => s.step)).toEqual([]);
    expect(stack.sf.admin.query('SELECT Id FROM SW_Account_Tag_Segment_Trigger__c').length).toBeGreaterThan(0);
    expect(stack.sf.admin.query('SELECT Id FROM SW_Opportunity_Tag__c').length).toBeGreaterThan(0);
    expect(stack.sf.admin.query('SELECT Id FROM Page_Prospect__c').length).toBeGreaterThan(0);
    expect(stack.sf.admin.query('SELECT Id FROM Website_Visit__c').length).toBeGreaterThan(0);
    expect(stack.sw.receivedRecords().length).toBeGreaterThan(0);

    stack.sf.admin.resetCounters();
    const before = orgData(stack);
    const second = await harness.run();
    expect(orgData(stack)).toBe(before);
    expect(second.status).toBe('Completed');
    expect(second.steps.reduce((n, s) => n + s.created + s.updated + s.deleted, 0)).toBe(0);
    const writes = Object.entries(stack.sf.admin.counters().byKind).filter(([kind]) => WRITE_KINDS.some((w) => kind.startsWith(w)));
    expect(writes).toEqual([['collections-upsert', 1]]);
  });
}, 180_000);
