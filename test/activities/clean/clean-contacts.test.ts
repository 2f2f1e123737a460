import { createCleanActivities } from '../../../src/activities/clean';
import { type StepInput } from '../../../src/activities/types';
import { options, runActivity, testRun, useTestStack, type TestStack } from '../../helpers/stack';
import { CLEARED, existing, seedDefinitions, seedLinkedContact, seedProspect, swFields, type Definitions, type LinkedRecord } from './fixtures';

const copiesLeft = (stack: TestStack, r: LinkedRecord) => [
  ...existing(stack.sf, 'SW_Tag_Segment_Trigger__c', [r.tagCopyId]),
  ...existing(stack.sf, 'Prospect_Score_Instance__c', [r.scoreCopyId]),
  ...existing(stack.sf, 'Website_Visit__c', [r.pageCopyId]),
];

describe('CleanContacts', () => {
  const stack = useTestStack();
  let defs: Definitions;
  let accountId: string;
  beforeEach(() => {
    stack.sf.admin.reset();
    defs = seedDefinitions(stack.sf);
    accountId = stack.sf.admin.insert('Account', { Name: 'Acme' });
  });

  const cleanContacts = (input: StepInput) => runActivity(createCleanActivities(stack.deps()).cleanContacts, input);
  const input = (overrides: Parameters<typeof testRun>[0] = {}, opts: Parameters<typeof options>[0] = {}): StepInput => ({ run: testRun(overrides), step: 'CleanContacts', options: options(opts) });

  it('disconnects contacts of merged, deleted and physically deleted prospects and keeps those of active ones', async () => {
    const merged = seedLinkedContact(stack.sf, seedProspect(stack.sf, defs, 'sw-merged', 'Merged'), accountId);
    const deleted = seedLinkedContact(stack.sf, seedProspect(stack.sf, defs, 'sw-deleted', 'Deleted'), accountId);
    const purgedProspect = seedProspect(stack.sf, defs, 'sw-purged', 'Active');
    const purged = seedLinkedContact(stack.sf, purgedProspect, accountId);
    stack.sf.admin.delete(purgedProspect.id);
    const active = seedLinkedContact(stack.sf, seedProspect(stack.sf, defs, 'sw-active', 'Active'), accountId);

    const result = await cleanContacts(input());

    for (const contact of [merged, deleted, purged]) {
      expect(swFields(stack.sf, 'Contact', contact.id)).toEqual(CLEARED);
      expect(copiesLeft(stack, contact)).toEqual([]);
    }
    expect(swFields(stack.sf, 'Contact', active.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-active', Lead_Score__c: 50, SW_Favorite__c: true }));
    expect(copiesLeft(stack, active)).toEqual([active.tagCopyId, active.scoreCopyId, active.pageCopyId]);
    // 3 + 3 + 2 copies (the purged prospect's tag copy went with it).
    expect(result).toEqual(expect.objectContaining({ examined: 4, updated: 3, deleted: 8, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ mergedProspect: 1, deletedProspect: 1, missingProspect: 1, contactsCleaned: 3 }));
  });

  it('clears exactly the fields of the configured contact mappings', async () => {
    const contact = seedLinkedContact(stack.sf, seedProspect(stack.sf, defs, 'sw-merged', 'Merged'), accountId);

    await cleanContacts(input({}, { fieldMappings: { Contact: [{ source: 'leadScore', target: 'Lead_Score__c' }, { source: 'favorite', target: 'SW_Favorite__c' }] } }));

    expect(swFields(stack.sf, 'Contact', contact.id)).toEqual(
      expect.objectContaining({ Prospect_Id__c: null, Lead_Score__c: null, SW_Favorite__c: false, Temperature__c: 'HOT', Tags__c: 'Tag A' }),
    );
  });

  it('cleans contacts spread over several accounts in one update call', async () => {
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const accounts = stack.sf.admin.insert('Account', Array.from({ length: 5 }, (_, i) => ({ Name: `Account ${i}` })));
    const contacts = Array.from({ length: 20 }, (_, i) => seedLinkedContact(stack.sf, merged, accounts[i % accounts.length]));
    stack.sf.admin.resetCounters();

    const result = await cleanContacts(input());

    for (const contact of contacts) expect(swFields(stack.sf, 'Contact', contact.id)).toEqual(CLEARED);
    expect(result).toEqual(expect.objectContaining({ examined: 20, updated: 20, deleted: 60, failed: 0 }));
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 6, 'collections-delete': 3, 'collections-update': 1 });
  });

  it('dry run writes nothing but reports the contacts and copies it would clean', async () => {
    const contact = seedLinkedContact(stack.sf, seedProspect(stack.sf, defs, 'sw-deleted', 'Deleted'), accountId);

    const result = await cleanContacts(input({ dryRun: true }));

    expect(swFields(stack.sf, 'Contact', contact.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-deleted' }));
    expect(copiesLeft(stack, contact)).toHaveLength(3);
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 1, deleted: 3 }));
  });
});
