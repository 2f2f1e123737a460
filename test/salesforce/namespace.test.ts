import { createNamespace, namespacePrefix } from '../../src/salesforce/namespace';

const ns = createNamespace('saleswings');
const none = createNamespace('');

describe('namespace prefix', () => {
  it('accepts the namespace with or without the trailing double underscore', () => {
    expect(namespacePrefix('saleswings')).toBe('saleswings__');
    expect(namespacePrefix('saleswings__')).toBe('saleswings__');
    expect(namespacePrefix('')).toBe('');
    expect(namespacePrefix(undefined)).toBe('');
  });

  it('rejects a namespace that could not be a Salesforce namespace', () => {
    expect(() => namespacePrefix("x' OR 1")).toThrow(RangeError);
  });
});

describe('outgoing SOQL', () => {
  it('prefixes package objects and fields but not standard or customer names', () => {
    expect(ns.soql('SELECT Id, Email, Prospect_Id__c, My_Field__c FROM Lead WHERE Prospect_Id__c != NULL')).toBe(
      'SELECT Id, Email, saleswings__Prospect_Id__c, My_Field__c FROM Lead WHERE saleswings__Prospect_Id__c != NULL',
    );
    expect(ns.soql('SELECT Id FROM Prospect__c')).toBe('SELECT Id FROM saleswings__Prospect__c');
  });

  it('prefixes every segment of relationship paths', () => {
    expect(ns.soql('SELECT Prospect__r.SW_Id__c, Prospect__r.Owner.Email FROM SW_Prospect_Tag__c')).toBe(
      'SELECT saleswings__Prospect__r.saleswings__SW_Id__c, saleswings__Prospect__r.Owner.Email FROM saleswings__SW_Prospect_Tag__c',
    );
  });

  it('prefixes child relationships and fields inside sub-queries and semi-joins', () => {
    expect(
      ns.soql(
        'SELECT Id, (SELECT Key__c FROM Prospect_Tags__r) FROM Prospect__c WHERE Id IN (SELECT Prospect__c FROM Prospect_Score__c)',
      ),
    ).toBe(
      'SELECT Id, (SELECT saleswings__Key__c FROM saleswings__Prospect_Tags__r) FROM saleswings__Prospect__c WHERE Id IN (SELECT saleswings__Prospect__c FROM saleswings__Prospect_Score__c)',
    );
  });

  it('never touches string literals, even ones that look like field names or hold escaped quotes', () => {
    const soql = "SELECT Id FROM Prospect__c WHERE Email__c = 'Email__c\\' OR Tags__c = \\'x' AND Name = 'a\\\\'";
    expect(ns.soql(soql)).toBe(
      "SELECT Id FROM saleswings__Prospect__c WHERE saleswings__Email__c = 'Email__c\\' OR Tags__c = \\'x' AND Name = 'a\\\\'",
    );
  });

  it('leaves names that already carry a namespace alone', () => {
    expect(ns.soql('SELECT saleswings__Email__c, other__Email__c FROM saleswings__Prospect__c')).toBe(
      'SELECT saleswings__Email__c, other__Email__c FROM saleswings__Prospect__c',
    );
  });

  it('matches package names case-insensitively like SOQL does', () => {
    expect(ns.soql('select id from prospect__c')).toBe('select id from saleswings__prospect__c');
  });

  it('is the identity without a namespace', () => {
    const soql = "SELECT Prospect__r.SW_Id__c FROM SW_Prospect_Tag__c WHERE Key__c = 'k'";
    expect(none.soql(soql)).toBe(soql);
  });
});

describe('outgoing records', () => {
  it('prefixes package keys, nested external-ID references and attributes.type', () => {
    expect(
      ns.outgoing({
        attributes: { type: 'SW_Prospect_Tag__c' },
        Key__c: 'p1:t1',
        Name: 'Tag',
        My_Field__c: 1,
        Prospect__r: { SW_Id__c: 'p1' },
      }),
    ).toEqual({
      attributes: { type: 'saleswings__SW_Prospect_Tag__c' },
      saleswings__Key__c: 'p1:t1',
      Name: 'Tag',
      My_Field__c: 1,
      saleswings__Prospect__r: { saleswings__SW_Id__c: 'p1' },
    });
  });

  it('prefixes dotted column names', () => {
    expect(ns.outgoing({ 'Prospect__r.SW_Id__c': 'p1' })).toEqual({ 'saleswings__Prospect__r.saleswings__SW_Id__c': 'p1' });
  });

  it('keeps values (dates, nulls) untouched and copies the record', () => {
    const when = new Date('2024-01-01T00:00:00Z');
    const input = { Last_Visit__c: when, Tags__c: null };
    const out = ns.outgoing(input);
    expect(out).toEqual({ saleswings__Last_Visit__c: when, saleswings__Tags__c: null });
    expect(out).not.toBe(input);
  });
});

describe('incoming records', () => {
  it('strips the prefix from keys, parents, sub-query records and attributes.type', () => {
    const incoming = ns.incoming({
      attributes: { type: 'saleswings__Prospect__c', url: '/x' },
      Id: 'a01',
      saleswings__Email__c: 'saleswings__not_a_name@example.com',
      saleswings__Prospect_Tags__r: {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'saleswings__SW_Prospect_Tag__c' }, saleswings__Key__c: 'k', saleswings__Tag__r: { saleswings__SW_Id__c: 't' } }],
      },
      Owner: { Email: 'o@example.com' },
    });
    expect(incoming).toEqual({
      attributes: { type: 'Prospect__c', url: '/x' },
      Id: 'a01',
      Email__c: 'saleswings__not_a_name@example.com',
      Prospect_Tags__r: {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'SW_Prospect_Tag__c' }, Key__c: 'k', Tag__r: { SW_Id__c: 't' } }],
      },
      Owner: { Email: 'o@example.com' },
    });
  });

  it('is the identity without a namespace', () => {
    const record = { Email__c: 'a@b.c', Prospect__r: { SW_Id__c: 'p' } };
    expect(none.incoming(record)).toEqual(record);
  });
});
