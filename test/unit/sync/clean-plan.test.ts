import {
  CLEAN_SCOPE,
  cleanedFields,
  cleanReason,
  lifecycleIndex,
  MARKED_ONLY_SCOPE,
  MISSING,
  planClean,
  prospectIdsToLookUp,
} from '../../../src/sync/clean-plan';
import { DEFAULT_FIELD_MAPPINGS } from '../../../src/sync/field-mapping';

const index = lifecycleIndex(
  ['p-active', 'p-merged', 'p-deleted', 'p-gone', 'p-blank'],
  [
    { SW_Id__c: 'p-active', Lifecycle__c: 'Active' },
    { SW_Id__c: 'p-merged', Lifecycle__c: 'Merged' },
    { SW_Id__c: 'p-deleted', Lifecycle__c: 'Deleted' },
    { SW_Id__c: 'p-blank', Lifecycle__c: null },
  ],
);

describe('clean plan', () => {
  it('records every prospect asked for and not returned as missing', () => {
    expect(index.get('p-gone')).toBe(MISSING);
    expect(index.get('p-merged')).toBe('Merged');
    expect(index.get('p-blank')).toBeNull();
  });

  it('disconnects records of merged, deleted and physically deleted prospects', () => {
    expect(cleanReason({ Id: 'l1', Prospect_Id__c: 'p-merged' }, index, CLEAN_SCOPE)).toBe('merged');
    expect(cleanReason({ Id: 'l2', Prospect_Id__c: 'p-deleted' }, index, CLEAN_SCOPE)).toBe('deleted');
    expect(cleanReason({ Id: 'l3', Prospect_Id__c: 'p-gone' }, index, CLEAN_SCOPE)).toBe('missing');
  });

  it('keeps records of active prospects, prospects without a life cycle and prospects never looked up', () => {
    expect(cleanReason({ Prospect_Id__c: 'p-active' }, index, CLEAN_SCOPE)).toBeNull();
    expect(cleanReason({ Prospect_Id__c: 'p-blank' }, index, CLEAN_SCOPE)).toBeNull();
    expect(cleanReason({ Prospect_Id__c: 'p-unasked' }, index, CLEAN_SCOPE)).toBeNull();
  });

  it('never touches converted leads or records without a prospect id', () => {
    expect(cleanReason({ IsConverted: true, Prospect_Id__c: 'p-merged' }, index, CLEAN_SCOPE)).toBeNull();
    expect(cleanReason({ Prospect_Id__c: null }, index, CLEAN_SCOPE)).toBeNull();
    expect(cleanReason({ Prospect_Id__c: '' }, index, CLEAN_SCOPE)).toBeNull();
  });

  it('the deprecated DeleteProspects scope leaves records of physically deleted prospects alone', () => {
    expect(cleanReason({ Prospect_Id__c: 'p-gone' }, index, MARKED_ONLY_SCOPE)).toBeNull();
    expect(cleanReason({ Prospect_Id__c: 'p-merged' }, index, MARKED_ONLY_SCOPE)).toBe('merged');
  });

  it('matches prospect ids case-insensitively, as the unique SW id and SOQL do', () => {
    const mixed = lifecycleIndex(['ABC-1'], [{ SW_Id__c: 'abc-1', Lifecycle__c: 'Active' }]);
    expect(cleanReason({ Prospect_Id__c: 'Abc-1' }, mixed, CLEAN_SCOPE)).toBeNull();
  });

  it('disconnects exactly the records of merged, deleted and vanished prospects', () => {
    const disconnects = (id: string) => cleanReason({ Prospect_Id__c: id }, index, CLEAN_SCOPE) !== null;
    expect(['p-active', 'p-merged', 'p-deleted', 'p-gone'].map(disconnects)).toEqual([false, true, true, true]);
  });

  it('plans the records of a page in order and looks up each unknown prospect once', () => {
    const rows = [
      { Id: 'l1', Prospect_Id__c: 'p-merged' },
      { Id: 'l2', Prospect_Id__c: 'p-active' },
      { Id: 'l3', Prospect_Id__c: 'p-gone' },
      { Id: 'l4', Prospect_Id__c: 'p-new' },
      { Id: 'l5', Prospect_Id__c: 'P-NEW' },
    ];
    expect(planClean(rows, index, CLEAN_SCOPE)).toEqual([
      { id: 'l1', reason: 'merged' },
      { id: 'l3', reason: 'missing' },
    ]);
    expect(prospectIdsToLookUp(rows, index)).toEqual(['p-new']);
  });

  it('clears only the mapped fields holding a value, checkboxes to false, and always the prospect id', () => {
    const current = { Id: 'l1', Prospect_Id__c: 'p-merged', Lead_Score__c: 42, Temperature__c: null, SW_Favorite__c: true, Last_Visit__c: null, Tags__c: 'a;b' };
    expect(cleanedFields(current, DEFAULT_FIELD_MAPPINGS.Lead)).toEqual({ Lead_Score__c: null, SW_Favorite__c: false, Tags__c: null, Prospect_Id__c: null });
    expect(cleanedFields({ Prospect_Id__c: 'x', SW_Favorite__c: false }, [{ source: 'favorite', target: 'SW_Favorite__c' }])).toEqual({ Prospect_Id__c: null });
  });
});
