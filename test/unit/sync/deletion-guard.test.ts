import { DeletionGuardError } from '../../../src/errors';
import { assertDeletionAllowed, checkDeletion } from '../../../src/sync/deletion-guard';

describe('checkDeletion', () => {
  it('allows deleting up to the share limit of a large table', () => {
    expect(checkDeletion({ table: 'SW_Tag__c', total: 1000, toDelete: 200, sourceCount: 800 })).toEqual({ allowed: true });
  });

  it('refuses deleting more than the share limit of a large table and says why', () => {
    const verdict = checkDeletion({ table: 'SW_Tag__c', total: 1000, toDelete: 201, sourceCount: 799 });
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.reason).toContain('SW_Tag__c');
    expect(verdict.reason).toContain('201 of 1000');
    expect(verdict.reason).toContain('20.1%');
    expect(verdict.reason).toContain('force');
  });

  it('allows any share of a small table', () => {
    expect(checkDeletion({ table: 'Score__c', total: 100, toDelete: 90, sourceCount: 10 })).toEqual({ allowed: true });
  });

  it('refuses when the source is empty but the table is not, whatever its size', () => {
    const verdict = checkDeletion({ table: 'Score__c', total: 3, toDelete: 3, sourceCount: 0 });
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.reason).toMatch(/Score__c.*source returned no records/);
  });

  it('allows anything when forced', () => {
    expect(checkDeletion({ table: 'SW_Tag__c', total: 1000, toDelete: 1000, sourceCount: 0, force: true })).toEqual({ allowed: true });
  });

  it('allows a run with nothing to delete', () => {
    expect(checkDeletion({ table: 'SW_Tag__c', total: 1000, toDelete: 0, sourceCount: 0 })).toEqual({ allowed: true });
  });

  it('honours a configured share and table size', () => {
    expect(checkDeletion({ table: 'X__c', total: 50, toDelete: 10, maxShare: 0.1, minTableSize: 10 }).allowed).toBe(false);
  });

  it('does not apply the empty-source rule to orphan steps without a source list', () => {
    expect(checkDeletion({ table: 'Prospect_Score__c', total: 50, toDelete: 50 })).toEqual({ allowed: true });
  });
});

describe('assertDeletionAllowed', () => {
  it('throws a DeletionGuardError carrying the reason', () => {
    expect(() => assertDeletionAllowed({ table: 'SW_Tag__c', total: 500, toDelete: 400 })).toThrow(DeletionGuardError);
    expect(() => assertDeletionAllowed({ table: 'SW_Tag__c', total: 500, toDelete: 400 })).toThrow(/400 of 500 SW_Tag__c/);
  });
});
