/**
 * The single path every gateway request takes to Salesforce. It runs on jsforce's `HttpApi`
 * (so the bearer header, session refresh + replay and the transport are jsforce's own) and adds,
 * in one place: the budget guard before the call, call counting by kind, `Sforce-Limit-Info`
 * tracking, capture of the final HTTP status, and classification of failures.
 *
 * jsforce's high-level helpers are not used for the calls the product depends on: `query` has a
 * silent 10,000-record `maxFetch`, `bulk2` re-uploads an empty body on a retried PUT, and
 * neither lets us count calls or see the HTTP status of a failure (reference §1.4, §1.6).
 */
import { type Connection, type HttpMethods, type HttpRequestOptions } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api';
import { classifySalesforceError } from './errors';
import { sessionStateOf } from './connection';
import { type ApiUsageTracker, type CallKind } from './limits';

export interface HttpOptions {
  /**
   * jsforce transport retries of idempotent requests (GET/HEAD/OPTIONS/DELETE) on 420/429/5xx
   * and socket errors: count and first delay. jsforce's default (5 retries from 500 ms) holds
   * a failing query for ~15 s; 2 retries are plenty because the activity retries too.
   */
  maxRetries?: number;
  minRetryDelayMs?: number;
  /** Per-request timeout; jsforce's default is 30 minutes. */
  timeoutMs?: number;
}

/** The answer of a `/composite` call: one entry per subrequest, matched by `referenceId`. */
export interface CompositeResponse {
  compositeResponse?: Array<{ body: unknown; httpStatusCode: number; referenceId: string }>;
}

export interface SendRequest {
  method: HttpMethods;
  /** Path below `/services/data/vXX.X` (`/query?q=…`), or a path from the host (`/services/…`). */
  path: string;
  /** JSON body (serialised here) or a raw string (then set `contentType`). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** `text` returns the raw body (CSV results) instead of jsforce's content-type parsing. */
  responseType?: 'json' | 'text';
}

export const DEFAULT_HTTP_OPTIONS: Required<HttpOptions> = {
  maxRetries: 2,
  minRetryDelayMs: 500,
  timeoutMs: 10 * 60_000,
};

export class SalesforceHttp {
  private readonly options: Required<HttpOptions>;

  constructor(
    readonly conn: Connection,
    readonly usage: ApiUsageTracker,
    options: HttpOptions = {},
  ) {
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
  }

  /** `/services/data/v62.0` of the current session (the instance URL may change on refresh). */
  get basePath(): string {
    return `/services/data/v${this.conn.version}`;
  }

  /** Absolute URL for a gateway path. */
  url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    const root = this.conn.instanceUrl.replace(/\/+$/, '');
    return path.startsWith('/services/') ? `${root}${path}` : `${root}${this.basePath}${path}`;
  }

  /**
   * Sends one request and returns its parsed body. Throws a classified `SyncError` (or
   * `ApiBudgetError` from the guard before anything is sent).
   * @param operation short, data-free description for error messages (`query Lead`).
   */
  async send<T>(kind: CallKind, operation: string, request: SendRequest): Promise<T> {
    this.usage.beforeCall(kind);
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['Content-Type'] = request.contentType ?? 'application/json';
    }
    const transportOptions: HttpRequestOptions = {
      timeout: this.options.timeoutMs,
      retry: {
        maxRetries: this.options.maxRetries,
        minTimeout: this.options.minRetryDelayMs,
        // Never PUT: a retried Bulk upload would be sent with an empty body (reference §1.6).
        methods: ['GET', 'HEAD', 'OPTIONS', 'DELETE'],
      },
    };
    const api = new HttpApi(this.conn, {
      ...transportOptions,
      responseType: request.responseType === 'text' ? 'text/plain' : undefined,
    });
    let last: { status: number; retryAfter?: string } | undefined;
    const session = sessionStateOf(this.conn);
    api.on('response', (response: { statusCode: number; headers: Record<string, string> }) => {
      last = { status: response.statusCode, retryAfter: response.headers['retry-after'] };
      this.usage.observeHeader(response.headers['sforce-limit-info']);
      if (response.statusCode < 400) session.refreshesSinceSuccess = 0;
    });
    this.usage.recordCall(kind);
    try {
      return (await api.request<T>({ method: request.method, url: this.url(request.path), headers, body })) as T;
    } catch (error) {
      throw classifySalesforceError(error, {
        operation,
        status: last?.status,
        retryAfter: last?.retryAfter,
        refreshError: session.lastRefreshError,
      });
    }
  }
}
