import { connect, rest, startEmulator, unusedId, type SalesforceEmulator } from './support';

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }>; created?: boolean };

describe('DML semantics', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  const create = async (sobject: string, records: Array<Record<string, unknown>>) => (await connect(emu).sobject(sobject).create(records)) as SaveResult[];
  const update = async (sobject: string, records: Array<Record<string, unknown>>) => (await connect(emu).sobject(sobject).update(records as Array<{ Id: string }>)) as SaveResult[];
  const codes = (results: SaveResult[]) => results.map((r) => r.errors[0]?.statusCode ?? 'OK');

  it('reports every per-record error code with Salesforce wording', async () => {
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    const results = await create('Prospect__c', [
      { Name: 'x'.repeat(81) },
      { Name: 'ok', Lifecycle__c: 'Gone' },
      { Name: 'ok', Lead_Sync_Attempts__c: 1000 },
      { Name: 'ok', Lead_Score__c: 'abc' },
      { Name: 'ok', Last_Visit__c: 'yesterday' },
      { Name: 'ok', Favorite__c: 'maybe' },
      { Name: 'ok', SW_Id__c: 'same' },
      { Name: 'ok', SW_Id__c: 'SAME' },
    ]);
    expect(codes(results)).toEqual([
      'STRING_TOO_LONG',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'NUMBER_OUTSIDE_VALID_RANGE',
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
      'OK',
      'DUPLICATE_VALUE',
    ]);
    expect(results[0].errors[0]).toEqual({ statusCode: 'STRING_TOO_LONG', message: `Prospect Name: data value too large: ${'x'.repeat(81)} (max length=80)`, fields: ['Name'] });
    const emails = await create('Contact', [{ LastName: 'x', Email: 'no-at-sign' }, { LastName: 'y', Email: 'ok@example.com' }]);
    expect(emails[0].errors).toEqual([{ statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: no-at-sign', fields: ['Email'] }]);
    expect(emails[1].success).toBe(true);

    const refs = await create('SW_Tag_Segment_Trigger__c', [
      { Name: 't', Key__c: 'k1' },
      { Name: 't', Key__c: 'k2', Prospect_Tag__c: 'garbage', Lead__c: leadId },
      { Name: 't', Key__c: 'k3', Prospect_Tag__c: unusedId('001') },
    ]);
    expect(codes(refs)).toEqual(['REQUIRED_FIELD_MISSING', 'MALFORMED_ID', 'FIELD_INTEGRITY_EXCEPTION']);
    expect(refs[0].errors[0]).toEqual({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Prospect_Tag__c]', fields: ['Prospect_Tag__c'] });
  });

  it('reports INVALID_CROSS_REFERENCE_KEY for a well-formed id that does not exist', async () => {
    const results = await create('Contact', [{ LastName: 'x', AccountId: unusedId('001') }]);
    expect(results[0].errors[0]).toEqual({ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['AccountId'] });
  });

  it('rejects writes to read-only fields with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    const results = await update('Lead', [{ Id: leadId, IsConverted: true, Name: 'x' }]);
    expect(results[0].errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['IsConverted', 'Name'] });
    expect(emu.admin.records('Lead')[0].IsConverted).toBe(false);
  });

  it('reports MALFORMED_ID, INVALID_CROSS_REFERENCE_KEY and ENTITY_IS_DELETED on updates', async () => {
    const [a] = emu.admin.insert('Lead', [{ LastName: 'A', Company: 'C' }]);
    emu.admin.delete(a);
    const results = await update('Lead', [
      { Id: 'bogus', LastName: 'x' },
      { Id: unusedId('00Q'), LastName: 'x' },
      { Id: a, LastName: 'x' },
    ]);
    expect(codes(results)).toEqual(['MALFORMED_ID', 'INVALID_CROSS_REFERENCE_KEY', 'ENTITY_IS_DELETED']);
  });

  it('refuses updates of converted leads with CANNOT_UPDATE_CONVERTED_LEAD', async () => {
    const leadId = emu.admin.insert('Lead', { LastName: 'Lovelace', FirstName: 'Ada', Company: 'Engines', Email: 'ada@example.com', Lead_Score__c: 42, Tags__c: 'Pricing' });
    const { contactId, accountId } = emu.admin.convertLead(leadId);
    const results = await update('Lead', [{ Id: leadId, Lead_Score__c: 1 }]);
    expect(results[0]).toMatchObject({ id: leadId, success: false, errors: [{ statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead', fields: [] }] });
    const lead = emu.admin.records('Lead')[0];
    expect(lead).toMatchObject({ IsConverted: true, ConvertedContactId: contactId, ConvertedAccountId: accountId, Status: 'Closed - Converted', Lead_Score__c: 42 });
    const contact = emu.admin.records('Contact')[0];
    expect(contact).toMatchObject({ Id: contactId, AccountId: accountId, Email: 'ada@example.com', Name: 'Ada Lovelace', Lead_Score__c: 42, Tags__c: 'Pricing' });
    expect(emu.admin.records('Account')[0]).toMatchObject({ Id: accountId, Name: 'Engines' });
  });

  it('applies validation rules (condition true → FIELD_CUSTOM_VALIDATION_EXCEPTION) to every writer', async () => {
    emu.admin.addValidationRule({ object: 'Lead', name: 'NoBlocked', condition: "Email LIKE '%@blocked.example'", message: 'Blocked domain', field: 'Email' });
    emu.admin.addValidationRule({ object: 'Lead', name: 'ScoreCap', condition: 'Lead_Score__c > 100', message: 'Score too high' });
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C', Email: 'ok@example.com' });
    const results = await update('Lead', [
      { Id: leadId, Email: 'x@BLOCKED.example' },
      { Id: leadId, Lead_Score__c: 101 },
      { Id: leadId, Lead_Score__c: 100 },
    ]);
    expect(results.map((r) => r.errors[0] ?? 'OK')).toEqual([
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Blocked domain', fields: ['Email'] },
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Score too high', fields: [] },
      'OK',
    ]);
    expect(() => emu.admin.insert('Lead', { LastName: 'M', Company: 'C', Email: 'y@blocked.example' })).toThrow(/FIELD_CUSTOM_VALIDATION_EXCEPTION/);
    emu.admin.removeValidationRules();
    expect((await update('Lead', [{ Id: leadId, Lead_Score__c: 500 }]))[0].success).toBe(true);
  });

  it('evaluates validation rules on parent fields', async () => {
    emu.admin.addValidationRule({ object: 'Contact', name: 'NoOrphanVip', condition: "Account.Name = 'Closed Co'", message: 'Account is closed' });
    const accountId = emu.admin.insert('Account', { Name: 'Closed Co' });
    const results = await create('Contact', [{ LastName: 'x', AccountId: accountId }, { LastName: 'y' }]);
    expect(codes(results)).toEqual(['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'OK']);
  });

  it('cascades master-detail deletes over several levels and nulls SetNull lookups, keeping rows in the recycle bin', async () => {
    const prospect = emu.admin.insert('Prospect__c', { Name: 'P', SW_Id__c: 'p1' });
    const tag = emu.admin.insert('SW_Tag__c', { Name: 'T', SW_Id__c: 't1' });
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    const prospectTag = emu.admin.insert('SW_Prospect_Tag__c', { Name: 'T', Key__c: 'p1:t1', Prospect__c: prospect, Tag__c: tag });
    const copy = emu.admin.insert('SW_Tag_Segment_Trigger__c', { Name: 'T', Key__c: 'l:t1', Prospect_Tag__c: prospectTag, Lead__c: leadId });
    const score = emu.admin.insert('Prospect_Score__c', { Name: 'S', Key__c: 'p1:s1', Prospect__c: prospect, Score__c: emu.admin.insert('Score__c', { Name: 'S', SW_Id__c: 's1' }) });

    const [result] = (await connect(emu).sobject('Prospect__c').destroy([prospect])) as SaveResult[];
    expect(result).toEqual({ id: prospect, success: true, errors: [] });
    expect(emu.admin.records('SW_Prospect_Tag__c')).toHaveLength(0);
    expect(emu.admin.records('SW_Tag_Segment_Trigger__c')).toHaveLength(0);
    const bin = emu.admin.query(`SELECT Id, IsDeleted FROM SW_Tag_Segment_Trigger__c WHERE Id = '${copy}'`, { includeDeleted: true });
    expect(bin).toEqual([expect.objectContaining({ Id: copy, IsDeleted: true })]);
    // Prospect_Score__c.Prospect__c is a SetNull lookup: the score survives as an orphan.
    expect(emu.admin.records('Prospect_Score__c')).toEqual([expect.objectContaining({ Id: score, Prospect__c: null })]);
    const all = await connect(emu).query("SELECT Id FROM SW_Prospect_Tag__c WHERE Key__c = 'p1:t1'", { scanAll: true } as never);
    expect(all.totalSize).toBe(1);
  });

  it('nulls lookups to a deleted Lead and deletes Contacts with their Account', async () => {
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    const visit = emu.admin.insert('Website_Visit__c', { Name: 'V', Key__c: 'v1', Lead__c: leadId });
    await connect(emu).sobject('Lead').destroy(leadId);
    expect(emu.admin.records('Website_Visit__c')).toEqual([expect.objectContaining({ Id: visit, Lead__c: null })]);

    const accountId = emu.admin.insert('Account', { Name: 'A' });
    emu.admin.insert('Contact', { LastName: 'C', AccountId: accountId });
    await connect(emu).sobject('Account').destroy(accountId);
    expect(emu.admin.records('Contact')).toHaveLength(0);
  });

  it('attributes API writes to the integration user and admin writes to another user', async () => {
    const id = emu.admin.insert('Lead', { LastName: 'L', Company: 'C' });
    const before = emu.admin.records('Lead')[0];
    expect(before.LastModifiedById).not.toBe(emu.integrationUserId);
    await new Promise((r) => setTimeout(r, 5));
    await update('Lead', [{ Id: id, Title: 'CTO' }]);
    const after = emu.admin.records('Lead')[0];
    expect(after.LastModifiedById).toBe(emu.integrationUserId);
    expect(after.CreatedById).toBe(before.CreatedById);
    expect(String(after.SystemModstamp) > String(before.SystemModstamp)).toBe(true);
    const users = await connect(emu).query<{ Id: string; Username: string }>(`SELECT Id, Username FROM User WHERE Id = '${String(before.LastModifiedById)}'`);
    expect(users.records[0].Username).toBe('admin@saleswings.example');
  });

  it('numbers auto-number names and defaults custom Name to the record id', async () => {
    const [job1, job2] = await create('SW_Apex_Job__c', [{ Run_Id__c: 'r1' }, { Run_Id__c: 'r2' }]);
    const [tag] = await create('SW_Tag__c', [{ SW_Id__c: 't1' }]);
    const names = new Map(emu.admin.records('SW_Apex_Job__c').map((r) => [r.Id, r.Name]));
    expect([names.get(job1.id), names.get(job2.id)]).toEqual(['JOB-0000001', 'JOB-0000002']);
    expect(emu.admin.records('SW_Tag__c')[0].Name).toBe(tag.id);
    const refused = await create('SW_Apex_Job__c', [{ Run_Id__c: 'r3', Name: 'mine' }]);
    expect(refused[0].errors[0].statusCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('derives Opportunity.IsClosed from the stage', async () => {
    const accountId = emu.admin.insert('Account', { Name: 'A' });
    const [open, won] = await create('Opportunity', [
      { Name: 'O1', StageName: 'Prospecting', CloseDate: '2030-01-31', AccountId: accountId },
      { Name: 'O2', StageName: 'Closed Won', CloseDate: '2030-01-31', AccountId: accountId },
    ]);
    const rows = new Map(emu.admin.records('Opportunity').map((r) => [r.Id, r]));
    expect(rows.get(open.id)).toMatchObject({ IsClosed: false, CloseDate: '2030-01-31' });
    expect(rows.get(won.id)).toMatchObject({ IsClosed: true, IsWon: true });
    const missing = await create('Opportunity', [{ Name: 'O3' }]);
    expect(missing[0].errors[0].message).toBe('Required fields are missing: [StageName, CloseDate]');
  });

  it('stores DateTime values in Salesforce format and returns them so', async () => {
    const [r] = await create('Prospect__c', [{ Name: 'P', Last_Visit__c: '2024-01-31T12:00:00+02:00' }]);
    const q = await rest<{ records: Array<{ Last_Visit__c: string }> }>(connect(emu), 'GET', `/query?q=${encodeURIComponent(`SELECT Last_Visit__c FROM Prospect__c WHERE Id = '${r.id}'`)}`);
    expect(q.records[0].Last_Visit__c).toBe('2024-01-31T10:00:00.000+0000');
  });
});
