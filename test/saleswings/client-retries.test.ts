import { AuthError, RateLimitedError, TransientError, ValidationError } from '../../src/errors';
import { SalesWingsClient, type SalesWingsClientOptions } from '../../src/saleswings/client';
import { freePort } from '../../src/dev/dev-server';
import { metricsResponseSchema } from '../../src/saleswings/contract';
import { HttpTransport } from '../../src/saleswings/http-transport';
import { startSalesWingsEmulator, type SalesWingsEmulator } from '../../src/emulators/saleswings/server';

describe('SalesWingsClient retries and failure classification', () => {
  let emulator: SalesWingsEmulator;
  const clients: SalesWingsClient[] = [];
  const clientFor = (options: Partial<SalesWingsClientOptions> = {}) => {
    const client = new SalesWingsClient({ baseUrl: emulator.url, token: emulator.token, retryBaseDelayMs: 5, maxRetryDelayMs: 2_000, ...options });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    emulator = await startSalesWingsEmulator();
    emulator.generate({ seed: 3, prospects: 20, tags: 5 });
  });
  beforeEach(() => emulator.reset());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => emulator.stop());

  test('a 503 is retried and the call returns the data of the next attempt', async () => {
    emulator.setFaults([{ kind: 'status', path: '/tags', status: 503 }]);
    const client = clientFor();

    const tags = await client.listTags();

    expect(tags.map((t) => t.id)).toEqual(emulator.state.tags().map((t) => t.id));
    expect(emulator.requestLog().map((e) => e.status)).toEqual([503, 200]);
    expect(client.stats()).toEqual({ requests: 2, byEndpoint: { 'GET /tags': 2 }, retries: 1 });
  });

  test('a 429 waits the Retry-After seconds before the next attempt', async () => {
    emulator.setFaults([{ kind: 'rate-limit', path: '/scores', retryAfter: 1 }]);
    const client = clientFor();

    const started = Date.now();
    const scores = await client.listScores();
    const elapsed = Date.now() - started;

    expect(scores).toHaveLength(4);
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(emulator.requestLog().map((e) => e.status)).toEqual([429, 200]);
  });

  test('a Retry-After given as an HTTP-date is honoured too', async () => {
    // HTTP-dates have whole seconds; two seconds ahead is at least one second of wait.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 2_000).toUTCString();
    emulator.setFaults([{ kind: 'status', path: '/tags', status: 503, retryAfter: at }]);
    const client = clientFor({ maxRetryDelayMs: 5_000 });

    const started = Date.now();
    await client.listTags();

    // Clocks of a few ms of scheduling aside, the wait reaches the announced second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emulator.requestCounts()['GET /tags']).toBe(2);
  });

  test('a Retry-After beyond the in-process cap fails at once with RateLimitedError carrying the delay', async () => {
    emulator.setFaults([{ kind: 'rate-limit', path: '/tags', retryAfter: 120 }]);
    const client = clientFor({ maxRetryDelayMs: 1_000 });

    const error = await client.listTags().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 120_000, code: 'HTTP_429' });
    expect(emulator.requestCounts()['GET /tags']).toBe(1);
  });

  test('when retries run out the last failure is thrown as TransientError with a delay for Temporal', async () => {
    emulator.setFaults([{ kind: 'status', path: '/tags', status: 502, times: 'always' }]);
    const client = clientFor({ maxRetries: 2 });

    const error = await client.listTags().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ retryable: true, code: 'HTTP_502' });
    expect((error as TransientError).retryAfterMs).toBeGreaterThan(0);
    expect((error as Error).message).toMatch(/^GET \/tags: SalesWings answered 502 .*gave up after 3 attempts/);
    expect(emulator.requestCounts()['GET /tags']).toBe(3);
    expect(client.stats().retries).toBe(2);
  });

  test('a 401 is an AuthError, is not retried and never shows the token', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const client = clientFor({ token: secret });

    const error = await client.getProspectPage().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ retryable: false, code: 'HTTP_401', type: 'AuthError' });
    expect((error as Error).message).toContain('GET /prospects');
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(emulator.requestLog()).toEqual([expect.objectContaining({ path: '/prospects', status: 401 })]);
  });

  test('a 4xx other than 401/403/408/429 is a ValidationError, not retried', async () => {
    emulator.setFaults([{ kind: 'status', path: '/scores', status: 422 }]);
    const client = clientFor();

    const error = await client.listScores().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('GET /scores: SalesWings refused the request (422)');
    expect(emulator.requestCounts()['GET /scores']).toBe(1);
  });

  test('an answer slower than the request timeout is abandoned and retried', async () => {
    emulator.setFaults([{ kind: 'latency', path: '/tags', ms: 1_500 }]);
    const client = clientFor({ requestTimeoutMs: 300 });

    const started = Date.now();
    const tags = await client.listTags();

    expect(tags).toHaveLength(5);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  test('a refused connection is a retryable TransientError once retries run out', async () => {
    const port = await freePort();
    const client = new SalesWingsClient({ baseUrl: `http://127.0.0.1:${port}/salesforce/v2`, token: 't', maxRetries: 1, retryBaseDelayMs: 1 });
    clients.push(client);

    const error = await client.listTags().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: true });
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  test('a request marked non-idempotent is not repeated after a 5xx, but is after a 429', async () => {
    const transport = new HttpTransport({
      baseUrl: emulator.url,
      token: emulator.token,
      userAgent: 'test',
      connectTimeoutMs: 1_000,
      headersTimeoutMs: 1_000,
      bodyTimeoutMs: 1_000,
      requestTimeoutMs: 1_000,
      keepAliveTimeoutMs: 1_000,
      connections: 1,
      maxResponseBytes: 1_000_000,
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 100, random: () => 0 },
    });
    const send = () =>
      transport.call({
        method: 'POST',
        path: '/metrics',
        body: { kind: 'sync-run', connection: 'default', at: '2025-01-01T00:00:00Z', values: {} },
        schema: metricsResponseSchema,
        idempotent: false,
      });
    try {
      emulator.setFaults([{ kind: 'status', path: '/metrics', status: 503 }]);
      const error = await send().catch((e: unknown) => e);
      emulator.setFaults([{ kind: 'rate-limit', path: '/metrics', retryAfter: '0.01' }]);
      const answer = await send();

      expect(error).toBeInstanceOf(TransientError);
      expect(answer).toEqual({ ok: true });
      expect(emulator.requestLog().map((e) => e.status)).toEqual([503, 429, 200]);
      expect(emulator.receivedMetrics()).toHaveLength(1);
    } finally {
      await transport.close();
    }
  });

  test('invalid options are refused up front without echoing the token', () => {
    expect(() => new SalesWingsClient({ baseUrl: 'ftp://x', token: 'has space', maxRetries: -1 })).toThrow(
      /Invalid SalesWings client options\n {2}- baseUrl: .*\n {2}- token: must be printable ASCII without spaces\n {2}- maxRetries: /,
    );
  });
});
