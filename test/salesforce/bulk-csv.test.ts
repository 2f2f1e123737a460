import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../src/errors';
import { buildBulkCsv, mapBulkResults, parseBulkError } from '../../src/salesforce/bulk-csv';

describe('building Bulk CSV', () => {
  it('gives every row every column, in first-seen order', () => {
    const csv = buildBulkCsv([{ Name: 'a' }, { Name: 'b', Value__c: 2 }], 'create');
    expect(csv.header).toEqual(['Name', 'Value__c']);
    expect(csv.rows).toEqual([
      ['a', ''],
      ['b', '2'],
    ]);
  });

  it('makes no column for keys that are undefined in every record (absent, as in JSON)', () => {
    const csv = buildBulkCsv([{ Name: 'a', Gone__c: undefined }, { Name: 'b' }], 'create');
    expect(csv.header).toEqual(['Name']);
  });

  it('writes null and empty strings as #N/A and booleans and dates as Salesforce reads them', () => {
    const csv = buildBulkCsv(
      [{ A__c: null, B__c: '', C__c: true, D__c: false, E__c: new Date('2024-02-03T04:05:06.000Z'), F__c: 1.5 }],
      'create',
    );
    expect(csv.rows[0]).toEqual(['#N/A', '#N/A', 'true', 'false', '2024-02-03T04:05:06.000Z', '1.5']);
  });

  it('quotes commas, quotes, CR, LF and edge spaces so a CSV parser reads the values back exactly', () => {
    const values = ['a,b', 'say "hi"', 'line1\r\nline2', 'lone\rcr', ' padded ', 'plain'];
    const csv = buildBulkCsv(
      values.map((v) => ({ Name: v })),
      'create',
    );
    expect(csv.text.endsWith('\r\n')).toBe(true);
    const parsed = parse(csv.text, { columns: true }) as Array<{ Name: string }>;
    expect(parsed.map((r) => r.Name)).toEqual(values);
  });

  it('flattens parent references into dotted columns and drops attributes', () => {
    const csv = buildBulkCsv([{ attributes: { type: 'X' }, Key__c: 'k', Prospect__r: { SW_Id__c: 'p1' } }], 'upsert');
    expect(csv.header).toEqual(['Key__c', 'Prospect__r.SW_Id__c']);
    expect(csv.rows[0]).toEqual(['k', 'p1']);
  });

  it('sends only the Id column for deletes', () => {
    const csv = buildBulkCsv([{ Id: '001000000000001AAA', Name: 'x' }], 'delete');
    expect(csv.text).toBe('Id\r\n001000000000001AAA\r\n');
  });

  it('rejects values that have no CSV form', () => {
    expect(() => buildBulkCsv([{ A__c: ['x'] }], 'create')).toThrow(ValidationError);
  });
});

describe('parsing sf__Error', () => {
  it('splits code, message and fields', () => {
    expect(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --')).toEqual({
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    expect(parseBulkError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Score too high:Lead_Score__c,Tags__c --', (n) => n.replace('ns__', ''))).toEqual({
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Score too high',
      fields: ['Lead_Score__c', 'Tags__c'],
    });
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record: --').fields).toEqual([]);
  });
});

describe('mapping Bulk results to input order', () => {
  it('matches upsert rows by external ID regardless of result order and case', () => {
    const csv = buildBulkCsv(
      [
        { SW_Id__c: 'p1', Name: 'a' },
        { SW_Id__c: 'P2', Name: 'b' },
        { SW_Id__c: 'p3', Name: 'c' },
      ],
      'upsert',
    );
    const results = mapBulkResults(
      {
        successful: [
          { sf__Id: 'a03', sf__Created: 'false', SW_Id__c: 'p3', Name: 'c' },
          { sf__Id: 'a01', sf__Created: 'true', SW_Id__c: 'p1', Name: 'a' },
        ],
        failed: [{ sf__Id: '', sf__Error: 'STRING_TOO_LONG:too long:Name --', SW_Id__c: 'p2', Name: 'b' }],
        unprocessed: [],
      },
      { operation: 'upsert', csv, externalIdColumn: 'SW_Id__c' },
    );
    expect(results).toEqual([
      { index: 0, success: true, id: 'a01', created: true, errors: [] },
      { index: 1, success: false, errors: [{ code: 'STRING_TOO_LONG', message: 'too long', fields: ['Name'] }] },
      { index: 2, success: true, id: 'a03', created: false, errors: [] },
    ]);
  });

  it('matches insert rows by their whole content, identical rows in turn', () => {
    const csv = buildBulkCsv([{ Name: 'same' }, { Name: 'other', X__c: null }, { Name: 'same' }], 'create');
    const results = mapBulkResults(
      {
        successful: [
          { sf__Id: 'id-o', sf__Created: 'true', Name: 'other', X__c: '' },
          { sf__Id: 'id-s1', sf__Created: 'true', Name: 'same', X__c: '' },
          { sf__Id: 'id-s2', sf__Created: 'true', Name: 'same', X__c: '' },
        ],
        failed: [],
        unprocessed: [],
      },
      { operation: 'create', csv },
    );
    expect(results.map((r) => r.id)).toEqual(['id-s1', 'id-o', 'id-s2']);
    expect(results.every((r) => r.created === true)).toBe(true);
  });

  it('reports unprocessed rows with the job error and rows without any result as missing', () => {
    const csv = buildBulkCsv(
      [
        { Id: '001000000000001AAA', Name: 'a' },
        { Id: '001000000000002AAA', Name: 'b' },
      ],
      'update',
    );
    const results = mapBulkResults(
      { successful: [], failed: [], unprocessed: [{ Id: '001000000000001AAA', Name: 'a' }] },
      { operation: 'update', csv, jobError: 'Bulk job Failed: boom' },
    );
    expect(results[0].errors[0]).toEqual({ code: 'BULK_UNPROCESSED', message: 'Bulk job Failed: boom', fields: [] });
    expect(results[1].errors[0].code).toBe('BULK_RESULT_MISSING');
  });
});
