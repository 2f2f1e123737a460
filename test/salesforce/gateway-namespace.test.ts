/**
 * Namespace mode end to end: an org with the managed package (`saleswings__` names) driven by
 * code that only knows the unprefixed names of names.ts.
 */
import { ErrorType } from '../../src/errors';
import { type SalesforceGateway } from '../../src/salesforce/gateway';
import { Lead, MatchEvent, Prospect, ProspectTag, SwTag } from '../../src/salesforce/names';
import { type SalesforceRecord } from '../../src/salesforce/namespace';
import { soqlString } from '../../src/salesforce/soql';
import { type RecordResult } from '../../src/salesforce/write-result';
import { gatewayFor, rejection, startEmulator, type Emulator } from './support';

let emu: Emulator;
let gateway: SalesforceGateway;

beforeAll(async () => {
  emu = await startEmulator({ namespace: 'saleswings' });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(async () => {
  emu.admin.reset();
  gateway = await gatewayFor(emu, { namespace: 'saleswings' });
});

const ns = (name: string): string => `saleswings__${name}`;

function seedTags(): void {
  emu.admin.insert(ns(SwTag.object), [
    { [ns('SW_Id__c')]: 't1', Name: 'T1' },
    { [ns('SW_Id__c')]: 't2', Name: 'T2' },
  ]);
}

const prospectTags = (): SalesforceRecord[] => [
  { Key__c: 'p1:t1', Name: 'T1', Prospect__r: { SW_Id__c: 'p1' }, Tag__r: { SW_Id__c: 't1' } },
  { Key__c: 'p1:t2', Name: 'T2', Prospect__r: { SW_Id__c: 'p1' }, Tag__r: { SW_Id__c: 't2' } },
];

describe('namespace mode', () => {
  it.each(['collections', 'bulk'] as const)('upserts parents and children by external ID through %s with unprefixed names', async (path) => {
    seedTags();
    const parents = await gateway.upsert(
      Prospect.object,
      Prospect.SwId,
      [{ SW_Id__c: 'p1', Name: 'Ada', Email__c: 'ada@example.com', Lifecycle__c: 'Active', My_Unknown__c: undefined }],
      { path },
    );
    expect(parents[0]).toMatchObject({ success: true, created: true });
    const children = await gateway.upsert(ProspectTag.object, ProspectTag.Key, prospectTags(), { path });
    expect(children.map((r) => r.success)).toEqual([true, true]);

    const stored = emu.admin.records(ns(Prospect.object));
    expect(stored[0]).toMatchObject({ [ns('SW_Id__c')]: 'p1', [ns('Email__c')]: 'ada@example.com', Name: 'Ada' });
    expect(emu.admin.records(ns(ProspectTag.object)).map((r) => r[ns('Key__c')]).sort()).toEqual(['p1:t1', 'p1:t2']);
  });

  it('reads relationship paths and sub-queries back without prefixes, literals untouched', async () => {
    seedTags();
    await gateway.upsert(Prospect.object, Prospect.SwId, [{ SW_Id__c: 'p1', Name: 'Email__c', Email__c: 'ada@example.com' }]);
    await gateway.upsert(ProspectTag.object, ProspectTag.Key, prospectTags());
    const [prospect] = await gateway.queryAll<Record<string, unknown>>(
      `SELECT SW_Id__c, Name, (SELECT Key__c, Tag__r.SW_Id__c FROM Prospect_Tags__r ORDER BY Key__c) FROM Prospect__c WHERE Name = ${soqlString('Email__c')}`,
    );
    expect(prospect).toEqual({
      SW_Id__c: 'p1',
      Name: 'Email__c',
      Prospect_Tags__r: {
        totalSize: 2,
        done: true,
        records: [
          { Key__c: 'p1:t1', Tag__r: { SW_Id__c: 't1' } },
          { Key__c: 'p1:t2', Tag__r: { SW_Id__c: 't2' } },
        ],
      },
    });
    const children = await gateway.queryAll('SELECT Key__c, Prospect__r.Email__c FROM SW_Prospect_Tag__c ORDER BY Key__c');
    expect(children).toEqual([
      { Key__c: 'p1:t1', Prospect__r: { Email__c: 'ada@example.com' } },
      { Key__c: 'p1:t2', Prospect__r: { Email__c: 'ada@example.com' } },
    ]);
  });

  it('writes package fields on standard objects and leaves standard fields alone', async () => {
    const leadId = emu.admin.insert('Lead', { LastName: 'L', Company: 'C', Email: 'l@example.com' });
    const results = await gateway.update(Lead.object, [{ Id: leadId, Prospect_Id__c: 'p1', Tags__c: 'a;b', FirstName: 'Lia' }]);
    expect(results[0].success).toBe(true);
    expect(emu.admin.records('Lead')[0]).toMatchObject({ [ns('Prospect_Id__c')]: 'p1', [ns('Tags__c')]: 'a;b', FirstName: 'Lia' });
    const [lead] = await gateway.queryAll(`SELECT Email, Prospect_Id__c FROM Lead WHERE Prospect_Id__c = 'p1'`);
    expect(lead).toEqual({ Email: 'l@example.com', Prospect_Id__c: 'p1' });
  });

  it('reports per-record error fields without the prefix on both paths', async () => {
    emu.admin.addValidationRule({ object: ns(Prospect.object), name: 'Cap', condition: `${ns('Lead_Score__c')} > 10`, message: 'Too high', field: ns('Lead_Score__c') });
    const run = (path: 'collections' | 'bulk'): Promise<RecordResult[]> =>
      gateway.upsert(Prospect.object, Prospect.SwId, [{ SW_Id__c: 'x', Name: 'X', Lead_Score__c: 50 }], { path });
    for (const path of ['collections', 'bulk'] as const) {
      const [result] = await run(path);
      expect(result.errors).toEqual([{ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Too high', fields: ['Lead_Score__c'] }]);
    }
  });

  it('describes and checks fields by their unprefixed names', async () => {
    const problems = await gateway.checkFields(Lead.object, [Lead.ProspectId, Lead.Tags, 'Customer_Field__c', Lead.Email]);
    expect(problems).toEqual([{ object: 'Lead', field: 'Customer_Field__c', problem: 'missing' }]);
    const fields = await gateway.describeFields(Prospect.object);
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['SW_Id__c', 'Email__c', 'Name']));
  });

  it('publishes the package platform event', async () => {
    const results = await gateway.publish(MatchEvent.object, [
      { Prospect_Id__c: 'p1', Record_Id__c: '00Q000000000000AAA', Object_Type__c: 'Lead', Fields__c: '{}' },
    ]);
    expect(results[0].success).toBe(true);
    expect(emu.admin.publishedEvents(ns(MatchEvent.object)).map((e) => e.payload[ns('Prospect_Id__c')])).toEqual(['p1']);
  });

  it('without the namespace setting the package objects are unknown: a ValidationError', async () => {
    const unprefixed = await gatewayFor(emu);
    const error = await rejection(unprefixed.queryAll('SELECT Id FROM Prospect__c'));
    expect(error.type).toBe(ErrorType.Validation);
    expect(error.code).toBe('INVALID_TYPE');
  });
});
