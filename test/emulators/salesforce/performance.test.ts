import { connect, rest, sleep, startEmulator, type SalesforceEmulator } from './support';

const PROSPECTS = Number(process.env.SF_EMULATOR_PERF_PROSPECTS ?? 20_000);

describe(`Benchmark-scale data (${PROSPECTS} prospects)`, () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ bulkProcessingDelayMs: 1 });
  });
  afterAll(() => emu.stop());

  it('ingests prospects, tags and leads through Bulk API 2.0 and answers indexed queries quickly', async () => {
    const conn = connect(emu);
    const started = Date.now();
    emu.admin.insert('SW_Tag__c', [{ Name: 'T1', SW_Id__c: 't1' }]);
    const runJob = async (object: string, externalIdFieldName: string, csv: string) => {
      const job = await rest<{ id: string }>(conn, 'POST', '/jobs/ingest', { object, operation: 'upsert', externalIdFieldName });
      await conn.request({ method: 'PUT', url: `/services/data/v62.0/jobs/ingest/${job.id}/batches`, body: csv, headers: { 'Content-Type': 'text/csv' } });
      await rest(conn, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' });
      for (;;) {
        const info = await rest<{ state: string; numberRecordsFailed: number; numberRecordsProcessed: number }>(conn, 'GET', `/jobs/ingest/${job.id}`);
        if (info.state === 'JobComplete') return info;
        if (info.state === 'Failed') throw new Error('job failed');
        await sleep(20);
      }
    };
    const ids = Array.from({ length: PROSPECTS }, (_v, i) => i);
    const prospects = await runJob('Prospect__c', 'SW_Id__c', `SW_Id__c,Name,Email__c,Lead_Score__c\n${ids.map((i) => `p${i},P ${i},p${i}@example.com,${i % 100}`).join('\n')}\n`);
    expect(prospects).toMatchObject({ numberRecordsProcessed: PROSPECTS, numberRecordsFailed: 0 });
    const tags = await runJob('SW_Prospect_Tag__c', 'Key__c', `Key__c,Name,Prospect__r.SW_Id__c,Tag__r.SW_Id__c\n${ids.map((i) => `p${i}:t1,T1,p${i},t1`).join('\n')}\n`);
    expect(tags).toMatchObject({ numberRecordsProcessed: PROSPECTS, numberRecordsFailed: 0 });
    const leads = await runJob('Lead', 'Prospect_Id__c', `Prospect_Id__c,LastName,Company,Email\n${ids.map((i) => `p${i},L${i},C,P${i}@EXAMPLE.com`).join('\n')}\n`);
    expect(leads).toMatchObject({ numberRecordsFailed: 0 });
    const ingestMs = Date.now() - started;

    const queryStarted = Date.now();
    const emails = ids.slice(0, 200).map((i) => `'p${i * 7}@example.com'`).join(',');
    for (let k = 0; k < 20; k += 1) {
      const res = await conn.query(`SELECT Id, Email FROM Lead WHERE Email IN (${emails})`);
      expect(res.totalSize).toBe(200);
    }
    const indexedMs = Date.now() - queryStarted;
    const all = await conn.query('SELECT Id, Key__c, Prospect__r.SW_Id__c FROM SW_Prospect_Tag__c', { autoFetch: true, maxFetch: PROSPECTS * 2 } as never);
    expect(all.records).toHaveLength(PROSPECTS);
    expect(emu.admin.records('Prospect__c')).toHaveLength(PROSPECTS);
    // Generous bounds for a shared 2-core machine; they catch O(n²) paths, not micro-regressions.
    expect(ingestMs).toBeLessThan(PROSPECTS * 1.5);
    expect(indexedMs).toBeLessThan(2_000);
  }, 300_000);
});
