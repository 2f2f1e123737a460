import { connect, startEmulator, type SalesforceEmulator } from './support';

type Field = { name: string; type: string; length: number; nillable: boolean; unique: boolean; externalId: boolean; idLookup: boolean; caseSensitive: boolean; referenceTo: string[]; relationshipName: string | null; picklistValues: Array<{ value: string }>; createable: boolean; updateable: boolean; defaultedOnCreate: boolean; restrictedPicklist: boolean; cascadeDelete: boolean; precision: number; scale: number };

describe('Describe', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.stop());

  it('lists standard and custom objects with key prefixes in the global describe', async () => {
    const global = await connect(emu).describeGlobal();
    const byName = new Map(global.sobjects.map((o) => [o.name, o]));
    expect(byName.get('Lead')).toMatchObject({ keyPrefix: '00Q', custom: false, queryable: true });
    expect(byName.get('Account')!.keyPrefix).toBe('001');
    expect(byName.get('Contact')!.keyPrefix).toBe('003');
    expect(byName.get('Opportunity')!.keyPrefix).toBe('006');
    expect(byName.get('User')!.keyPrefix).toBe('005');
    expect(byName.get('Prospect__c')).toMatchObject({ custom: true, label: 'SW Prospect', keyPrefix: expect.stringMatching(/^a\w\w$/) });
    expect(byName.get('SW_Match__e')).toMatchObject({ custom: true, queryable: false, createable: true });
  });

  it('describes fields with type, length, flags, references and picklists', async () => {
    const describe = await connect(emu).sobject('SW_Prospect_Tag__c').describe();
    const fields = new Map((describe.fields as unknown as Field[]).map((f) => [f.name, f]));
    expect(fields.get('Key__c')).toMatchObject({ type: 'string', length: 140, unique: true, externalId: true, idLookup: true, caseSensitive: false, nillable: true });
    expect(fields.get('Prospect__c')).toMatchObject({ type: 'reference', referenceTo: ['Prospect__c'], relationshipName: 'Prospect__r', nillable: false, cascadeDelete: true, updateable: false, createable: true });
    expect(fields.get('Tag__c')).toMatchObject({ type: 'reference', referenceTo: ['SW_Tag__c'], relationshipName: 'Tag__r', nillable: true });
    expect(fields.has('OwnerId')).toBe(false);
    const prospect = new Map(((await connect(emu).sobject('Prospect__c').describe()).fields as unknown as Field[]).map((f) => [f.name, f]));
    expect(prospect.get('Temperature__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(prospect.get('Temperature__c')!.picklistValues.map((v) => v.value)).toEqual(['HOT', 'WARM', 'NORMAL', 'COLD', 'FROZEN']);
    expect(prospect.get('Lead_Sync_Attempts__c')).toMatchObject({ type: 'double', precision: 3, scale: 0, defaultedOnCreate: true });
    expect(prospect.get('Favorite__c')).toMatchObject({ type: 'boolean', nillable: false, defaultedOnCreate: true });
    expect(prospect.get('Tags__c')).toMatchObject({ type: 'textarea', length: 32768 });
    expect(prospect.get('Id')).toMatchObject({ type: 'id', createable: false, idLookup: true });
  });

  it('lists child relationships with cascadeDelete', async () => {
    const describe = await connect(emu).sobject('Prospect__c').describe();
    const rels = new Map(describe.childRelationships.map((c) => [c.relationshipName, c]));
    expect(rels.get('Prospect_Tags__r')).toMatchObject({ childSObject: 'SW_Prospect_Tag__c', field: 'Prospect__c', cascadeDelete: true });
    expect(rels.get('Prospect_Scores__r')).toMatchObject({ childSObject: 'Prospect_Score__c', field: 'Prospect__c', cascadeDelete: false });
    const account = await connect(emu).sobject('Account').describe();
    expect(account.childRelationships.map((c) => c.relationshipName)).toEqual(expect.arrayContaining(['Contacts', 'Opportunities', 'SW_Account_Tags__r', 'SW_Account_Scores__r']));
  });

  it('describes standard objects with their required and read-only fields', async () => {
    const lead = new Map(((await connect(emu).sobject('Lead').describe()).fields as unknown as Field[]).map((f) => [f.name, f]));
    expect(lead.get('LastName')).toMatchObject({ nillable: false, createable: true });
    expect(lead.get('Company')).toMatchObject({ nillable: false });
    expect(lead.get('IsConverted')).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    expect(lead.get('Email')).toMatchObject({ type: 'email', idLookup: true });
    expect(lead.get('Prospect_Id__c')).toMatchObject({ externalId: true, unique: false });
    expect(lead.get('Name')).toMatchObject({ updateable: false });
    expect(lead.get('SW_Sync_Fingerprint__c')).toMatchObject({ type: 'string', length: 64 });
  });

  it('exposes the AutoNumber name of SW_Apex_Job__c as read-only', async () => {
    const job = new Map(((await connect(emu).sobject('SW_Apex_Job__c').describe()).fields as unknown as Field[]).map((f) => [f.name, f]));
    expect(job.get('Name')).toMatchObject({ type: 'string', createable: false, updateable: false });
    expect(job.get('Steps__c')).toMatchObject({ length: 131072 });
  });
});
