/**
 * An unchanged org costs almost nothing: an incremental run with no change in SalesWings or
 * Salesforce makes fewer than 10 API calls — and a change a person makes in the org is still
 * acted on by the next run.
 */
import { seedBoth, useTestStack } from '../helpers/stack';
import { orgData } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const env = useTemporalEnvironment();
const stack = useTestStack();

test('an incremental run with no changes makes fewer than 10 Salesforce API calls; a person deleting a prospect is still noticed', async () => {
  const { dataset } = seedBoth(stack, { seed: 17, prospects: 300, tags: 8, scores: 3, activitiesPerProspect: 0 }, { leadShare: 0.5, contactShare: 0.5 });
  await withSyncWorker(env, stack, {}, async (h) => {
    await h.run();

    stack.sf.admin.resetCounters();
    const before = orgData(stack);
    const quiet = await h.run();
    expect(quiet.status).toBe('Completed');
    expect(orgData(stack)).toBe(before);
    expect(stack.sf.admin.counters().total).toBeLessThan(10);
    expect(quiet.steps.find((s) => s.step === 'CleanLeads')?.reason).toMatch(/^nothing changed since/);

    // A person deletes a prospect record in Salesforce: its leads must be cleaned next run.
    const linked = stack.sf.admin.query('SELECT Prospect_Id__c FROM Lead WHERE Prospect_Id__c != null LIMIT 1')[0].Prospect_Id__c as string;
    expect(dataset.prospects.some((p) => p.id === linked)).toBe(true);
    const disconnected = stack.sf.admin.query(`SELECT COUNT() FROM Lead WHERE Prospect_Id__c = '${linked}'`)[0].totalSize as number;
    expect(disconnected).toBeGreaterThan(0);
    stack.sf.admin.delete(stack.sf.admin.query(`SELECT Id FROM Prospect__c WHERE SW_Id__c = '${linked}'`)[0].Id as string);
    const next = await h.run();
    const clean = next.steps.find((s) => s.step === 'CleanLeads');
    expect(clean?.status).toBe('Completed');
    expect(clean?.reason).toBeUndefined();
    expect(clean?.updated).toBe(disconnected);
    expect(stack.sf.admin.query(`SELECT COUNT() FROM Lead WHERE Prospect_Id__c = '${linked}'`)[0].totalSize).toBe(0);
  });
}, 180_000);
