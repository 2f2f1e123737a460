import { connect, rejection, startEmulator, type SalesforceEmulator } from './support';

describe('Namespace mode', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ namespace: 'saleswings' });
  });
  afterAll(() => emu.stop());

  it('exposes custom objects, fields and relationships with the namespace prefix', async () => {
    const conn = connect(emu);
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['saleswings__Prospect__c', 'saleswings__SW_Match__e', 'Lead']));
    expect(names).not.toContain('Prospect__c');
    const lead = await conn.sobject('Lead').describe();
    expect(lead.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['saleswings__Prospect_Id__c', 'saleswings__Lead_Score__c', 'Email']));
  });

  it('writes and queries namespaced names, including relationship paths and child relationships', async () => {
    const conn = connect(emu);
    const res = (await conn.sobject('saleswings__Prospect__c').upsert([{ saleswings__SW_Id__c: 'p1', Name: 'P' }], 'saleswings__SW_Id__c')) as Array<{ success: boolean; created: boolean }>;
    expect(res[0]).toMatchObject({ success: true, created: true });
    await conn.sobject('saleswings__SW_Prospect_Tag__c').upsert(
      [{ saleswings__Key__c: 'p1:t1', Name: 'T', saleswings__Prospect__r: { saleswings__SW_Id__c: 'p1' } } as never],
      'saleswings__Key__c',
    );
    const q = await conn.query<Record<string, unknown>>(
      "SELECT saleswings__SW_Id__c, (SELECT saleswings__Key__c FROM saleswings__Prospect_Tags__r) FROM saleswings__Prospect__c WHERE saleswings__SW_Id__c = 'p1'",
    );
    expect(q.records[0]).toMatchObject({ saleswings__SW_Id__c: 'p1', saleswings__Prospect_Tags__r: { totalSize: 1 } });
    const child = await conn.query<Record<string, unknown>>('SELECT saleswings__Prospect__r.saleswings__SW_Id__c FROM saleswings__SW_Prospect_Tag__c');
    expect(child.records[0].saleswings__Prospect__r).toMatchObject({ saleswings__SW_Id__c: 'p1' });
  });

  it('rejects the un-namespaced names', async () => {
    const error = await rejection(connect(emu).query('SELECT Id FROM Prospect__c'));
    expect(error.name).toBe('INVALID_TYPE');
  });

  it('runs the SW_Match__e subscriber with namespaced fields (un-prefixed Fields__c keys resolve in the package namespace)', async () => {
    const conn = connect(emu);
    emu.admin.insert('saleswings__Prospect__c', { Name: 'Ada', saleswings__SW_Id__c: 'p9', saleswings__Lead_Sync_Status__c: 'Pending', saleswings__Contact_Sync_Status__c: 'Matched' });
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    await conn.sobject('saleswings__SW_Match__e').create({
      saleswings__Prospect_Id__c: 'p9',
      saleswings__Record_Id__c: leadId,
      saleswings__Object_Type__c: 'Lead',
      saleswings__Fields__c: JSON.stringify({ saleswings__Lead_Score__c: 5, Tags__c: 'A;B' }),
    });
    await emu.admin.flushEvents();
    expect(emu.admin.records('Lead')[0]).toMatchObject({ saleswings__Lead_Score__c: 5, saleswings__Tags__c: 'A;B' });
    expect(emu.admin.records('saleswings__Prospect__c').find((p) => p.saleswings__SW_Id__c === 'p9')).toMatchObject({
      saleswings__Lead_Sync_Status__c: 'Matched',
      saleswings__Sync_Status__c: 'Processed',
    });
  });
});
