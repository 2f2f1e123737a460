/**
 * Request/response shapes shared by the HTTP handlers. Handlers are synchronous (except where
 * noted) so that a Composite request can run its subrequests inside one transaction.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** API version from the path (`62.0`). */
  version: string;
  /** User of the session that made the call. */
  userId: string;
  /** Capture groups of the route pattern, as sent (not URL-decoded). */
  params: string[];
  /** True for Composite subrequests (not counted, no faults). */
  internal: boolean;
}

export interface Reply {
  status: number;
  /** Objects and arrays are sent as JSON; strings as-is. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ErrorEntry {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A request-level failure: HTTP status plus Salesforce's `[{message, errorCode}]` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorEntry[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const CSV_TYPE = 'text/csv';

export function json(status: number, body: unknown): Reply {
  return { status, body, contentType: JSON_TYPE };
}

export function notFound(message = 'The requested resource does not exist'): ApiError {
  return new ApiError(404, 'NOT_FOUND', message);
}

export function readJson<T = unknown>(req: ApiRequest): T {
  const text = req.body.toString('utf8');
  if (text.trim() === '') throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body is empty.');
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', error instanceof Error ? error.message : String(error));
  }
}

export interface Route {
  method: string;
  /** Matched against the path after `/services/data/vXX.X`. */
  pattern: RegExp;
  /** Counter kind of the request. */
  kind: string;
  handler(req: ApiRequest): Reply | Promise<Reply>;
  /** Handlers that must not run inside a Composite request. */
  compositeAllowed?: boolean;
}
