import { ValidationError } from '../../src/errors';
import { SalesWingsClient } from '../../src/saleswings/client';
import { type RecordUpdate } from '../../src/saleswings/contract';
import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../src/emulators/saleswings/server';

function record(n: number, prospectId: string | null): RecordUpdate {
  return {
    id: `00Q${String(n).padStart(15, '0')}`,
    objectType: n % 2 === 0 ? 'Lead' : 'Contact',
    email: `Person.${n}@Example.test`,
    favorite: n % 3 === 0,
    name: `Person ${n}`,
    firstName: 'Person',
    lastName: String(n),
    ownerEmail: 'ana.owner@sales.example.test',
    prospectId,
  };
}

const byId = (records: RecordUpdate[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

describe('SalesWingsClient POST endpoints', () => {
  let emulator: SalesWingsEmulator;
  let client: SalesWingsClient;

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator();
    emulator.generate({ seed: 5, prospects: 500, activitiesPerProspect: 2 });
  });
  beforeEach(() => {
    emulator.reset();
    client = new SalesWingsClient({ baseUrl: emulator.url, token: emulator.token, retryBaseDelayMs: 5 });
  });
  afterEach(() => client.close());
  afterAll(() => emulator.stop());

  test('activities of 450 prospects are fetched in 3 requests of at most 200 ids and merged', async () => {
    const ids = emulator.state.prospects().slice(0, 450).map((p) => p.id);

    const activities = await client.listActivities(ids);

    const expected = ids.flatMap((id) => emulator.state.activities(id));
    expect(expected.length).toBeGreaterThan(100);
    expect(activities).toEqual(expected);
    expect(emulator.requestCounts()['POST /prospects/activities']).toBe(3);
    expect(client.stats().byEndpoint['POST /prospects/activities']).toBe(3);
  });

  test('duplicate ids are asked for once and an empty list costs no request', async () => {
    const id = emulator.state.activities()[0].prospectId;

    const activities = await client.listActivities([id, id, id]);
    const none = await client.listActivities([]);

    expect(activities).toEqual(emulator.state.activities(id));
    expect(none).toEqual([]);
    expect(emulator.requestCounts()['POST /prospects/activities']).toBe(1);
  });

  test('a failed activities chunk is retried on its own (the POST is idempotent)', async () => {
    emulator.setFaults([{ kind: 'status', method: 'POST', path: '/prospects/activities', status: 500 }]);
    const ids = emulator.state.prospects().slice(0, 250).map((p) => p.id);

    const activities = await client.listActivities(ids);

    expect(activities).toEqual(ids.flatMap((id) => emulator.state.activities(id)));
    expect(emulator.requestCounts()['POST /prospects/activities']).toBe(3);
  });

  test('450 records are pushed in 3 requests; records naming an unknown prospect come back rejected', async () => {
    const known = emulator.state.prospects().map((p) => p.id);
    const records = Array.from({ length: 450 }, (_, n) => record(n, n % 50 === 7 ? `missing-${n}` : n % 10 === 9 ? null : known[n]));

    const answer = await client.pushRecords(records);

    const unknown = records.filter((r) => r.prospectId?.startsWith('missing-'));
    expect(unknown).toHaveLength(9);
    expect(answer.accepted).toBe(441);
    expect(answer.rejected).toEqual(unknown.map((r) => ({ id: r.id, message: `unknown prospect ${r.prospectId}` })));
    // Two chunks travel at once (concurrency 2), so arrival order is not fixed.
    expect(emulator.recordRequests().map((r) => r.records.length).sort()).toEqual([200, 200, 50]);
    expect(byId(emulator.receivedRecords())).toEqual(byId(records));
  });

  test('a record that breaks the contract is refused before sending, naming the batch, field and record', async () => {
    const bad = { ...record(1, null), id: 'short' };

    const error = await client.pushRecords([record(0, null), bad]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe('POST /records: invalid record in batch 1: records[1].id: Too small: expected string to have >=15 characters');
    expect(emulator.receivedRecords()).toEqual([]);
  });

  test('metrics reach SalesWings as sent', async () => {
    const metrics = {
      kind: 'sync-run' as const,
      connection: 'default',
      at: '2025-03-01T10:00:00.000Z',
      values: { 'GetProspects.examined': 1200, 'GetProspects.failed': 2 },
      details: { runId: 'r-1', status: 'Completed', full: false, note: null },
    };

    await client.pushMetrics(metrics);

    expect(emulator.receivedMetrics()).toEqual([metrics]);
  });
});
