import { fingerprint } from '../../../src/sync/fingerprint';
import { decidePush, fingerprintWrites, isRejectionMarker, rejectionMarker, type PushCandidate } from '../../../src/sync/push-plan';

const fields = {
  Email: 'ada@example.com',
  SW_Favorite__c: true,
  FirstName: 'Ada',
  LastName: 'Lovelace',
  OwnerId: '005000000000001AAA',
  Prospect_Id__c: 'p0000001',
};
const candidate = (overrides: Record<string, unknown> = {}, ownerEmail: string | null = 'owner@example.com'): PushCandidate => ({
  id: '00Q000000000001AAA',
  fields: { ...fields, SW_Sync_Fingerprint__c: null, ...overrides } as PushCandidate['fields'],
  ownerEmail,
});

describe('decidePush', () => {
  it('sends a linked record that was never sent, with the fingerprint to store once accepted', () => {
    const decision = decidePush('Lead', candidate());
    expect(decision).toEqual({
      kind: 'send',
      reason: 'changed',
      fingerprint: fingerprint(fields),
      update: {
        id: '00Q000000000001AAA',
        objectType: 'Lead',
        email: 'ada@example.com',
        favorite: true,
        name: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        ownerEmail: 'owner@example.com',
        prospectId: 'p0000001',
      },
    });
  });

  it('leaves a linked record alone when its fingerprint is current', () => {
    expect(decidePush('Contact', candidate({ SW_Sync_Fingerprint__c: fingerprint(fields) }))).toEqual({ kind: 'unchanged' });
  });

  it('sends a linked record whose tracked field changed since its fingerprint', () => {
    const decision = decidePush('Contact', candidate({ SW_Sync_Fingerprint__c: fingerprint(fields), OwnerId: '005000000000002AAA' }, 'new@example.com'));
    expect(decision).toMatchObject({ kind: 'send', reason: 'changed', update: { objectType: 'Contact', ownerEmail: 'new@example.com' } });
  });

  it('sends a record again after a rejection marker', () => {
    expect(decidePush('Lead', candidate({ SW_Sync_Fingerprint__c: rejectionMarker('2025-01-02T10:00:00.000Z') })).kind).toBe('send');
  });

  it('ignores a record that was never linked', () => {
    expect(decidePush('Lead', candidate({ Prospect_Id__c: null }))).toEqual({ kind: 'notLinked' });
  });

  it('sends an unlink once, with prospectId null, and clears the fingerprint', () => {
    const decision = decidePush('Lead', candidate({ Prospect_Id__c: null, SW_Sync_Fingerprint__c: fingerprint(fields) }));
    expect(decision).toMatchObject({ kind: 'send', reason: 'unlinked', fingerprint: null, update: { prospectId: null } });
  });
});

describe('fingerprintWrites', () => {
  it('stores the new fingerprint on accepted records and the marker on rejected ones', () => {
    const marker = rejectionMarker('2025-01-02T10:00:00.000Z');
    const writes = fingerprintWrites(
      [
        { object: 'Lead', id: 'a', fingerprint: '0123456789abcdef' },
        { object: 'Contact', id: 'b', fingerprint: 'fedcba9876543210' },
        { object: 'Lead', id: 'c', fingerprint: null },
      ],
      new Set(['b']),
      marker,
    );
    expect(writes).toEqual([
      { object: 'Lead', id: 'a', value: '0123456789abcdef' },
      { object: 'Contact', id: 'b', value: marker },
      { object: 'Lead', id: 'c', value: null },
    ]);
  });
});

describe('rejectionMarker', () => {
  it('is never a fingerprint and fits the 64-character field', () => {
    const marker = rejectionMarker('2025-01-02T10:00:00.000+01:00');
    expect(marker).not.toMatch(/^[0-9a-f]{16}$/);
    expect(marker.length).toBeLessThanOrEqual(64);
    expect(isRejectionMarker(marker)).toBe(true);
    expect(isRejectionMarker(fingerprint(fields))).toBe(false);
  });
});
