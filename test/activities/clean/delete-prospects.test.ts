import { createCleanActivities } from '../../../src/activities/clean';
import { DeletionGuardError } from '../../../src/errors';
import { type StepInput } from '../../../src/activities/types';
import { options, runActivity, testRun, useTestStack } from '../../helpers/stack';
import { CLEARED, existing, seedConvertedLead, seedDefinitions, seedLinkedContact, seedLinkedLead, seedProspect, swFields } from './fixtures';

describe('DeleteProspects (deprecated)', () => {
  const stack = useTestStack();
  beforeEach(() => stack.sf.admin.reset());

  const input = (overrides: Parameters<typeof testRun>[0] = {}, opts: Parameters<typeof options>[0] = {}): StepInput => ({ run: testRun(overrides), step: 'DeleteProspects', options: options(opts) });

  it('removes prospect data from leads and contacts of merged or deleted prospects only', async () => {
    const defs = seedDefinitions(stack.sf);
    const accountId = stack.sf.admin.insert('Account', { Name: 'Acme' });
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const deleted = seedProspect(stack.sf, defs, 'sw-deleted', 'Deleted');
    const purged = seedProspect(stack.sf, defs, 'sw-purged', 'Active');
    const active = seedProspect(stack.sf, defs, 'sw-active', 'Active');
    const mergedLead = seedLinkedLead(stack.sf, merged);
    const convertedLead = seedConvertedLead(stack.sf, merged);
    const deletedContact = seedLinkedContact(stack.sf, deleted, accountId);
    const purgedLead = seedLinkedLead(stack.sf, purged);
    const purgedContact = seedLinkedContact(stack.sf, purged, accountId);
    const activeLead = seedLinkedLead(stack.sf, active);
    stack.sf.admin.delete(purged.id);

    const result = await runActivity(createCleanActivities(stack.deps()).deleteProspects, input());

    expect(swFields(stack.sf, 'Lead', mergedLead.id)).toEqual(CLEARED);
    expect(existing(stack.sf, 'Prospect_Score_Instance__c', [mergedLead.scoreCopyId, deletedContact.scoreCopyId])).toEqual([]);
    expect(swFields(stack.sf, 'Contact', deletedContact.id)).toEqual(CLEARED);
    // The seed's DeleteProspects knew only prospects marked Merged or Deleted.
    expect(swFields(stack.sf, 'Lead', purgedLead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-purged' }));
    expect(swFields(stack.sf, 'Contact', purgedContact.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-purged' }));
    expect(swFields(stack.sf, 'Lead', convertedLead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged' }));
    expect(swFields(stack.sf, 'Lead', activeLead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-active' }));
    expect(result).toEqual(expect.objectContaining({ examined: 5, updated: 2, deleted: 6, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ leadsCleaned: 1, contactsCleaned: 1, mergedProspect: 1, deletedProspect: 1 }));
    expect(result.details?.missingProspect).toBeUndefined();
  });

  it('guards a copy table over both sides together: neither side alone exceeds the share, both do, and nothing is deleted', async () => {
    const defs = seedDefinitions(stack.sf);
    const accountId = stack.sf.admin.insert('Account', { Name: 'Acme' });
    const merged = seedProspect(stack.sf, defs, 'sw-merged', 'Merged');
    const lead = seedLinkedLead(stack.sf, merged);
    const contact = seedLinkedContact(stack.sf, merged, accountId);
    // 8 more records with copies: each side alone would delete 1 of 10 rows of a copy table (10 %), both 2 (20 %).
    for (let i = 0; i < 8; i += 1) seedLinkedLead(stack.sf, seedProspect(stack.sf, defs, `sw-active-${i}`, 'Active'));
    const guard = { deletionGuard: { maxShare: 0.15, minTableSize: 0 } };

    await expect(runActivity(createCleanActivities(stack.deps()).deleteProspects, input({}, guard))).rejects.toBeInstanceOf(DeletionGuardError);
    expect(existing(stack.sf, 'Prospect_Score_Instance__c', [lead.scoreCopyId, contact.scoreCopyId])).toEqual([lead.scoreCopyId, contact.scoreCopyId]);
    expect(swFields(stack.sf, 'Lead', lead.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged' }));
    expect(swFields(stack.sf, 'Contact', contact.id)).toEqual(expect.objectContaining({ Prospect_Id__c: 'sw-merged' }));

    const forced = await runActivity(createCleanActivities(stack.deps()).deleteProspects, input({ force: true }, guard));
    expect(existing(stack.sf, 'Prospect_Score_Instance__c', [lead.scoreCopyId, contact.scoreCopyId])).toEqual([]);
    expect(forced).toEqual(expect.objectContaining({ updated: 2, failed: 0 }));
  });
});
