import {
  isOrphanLegacyPage,
  isOrphanProspectPage,
  isOrphanProspectScore,
  isOrphanWebsiteVisit,
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
});
