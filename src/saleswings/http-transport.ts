/**
 * One HTTP exchange with SalesWings, done properly: a keep-alive undici Pool, per-attempt
 * timeouts, retries with backoff on transient failures, classification into typed errors,
 * and zod validation of every answer. `SalesWingsClient` builds the endpoints on top.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type z } from 'zod';
import { ContractError, RateLimitedError, TransientError, type SyncError } from '../errors';
import { classifyNetworkError, classifyStatus, networkErrorCode, safeToRepeat } from './classify-failure';
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from './retry-policy';
import { formatZodError } from './zod-issues';

export interface HttpTransportOptions {
  baseUrl: string;
  token: string;
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connections: number;
  maxResponseBytes: number;
  retry: RetryPolicy;
}

/** One endpoint call: what to send and the schema the answer must satisfy. */
export interface CallSpec<T> {
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. `/prospects`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /**
   * Whether repeating the request is harmless. Only idempotent requests are retried after a
   * failure the server may already have acted on (5xx, timeouts, resets).
   */
  idempotent: boolean;
}

/** Request counters, by attempt (a retried call counts once per attempt). */
export interface TransportStats {
  requests: number;
  byEndpoint: Record<string, number>;
  retries: number;
}

export class HttpTransport {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #options: HttpTransportOptions;
  readonly #stats: TransportStats = { requests: 0, byEndpoint: {}, retries: 0 };

  constructor(options: HttpTransportOptions) {
    const url = new URL(options.baseUrl);
    this.#options = options;
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#pool = new Pool(url.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      maxResponseSize: options.maxResponseBytes,
    });
  }

  /** Sends the call, retrying as the policy allows; resolves with the validated answer. */
  async call<T>(spec: CallSpec<T>): Promise<T> {
    const endpoint = `${spec.method} ${spec.path}`;
    const { retry } = this.#options;
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    for (let attempt = 0; ; attempt += 1) {
      this.#stats.requests += 1;
      this.#stats.byEndpoint[endpoint] = (this.#stats.byEndpoint[endpoint] ?? 0) + 1;
      try {
        return await this.#attempt(spec, endpoint, payload);
      } catch (error) {
        const failure = error as SyncError;
        if (!failure.retryable || (!spec.idempotent && !safeToRepeat(failure))) throw failure;
        const delayMs = failure.retryAfterMs ?? backoffDelayMs(retry, attempt);
        // A server that asks for a longer pause than we are willing to sleep in-process gets
        // it from Temporal's retry instead (the error carries the delay).
        if (attempt >= retry.maxRetries || delayMs > retry.maxDelayMs) {
          throw giveUp(failure, attempt + 1, delayMs);
        }
        this.#stats.retries += 1;
        await sleep(delayMs);
      }
    }
  }

  stats(): TransportStats {
    return { ...this.#stats, byEndpoint: { ...this.#stats.byEndpoint } };
  }

  async close(): Promise<void> {
    if (!this.#pool.closed) await this.#pool.close();
  }

  async #attempt<T>(spec: CallSpec<T>, endpoint: string, payload: string | undefined): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#options.token}`,
      accept: 'application/json',
      'user-agent': this.#options.userAgent,
    };
    if (payload !== undefined) headers['content-type'] = 'application/json';

    // headersTimeout/bodyTimeout bound each phase; this deadline bounds the whole attempt, so a
    // server trickling bytes cannot hold an activity forever.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#options.requestTimeoutMs);
    let status: number;
    let retryAfter: string | string[] | undefined;
    let text: string;
    try {
      const response = await this.#pool.request({
        path: this.#basePath + spec.path + queryString(spec.query),
        method: spec.method,
        headers,
        body: payload,
        signal: deadline.signal,
        idempotent: spec.idempotent,
      });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      text = await response.body.text();
    } catch (error) {
      if (networkErrorCode(error) === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
        throw new ContractError(`${endpoint}: the response exceeds ${this.#options.maxResponseBytes} bytes`, {
          code: 'RESPONSE_TOO_LARGE',
        });
      }
      throw classifyNetworkError(endpoint, error, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }

    if (status < 200 || status > 299) {
      throw classifyStatus(endpoint, status, text, parseRetryAfterMs(retryAfter, Date.now()));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ContractError(
        `${endpoint}: the response is not valid JSON (malformed or truncated after ${text.length} characters)`,
        { code: 'INVALID_JSON' },
      );
    }
    const result = spec.schema.safeParse(parsed);
    if (!result.success) {
      throw new ContractError(`${endpoint}: ${formatZodError(result.error, parsed)}`, { code: 'CONTRACT_VIOLATION' });
    }
    return result.data;
  }
}

function queryString(query: CallSpec<unknown>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The final error after the last attempt, carrying the delay Temporal should wait. */
function giveUp(failure: SyncError, attempts: number, retryAfterMs: number): SyncError {
  const message = `${failure.message} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
  const options = { code: failure.code, retryAfterMs, cause: failure.cause ?? failure };
  return failure instanceof RateLimitedError ? new RateLimitedError(message, options) : new TransientError(message, options);
}
