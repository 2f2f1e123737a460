import { createOrphanActivities } from '../../../src/activities/orphans';
import { type StepInput } from '../../../src/activities/types';
import { type StepName } from '../../../src/config/steps';
import { DeletionGuardError } from '../../../src/errors';
import { options, runActivity, testRun, useTestStack } from '../../helpers/stack';

describe('page orphan steps', () => {
  const stack = useTestStack();
  let leadId: string;
  let contactId: string;
  beforeEach(() => {
    stack.sf.admin.reset();
    leadId = stack.sf.admin.insert('Lead', { LastName: 'L', Company: 'Acme' });
    contactId = stack.sf.admin.insert('Contact', { LastName: 'C' });
  });

  const input = (step: StepName, overrides: Parameters<typeof testRun>[0] = {}): StepInput => ({ run: testRun(overrides), step, options: options() });
  const activities = () => createOrphanActivities(stack.deps());
  const ids = (object: string) => stack.sf.admin.records(object).map((r) => r.Id as string).sort();
  const prospect = (swId: string) => stack.sf.admin.insert('Prospect__c', { Name: swId, SW_Id__c: swId, Lifecycle__c: 'Active' });
  const page = (swId: string, prospectId: string | null) => stack.sf.admin.insert('Page_Prospect__c', { Name: swId, SW_Id__c: swId, Prospect__c: prospectId, Kind__c: 'page-visit' });
  const visit = (key: string, fields: Record<string, unknown>) => stack.sf.admin.insert('Website_Visit__c', { Name: key, Key__c: key, ...fields });

  describe('DeleteProspectPages', () => {
    it('deletes prospect pages whose prospect is gone and keeps the others', async () => {
      const gone = prospect('sw-gone');
      const kept = prospect('sw-kept');
      const orphan = page('sw-gone-a1', gone);
      const keptPage = page('sw-kept-a1', kept);
      const neverLinked = page('sw-none-a1', null);
      stack.sf.admin.delete(gone);

      const result = await runActivity(activities().deleteProspectPages, input('DeleteProspectPages'));

      expect(ids('Page_Prospect__c')).toEqual([keptPage]);
      expect(stack.sf.admin.records('Page_Prospect__c', { includeDeleted: true }).filter((r) => r.IsDeleted).map((r) => r.Id).sort()).toEqual([orphan, neverLinked].sort());
      expect(result).toEqual(expect.objectContaining({ examined: 2, deleted: 2, failed: 0 }));
      expect(result.details).toEqual(expect.objectContaining({ prospectPagesDeleted: 2, orphansFound: 2, tableSize: 3 }));
    });

    it('leaves the lead/contact activities of a deleted prospect page for DeleteRecordPages', async () => {
      const gone = prospect('sw-gone');
      const orphanPage = page('sw-gone-a1', gone);
      const leadVisit = visit('lead:a1', { Page_Prospect__c: orphanPage, Lead__c: leadId });
      stack.sf.admin.delete(gone);

      await runActivity(activities().deleteProspectPages, input('DeleteProspectPages'));
      expect(stack.sf.admin.query(`SELECT Page_Prospect__c FROM Website_Visit__c WHERE Id = '${leadVisit}'`)).toEqual([expect.objectContaining({ Page_Prospect__c: null })]);

      const result = await runActivity(activities().deleteRecordPages, input('DeleteRecordPages'));
      expect(ids('Website_Visit__c')).toEqual([]);
      expect(result).toEqual(expect.objectContaining({ deleted: 1 }));
    });
  });

  describe.each([
    ['DeleteRecordPages', 'deleteRecordPages'],
    ['DeleteContactPages', 'deleteContactPages'],
  ] as const)('%s', (step, name) => {
    it('deletes activities without a prospect page or without both a lead and a contact, and keeps the others', async () => {
      const livePage = page('sw-live-a1', prospect('sw-live'));
      const noPage = visit('lead:none', { Page_Prospect__c: null, Lead__c: leadId });
      const noRecord = visit('nobody:a1', { Page_Prospect__c: livePage });
      const onLead = visit('lead:a1', { Page_Prospect__c: livePage, Lead__c: leadId });
      const onContact = visit('contact:a1', { Page_Prospect__c: livePage, Contact__c: contactId });

      const result = await runActivity(activities()[name], input(step));

      expect(ids('Website_Visit__c')).toEqual([onLead, onContact].sort());
      expect(stack.sf.admin.records('Website_Visit__c', { includeDeleted: true }).filter((r) => r.IsDeleted).map((r) => r.Id).sort()).toEqual([noPage, noRecord].sort());
      expect(result).toEqual(expect.objectContaining({ examined: 2, deleted: 2, failed: 0 }));
      expect(result.details).toEqual(expect.objectContaining({ recordPagesDeleted: 2 }));
    });
  });

  describe('DeletePages (deprecated)', () => {
    it('deletes legacy pages missing either link and keeps linked ones', async () => {
      const livePage = page('sw-live-a1', prospect('sw-live'));
      const liveVisit = visit('lead:a1', { Page_Prospect__c: livePage, Lead__c: leadId });
      const [noProspectPage, noVisit, linked] = stack.sf.admin.insert('Page__c', [
        { Name: 'no prospect page', Website_Visit__c: liveVisit },
        { Name: 'no visit', Page_Prospect__c: livePage },
        { Name: 'linked', Page_Prospect__c: livePage, Website_Visit__c: liveVisit },
      ]);

      const result = await runActivity(activities().deletePages, input('DeletePages'));

      expect(ids('Page__c')).toEqual([linked]);
      expect(stack.sf.admin.records('Page__c', { includeDeleted: true }).filter((r) => r.IsDeleted).map((r) => r.Id).sort()).toEqual([noProspectPage, noVisit].sort());
      expect(result).toEqual(expect.objectContaining({ examined: 2, deleted: 2, failed: 0 }));
    });

    it('stays within the deletion guard: most of a large legacy table is not deleted without force', async () => {
      stack.sf.admin.insert('Page__c', Array.from({ length: 120 }, (_, i) => ({ Name: `legacy ${i}` })));

      await expect(runActivity(activities().deletePages, input('DeletePages'))).rejects.toBeInstanceOf(DeletionGuardError);
      expect(ids('Page__c')).toHaveLength(120);

      const forced = await runActivity(activities().deletePages, input('DeletePages', { force: true }));
      expect(ids('Page__c')).toEqual([]);
      expect(forced).toEqual(expect.objectContaining({ deleted: 120 }));
    });
  });
});
