import { MockActivityEnvironment } from '@temporalio/testing';
import { createOrphanActivities } from '../../../src/activities/orphans';
import { type OrphanCheckpoint } from '../../../src/activities/orphans/delete-orphans';
import { type StepInput } from '../../../src/activities/types';
import { type StepResult } from '../../../src/workflows/report';
import { DeletionGuardError } from '../../../src/errors';
import { options, runActivity, testRun, useTestStack } from '../../helpers/stack';

describe('DeleteProspectScores', () => {
  const stack = useTestStack();
  let scoreId: string;
  beforeEach(() => {
    stack.sf.admin.reset();
    scoreId = stack.sf.admin.insert('Score__c', { Name: 'Score A', SW_Id__c: 'score-a' });
  });

  const input = (overrides: Parameters<typeof testRun>[0] = {}, opts: Parameters<typeof options>[0] = {}): StepInput => ({ run: testRun(overrides), step: 'DeleteProspectScores', options: options(opts) });
  const deleteProspectScores = (i: StepInput) => runActivity(createOrphanActivities(stack.deps()).deleteProspectScores, i);
  const ids = (object: string) => stack.sf.admin.records(object).map((r) => r.Id as string).sort();

  /** `orphans` prospect scores without a prospect and `kept` with one, keys in Id order. */
  function seedScores(orphans: number, kept: number): { orphanIds: string[]; keptIds: string[] } {
    const prospectId = stack.sf.admin.insert('Prospect__c', { Name: 'Kept', SW_Id__c: 'sw-kept', Lifecycle__c: 'Active' });
    const keptIds = kept > 0 ? stack.sf.admin.insert('Prospect_Score__c', Array.from({ length: kept }, (_, i) => ({ Name: 'Score A', Key__c: `kept:${i}`, Prospect__c: prospectId, Score__c: scoreId }))) : [];
    const orphanIds = orphans > 0 ? stack.sf.admin.insert('Prospect_Score__c', Array.from({ length: orphans }, (_, i) => ({ Name: 'Score A', Key__c: `orphan:${i}`, Score__c: scoreId }))) : [];
    return { orphanIds, keptIds };
  }

  it('deletes the scores of a physically deleted prospect, their lead/contact copies going with them', async () => {
    const gone = stack.sf.admin.insert('Prospect__c', { Name: 'Gone', SW_Id__c: 'sw-gone', Lifecycle__c: 'Active' });
    const kept = stack.sf.admin.insert('Prospect__c', { Name: 'Kept', SW_Id__c: 'sw-kept', Lifecycle__c: 'Active' });
    const [goneScore, keptScore] = stack.sf.admin.insert('Prospect_Score__c', [
      { Name: 'Score A', Key__c: 'sw-gone:score-a', Prospect__c: gone, Score__c: scoreId },
      { Name: 'Score A', Key__c: 'sw-kept:score-a', Prospect__c: kept, Score__c: scoreId },
    ]);
    const leadId = stack.sf.admin.insert('Lead', { LastName: 'L', Company: 'Acme' });
    const contactId = stack.sf.admin.insert('Contact', { LastName: 'C' });
    const [goneLeadCopy, goneContactCopy, keptCopy] = stack.sf.admin.insert('Prospect_Score_Instance__c', [
      { Name: 'Score A', Key__c: `${leadId}:gone`, Prospect_Score__c: goneScore, Lead__c: leadId },
      { Name: 'Score A', Key__c: `${contactId}:gone`, Prospect_Score__c: goneScore, Contact__c: contactId },
      { Name: 'Score A', Key__c: `${leadId}:kept`, Prospect_Score__c: keptScore, Lead__c: leadId },
    ]);
    stack.sf.admin.delete(gone);
    // The lookup leaves the score behind with an empty prospect.
    expect(stack.sf.admin.query(`SELECT Prospect__c FROM Prospect_Score__c WHERE Id = '${goneScore}'`)).toEqual([expect.objectContaining({ Prospect__c: null })]);

    const result = await deleteProspectScores(input());

    expect(ids('Prospect_Score__c')).toEqual([keptScore]);
    expect(ids('Prospect_Score_Instance__c')).toEqual([keptCopy]);
    expect(stack.sf.admin.records('Prospect_Score_Instance__c', { includeDeleted: true }).filter((r) => r.IsDeleted).map((r) => r.Id).sort()).toEqual([goneLeadCopy, goneContactCopy].sort());
    expect(result).toEqual(expect.objectContaining({ examined: 1, deleted: 1, failed: 0 }));
    expect(result.details).toEqual({ orphansFound: 1, tableSize: 2, prospectScoresDeleted: 1, scoreCopiesCascaded: 2 });
  });

  it('costs one query when there is nothing to delete', async () => {
    const { keptIds } = seedScores(0, 5);
    stack.sf.admin.resetCounters();

    const result = await deleteProspectScores(input());

    expect(ids('Prospect_Score__c')).toEqual([...keptIds].sort());
    expect(result).toEqual(expect.objectContaining({ examined: 0, deleted: 0, failed: 0 }));
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 1 });
  });

  it('refuses to delete 150 orphans out of 200 scores, deleting nothing, and deletes them when forced', async () => {
    const { orphanIds, keptIds } = seedScores(150, 50);
    stack.sf.admin.resetCounters();

    const refused = deleteProspectScores(input());
    await expect(refused).rejects.toBeInstanceOf(DeletionGuardError);
    await expect(refused).rejects.toThrow('refusing to delete 150 of 200 Prospect_Score__c records');
    expect(ids('Prospect_Score__c')).toHaveLength(200);
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 2 });

    stack.sf.admin.resetCounters();
    const forced = await deleteProspectScores(input({ force: true }));
    expect(ids('Prospect_Score__c')).toEqual([...keptIds].sort());
    expect(orphanIds.every((id) => !ids('Prospect_Score__c').includes(id))).toBe(true);
    expect(forced).toEqual(expect.objectContaining({ examined: 150, deleted: 150, failed: 0 }));
    // Orphan page + COUNT() + one collections delete.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 2, 'collections-delete': 1 });
  });

  it('dry run deletes nothing and reports what it would delete', async () => {
    seedScores(10, 90);

    const result = await deleteProspectScores(input({ dryRun: true }));

    expect(ids('Prospect_Score__c')).toHaveLength(100);
    expect(result).toEqual(expect.objectContaining({ examined: 10, deleted: 10 }));
    expect(result.details).toEqual(expect.objectContaining({ orphansFound: 10, tableSize: 100, prospectScoresDeleted: 10 }));
  });

  it('pages through a large orphan set in Id order and heartbeats its position after each page', async () => {
    const { orphanIds, keptIds } = seedScores(450, 1800);
    const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 60_000 });
    const beats: OrphanCheckpoint[] = [];
    env.on('heartbeat', (details: OrphanCheckpoint) => beats.push(details));
    stack.sf.admin.resetCounters();

    const result: StepResult = await env.run(createOrphanActivities(stack.deps()).deleteProspectScores, input({}, { salesforce: { queryBatchSize: 200 } }));

    expect(ids('Prospect_Score__c')).toEqual([...keptIds].sort());
    expect(result).toEqual(expect.objectContaining({ examined: 450, deleted: 450, failed: 0 }));
    const sorted = [...orphanIds].sort();
    expect(beats.map((b) => b.afterId)).toEqual([sorted[199], sorted[399], sorted[449]]);
    expect(beats.map((b) => b.tally.deleted)).toEqual([200, 400, 450]);
    // 3 orphan pages + 1 COUNT() + 1 delete call per page.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 4, 'collections-delete': 3 });
  });

  it('resumes after the heartbeated position without counting the table again', async () => {
    const { orphanIds } = seedScores(300, 0);
    const sorted = [...orphanIds].sort();
    const checkpoint: OrphanCheckpoint = { afterId: sorted[99], guarded: true, tally: { examined: 100, created: 0, updated: 0, deleted: 100, failed: 0, errors: [], details: { prospectScoresDeleted: 100 } } };
    const env = new MockActivityEnvironment({ heartbeatDetails: checkpoint, heartbeatTimeoutMs: 60_000 });
    stack.sf.admin.resetCounters();

    const result: StepResult = await env.run(createOrphanActivities(stack.deps()).deleteProspectScores, input());

    // The first 100 were deleted by the earlier attempt (here they stand in as still stored).
    expect(ids('Prospect_Score__c')).toEqual(sorted.slice(0, 100));
    expect(result).toEqual(expect.objectContaining({ examined: 300, deleted: 300 }));
    expect(result.details).toEqual({ prospectScoresDeleted: 300, scoreCopiesCascaded: 0 });
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 1, 'collections-delete': 1 });
  });
});
