import { ContractError, ValidationError } from '../../src/errors';
import { SalesWingsClient } from '../../src/saleswings/client';
import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../src/emulators/saleswings/server';

describe('SalesWingsClient contract checks', () => {
  let emulator: SalesWingsEmulator;
  let client: SalesWingsClient;

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator();
    emulator.generate({ seed: 11, prospects: 30 });
  });
  beforeEach(() => {
    emulator.reset();
    client = new SalesWingsClient({ baseUrl: emulator.url, token: emulator.token, retryBaseDelayMs: 5 });
  });
  afterEach(() => client.close());
  afterAll(() => emulator.stop());

  test('a prospect breaking the contract is a ContractError naming the endpoint, field path and record, not the payload', async () => {
    emulator.setFaults([{ kind: 'malformed', path: '/prospects' }]);
    const fourth = emulator.state.prospects()[3];

    const error = await client.getProspectPage({ limit: 10 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ retryable: false, code: 'CONTRACT_VIOLATION' });
    expect((error as Error).message).toBe(
      `GET /prospects: prospects[3].lifecycle: Invalid option: expected one of "Active"|"Merged"|"Deleted" (record id ${fourth.id})`,
    );
    expect((error as Error).message).not.toContain('Zombie');
    expect(emulator.requestCounts()['GET /prospects']).toBe(1);
  });

  test('a malformed field chosen by the test is reported by its path', async () => {
    emulator.setFaults([{ kind: 'malformed', method: 'POST', path: '/prospects/activities', field: 'activities[0].visitCount', value: -2 }]);
    const withActivities = emulator.state.activities()[0].prospectId;

    const error = await client.listActivities([withActivities]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toMatch(/^POST \/prospects\/activities: activities\[0\]\.visitCount: Too small/);
  });

  test('a body cut off mid-JSON is a ContractError and is not retried', async () => {
    emulator.setFaults([{ kind: 'truncate', path: '/prospects', fraction: 0.4 }]);

    const error = await client.getProspectPage({ limit: 30 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'INVALID_JSON', retryable: false });
    expect((error as Error).message).toMatch(/^GET \/prospects: the response is not valid JSON \(malformed or truncated after \d+ characters\)$/);
    expect(emulator.requestCounts()['GET /prospects']).toBe(1);
  });

  test('a connection dropped mid-body is a network failure: retried, then the full page arrives', async () => {
    emulator.setFaults([{ kind: 'truncate', path: '/prospects', mode: 'reset' }]);

    const page = await client.getProspectPage({ limit: 30 });

    expect(page.prospects.map((p) => p.id)).toEqual(emulator.state.prospects().map((p) => p.id));
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  test('an unknown route is a ValidationError carrying the server message', async () => {
    const wrong = new SalesWingsClient({ baseUrl: `${emulator.url}/v999`, token: emulator.token });
    try {
      const error = await wrong.listTags().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toBe('GET /tags: SalesWings refused the request (404) (not_found: no route /v999/tags)');
    } finally {
      await wrong.close();
    }
  });

  test('a limit outside 1..1000 is refused before any request', async () => {
    await expect(client.getProspectPage({ limit: 1001 })).rejects.toBeInstanceOf(ValidationError);
    expect(emulator.requestCounts()['GET /prospects']).toBeUndefined();
  });
});
