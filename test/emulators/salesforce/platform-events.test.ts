import { connect, rest, sleep, startEmulator, type SalesforceEmulator } from './support';

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }> };

describe('Platform events and the SW_Match__e subscriber', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ eventDeliveryDelayMs: 250 });
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  const seed = () => {
    emu.admin.insert('Prospect__c', { Name: 'Ada', SW_Id__c: 'p1', Lead_Sync_Status__c: 'Pending', Contact_Sync_Status__c: 'No Match', Sync_Status__c: 'Not Processed' });
    return emu.admin.insert('Lead', { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' });
  };

  const event = (recordId: string, fields: Record<string, unknown> | string, type = 'Lead') => ({
    Prospect_Id__c: 'p1',
    Record_Id__c: recordId,
    Object_Type__c: type,
    Fields__c: typeof fields === 'string' ? fields : JSON.stringify(fields),
  });

  it('accepts a publish with success plus an OPERATION_ENQUEUED entry carrying the event UUID', async () => {
    const leadId = seed();
    const result = (await connect(emu).sobject('SW_Match__e').create(event(leadId, { Lead_Score__c: 1 }))) as SaveResult;
    expect(result.success).toBe(true);
    expect(result.id).toMatch(/^e0/);
    expect(result.errors).toEqual([{ statusCode: 'OPERATION_ENQUEUED', message: expect.stringMatching(/^[0-9a-f-]{36}$/), fields: [] }]);
    expect(emu.admin.publishedEvents('SW_Match__e')).toEqual([expect.objectContaining({ id: result.id, uuid: result.errors[0].message, replayId: 1 })]);
  });

  it('delivers asynchronously: the subscriber applies Fields__c and marks the side Matched', async () => {
    const leadId = seed();
    await connect(emu).sobject('SW_Match__e').create([event(leadId, { Lead_Score__c: 42, Temperature__c: 'HOT', Prospect_Id__c: 'p1', Last_Visit__c: '2024-05-01T08:00:00Z' })]);
    // Not yet delivered right after the publishing request.
    expect(emu.admin.records('Lead')[0].Lead_Score__c).toBeNull();
    await sleep(500);
    const lead = emu.admin.records('Lead')[0];
    expect(lead).toMatchObject({ Lead_Score__c: 42, Temperature__c: 'HOT', Prospect_Id__c: 'p1', Last_Visit__c: '2024-05-01T08:00:00.000+0000' });
    const prospect = emu.admin.records('Prospect__c')[0];
    expect(prospect).toMatchObject({ Lead_Sync_Status__c: 'Matched', Lead_Sync_Error__c: null, Sync_Status__c: 'Processed' });
  });

  it('writes as the Automated Process user', async () => {
    const leadId = seed();
    await connect(emu).sobject('SW_Match__e').create([event(leadId, { Lead_Score__c: 7 })]);
    await emu.admin.flushEvents();
    const lead = emu.admin.records('Lead')[0];
    const users = emu.admin.query(`SELECT Name FROM User WHERE Id = '${String(lead.LastModifiedById)}'`);
    expect(users).toEqual([expect.objectContaining({ Name: 'Automated Process' })]);
  });

  it('records a failure as CODE: message (record id) with partial success across events', async () => {
    const leadId = seed();
    const converted = emu.admin.insert('Lead', { LastName: 'Old', Company: 'C' });
    emu.admin.convertLead(converted);
    const contactId = emu.admin.insert('Contact', { LastName: 'Hopper', Email: 'grace@example.com' });
    await connect(emu).sobject('SW_Match__e').create([
      event(leadId, { Temperature__c: 'BOILING' }),
      event(converted, { Lead_Score__c: 1 }),
      { ...event(contactId, { Lead_Score__c: 9 }, 'Contact') },
    ]);
    await emu.admin.flushEvents();
    const prospect = emu.admin.records('Prospect__c')[0];
    expect(prospect.Lead_Sync_Status__c).toBe('Failed');
    expect(prospect.Lead_Sync_Error__c).toBe(
      `INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Temperature: bad value for restricted picklist field: BOILING (${leadId})\nCANNOT_UPDATE_CONVERTED_LEAD: cannot reference converted lead (${converted})`,
    );
    expect(prospect.Contact_Sync_Status__c).toBe('Matched');
    expect(prospect.Sync_Status__c).toBe('Not Processed');
    expect(emu.admin.records('Contact').find((c) => c.Id === contactId)!.Lead_Score__c).toBe(9);
  });

  it('marks a failing side Gave Up once its attempts have reached 30', async () => {
    const leadId = seed();
    const prospectId = emu.admin.records('Prospect__c')[0].Id as string;
    emu.admin.update('Prospect__c', { Id: prospectId, Lead_Sync_Attempts__c: 30 });
    emu.admin.addValidationRule({ object: 'Lead', name: 'Never', condition: "LastName = 'Lovelace'", message: 'rejected' });
    await connect(emu).sobject('SW_Match__e').create([event(leadId, { Lead_Score__c: 5 })]);
    await emu.admin.flushEvents();
    expect(emu.admin.records('Prospect__c')[0]).toMatchObject({ Lead_Sync_Status__c: 'Gave Up', Sync_Status__c: 'Processed' });
    expect(String(emu.admin.records('Prospect__c')[0].Lead_Sync_Error__c)).toContain(`FIELD_CUSTOM_VALIDATION_EXCEPTION: rejected (${leadId})`);
  });

  it('reports unknown fields, bad JSON and bad ids without touching the record', async () => {
    const leadId = seed();
    await connect(emu).sobject('SW_Match__e').create([event(leadId, { Nope__c: 1 })]);
    await emu.admin.flushEvents();
    expect(emu.admin.records('Prospect__c')[0].Lead_Sync_Error__c).toBe(`INVALID_FIELD: No such column 'Nope__c' on sobject of type Lead (${leadId})`);
    await connect(emu).sobject('SW_Match__e').create([event(leadId, '{not json')]);
    await emu.admin.flushEvents();
    expect(String(emu.admin.records('Prospect__c')[0].Lead_Sync_Error__c)).toMatch(/^JSON_PARSER_ERROR: .* \(00Q/);
    await connect(emu).sobject('SW_Match__e').create([event('garbage', { Lead_Score__c: 1 })]);
    await emu.admin.flushEvents();
    expect(emu.admin.records('Prospect__c')[0].Lead_Sync_Error__c).toBe('MALFORMED_ID: Invalid id: garbage (garbage)');
  });

  it('applies validation rules to subscriber writes', async () => {
    const leadId = seed();
    emu.admin.addValidationRule({ object: 'Lead', name: 'Cap', condition: 'Lead_Score__c > 100', message: 'Too high' });
    await connect(emu).sobject('SW_Match__e').create([event(leadId, { Lead_Score__c: 500 })]);
    await emu.admin.flushEvents();
    expect(emu.admin.records('Prospect__c')[0].Lead_Sync_Error__c).toBe(`FIELD_CUSTOM_VALIDATION_EXCEPTION: Too high (${leadId})`);
  });

  it('publishes nothing when an allOrNone request is rolled back (PublishAfterCommit)', async () => {
    const leadId = seed();
    const res = await rest<Array<{ success: boolean }>>(connect(emu), 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'SW_Match__e' }, ...event(leadId, { Lead_Score__c: 3 }) },
        { attributes: { type: 'Lead' }, LastName: 'missing company' },
      ],
    });
    expect(res.map((r) => r.success)).toEqual([false, false]);
    await emu.admin.flushEvents();
    expect(emu.admin.publishedEvents()).toEqual([]);
    expect(emu.admin.records('Lead')[0].Lead_Score__c).toBeNull();
  });

  it('is not queryable', async () => {
    await expect(connect(emu).query('SELECT Id FROM SW_Match__e')).rejects.toMatchObject({ name: 'INVALID_TYPE' });
  });
});
