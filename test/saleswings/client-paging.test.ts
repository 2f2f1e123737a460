import { SalesWingsClient } from '../../src/saleswings/client';
import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../src/emulators/saleswings/server';

describe('SalesWingsClient prospect paging', () => {
  let emulator: SalesWingsEmulator;
  let client: SalesWingsClient;

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator();
  });
  beforeEach(() => {
    emulator.reset();
    emulator.generate({ seed: 7, prospects: 2_500, activitiesPerProspect: 0 });
    client = new SalesWingsClient({ baseUrl: emulator.url, token: emulator.token, retryBaseDelayMs: 5 });
  });
  afterEach(() => client.close());
  afterAll(() => emulator.stop());

  test('2,500 prospects at limit 1000 come in 3 pages, every id exactly once, in (updatedAt, id) order', async () => {
    const pages = [];
    for await (const page of client.prospectPages({ limit: 1000 })) pages.push(page);

    expect(pages.map((p) => p.prospects.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true]);
    const served = pages.flatMap((p) => p.prospects);
    expect(new Set(served.map((p) => p.id)).size).toBe(2_500);
    expect(served.map((p) => p.id)).toEqual(emulator.state.prospects().map((p) => p.id));
    for (let i = 1; i < served.length; i += 1) {
      const [a, b] = [served[i - 1], served[i]];
      const ordered = Date.parse(a.updatedAt) < Date.parse(b.updatedAt) || (a.updatedAt === b.updatedAt && a.id < b.id);
      expect(ordered).toBe(true);
    }
    expect(emulator.requestCounts()['GET /prospects']).toBe(3);
  });

  test('prospectPages fetches the next page only when the previous one has been consumed', async () => {
    const iterator = client.prospectPages({ limit: 1000 })[Symbol.asyncIterator]();
    const first = await iterator.next();

    expect(first.done).toBe(false);
    expect(emulator.requestCounts()['GET /prospects']).toBe(1);
    await iterator.return?.();
    expect(emulator.requestCounts()['GET /prospects']).toBe(1);
  });

  test('serverTime is the emulator clock at the request', async () => {
    emulator.setClock('2025-06-01T12:00:00.000Z');

    const page = await client.getProspectPage({ limit: 1 });

    expect(page.serverTime).toBe('2025-06-01T12:00:00.000Z');
  });

  test('a read since the previous serverTime returns only the prospects changed after it', async () => {
    const full = await client.getProspectPage({ limit: 1 });
    const changes = emulator.simulateChanges({ edit: 5, merge: 2, delete: 2, create: 3 });

    const changed = [];
    for await (const page of client.prospectPages({ since: full.serverTime, limit: 4 })) changed.push(...page.prospects);

    expect(changed.map((p) => p.id).sort()).toEqual(changes.touchedProspects);
    expect(changed).toHaveLength(12);
    const merged = changed.filter((p) => changes.merged.includes(p.id));
    const deleted = changed.filter((p) => changes.deleted.includes(p.id));
    expect(merged).toHaveLength(2);
    expect(deleted).toHaveLength(2);
    expect(merged.every((p) => p.lifecycle === 'Merged' && p.mergedIntoId)).toBe(true);
    expect(deleted.every((p) => p.lifecycle === 'Deleted')).toBe(true);
  });

  test('a prospect changed while a client pages is served again after the cursor, never skipped', async () => {
    const first = await client.getProspectPage({ limit: 1000 });
    const alreadySeen = first.prospects[10].id;
    const notYetSeen = emulator.state.prospects()[1500].id;
    emulator.simulateChanges({ ids: { edit: [alreadySeen, notYetSeen] } });

    const rest = [];
    for await (const page of client.prospectPages({ cursor: first.nextCursor ?? undefined, limit: 1000 })) rest.push(...page.prospects);
    const restIds = rest.map((p) => p.id);

    expect(restIds.filter((id) => id === alreadySeen)).toHaveLength(1);
    expect(restIds.filter((id) => id === notYetSeen)).toHaveLength(1);
    expect(restIds.slice(-2).sort()).toEqual([alreadySeen, notYetSeen].sort());
    expect(new Set([...first.prospects.map((p) => p.id), ...restIds]).size).toBe(2_500);
  });

  test('a cursor keeps the since it was issued for', async () => {
    const since = emulator.state.prospects()[2_000].updatedAt;
    const first = await client.getProspectPage({ since, limit: 100 });
    const second = await client.getProspectPage({ cursor: first.nextCursor ?? undefined, limit: 1000 });

    const expected = emulator.state.prospects().filter((p) => Date.parse(p.updatedAt) >= Date.parse(since));
    expect(expected.length).toBeGreaterThanOrEqual(500);
    expect([...first.prospects, ...second.prospects].map((p) => p.id)).toEqual(expected.map((p) => p.id));
    expect(second.nextCursor).toBeNull();
    expect([...first.prospects, ...second.prospects].every((p) => p.updatedAt >= since)).toBe(true);
  });
});
