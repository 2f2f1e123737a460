import { parse } from 'csv-parse/sync';
import { connect, raw, rejection, rest, sleep, startEmulator, type SalesforceEmulator } from './support';

describe('Bulk API 2.0 query and the jsforce bulk2 client', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ bulkProcessingDelayMs: 10 });
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  async function completed(jobId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i += 1) {
      const info = await rest<Record<string, unknown>>(connect(emu), 'GET', `/jobs/query/${jobId}`);
      if (info.state === 'JobComplete' || info.state === 'Failed') return info;
      await sleep(5);
    }
    throw new Error('query job did not finish');
  }

  it('pages results with Sforce-Locator and Sforce-NumberOfRecords, repeating the header', async () => {
    const account = emu.admin.insert('Account', { Name: 'Acme, Inc' });
    emu.admin.insert('Contact', Array.from({ length: 5 }, (_v, i) => ({ LastName: `C${i}`, Email: i === 0 ? null : `c${i}@example.com`, AccountId: account })));
    const job = await rest<{ id: string; state: string }>(connect(emu), 'POST', '/jobs/query', { operation: 'query', query: 'SELECT LastName, Email, Account.Name FROM Contact ORDER BY LastName' });
    expect(job.state).toBe('UploadComplete');
    const info = await completed(job.id);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 5 });
    const first = await raw(emu, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=3`);
    expect(first.headers.get('content-type')).toBe('text/csv');
    expect(first.headers.get('sforce-numberofrecords')).toBe('3');
    const locator = first.headers.get('sforce-locator')!;
    expect(locator).not.toBe('null');
    expect(parse(first.text, { columns: true })).toEqual([
      { LastName: 'C0', Email: '', 'Account.Name': 'Acme, Inc' },
      { LastName: 'C1', Email: 'c1@example.com', 'Account.Name': 'Acme, Inc' },
      { LastName: 'C2', Email: 'c2@example.com', 'Account.Name': 'Acme, Inc' },
    ]);
    const second = await raw(emu, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=3&locator=${locator}`);
    expect(second.headers.get('sforce-locator')).toBe('null');
    expect((parse(second.text, { columns: true }) as Array<{ LastName: string }>).map((r) => r.LastName)).toEqual(['C3', 'C4']);
  });

  it('includes deleted rows for queryAll and refuses sub-queries', async () => {
    const id = emu.admin.insert('Lead', { LastName: 'Gone', Company: 'C' });
    emu.admin.delete(id);
    const job = await rest<{ id: string }>(connect(emu), 'POST', '/jobs/query', { operation: 'queryAll', query: 'SELECT Id, IsDeleted FROM Lead' });
    await completed(job.id);
    const page = await raw(emu, 'GET', `/services/data/v62.0/jobs/query/${job.id}/results`);
    expect(parse(page.text, { columns: true })).toEqual([{ Id: id, IsDeleted: 'true' }]);
    const error = await rejection(rest(connect(emu), 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }));
    expect(error.name).toBe('MALFORMED_QUERY');
  });

  it('works with jsforce bulk2.query for a single page', async () => {
    emu.admin.insert('Lead', [{ LastName: 'A', Company: 'C' }, { LastName: 'B', Company: 'C' }]);
    const conn = connect(emu);
    conn.bulk2.pollInterval = 10;
    const stream = await conn.bulk2.query('SELECT LastName FROM Lead ORDER BY LastName');
    const records: Array<Record<string, unknown>> = [];
    for await (const r of stream) records.push(r as Record<string, unknown>);
    expect(records.map((r) => r.LastName)).toEqual(['A', 'B']);
  });

  it('works with jsforce bulk2.loadAndWaitForResults for ingest', async () => {
    const conn = connect(emu);
    conn.bulk2.pollInterval = 10;
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'Prospect__c',
      operation: 'upsert',
      externalIdFieldName: 'SW_Id__c',
      input: [
        { SW_Id__c: 'p1', Name: 'One', Lead_Score__c: 1 },
        { SW_Id__c: 'p2', Name: 'Two', Lead_Score__c: 'x' },
      ],
      pollInterval: 10,
      pollTimeout: 10_000,
    });
    expect(res.successfulResults.map((r) => r.sf__Created)).toEqual(['true']);
    expect(res.failedResults.map((r) => String(r.sf__Error).split(':')[0])).toEqual(['INVALID_TYPE_ON_FIELD_IN_RECORD']);
    expect(emu.admin.records('Prospect__c').map((r) => r.SW_Id__c)).toEqual(['p1']);
  });
});
