import type { Lifecycle } from '../../../src/saleswings/contract';
import {
  isOrphanLegacyPage,
  isOrphanProspectPage,
  isOrphanProspectScore,
  isOrphanWebsiteVisit,
  needsClean,
  orphanIds,
} from '../../../src/sync/orphans';

describe('orphan rows', () => {
  it('a prospect score or page without a prospect is an orphan', () => {
    expect(isOrphanProspectScore({ Prospect__c: null })).toBe(true);
    expect(isOrphanProspectScore({ Prospect__c: 'a0P1' })).toBe(false);
    expect(isOrphanProspectPage({ Prospect__c: '' })).toBe(true);
    expect(isOrphanProspectPage({ Prospect__c: 'a0P1' })).toBe(false);
  });

  it('a website visit without its prospect page is an orphan', () => {
    expect(isOrphanWebsiteVisit({ Page_Prospect__c: null, Lead__c: '00Q1', Contact__c: null })).toBe(true);
  });

  it('a website visit attached to neither a lead nor a contact is an orphan', () => {
    expect(isOrphanWebsiteVisit({ Page_Prospect__c: 'a0G1', Lead__c: null, Contact__c: null })).toBe(true);
  });

  it('a website visit with its page and one record is kept', () => {
    expect(isOrphanWebsiteVisit({ Page_Prospect__c: 'a0G1', Lead__c: null, Contact__c: '0031' })).toBe(false);
  });

  it('a legacy page missing either link is an orphan', () => {
    expect(isOrphanLegacyPage({ Page_Prospect__c: null, Website_Visit__c: 'a0W1' })).toBe(true);
    expect(isOrphanLegacyPage({ Page_Prospect__c: 'a0G1', Website_Visit__c: null })).toBe(true);
    expect(isOrphanLegacyPage({ Page_Prospect__c: 'a0G1', Website_Visit__c: 'a0W1' })).toBe(false);
  });

  it('orphanIds lists the selected rows in order', () => {
    const rows = [
      { Id: 'a1', Prospect__c: null },
      { Id: 'a2', Prospect__c: 'p' },
      { Id: 'a3', Prospect__c: null },
    ];
    expect(orphanIds(rows, isOrphanProspectScore)).toEqual(['a1', 'a3']);
  });
});

describe('needsClean', () => {
  const lifecycles = new Map<string, Lifecycle>([
    ['active', 'Active'],
    ['merged', 'Merged'],
    ['deleted', 'Deleted'],
  ]);

  it('cleans a record linked to a Merged or Deleted prospect', () => {
    expect(needsClean({ Prospect_Id__c: 'merged' }, lifecycles)).toBe(true);
    expect(needsClean({ Prospect_Id__c: 'deleted' }, lifecycles)).toBe(true);
  });

  it('cleans a record linked to a prospect that no longer exists', () => {
    expect(needsClean({ Prospect_Id__c: 'gone' }, lifecycles)).toBe(true);
  });

  it('keeps a record linked to an Active prospect', () => {
    expect(needsClean({ Prospect_Id__c: 'active' }, lifecycles)).toBe(false);
  });

  it('ignores records without a prospect link and converted leads', () => {
    expect(needsClean({ Prospect_Id__c: null }, lifecycles)).toBe(false);
    expect(needsClean({ Prospect_Id__c: 'gone', IsConverted: true }, lifecycles)).toBe(false);
  });
});
