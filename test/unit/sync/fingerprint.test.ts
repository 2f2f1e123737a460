import { fingerprint, fnv1a64, needsSendUp, toRecordUpdate, TRACKED_FIELDS } from '../../../src/sync/fingerprint';

const lead = {
  Id: '00Q000000000001AAA',
  Email: 'ada@example.com',
  SW_Favorite__c: true,
  FirstName: 'Ada',
  LastName: 'Lovelace',
  OwnerId: '005000000000001AAA',
  Prospect_Id__c: 'p1',
  Company: 'Analytical Engines',
};

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes non-ASCII text by its UTF-8 bytes', () => {
    let h = 0xcbf29ce484222325n;
    for (const byte of Buffer.from('é😀', 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    expect(fnv1a64('é😀')).toBe(h.toString(16).padStart(16, '0'));
  });
});

describe('fingerprint', () => {
  it('is a stable 16-digit hex string for the same values', () => {
    const a = fingerprint(lead);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint({ ...lead })).toBe(a);
  });

  it('ignores fields that are not tracked', () => {
    expect(fingerprint({ ...lead, Company: 'Other', Lead_Score__c: 99 })).toBe(fingerprint(lead));
  });

  it.each(TRACKED_FIELDS.map((f) => [f]))('changes when %s changes', (field) => {
    const current = lead[field as keyof typeof lead];
    const changed = typeof current === 'boolean' ? !current : `${String(current)}x`;
    expect(fingerprint({ ...lead, [field]: changed })).not.toBe(fingerprint(lead));
  });

  it('uses exact values: case and surrounding spaces count as changes', () => {
    expect(fingerprint({ ...lead, Email: 'Ada@example.com' })).not.toBe(fingerprint(lead));
    expect(fingerprint({ ...lead, FirstName: 'Ada ' })).not.toBe(fingerprint(lead));
  });

  it('tells null apart from the text "null" and from an empty string', () => {
    const prints = new Set([fingerprint({ ...lead, FirstName: null }), fingerprint({ ...lead, FirstName: 'null' }), fingerprint({ ...lead, FirstName: '' })]);
    expect(prints.size).toBe(3);
  });

  it('does not confuse values shifted between adjacent fields', () => {
    expect(fingerprint({ ...lead, FirstName: 'A|b', LastName: '' })).not.toBe(fingerprint({ ...lead, FirstName: 'A', LastName: '|b' }));
  });
});

describe('needsSendUp', () => {
  it('is true when a matched record differs from its last sent fingerprint', () => {
    expect(needsSendUp({ ...lead, SW_Sync_Fingerprint__c: fingerprint({ ...lead, Email: 'old@example.com' }) })).toBe(true);
  });

  it('is false when the fingerprint is current', () => {
    expect(needsSendUp({ ...lead, SW_Sync_Fingerprint__c: fingerprint(lead) })).toBe(false);
  });

  it('is false for a record not linked to a prospect', () => {
    expect(needsSendUp({ ...lead, Prospect_Id__c: null, SW_Sync_Fingerprint__c: null })).toBe(false);
  });
});

describe('toRecordUpdate', () => {
  it('builds the SalesWings record update with the compound name', () => {
    expect(toRecordUpdate(lead, 'Lead', 'owner@example.com')).toEqual({
      id: '00Q000000000001AAA',
      objectType: 'Lead',
      email: 'ada@example.com',
      favorite: true,
      name: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      ownerEmail: 'owner@example.com',
      prospectId: 'p1',
    });
  });

  it('uses whichever name part exists', () => {
    expect(toRecordUpdate({ ...lead, FirstName: null }, 'Contact', null).name).toBe('Lovelace');
  });

  it('sends a null name when both parts are empty', () => {
    const update = toRecordUpdate({ ...lead, FirstName: null, LastName: '' }, 'Contact', null);
    expect(update).toMatchObject({ name: null, firstName: null, lastName: null, ownerEmail: null, objectType: 'Contact' });
  });

  it('sends favorite false when the checkbox is unset', () => {
    expect(toRecordUpdate({ ...lead, SW_Favorite__c: null }, 'Lead', null).favorite).toBe(false);
  });
});
