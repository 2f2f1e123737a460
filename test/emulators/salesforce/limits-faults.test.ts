import { Connection } from 'jsforce';
import { connect, raw, rejection, rest, startEmulator, type SalesforceEmulator } from './support';

describe('Limits, counters and fault injection', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ dailyApiLimit: 15_000 });
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  it('sends Sforce-Limit-Info on REST responses (not on the versions root) and jsforce reads it', async () => {
    const conn = connect(emu);
    await conn.query('SELECT Id FROM Lead');
    await conn.query('SELECT Id FROM Lead');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 15_000 });
    const versions = await raw(emu, 'GET', '/services/data');
    expect(versions.headers.get('sforce-limit-info')).toBeNull();
    expect(versions.json).toEqual(expect.arrayContaining([{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }]));
    const limited = await raw(emu, 'GET', '/services/data/v62.0/limits');
    expect(limited.headers.get('sforce-limit-info')).toBe('api-usage=3/15000');
  });

  it('reports DailyApiRequests from the counters in /limits', async () => {
    const conn = connect(emu);
    await conn.query('SELECT Id FROM Lead');
    const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
    expect(limits.DailyApiRequests).toEqual({ Max: 15_000, Remaining: 15_000 - 2 });
    expect(limits.DataStorageMB.Max).toBeGreaterThan(0);
  });

  it('counts requests by kind and resets them', async () => {
    const conn = connect(emu);
    await conn.query('SELECT Id FROM Lead');
    await conn.sobject('Lead').describe();
    await conn.sobject('Lead').create([{ LastName: 'a', Company: 'b' }]);
    await conn.sobject('Lead').create({ LastName: 'a', Company: 'b' });
    expect(emu.admin.counters()).toEqual({ total: 4, byKind: { 'collections-create': 1, describe: 1, query: 1, 'sobject-create': 1 } });
    emu.admin.resetCounters();
    expect(emu.admin.counters()).toEqual({ total: 0, byKind: {} });
  });

  it('answers 503 on chosen routes n times (jsforce retries idempotent GETs through them)', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'query', times: 2 }] });
    const res = await raw(emu, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`);
    expect(res.status).toBe(503);
    const conn = connect(emu);
    const result = await conn.request({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}` }, { retry: { maxRetries: 3, minTimeout: 5 } } as never);
    expect(result).toMatchObject({ totalSize: 0 });
    expect(emu.admin.counters().byKind.query).toBe(1);
  });

  it('fails with 403 REQUEST_LIMIT_EXCEEDED after N calls', async () => {
    emu.admin.setFaults({ requestLimitAfter: 2 });
    const conn = connect(emu);
    await conn.query('SELECT Id FROM Lead');
    await conn.query('SELECT Id FROM Lead');
    const error = await rejection(conn.query('SELECT Id FROM Lead'));
    expect(error.name).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toBe('TotalRequests Limit exceeded.');
    const res = await raw(emu, 'GET', '/services/data/v62.0/limits');
    expect(res.status).toBe(403);
  });

  it('fails with REQUEST_LIMIT_EXCEEDED once the daily allocation is spent', async () => {
    const small = await startEmulator({ dailyApiLimit: 1 });
    try {
      const conn = connect(small);
      await conn.query('SELECT Id FROM Lead');
      expect((await rejection(conn.query('SELECT Id FROM Lead'))).name).toBe('REQUEST_LIMIT_EXCEEDED');
    } finally {
      await small.stop();
    }
  });

  it('reports UNABLE_TO_LOCK_ROW per record on chosen ids, n times', async () => {
    const [a, b] = emu.admin.insert('Lead', [
      { LastName: 'A', Company: 'C' },
      { LastName: 'B', Company: 'C' },
    ]);
    emu.admin.setFaults({ lockedRecords: [{ id: a, times: 1 }] });
    const conn = connect(emu);
    const first = (await conn.sobject('Lead').update([{ Id: a, Title: 'x' }, { Id: b, Title: 'y' }])) as Array<{ success: boolean; errors: Array<{ statusCode: string; message: string }> }>;
    expect(first[0].errors[0]).toEqual({ statusCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${a}`, fields: [] });
    expect(first[1].success).toBe(true);
    const retry = (await conn.sobject('Lead').update([{ Id: a, Title: 'x' }])) as Array<{ success: boolean }>;
    expect(retry[0].success).toBe(true);
    expect(emu.admin.records('Lead').map((l) => l.Title)).toEqual(['x', 'y']);
  });

  it('locks children through their master-detail parent', async () => {
    const prospect = emu.admin.insert('Prospect__c', { Name: 'P', SW_Id__c: 'p1' });
    emu.admin.setFaults({ lockedRecords: [{ id: prospect }] });
    const res = (await connect(emu).sobject('SW_Prospect_Tag__c').create([{ Name: 'T', Key__c: 'k', Prospect__c: prospect }])) as Array<{ errors: Array<{ statusCode: string }> }>;
    expect(res[0].errors[0].statusCode).toBe('UNABLE_TO_LOCK_ROW');
    expect(emu.admin.records('SW_Prospect_Tag__c')).toHaveLength(0);
  });

  it('expires every session: 401 with INVALID_SESSION_ID, and a refreshFn recovers', async () => {
    const stale = emu.accessToken;
    emu.admin.expireSessions();
    const res = await raw(emu, 'GET', '/services/data/v62.0/limits', undefined, { Authorization: `Bearer ${stale}` });
    expect(res.status).toBe(401);
    expect(res.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    let refreshes = 0;
    const conn = new Connection({
      instanceUrl: emu.url,
      accessToken: stale,
      version: '62.0',
      refreshFn: (_c, cb) => {
        refreshes += 1;
        cb(null, emu.accessToken);
      },
    });
    expect((await conn.query('SELECT Id FROM Lead')).totalSize).toBe(0);
    expect(refreshes).toBe(1);
  });

  it('adds latency per request', async () => {
    emu.admin.setFaults({ latencyMs: 300 });
    const started = Date.now();
    await rest(connect(emu), 'GET', '/limits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    emu.admin.clearFaults();
    const again = Date.now();
    await rest(connect(emu), 'GET', '/limits');
    expect(Date.now() - again).toBeLessThan(295);
  });

  it('answers JSON with application/json;charset=UTF-8 and unknown resources with 404 NOT_FOUND', async () => {
    const res = await raw(emu, 'GET', '/services/data/v62.0/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});
