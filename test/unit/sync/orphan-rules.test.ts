import { LEGACY_PAGE_ORPHANS, PROSPECT_PAGE_ORPHANS, PROSPECT_SCORE_ORPHANS, RECORD_PAGE_ORPHANS } from '../../../src/sync/orphan-rules';

describe('orphan rules', () => {
  it('a prospect score without a prospect is an orphan, grouped by its score definition, with its copies cascading', () => {
    expect(PROSPECT_SCORE_ORPHANS.isOrphan({ Prospect__c: null, Score__c: 's1' })).toBe(true);
    expect(PROSPECT_SCORE_ORPHANS.isOrphan({ Prospect__c: 'p1', Score__c: 's1' })).toBe(false);
    expect(PROSPECT_SCORE_ORPHANS.lockKey?.({ Score__c: 's1' })).toBe('s1');
    expect(PROSPECT_SCORE_ORPHANS.cascade?.relationship).toBe('Record_Scores__r');
  });

  it('a prospect page without a prospect is an orphan', () => {
    expect(PROSPECT_PAGE_ORPHANS.isOrphan({ Prospect__c: null })).toBe(true);
    expect(PROSPECT_PAGE_ORPHANS.isOrphan({ Prospect__c: 'p1' })).toBe(false);
  });

  it('a record page is an orphan without its prospect page or without both a lead and a contact', () => {
    expect(RECORD_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: null, Lead__c: 'l1', Contact__c: null })).toBe(true);
    expect(RECORD_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: 'g1', Lead__c: null, Contact__c: null })).toBe(true);
    expect(RECORD_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: 'g1', Lead__c: null, Contact__c: 'c1' })).toBe(false);
    expect(RECORD_PAGE_ORPHANS.lockKey?.({ Lead__c: null, Contact__c: 'c1' })).toBe('c1');
  });

  it('a legacy page is an orphan when either link is empty', () => {
    expect(LEGACY_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: null, Website_Visit__c: 'w1' })).toBe(true);
    expect(LEGACY_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: 'g1', Website_Visit__c: null })).toBe(true);
    expect(LEGACY_PAGE_ORPHANS.isOrphan({ Page_Prospect__c: 'g1', Website_Visit__c: 'w1' })).toBe(false);
  });

  it('every rule reads the fields its predicate and lock key need', () => {
    for (const rule of [PROSPECT_SCORE_ORPHANS, PROSPECT_PAGE_ORPHANS, RECORD_PAGE_ORPHANS, LEGACY_PAGE_ORPHANS]) {
      expect(rule.fields[0]).toBe('Id');
      for (const field of rule.condition.match(/[A-Za-z_]+__c/g) ?? []) expect(rule.fields).toContain(field);
    }
  });
});
