import { connect, raw, rejection, rest, startEmulator, unusedId, type SalesforceEmulator } from './support';

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }>; created?: boolean };

describe('sObject Collections and single-record DML', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  it('creates records in input order with partial success', async () => {
    const results = (await connect(emu).sobject('Prospect__c').create([
      { Name: 'A', SW_Id__c: 'p1' },
      { Name: 'B', SW_Id__c: 'p2', Temperature__c: 'BOILING' },
      { Name: 'C', SW_Id__c: 'p3' },
    ])) as SaveResult[];
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Temperature: bad value for restricted picklist field: BOILING', fields: ['Temperature__c'] }] });
    expect(results[0].id).toMatch(/^a0\w{16}$/);
    expect(emu.admin.records('Prospect__c').map((r) => r.SW_Id__c).sort()).toEqual(['p1', 'p3']);
  });

  it('rolls everything back with allOrNone and marks the others ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = (await connect(emu).sobject('Prospect__c').create(
      [
        { Name: 'A', SW_Id__c: 'p1' },
        { Name: 'B', SW_Id__c: 'p2', Lifecycle__c: 'Unknown' },
      ],
      { allOrNone: true },
    )) as SaveResult[];
    expect(results[0]).toEqual({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] });
    expect(results[1].errors[0].statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(emu.admin.records('Prospect__c')).toHaveLength(0);
  });

  it('updates by id and reports per-record errors', async () => {
    const [a, b] = emu.admin.insert('Prospect__c', [
      { Name: 'A', SW_Id__c: 'p1' },
      { Name: 'B', SW_Id__c: 'p2' },
    ]);
    const results = (await connect(emu).sobject('Prospect__c').update([
      { Id: a, Lead_Score__c: 12.345 },
      { Id: b, SW_Id__c: 'P1' },
    ])) as SaveResult[];
    expect(results[0]).toEqual({ id: a, success: true, errors: [] });
    expect(results[1]).toMatchObject({ id: b, success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', fields: ['SW_Id__c'] }] });
    expect(results[1].errors[0].message).toBe(`duplicate value found: SW_Id__c duplicates value on record with id: ${a}`);
    expect(emu.admin.records('Prospect__c').find((r) => r.Id === a)!.Lead_Score__c).toBe(12.35);
  });

  it('upserts by external id with the created flag, case-insensitively', async () => {
    emu.admin.insert('Prospect__c', { Name: 'Old', SW_Id__c: 'ABC' });
    const results = (await connect(emu).sobject('Prospect__c').upsert(
      [
        { SW_Id__c: 'abc', Name: 'Updated' },
        { SW_Id__c: 'new', Name: 'Created' },
      ],
      'SW_Id__c',
    )) as SaveResult[];
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [true, false],
      [true, true],
    ]);
    const rows = emu.admin.records('Prospect__c');
    expect(rows.map((r) => r.Name).sort()).toEqual(['Created', 'Updated']);
  });

  it('rejects duplicate external ids inside one upsert request', async () => {
    const results = await rest<SaveResult[]>(connect(emu), 'PATCH', '/composite/sobjects/Prospect__c/SW_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Prospect__c' }, SW_Id__c: 'dup', Name: 'x' },
        { attributes: { type: 'Prospect__c' }, SW_Id__c: 'DUP', Name: 'y' },
        { attributes: { type: 'Prospect__c' }, SW_Id__c: 'ok', Name: 'z' },
      ],
    });
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'OK')).toEqual(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID', 'OK']);
    expect(emu.admin.records('Prospect__c').map((r) => r.SW_Id__c)).toEqual(['ok']);
  });

  it('links children to parents by external id inside the record', async () => {
    const prospectId = emu.admin.insert('Prospect__c', { Name: 'P', SW_Id__c: 'p1' });
    const results = await rest<SaveResult[]>(connect(emu), 'PATCH', '/composite/sobjects/SW_Prospect_Tag__c/Key__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'SW_Prospect_Tag__c' }, Key__c: 'p1:t1', Name: 'T1', Prospect__r: { SW_Id__c: 'P1' } },
        { attributes: { type: 'SW_Prospect_Tag__c' }, Key__c: 'p9:t1', Name: 'T1', Prospect__r: { SW_Id__c: 'p9' } },
        { attributes: { type: 'SW_Prospect_Tag__c' }, Key__c: 'p1:t2', Name: 'T2', Prospect__r: { First_Name__c: 'P' } },
      ],
    });
    expect(results[0]).toMatchObject({ success: true, created: true });
    expect(results[1].errors).toEqual([{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: p9 not found for field SW_Id__c in entity Prospect__c', fields: [] }]);
    expect(results[2].errors[0].statusCode).toBe('INVALID_FIELD');
    expect(emu.admin.records('SW_Prospect_Tag__c')).toEqual([expect.objectContaining({ Key__c: 'p1:t1', Prospect__c: prospectId })]);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_v, i) => ({ Name: `P${i}`, SW_Id__c: `p${i}` }));
    const error = await rejection(connect(emu).sobject('Prospect__c').create(records));
    expect(error.name).toBe('EXCEEDED_ID_LIMIT');
    expect(emu.admin.records('Prospect__c')).toHaveLength(0);
  });

  it('splits into 200-record calls with allowRecursive', async () => {
    const records = Array.from({ length: 450 }, (_v, i) => ({ Name: `P${i}`, SW_Id__c: `p${i}` }));
    emu.admin.resetCounters();
    const results = (await connect(emu).sobject('Prospect__c').create(records, { allowRecursive: true })) as SaveResult[];
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.counters().byKind['collections-create']).toBe(3);
    expect(emu.admin.records('Prospect__c')).toHaveLength(450);
  });

  it('deletes by ids with per-record results and allOrNone', async () => {
    const ids = emu.admin.insert('Prospect__c', [
      { Name: 'A', SW_Id__c: 'p1' },
      { Name: 'B', SW_Id__c: 'p2' },
    ]);
    const atomic = await rest<SaveResult[]>(connect(emu), 'DELETE', `/composite/sobjects?ids=${ids[0]},${unusedId('a0C')}&allOrNone=true`);
    expect(atomic.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_CROSS_REFERENCE_KEY']);
    expect(emu.admin.records('Prospect__c')).toHaveLength(2);
    const results = (await connect(emu).sobject('Prospect__c').destroy([ids[0], ids[0]])) as SaveResult[];
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'OK')).toEqual(['OK', 'ENTITY_IS_DELETED']);
    expect(emu.admin.records('Prospect__c').map((r) => r.Id)).toEqual([ids[1]]);
  });

  it('retrieves a collection by ids with null for missing records', async () => {
    const [id] = emu.admin.insert('Prospect__c', [{ Name: 'A', SW_Id__c: 'p1' }]);
    const records = await rest<Array<Record<string, unknown> | null>>(connect(emu), 'POST', '/composite/sobjects/Prospect__c', { ids: [id, unusedId('a0C')], fields: ['Id', 'SW_Id__c'] });
    expect(records).toEqual([{ attributes: { type: 'Prospect__c', url: `/services/data/v62.0/sobjects/Prospect__c/${id}` }, Id: id, SW_Id__c: 'p1' }, null]);
    const viaJsforce = await connect(emu).sobject('Prospect__c').retrieve([id], { fields: ['Name'] } as never);
    expect(viaJsforce).toEqual([expect.objectContaining({ Name: 'A' })]);
  });

  it('rejects unknown fields in a body with 400 INVALID_FIELD', async () => {
    const error = await rejection(connect(emu).sobject('Lead').create([{ LastName: 'x', Company: 'y', Nope__c: 1 }]));
    expect(error.name).toBe('INVALID_FIELD');
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  describe('single-record REST', () => {
    it('creates (201), retrieves, updates (204) and deletes (204)', async () => {
      const created = await raw(emu, 'POST', '/services/data/v62.0/sobjects/Lead', { LastName: 'Doe', Company: 'ACME', Email: 'doe@example.com' });
      expect(created.status).toBe(201);
      const { id } = created.json as { id: string };
      expect(created.json).toEqual({ id, success: true, errors: [] });
      const conn = connect(emu);
      const lead = await conn.sobject('Lead').retrieve(id);
      expect(lead).toMatchObject({ Id: id, Name: 'Doe', Status: 'Open - Not Contacted', IsConverted: false, OwnerId: emu.integrationUserId });
      const updated = await raw(emu, 'PATCH', `/services/data/v62.0/sobjects/Lead/${id}`, { FirstName: 'Jane' });
      expect(updated.status).toBe(204);
      expect(emu.admin.records('Lead')[0].Name).toBe('Jane Doe');
      const partial = await rest<Record<string, unknown>>(conn, 'GET', `/sobjects/Lead/${id}?fields=Email,Name`);
      expect(partial).toEqual({ attributes: expect.any(Object), Email: 'doe@example.com', Name: 'Jane Doe' });
      const deleted = await raw(emu, 'DELETE', `/services/data/v62.0/sobjects/Lead/${id}`);
      expect(deleted.status).toBe(204);
      expect(emu.admin.records('Lead', { includeDeleted: true })[0].IsDeleted).toBe(true);
    });

    it('reports a failed single create as 400 with errorCode', async () => {
      const res = await raw(emu, 'POST', '/services/data/v62.0/sobjects/Lead', { LastName: 'Doe' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual([{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }]);
    });

    it('upserts by external id: 201 created, 200 updated, 300 ambiguous, 404 unknown field', async () => {
      const first = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/SW_Id__c/p1', { Name: 'One' });
      expect(first.status).toBe(201);
      expect(first.json).toMatchObject({ success: true, created: true });
      const second = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/SW_Id__c/P1', { Name: 'Uno' });
      expect(second.status).toBe(200);
      expect(second.json).toMatchObject({ success: true, created: false, id: (first.json as { id: string }).id });
      expect(emu.admin.records('Prospect__c').map((r) => r.Name)).toEqual(['Uno']);

      emu.admin.insert('Lead', [
        { LastName: 'A', Company: 'X', Prospect_Id__c: 'shared' },
        { LastName: 'B', Company: 'X', Prospect_Id__c: 'shared' },
      ]);
      const ambiguous = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Lead/Prospect_Id__c/shared', { Title: 'x' });
      expect(ambiguous.status).toBe(300);
      expect(ambiguous.json).toHaveLength(2);
      const unknown = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/Nope__c/p1', { Name: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Nope__c' }]);
      const updateOnly = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/SW_Id__c/p2?updateOnly=true', { Name: 'x' });
      expect(updateOnly.status).toBe(404);
    });

    it('jsforce single upsert returns created and writes the record', async () => {
      const result = (await connect(emu).sobject('Prospect__c').upsert({ SW_Id__c: 'p7', Name: 'Seven' }, 'SW_Id__c')) as SaveResult;
      expect(result).toMatchObject({ success: true, created: true });
      expect(emu.admin.records('Prospect__c')[0]).toMatchObject({ SW_Id__c: 'p7', Name: 'Seven' });
    });

    it('answers 404 for ids that do not exist or are not ids', async () => {
      const missing = await raw(emu, 'GET', `/services/data/v62.0/sobjects/Lead/${unusedId('00Q')}`);
      expect(missing.status).toBe(404);
      const notAnId = await raw(emu, 'GET', '/services/data/v62.0/sobjects/Lead/xyz');
      expect(notAnId.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: xyz' }]);
    });
  });
});
