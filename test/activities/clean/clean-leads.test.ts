import { MockActivityEnvironment } from '@temporalio/testing';
import { createCleanActivities } from '../../../src/activities/clean';
import { type CleanCheckpoint } from '../../../src/activities/clean/clean-records';
import { DeletionGuardError } from '../../../src/errors';
import { type StepResult } from '../../../src/workflows/report';
import { options, runActivity, testRun, useTestStack, type TestStack } from '../../helpers/stack';
import {
  CLEARED,
  existing,
  seedConvertedLead,
  seedDefinitions,
  seedLinkedLead,
  seedProspect,
  swFields,
  SW_VALUES,
  type Definitions,
  type LinkedRecord,
} from './fixtures';

const copies = (r: LinkedRecord) => [r.tagCopyId, r.scoreCopyId, r.pageCopyId];
const copiesLeft = (stack: TestStack, r: LinkedRecord) => [
  ...existing(stack.sf, 'SW_Tag_Segment_Trigger__c', [r.tagCopyId]),
  ...existing(stack.sf, 'Prospect_Score_Instance__c', [r.scoreCopyId]),
  ...existing(stack.sf, 'Website_Visit__c', [r.pageCopyId]),
];

describe('CleanLeads', () => {
  const stack = useTestStack();
  let defs: Definitions;
  beforeEach(() => {
    stack.sf.admin.reset();
    defs = seedDefinitions(stack.sf);
  });

  const cleanLeads = (input: Parameters<ReturnType<typeof createCleanActivities>['cleanLeads']>[0]) =>
    runActivity(createCleanActivities(stack.deps()).cleanLeads, input);
  const input = (overrides: Parameters<typeof testRun>[0] = {}, opts: Parameters<typeof options>[0] = {}) => ({ run: testRun(overrides), step: 'CleanLeads' as const, options: options(opts) });

  it.each(['Merged', 'Deleted'] as const)('disconnects the unconverted lead of a %s prospect and leaves its converted lead untouched', async (lifecycle) => {
    const prospect = seedProspect(stack.sf, defs, 'sw-gone-1', lifecycle);
    const lead = seedLinkedLead(stack.sf, prospect);
    const converted = seedConvertedLead(stack.sf, prospect);

    const result = await cleanLeads(input());

    expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(CLEARED);
    expect(copiesLeft(stack, lead)).toEqual([]);
    expect(swFields(stack.sf, 'Lead', converted.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-gone-1', Lead_Score__c: 50, SW_Favorite__c: true }));
    expect(copiesLeft(stack, converted)).toEqual(copies(converted));
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 1, deleted: 3, failed: 0, errors: [] }));
    expect(result.details).toEqual(expect.objectContaining({ [lifecycle === 'Merged' ? 'mergedProspect' : 'deletedProspect']: 1, leadsCleaned: 1, tagCopiesDeleted: 1, scoreCopiesDeleted: 1, pageCopiesDeleted: 1 }));
  });

  it('disconnects the lead of a physically deleted prospect, whose tag copies already went with the prospect', async () => {
    const prospect = seedProspect(stack.sf, defs, 'sw-purged', 'Active');
    const lead = seedLinkedLead(stack.sf, prospect);
    const converted = seedConvertedLead(stack.sf, prospect);
    stack.sf.admin.delete(prospect.id);
    // Master-detail cascade took the prospect tag and its copies; score and page copies remain.
    expect(copiesLeft(stack, lead)).toEqual([lead.scoreCopyId, lead.pageCopyId]);

    const result = await cleanLeads(input());

    expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(CLEARED);
    expect(copiesLeft(stack, lead)).toEqual([]);
    expect(swFields(stack.sf, 'Lead', converted.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-purged', Tags__c: 'Tag A' }));
    expect(copiesLeft(stack, converted)).toEqual([converted.scoreCopyId, converted.pageCopyId]);
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 1, deleted: 2, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ missingProspect: 1 }));
  });

  it('leaves leads of active prospects and leads without a prospect id untouched', async () => {
    const active = seedProspect(stack.sf, defs, 'sw-active', 'Active');
    const lead = seedLinkedLead(stack.sf, active);
    const plain = stack.sf.admin.insert('Lead', { LastName: 'Plain', Company: 'Acme', Lead_Score__c: 3 });
    stack.sf.admin.resetCounters();

    const result = await cleanLeads(input());

    expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-active', ...SW_VALUES, Last_Visit__c: expect.any(String) }));
    expect(copiesLeft(stack, lead)).toEqual(copies(lead));
    expect(swFields(stack.sf, 'Lead', plain)).toEqual(expect.objectContaining({ Prospect_Id__c: null, Lead_Score__c: 3 }));
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 0, deleted: 0, failed: 0 }));
    // One scan page and one prospect lookup; no writes.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 2 });
  });

  it('dry run writes nothing but reports what it would clean', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const lead = seedLinkedLead(stack.sf, merged);

    const result = await cleanLeads(input({ dryRun: true }));

    expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged', Lead_Score__c: 50 }));
    expect(copiesLeft(stack, lead)).toEqual(copies(lead));
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 1, deleted: 3, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ leadsCleaned: 1, tagCopiesDeleted: 1 }));
  });

  it('reports a lead whose update fails a validation rule and cleans the others', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const blocked = seedLinkedLead(stack.sf, merged, { Company: 'Locked Co' });
    const other = seedLinkedLead(stack.sf, merged);
    stack.sf.admin.addValidationRule({ object: 'Lead', name: 'keep_link', condition: "Company = 'Locked Co' AND Prospect_Id__c = null", message: 'Locked Co leads keep their prospect' });

    const result = await cleanLeads(input());

    expect(swFields(stack.sf, 'Lead', other.id)).toEqual(CLEARED);
    expect(swFields(stack.sf, 'Lead', blocked.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged', Lead_Score__c: 50 }));
    // Copies go first; the lead stays linked, so the next run tries its update again.
    expect(copiesLeft(stack, blocked)).toEqual([]);
    expect(result).toEqual(expect.objectContaining({ examined: 2, updated: 1, failed: 1 }));
    expect(result.errors).toEqual([{ recordId: blocked.id, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Locked Co leads keep their prospect' }]);
  });

  it('keeps a lead linked when one of its copies cannot be deleted, so the next run retries it', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const stuck = seedLinkedLead(stack.sf, merged);
    const other = seedLinkedLead(stack.sf, merged);
    stack.sf.admin.setFaults({ lockedRecords: [{ id: stuck.scoreCopyId, times: 1000 }] });

    const first = await cleanLeads(input());
    stack.sf.admin.clearFaults();

    expect(swFields(stack.sf, 'Lead', other.id)).toEqual(CLEARED);
    expect(swFields(stack.sf, 'Lead', stuck.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged' }));
    expect(copiesLeft(stack, stuck)).toEqual([stuck.scoreCopyId]);
    expect(first).toEqual(expect.objectContaining({ updated: 1, failed: 1 }));
    expect(first.errors[0]).toEqual(expect.objectContaining({ recordId: stuck.scoreCopyId, code: 'UNABLE_TO_LOCK_ROW' }));
    expect(first.details).toEqual(expect.objectContaining({ cleanDeferred: 1 }));

    const second = await cleanLeads(input());
    expect(swFields(stack.sf, 'Lead', stuck.id)).toEqual(CLEARED);
    expect(copiesLeft(stack, stuck)).toEqual([]);
    expect(second).toEqual(expect.objectContaining({ examined: 1, updated: 1, deleted: 1, failed: 0 }));
  });

  it('refuses to delete more than the guarded share of a copy table, deleting nothing, unless forced', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const active = seedProspect(stack.sf, defs, 'sw-active', 'Active');
    const doomed = [seedLinkedLead(stack.sf, merged), seedLinkedLead(stack.sf, merged)];
    const kept = seedLinkedLead(stack.sf, active);
    const guard = { deletionGuard: { maxShare: 0.5, minTableSize: 1 } };

    await expect(cleanLeads(input({}, guard))).rejects.toBeInstanceOf(DeletionGuardError);
    for (const lead of doomed) {
      expect(copiesLeft(stack, lead)).toEqual(copies(lead));
      expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged' }));
    }

    const forced = await cleanLeads(input({ force: true }, guard));
    for (const lead of doomed) expect(copiesLeft(stack, lead)).toEqual([]);
    expect(copiesLeft(stack, kept)).toEqual(copies(kept));
    expect(forced).toEqual(expect.objectContaining({ updated: 2, deleted: 6 }));
  });

  it('cleans 50 of 300 linked leads in ten API calls, and a second run costs two', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const actives = Array.from({ length: 250 }, (_, i) => ({ swId: `sw-active-${String(i).padStart(3, '0')}` }));
    stack.sf.admin.insert('Prospect__c', actives.map((p) => ({ Name: p.swId, SW_Id__c: p.swId, Lifecycle__c: 'Active' })));
    stack.sf.admin.insert('Lead', actives.map((p) => ({ LastName: p.swId, Company: 'Acme', Prospect_Id__c: p.swId })));
    const doomed = Array.from({ length: 50 }, () => seedLinkedLead(stack.sf, merged));
    stack.sf.admin.resetCounters();

    const result = await cleanLeads(input());

    expect(result).toEqual(expect.objectContaining({ examined: 300, updated: 50, deleted: 150, failed: 0 }));
    expect(doomed.flatMap((l) => copiesLeft(stack, l))).toEqual([]);
    // scan 1 + prospect lookup 1 + records with copies 1 + COUNT() per copy table 3
    // + one delete call per copy table 3 + one update call 1.
    const calls = stack.sf.admin.counters();
    expect(calls.total).toBe(10);
    expect(calls.byKind).toEqual({ query: 6, 'collections-delete': 3, 'collections-update': 1 });

    stack.sf.admin.resetCounters();
    const again = await cleanLeads(input());
    expect(again).toEqual(expect.objectContaining({ examined: 250, updated: 0, deleted: 0 }));
    expect(stack.sf.admin.counters().total).toBe(2);
  });

  it('a retried attempt adds the writes of the attempts before it to its figures', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const remaining = seedLinkedLead(stack.sf, merged);
    const checkpoint: CleanCheckpoint = {
      written: { examined: 0, created: 0, updated: 1, deleted: 3, failed: 0, errors: [], details: { leadsCleaned: 1, tagCopiesDeleted: 1 } },
      cleaned: 1,
    };
    const env = new MockActivityEnvironment({ heartbeatDetails: checkpoint, heartbeatTimeoutMs: 60_000 });

    const result: StepResult = await env.run(createCleanActivities(stack.deps()).cleanLeads, input());

    expect(swFields(stack.sf, 'Lead', remaining.id)).toEqual(CLEARED);
    expect(result).toEqual(expect.objectContaining({ examined: 2, updated: 2, deleted: 6, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ leadsCleaned: 2, tagCopiesDeleted: 2, scoreCopiesDeleted: 1 }));
  });

  it('pages through linked leads in Id order, looking each prospect up once', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    stack.sf.admin.insert('Prospect__c', { Name: 'sw-active', SW_Id__c: 'sw-active', Lifecycle__c: 'Active' });
    const doomed: LinkedRecord[] = [];
    for (let i = 0; i < 450; i += 1) {
      if (i % 25 === 0) doomed.push(seedLinkedLead(stack.sf, merged));
      else stack.sf.admin.insert('Lead', { LastName: `L${i}`, Company: 'Acme', Prospect_Id__c: 'sw-active' });
    }
    stack.sf.admin.resetCounters();

    const result = await cleanLeads(input({}, { salesforce: { queryBatchSize: 200 } }));

    expect(result).toEqual(expect.objectContaining({ examined: 450, updated: 18, deleted: 54, failed: 0 }));
    for (const lead of doomed) expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(CLEARED);
    // 3 scan pages + 1 lookup + 1 records with copies + 3 COUNT() + 3 deletes + 1 update.
    expect(stack.sf.admin.counters().total).toBe(12);
  });
});
