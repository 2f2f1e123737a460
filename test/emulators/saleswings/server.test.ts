import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../../src/emulators/saleswings/server';
import { encodeCursor } from '../../../src/emulators/saleswings/cursor';

describe('SalesWings emulator API', () => {
  let emulator: SalesWingsEmulator;
  const call = async (method: string, path: string, body?: unknown, token: string | null = emulator.token) => {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${emulator.url}${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator({ token: 'emulator-test-token' });
    emulator.generate({ seed: 21, prospects: 50 });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  test('the URL carries the /salesforce/v2 base path and the token given', () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}/salesforce/v2`);
    expect(emulator.token).toBe('emulator-test-token');
  });

  test.each([
    ['GET', '/tags', undefined],
    ['GET', '/scores', undefined],
    ['GET', '/prospects', undefined],
    ['POST', '/prospects/activities', { prospectIds: ['p0000001'] }],
    ['POST', '/records', { records: [] }],
    ['POST', '/metrics', {}],
  ])('%s %s needs the bearer token: 401 with the error body otherwise', async (method, path, body) => {
    const missing = await call(method, path, body, null);
    const wrong = await call(method, path, body, 'emulator-test-tokeX');

    for (const answer of [missing, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: 'unauthorized', message: 'missing or invalid bearer token' });
    }
    expect(emulator.requestLog().map((e) => [e.method, e.path, e.status])).toEqual([[method, path, 401], [method, path, 401]]);
    expect(emulator.receivedRecords()).toEqual([]);
  });

  test('tags and scores are served in full', async () => {
    const tags = await call('GET', '/tags');
    const scores = await call('GET', '/scores');

    expect(tags.json).toEqual({ tags: emulator.state.tags() });
    expect(scores.json).toEqual({ scores: emulator.state.scores() });
  });

  test('bad requests are answered 400 with a message naming the field', async () => {
    const tooBig = await call('GET', '/prospects?limit=5000');
    const badSince = await call('GET', '/prospects?since=yesterday');
    const unknownParam = await call('GET', '/prospects?page=2');
    const badRecord = await call('POST', '/records', { records: [{ id: '00Q000000000001AAA', objectType: 'Account' }] });
    const tooManyIds = await call('POST', '/prospects/activities', { prospectIds: Array.from({ length: 201 }, (_, i) => `p${i}`) });
    const notJson = await call('POST', '/metrics', '{"kind":');

    expect(tooBig).toMatchObject({ status: 400, json: { error: 'invalid_request', message: 'limit: Too big: expected number to be <=1000' } });
    expect(badSince.json.message).toBe('since: Invalid ISO datetime');
    expect(unknownParam.json.message).toBe('unknown query parameter page');
    expect(badRecord.json.message).toMatch(/^records\[0\]\.objectType: Invalid option: expected one of "Lead"\|"Contact"/);
    expect(tooManyIds.json.message).toBe('prospectIds: Too big: expected array to have <=200 items');
    expect(notJson).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
  });

  test('a cursor the server did not issue, or issued for another since, is refused', async () => {
    const forged = await call('GET', '/prospects?cursor=not-a-cursor');
    const first = await call('GET', '/prospects?limit=10&since=2024-06-01T00:00:00Z');
    const otherSince = await call('GET', `/prospects?cursor=${String(first.json.nextCursor)}&since=2024-07-01T00:00:00Z`);

    expect(forged).toMatchObject({ status: 400, json: { error: 'invalid_cursor' } });
    expect(first.status).toBe(200);
    expect(otherSince).toMatchObject({ status: 400, json: { error: 'invalid_cursor', message: 'cursor was issued for a different since' } });
  });

  test('a cursor holds the position, so a page starts right after the last prospect served', async () => {
    const all = emulator.state.prospects();
    const cursor = encodeCursor({ t: Date.parse(all[19].updatedAt), id: all[19].id, since: null });

    const page = await call('GET', `/prospects?cursor=${cursor}&limit=5`);

    expect((page.json.prospects as { id: string }[]).map((p) => p.id)).toEqual(all.slice(20, 25).map((p) => p.id));
  });

  test('unknown paths are 404 and wrong methods 405, with the error body', async () => {
    const missing = await call('GET', '/leads');
    const wrongMethod = await call('POST', '/tags', {});

    expect(missing).toMatchObject({ status: 404, json: { error: 'not_found' } });
    expect(wrongMethod).toMatchObject({ status: 405, json: { error: 'method_not_allowed' } });
  });

  test('faults are consumed in order: a counted rule runs out, then the next matching rule applies', async () => {
    emulator.setFaults([
      { kind: 'status', path: '/tags', status: 503, times: 2 },
      { kind: 'rate-limit', method: 'GET', path: '/t*', retryAfter: 3 },
      { kind: 'status', method: 'POST', path: '/tags', status: 500, times: 'always' },
    ]);

    const answers = [await call('GET', '/tags'), await call('GET', '/tags'), await call('GET', '/tags'), await call('GET', '/tags')];

    expect(answers.map((a) => a.status)).toEqual([503, 503, 429, 200]);
    expect(answers[2].headers.get('retry-after')).toBe('3');
    expect(answers[0].json).toEqual({ error: 'service_unavailable', message: 'injected fault (503)' });
    expect(emulator.requestLog().map((e) => e.fault)).toEqual(['status', 'status', 'rate-limit', undefined]);
    expect(emulator.listFaults()).toEqual([expect.objectContaining({ remaining: 'always', fault: expect.objectContaining({ method: 'POST' }) })]);
  });

  test('an "always" fault never runs out, and clearFaults ends it', async () => {
    emulator.setFaults([{ kind: 'status', path: '*', status: 502, times: 'always' }]);

    const during = [await call('GET', '/scores'), await call('GET', '/prospects')];
    emulator.clearFaults();
    const after = await call('GET', '/scores');

    expect(during.map((a) => a.status)).toEqual([502, 502]);
    expect(after.status).toBe(200);
  });

  test('a fault that answers an error leaves the request unprocessed; a malformed answer still processes it', async () => {
    const record = { id: '00Q000000000001AAA', objectType: 'Lead', email: 'a@b.test', favorite: false, name: null, firstName: null, lastName: null, ownerEmail: null, prospectId: 'p0000001' };
    emulator.setFaults([
      { kind: 'status', method: 'POST', path: '/records', status: 503 },
      { kind: 'malformed', method: 'POST', path: '/records' },
    ]);

    const failed = await call('POST', '/records', { records: [record] });
    const malformed = await call('POST', '/records', { records: [record] });

    expect(failed.status).toBe(503);
    expect(malformed).toMatchObject({ status: 200, json: { accepted: -1, rejected: [] } });
    expect(emulator.receivedRecords()).toEqual([record]);
  });

  test('added latency delays the answer', async () => {
    emulator.setFaults([{ kind: 'latency', path: '/scores', ms: 200 }]);

    const started = Date.now();
    const answer = await call('GET', '/scores');

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  test('request counts cover every API request by METHOD /path', async () => {
    await call('GET', '/tags');
    await call('GET', '/prospects?limit=5');
    await call('GET', '/prospects?limit=5', undefined, null);

    expect(emulator.requestCounts()).toEqual({ 'GET /tags': 1, 'GET /prospects': 2 });
    expect(emulator.requestLog()[1]).toMatchObject({ method: 'GET', path: '/prospects', query: 'limit=5', status: 200 });
  });
});

describe('SalesWings emulator at volume', () => {
  test('100,000 prospects load, page from deep cursors and take a batch of changes without quadratic work', async () => {
    const emulator = await startSalesWingsEmulator();
    try {
      let started = Date.now();
      emulator.generate({ seed: 1, prospects: 100_000, activitiesPerProspect: 1 });
      const generateMs = Date.now() - started;

      const all = emulator.store.prospects.all();
      const deep = encodeCursor({ t: Date.parse(all[90_000].updatedAt), id: all[90_000].id, since: null });
      started = Date.now();
      for (let i = 0; i < 20; i += 1) emulator.store.prospectPage({ cursor: deep, limit: 1000 }, new Date());
      const pageMs = (Date.now() - started) / 20;

      started = Date.now();
      const summary = emulator.simulateChanges({ edit: 5_000, create: 1_000, tagDelete: 1 });
      const changeMs = Date.now() - started;

      expect(summary.touchedProspects.length).toBeGreaterThan(6_000);
      expect(emulator.store.prospects.all().slice(-summary.touchedProspects.length).every((p) => p.updatedAt === summary.at)).toBe(true);
      // Generous bounds for a shared 2-core machine; an O(n²) path would take minutes.
      expect(generateMs).toBeLessThan(15_000);
      expect(pageMs).toBeLessThan(100);
      expect(changeMs).toBeLessThan(5_000);
    } finally {
      await emulator.stop();
    }
  });
});
