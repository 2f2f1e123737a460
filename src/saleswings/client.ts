/**
 * The SalesWings API client (contract: docs/saleswings-api.md). Every answer is validated
 * against the shared zod schemas; every failure surfaces as one of the typed errors of
 * src/errors.ts (see classify-failure.ts), so activities and Temporal's retry policies decide
 * on `type`/`retryable` alone.
 *
 * All POSTs of the contract are idempotent by design and are therefore retried like GETs:
 * `/prospects/activities` is a read, `/records` carries the records' full current state keyed
 * by Salesforce id (sending it twice leaves SalesWings as sending it once), and `/metrics`
 * reports are keyed by connection, kind and `at`.
 */
import { z } from 'zod';
import { ConfigError, ValidationError } from '../errors';
import {
  activitiesResponseSchema,
  DEFAULT_SALESWINGS_BASE_URL,
  MAX_ACTIVITY_PROSPECTS,
  MAX_PROSPECT_PAGE,
  MAX_RECORDS_PER_REQUEST,
  metricsRequestSchema,
  metricsResponseSchema,
  prospectsResponseSchema,
  recordsRequestSchema,
  recordsResponseSchema,
  scoresResponseSchema,
  tagsResponseSchema,
  type Activity,
  type MetricsRequest,
  type ProspectsResponse,
  type RecordsResponse,
  type RecordUpdate,
  type Score,
  type Tag,
} from './contract';
import { HttpTransport, type TransportStats } from './http-transport';
import { formatZodError } from './zod-issues';

export interface SalesWingsClientOptions {
  /** API endpoint; default `https://helium.saleswings.pro/salesforce/v2`. */
  baseUrl?: string;
  /** API token from the SalesWings cockpit, sent as `Authorization: Bearer`. Never logged. */
  token: string;
  /** TCP/TLS connect timeout; default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Deadline of one attempt, from sending to the last body byte; default 60 s (a page of
   * 1,000 prospects is about 1 MB). Also the default of the headers and body idle timeouts.
   */
  requestTimeoutMs?: number;
  /** Longest wait for the response headers; default `requestTimeoutMs`. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks; default `requestTimeoutMs`. */
  bodyTimeoutMs?: number;
  /** Retries after the first attempt on transient failures; default 4 (5 attempts). */
  maxRetries?: number;
  /** First backoff step, doubled per retry, with jitter; default 500 ms. */
  retryBaseDelayMs?: number;
  /**
   * Longest in-process wait between attempts; default 30 s. A `Retry-After` longer than this
   * is not slept on here: the call fails with `retryAfterMs` set and Temporal waits instead.
   */
  maxRetryDelayMs?: number;
  /** Default `saleswings-salesforce-sync`. */
  userAgent?: string;
  /** Kept-alive sockets to SalesWings; default 4. */
  connections?: number;
  /** Idle time before a kept-alive socket is closed; default 10 s (servers may hint shorter). */
  keepAliveTimeoutMs?: number;
  /** Largest accepted response; default 64 MiB. */
  maxResponseBytes?: number;
  /** Chunked POSTs (activities, records) in flight at once; default 2. */
  concurrency?: number;
  /** Jitter source in [0, 1); default `Math.random`. Tests may pin it. */
  random?: () => number;
}

/** Parameters of one `GET /prospects` page. */
export interface ProspectPageQuery {
  /** ISO instant: only prospects with `updatedAt >= since`; all prospects when absent. */
  since?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size, 1..1000; default 1000 (fewest calls). */
  limit?: number;
}

export type SalesWingsClientStats = TransportStats;

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);
const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  // A token with whitespace or control characters would corrupt the Authorization header.
  token: z.string().min(1, 'is required').regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  connectTimeoutMs: positiveInt,
  requestTimeoutMs: positiveInt,
  headersTimeoutMs: positiveInt,
  bodyTimeoutMs: positiveInt,
  maxRetries: nonNegativeInt,
  retryBaseDelayMs: nonNegativeInt,
  maxRetryDelayMs: nonNegativeInt,
  userAgent: z.string().min(1),
  connections: positiveInt,
  keepAliveTimeoutMs: positiveInt,
  maxResponseBytes: positiveInt,
  concurrency: positiveInt,
});

/** Client for the SalesWings API; one per connection, closed with `close()`. */
export class SalesWingsClient {
  readonly #http: HttpTransport;
  readonly #concurrency: number;

  constructor(options: SalesWingsClientOptions) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    const resolved = {
      baseUrl: options.baseUrl ?? DEFAULT_SALESWINGS_BASE_URL,
      token: options.token,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? requestTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? requestTimeoutMs,
      maxRetries: options.maxRetries ?? 4,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      userAgent: options.userAgent ?? 'saleswings-salesforce-sync',
      connections: options.connections ?? 4,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 10_000,
      maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
      concurrency: options.concurrency ?? 2,
    };
    const checked = optionsSchema.safeParse(resolved);
    if (!checked.success) {
      // Never echo the values: one of them is the token.
      throw new ConfigError(
        'Invalid SalesWings client options',
        checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    this.#concurrency = resolved.concurrency;
    this.#http = new HttpTransport({
      ...resolved,
      retry: {
        maxRetries: resolved.maxRetries,
        baseDelayMs: resolved.retryBaseDelayMs,
        maxDelayMs: resolved.maxRetryDelayMs,
        random: options.random ?? Math.random,
      },
    });
  }

  /** Every tag definition (GetTags). */
  async listTags(): Promise<Tag[]> {
    const answer = await this.#http.call({ method: 'GET', path: '/tags', schema: tagsResponseSchema, idempotent: true });
    return answer.tags;
  }

  /** Every score definition (GetScores). */
  async listScores(): Promise<Score[]> {
    const answer = await this.#http.call({ method: 'GET', path: '/scores', schema: scoresResponseSchema, idempotent: true });
    return answer.scores;
  }

  /**
   * One page of prospects in (updatedAt, id) order. Activities that heartbeat `nextCursor`
   * resume from it after a retry.
   */
  async getProspectPage(query: ProspectPageQuery = {}): Promise<ProspectsResponse> {
    const limit = query.limit ?? MAX_PROSPECT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PROSPECT_PAGE) {
      throw new ValidationError(`GET /prospects: limit must be an integer from 1 to ${MAX_PROSPECT_PAGE}`);
    }
    return this.#http.call({
      method: 'GET',
      path: '/prospects',
      query: { since: query.since, cursor: query.cursor, limit },
      schema: prospectsResponseSchema,
      idempotent: true,
    });
  }

  /** Pages lazily until `nextCursor` is null; never holds more than one page. */
  async *prospectPages(query: ProspectPageQuery = {}): AsyncGenerator<ProspectsResponse, void, undefined> {
    let cursor = query.cursor;
    for (;;) {
      const page = await this.getProspectPage({ ...query, cursor });
      yield page;
      if (page.nextCursor === null) return;
      if (page.nextCursor === cursor) {
        throw new ValidationError('GET /prospects: the server returned the cursor it was given; paging would never end');
      }
      cursor = page.nextCursor;
    }
  }

  /** Activities of the given prospects, in requests of at most 200 ids (duplicates dropped). */
  async listActivities(prospectIds: readonly string[]): Promise<Activity[]> {
    const chunks = chunk([...new Set(prospectIds)], MAX_ACTIVITY_PROSPECTS);
    const answers = await mapLimited(chunks, this.#concurrency, (ids) =>
      this.#http.call({
        method: 'POST',
        path: '/prospects/activities',
        body: { prospectIds: ids },
        schema: activitiesResponseSchema,
        idempotent: true,
      }),
    );
    return answers.flatMap((answer) => answer.activities);
  }

  /**
   * Sends Lead/Contact updates (Salesforce → SalesWings) in requests of at most 200 and merges
   * the answers. Records SalesWings rejects come back in `rejected`; they do not throw.
   */
  async pushRecords(records: readonly RecordUpdate[]): Promise<RecordsResponse> {
    const chunks = chunk(records, MAX_RECORDS_PER_REQUEST);
    for (const [index, part] of chunks.entries()) {
      const checked = recordsRequestSchema.safeParse({ records: part });
      if (!checked.success) {
        throw new ValidationError(
          `POST /records: invalid record in batch ${index + 1}: ${formatZodError(checked.error, { records: part })}`,
        );
      }
    }
    const answers = await mapLimited(chunks, this.#concurrency, (part) =>
      this.#http.call({
        method: 'POST',
        path: '/records',
        body: { records: part },
        schema: recordsResponseSchema,
        idempotent: true,
      }),
    );
    return {
      accepted: answers.reduce((sum, answer) => sum + answer.accepted, 0),
      rejected: answers.flatMap((answer) => answer.rejected),
    };
  }

  /** Sends a record-count or run report. */
  async pushMetrics(metrics: MetricsRequest): Promise<void> {
    const checked = metricsRequestSchema.safeParse(metrics);
    if (!checked.success) throw new ValidationError(`POST /metrics: ${formatZodError(checked.error, metrics)}`);
    await this.#http.call({
      method: 'POST',
      path: '/metrics',
      body: checked.data,
      schema: metricsResponseSchema,
      idempotent: true,
    });
  }

  /** Attempts so far (retries included), per endpoint, and how many were retries. */
  stats(): SalesWingsClientStats {
    return this.#http.stats();
  }

  /** Closes the kept-alive sockets; waits for calls in flight. */
  async close(): Promise<void> {
    await this.#http.close();
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Maps with at most `limit` calls in flight; results keep the input order. After the first
 * failure no further call starts, and that failure is what the caller sees.
 */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
