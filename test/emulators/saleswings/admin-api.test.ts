import { SalesWingsClient } from '../../../src/saleswings/client';
import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../../src/emulators/saleswings/server';

describe('SalesWings emulator admin API', () => {
  let emulator: SalesWingsEmulator;
  let client: SalesWingsClient;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.adminUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, json: (await response.json()) as any };
  };

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator();
  });
  beforeEach(async () => {
    await admin('POST', '/dataset', { generate: { seed: 'admin', prospects: 120, tags: 6, scores: 3 } });
    client = new SalesWingsClient({ baseUrl: emulator.url, token: emulator.token, retryBaseDelayMs: 5 });
  });
  afterEach(() => client.close());
  afterAll(() => emulator.stop());

  test('generating a dataset over HTTP (no token needed) replaces what the API serves', async () => {
    const state = await admin('GET', '/state');
    const dataset = await admin('GET', '/dataset');

    expect(state.json.counts).toMatchObject({ tags: 6, scores: 3, prospects: 120, recordRequests: 0, metrics: 0 });
    const served = [];
    for await (const page of client.prospectPages({ limit: 50 })) served.push(...page.prospects);
    expect(served).toEqual(dataset.json.prospects);
    expect(await client.listTags()).toEqual(dataset.json.tags);
  });

  test('loading a dataset that breaks the contract is refused with the field path', async () => {
    const answer = await admin('POST', '/dataset', { dataset: { tags: [{ id: 't1', name: 'x', archived: 'no', updatedAt: '2025-01-01T00:00:00Z' }], scores: [], prospects: [] } });

    expect(answer.status).toBe(400);
    expect(answer.json.message).toBe('invalid dataset: tags[0].archived: Invalid input: expected boolean, received string (record id t1)');
    expect((await admin('GET', '/state')).json.counts.tags).toBe(6);
  });

  test('loading an explicit dataset serves exactly it', async () => {
    const dataset = {
      tags: [{ id: 't1', name: 'Only tag', archived: false, updatedAt: '2025-01-01T00:00:00Z' }],
      scores: [],
      prospects: [],
      activities: [],
    };

    expect((await admin('POST', '/dataset', { dataset })).status).toBe(200);
    expect(await client.listTags()).toEqual(dataset.tags);
  });

  test('changes simulated over HTTP are reported and served as changed since the previous read', async () => {
    const before = await client.getProspectPage({ limit: 1 });

    const changes = await admin('POST', '/changes', { edit: 4, create: 2, ids: { delete: [before.prospects[0].id] } });
    const changed = await client.getProspectPage({ since: before.serverTime });

    expect(changes.status).toBe(200);
    expect(changes.json.deleted).toEqual([before.prospects[0].id]);
    expect(changed.prospects.map((p) => p.id).sort()).toEqual(changes.json.touchedProspects);
    expect(changed.prospects).toHaveLength(7);
  });

  test('one prospect can be patched over HTTP and moves to the end of the order', async () => {
    const id = emulator.state.prospects()[0].id;

    const patched = await admin('PATCH', `/prospects/${id}`, { email: '  New.Address@Example.test ', favorite: true });
    const bad = await admin('PATCH', `/prospects/${id}`, { lifecycle: 'Zombie' });

    expect(patched.json).toMatchObject({ id, email: '  New.Address@Example.test ', favorite: true });
    expect(emulator.state.prospects().at(-1)).toMatchObject({ id, favorite: true });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^updateProspect p\d+: lifecycle: Invalid option/);
  });

  test('faults are set, listed and cleared over HTTP', async () => {
    const set = await admin('POST', '/faults', { faults: [{ kind: 'status', path: '/scores', status: 503, times: 3 }] });
    const invalid = await admin('POST', '/faults', { faults: [{ kind: 'status', path: '/scores', status: 200 }] });
    const listed = await admin('GET', '/faults');
    await client.listScores();
    const afterOneCall = await admin('GET', '/faults');
    await admin('DELETE', '/faults');

    expect(set.json.faults).toEqual([{ fault: { kind: 'status', path: '/scores', status: 503, times: 3 }, remaining: 3 }]);
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toMatch(/^faults\[0\]\.status: Too small/);
    expect(listed.json.faults).toHaveLength(1);
    expect(afterOneCall.json.faults).toEqual([]);
    expect(client.stats().retries).toBe(3);
    expect((await admin('GET', '/faults')).json.faults).toEqual([]);
  });

  test('records, metrics and request counts received are readable over HTTP', async () => {
    const prospectId = emulator.state.prospects()[0].id;
    const record = { id: '003000000000001AAA', objectType: 'Contact' as const, email: 'x@y.test', favorite: true, name: 'X Y', firstName: 'X', lastName: 'Y', ownerEmail: null, prospectId };
    await client.pushRecords([record, { ...record, id: '003000000000002AAA', prospectId: 'gone' }]);
    await client.pushMetrics({ kind: 'record-counts', connection: 'default', at: '2025-01-01T00:00:00Z', values: { Prospect__c: 120 } });

    const records = await admin('GET', '/received/records');
    const metrics = await admin('GET', '/received/metrics');
    const requests = await admin('GET', '/requests');

    expect(records.json.records).toHaveLength(2);
    expect(records.json.requests[0]).toMatchObject({ accepted: 1, rejected: [{ id: '003000000000002AAA', message: 'unknown prospect gone' }] });
    expect(metrics.json.metrics[0].metrics).toEqual({ kind: 'record-counts', connection: 'default', at: '2025-01-01T00:00:00Z', values: { Prospect__c: 120 } });
    expect(requests.json.counts).toEqual({ 'POST /records': 1, 'POST /metrics': 1 });
    await admin('DELETE', '/requests');
    expect((await admin('GET', '/requests')).json).toEqual({ counts: {}, log: [] });
  });

  test('the clock can be set and advanced over HTTP; serverTime follows it', async () => {
    const set = await admin('POST', '/clock', { now: '2025-05-05T05:05:05.000Z' });
    const advanced = await admin('POST', '/clock', { advanceMs: 60_000 });
    const page = await client.getProspectPage({ limit: 1 });
    await admin('POST', '/clock', { now: 'real' });

    expect(set.json.now).toBe('2025-05-05T05:05:05.000Z');
    expect(advanced.json.now).toBe('2025-05-05T05:06:05.000Z');
    expect(page.serverTime).toBe('2025-05-05T05:06:05.000Z');
    expect(Math.abs(Date.parse((await admin('GET', '/clock')).json.now) - Date.now())).toBeLessThan(5_000);
  });

  test('reset over HTTP restores the loaded dataset and forgets what was received', async () => {
    const original = (await admin('GET', '/dataset')).json;
    await admin('POST', '/changes', { purge: 5, tagDelete: 1 });
    await client.pushMetrics({ kind: 'sync-run', connection: 'default', at: '2025-01-01T00:00:00Z', values: {} });

    const reset = await admin('POST', '/reset');

    expect(reset.json.counts).toMatchObject({ prospects: 120, tags: 6, metrics: 0 });
    expect((await admin('GET', '/dataset')).json).toEqual(original);
  });

  test('unknown admin routes are 404, wrong methods 405', async () => {
    expect((await admin('GET', '/nothing')).status).toBe(404);
    expect((await admin('PUT', '/reset')).status).toBe(405);
  });
});
