import { parse } from 'csv-parse/sync';
import type { Connection } from 'jsforce';
import { connect, rejection, rest, sleep, startEmulator, type SalesforceEmulator } from './support';

type JobInfo = { id: string; state: string; numberRecordsProcessed: number; numberRecordsFailed: number; errorMessage?: string; contentUrl: string; object: string; operation: string };

async function createJob(conn: Connection, body: Record<string, unknown>): Promise<JobInfo> {
  return rest<JobInfo>(conn, 'POST', '/jobs/ingest', body);
}

async function upload(conn: Connection, jobId: string, csv: string): Promise<unknown> {
  return conn.request({ method: 'PUT', url: `/services/data/v62.0/jobs/ingest/${jobId}/batches`, body: csv, headers: { 'Content-Type': 'text/csv' } });
}

async function close(conn: Connection, jobId: string): Promise<JobInfo> {
  return rest<JobInfo>(conn, 'PATCH', `/jobs/ingest/${jobId}`, { state: 'UploadComplete' });
}

async function waitFor(conn: Connection, jobId: string): Promise<{ states: string[]; info: JobInfo }> {
  const states: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const info = await rest<JobInfo>(conn, 'GET', `/jobs/ingest/${jobId}`);
    if (states[states.length - 1] !== info.state) states.push(info.state);
    if (['JobComplete', 'Failed', 'Aborted'].includes(info.state)) return { states, info };
    await sleep(5);
  }
  throw new Error('job did not finish');
}

async function results(conn: Connection, jobId: string, kind: string): Promise<Array<Record<string, string>>> {
  const text = await conn.request<string>({ method: 'GET', url: `/services/data/v62.0/jobs/ingest/${jobId}/${kind}` });
  return typeof text === 'string' ? (parse(text, { columns: true }) as Array<Record<string, string>>) : (text as Array<Record<string, string>>);
}

async function runJob(conn: Connection, body: Record<string, unknown>, csv: string) {
  const job = await createJob(conn, body);
  await upload(conn, job.id, csv);
  const closed = await close(conn, job.id);
  const done = await waitFor(conn, job.id);
  return { job, closed, ...done };
}

describe('Bulk API 2.0 ingest', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ bulkProcessingDelayMs: 20 });
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  it('runs a job Open → UploadComplete → InProgress → JobComplete with per-record results', async () => {
    const conn = connect(emu);
    emu.admin.insert('Prospect__c', { Name: 'Old', SW_Id__c: 'p1' });
    const job = await createJob(conn, { object: 'Prospect__c', operation: 'upsert', externalIdFieldName: 'SW_Id__c', contentType: 'CSV', lineEnding: 'LF' });
    expect(job).toMatchObject({ state: 'Open', object: 'Prospect__c', operation: 'upsert', contentUrl: `services/data/v62.0/jobs/ingest/${job.id}/batches` });
    expect(job.id).toMatch(/^750/);
    await upload(conn, job.id, 'SW_Id__c,Name,Temperature__c,Lead_Score__c\np1,Renamed,HOT,5\np2,"Comma, Inc",#N/A,\np3,Bad,BOILING,1\n');
    const closed = await close(conn, job.id);
    expect(closed.state).toBe('UploadComplete');
    const { states, info } = await waitFor(conn, job.id);
    // The states a poller sees move forward only (how many it sees depends on its timing).
    const order = ['UploadComplete', 'InProgress', 'JobComplete'];
    expect(states.map((state) => order.indexOf(state))).toEqual([...states.map((state) => order.indexOf(state))].sort((a, b) => a - b));
    expect(states.every((state) => order.includes(state))).toBe(true);
    expect(states[states.length - 1]).toBe('JobComplete');
    expect(info).toMatchObject({ numberRecordsProcessed: 3, numberRecordsFailed: 1 });

    const ok = await results(conn, job.id, 'successfulResults');
    expect(ok.map((r) => [r.SW_Id__c, r.sf__Created])).toEqual([
      ['p1', 'false'],
      ['p2', 'true'],
    ]);
    const failed = await results(conn, job.id, 'failedResults');
    expect(failed).toEqual([{ sf__Id: '', sf__Error: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Temperature: bad value for restricted picklist field: BOILING:Temperature__c --', SW_Id__c: 'p3', Name: 'Bad', Temperature__c: 'BOILING', Lead_Score__c: '1' }]);
    const rows = new Map(emu.admin.records('Prospect__c').map((r) => [r.SW_Id__c, r]));
    expect(rows.get('p1')).toMatchObject({ Name: 'Renamed', Temperature__c: 'HOT', Lead_Score__c: 5 });
    expect(rows.get('p2')).toMatchObject({ Name: 'Comma, Inc', Temperature__c: null, Lead_Score__c: null });
    expect(await results(conn, job.id, 'unprocessedrecords')).toEqual([]);
  });

  it('rejects an empty upload with 400 and leaves the job Open', async () => {
    const conn = connect(emu);
    const job = await createJob(conn, { object: 'Prospect__c', operation: 'insert' });
    const error = await rejection(upload(conn, job.id, ''));
    expect(error.name).toBe('INVALIDBATCH');
    const info = await rest<JobInfo>(conn, 'GET', `/jobs/ingest/${job.id}`);
    expect(info.state).toBe('Open');
  });

  it('exposes jsforce 3.10.16 re-uploading an empty body after a 503 on PUT: the empty retry is refused', async () => {
    const conn = connect(emu);
    const job = conn.bulk2.createJob({ object: 'Lead', operation: 'insert' });
    await job.open();
    emu.admin.setFaults({ unavailable: [{ kind: 'bulk-ingest-upload', times: 1 }] });
    const error = await rejection(job.uploadData('LastName,Company\nA,B\n'));
    expect(error.message).toContain('empty');
    expect(emu.admin.counters().byKind['bulk-ingest-upload']).toBe(1);
    const info = emu.admin.bulkJobs().find((j) => j.id === job.id)!;
    expect(info.state).toBe('Open');
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  it('resolves Parent__r.Ext__c columns and treats #N/A as null, an empty cell as unchanged', async () => {
    const conn = connect(emu);
    const prospect = emu.admin.insert('Prospect__c', { Name: 'P', SW_Id__c: 'p1' });
    const tag = emu.admin.insert('SW_Tag__c', { Name: 'T', SW_Id__c: 't1' });
    emu.admin.insert('SW_Prospect_Tag__c', { Name: 'Keep', Key__c: 'p1:t0', Prospect__c: prospect, Tag__c: tag });
    const { info } = await runJob(
      conn,
      { object: 'SW_Prospect_Tag__c', operation: 'upsert', externalIdFieldName: 'Key__c' },
      'Id,Key__c,Name,Prospect__r.SW_Id__c,Tag__r.SW_Id__c\n,p1:t1,T1,p1,t1\n,p1:t0,,p1,#N/A\n,p1:t9,T9,nope,t1\n',
    );
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1 });
    const rows = new Map(emu.admin.records('SW_Prospect_Tag__c').map((r) => [r.Key__c, r]));
    expect(rows.get('p1:t1')).toMatchObject({ Name: 'T1', Prospect__c: prospect, Tag__c: tag });
    expect(rows.get('p1:t0')).toMatchObject({ Name: 'Keep', Tag__c: null });
    const failed = await results(conn, info.id, 'failedResults');
    expect(failed[0].sf__Error).toBe('INVALID_FIELD:Foreign key external ID: nope not found for field SW_Id__c in entity Prospect__c: --');
  });

  it('fails the job when a column is unknown', async () => {
    const conn = connect(emu);
    const { info } = await runJob(conn, { object: 'Lead', operation: 'insert' }, 'LastName,Company,Nope__c\nA,B,C\n');
    expect(info).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Nope__c' });
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  it('updates, deletes and hard-deletes by Id', async () => {
    const conn = connect(emu);
    const ids = emu.admin.insert('Lead', [
      { LastName: 'A', Company: 'C' },
      { LastName: 'B', Company: 'C' },
      { LastName: 'C', Company: 'C' },
    ]);
    const upd = await runJob(conn, { object: 'Lead', operation: 'update' }, `Id,Title\n${ids[0]},CEO\n,CTO\n`);
    expect(upd.info).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect((await results(conn, upd.job.id, 'failedResults'))[0].sf__Error).toBe('MISSING_ARGUMENT:Id not specified in an update call: --');
    await runJob(conn, { object: 'Lead', operation: 'delete' }, `Id\n${ids[1]}\n`);
    await runJob(conn, { object: 'Lead', operation: 'hardDelete' }, `Id\n${ids[2]}\n`);
    const all = emu.admin.records('Lead', { includeDeleted: true });
    expect(all.map((r) => [r.LastName, r.IsDeleted, r.Title])).toEqual([
      ['A', false, 'CEO'],
      ['B', true, null],
    ]);
  });

  it('aborts an open job and reports its data as unprocessed', async () => {
    const conn = connect(emu);
    const job = await createJob(conn, { object: 'Lead', operation: 'insert' });
    await upload(conn, job.id, 'LastName,Company\nA,B\n');
    const aborted = await rest<JobInfo>(conn, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'Aborted' });
    expect(aborted.state).toBe('Aborted');
    expect(await results(conn, job.id, 'unprocessedrecords')).toEqual([{ LastName: 'A', Company: 'B' }]);
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  it('lists and deletes jobs', async () => {
    const conn = connect(emu);
    const { job } = await runJob(conn, { object: 'Lead', operation: 'insert' }, 'LastName,Company\nA,B\n');
    const list = await rest<{ records: JobInfo[]; done: boolean }>(conn, 'GET', '/jobs/ingest');
    expect(list.records.map((j) => j.id)).toEqual([job.id]);
    await conn.request({ method: 'DELETE', url: `/services/data/v62.0/jobs/ingest/${job.id}` });
    expect((await rest<{ records: JobInfo[] }>(conn, 'GET', '/jobs/ingest')).records).toEqual([]);
  });

  it('validates job creation (upsert needs an external id field)', async () => {
    const conn = connect(emu);
    const error = await rejection(createJob(conn, { object: 'Prospect__c', operation: 'upsert' }));
    expect(error.name).toBe('INVALIDJOB');
    const unknown = await rejection(createJob(conn, { object: 'Nope__c', operation: 'insert' }));
    expect(unknown.message).toContain('Unable to find object: Nope__c');
  });

  it('leaves the same org state and the same per-record errors as Collections for the same write', async () => {
    const conn = connect(emu);
    const rows: Array<Record<string, string>> = [
      { SW_Id__c: 'a', Name: 'A', Email__c: 'a@example.com' },
      { SW_Id__c: 'b', Name: 'B', Email__c: 'b@example.com', Lifecycle__c: 'Broken' },
      { SW_Id__c: 'c', Name: 'x'.repeat(90) },
    ];
    const viaCollections = (await conn.sobject('Prospect__c').upsert(rows, 'SW_Id__c')) as Array<{ success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }> }>;
    const stateAfterCollections = emu.admin.records('Prospect__c').map((r) => [r.SW_Id__c, r.Name, r.Email__c, r.Lifecycle__c]);
    emu.admin.reset();
    const csv = `SW_Id__c,Name,Email__c,Lifecycle__c\n${rows.map((r) => `${r.SW_Id__c},${r.Name},${r.Email__c ?? ''},${r.Lifecycle__c ?? ''}`).join('\n')}\n`;
    const { job } = await runJob(conn, { object: 'Prospect__c', operation: 'upsert', externalIdFieldName: 'SW_Id__c' }, csv);
    expect(emu.admin.records('Prospect__c').map((r) => [r.SW_Id__c, r.Name, r.Email__c, r.Lifecycle__c])).toEqual(stateAfterCollections);
    expect(stateAfterCollections).toEqual([['a', 'A', 'a@example.com', null]]);
    const failed = await results(conn, job.id, 'failedResults');
    const collectionErrors = viaCollections.filter((r) => !r.success).map((r) => `${r.errors[0].statusCode}:${r.errors[0].message}:${r.errors[0].fields.join(',')} --`);
    expect(failed.map((f) => f.sf__Error)).toEqual(collectionErrors);
  });

  it('counts each Bulk request as one API call, by kind', async () => {
    const conn = connect(emu);
    emu.admin.resetCounters();
    await runJob(conn, { object: 'Lead', operation: 'insert' }, 'LastName,Company\nA,B\n');
    const { byKind } = emu.admin.counters();
    expect(byKind['bulk-ingest-create']).toBe(1);
    expect(byKind['bulk-ingest-upload']).toBe(1);
    expect(byKind['bulk-ingest-close']).toBe(1);
    expect(byKind['bulk-ingest-poll']).toBeGreaterThanOrEqual(1);
  });
});
