/**
 * Classifies a failed SalesWings call, once, into the product's typed errors (src/errors.ts):
 *
 * | failure                                   | error              | retried here |
 * |-------------------------------------------|--------------------|--------------|
 * | 401, 403                                  | AuthError          | no           |
 * | 408, 5xx (but 501, 505)                   | TransientError     | yes          |
 * | 429                                       | RateLimitedError   | yes          |
 * | other 4xx                                 | ValidationError    | no           |
 * | connect/headers/body timeout, socket error| TransientError     | yes          |
 * | bad JSON, truncated JSON, schema mismatch | ContractError      | no           |
 *
 * Messages name the endpoint (`GET /prospects`) and never carry the token or payload data.
 */
import {
  AuthError,
  RateLimitedError,
  TransientError,
  ValidationError,
  type SyncError,
} from '../errors';
import { errorResponseSchema } from './contract';

/** Longest piece of a server's error message we repeat in ours. */
const MAX_SERVER_MESSAGE = 300;

/** The server's `{error, message}` body, shortened; empty when the body is something else. */
export function describeErrorBody(bodyText: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return '';
  }
  const body = errorResponseSchema.safeParse(parsed);
  if (!body.success) return '';
  const text = `${body.data.error}: ${body.data.message}`;
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text;
}

/** Whether a status is worth another attempt (the server may answer differently later). */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  // 501 Not Implemented and 505 HTTP Version Not Supported will not change on a retry.
  return status >= 500 && status !== 501 && status !== 505;
}

/** A non-2xx answer as a typed error. */
export function classifyStatus(
  endpoint: string,
  status: number,
  bodyText: string,
  retryAfterMs: number | undefined,
): SyncError {
  const detail = describeErrorBody(bodyText);
  const suffix = detail === '' ? '' : ` (${detail})`;
  const code = `HTTP_${status}`;
  if (status === 401 || status === 403) {
    return new AuthError(
      `${endpoint}: SalesWings rejected the API token (${status})${suffix}; check the token configured for this connection`,
      { code },
    );
  }
  if (status === 429) {
    return new RateLimitedError(`${endpoint}: SalesWings is rate limiting requests (429)${suffix}`, {
      code,
      retryAfterMs,
    });
  }
  if (isRetryableStatus(status)) {
    return new TransientError(`${endpoint}: SalesWings answered ${status}${suffix}`, { code, retryAfterMs });
  }
  return new ValidationError(`${endpoint}: SalesWings refused the request (${status})${suffix}`, { code });
}

/** undici and socket error codes that mean "the request never reached the server". */
const CONNECT_PHASE_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Error code of a network failure (undici's `UND_ERR_*`, Node's `E*`), if it has one. */
export function networkErrorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== error) return networkErrorCode(cause);
  }
  return undefined;
}

/**
 * A failure before a complete answer arrived (refused connection, reset, timeout) as a
 * TransientError; `timedOut` marks our own per-attempt deadline.
 */
export function classifyNetworkError(endpoint: string, error: unknown, timedOut: boolean): TransientError {
  const code = timedOut ? 'TIMEOUT' : (networkErrorCode(error) ?? 'NETWORK');
  const what = timedOut
    ? 'no complete answer within the request timeout'
    : `network failure (${code}${error instanceof Error && error.message ? `: ${error.message}` : ''})`;
  return new TransientError(`${endpoint}: ${what}`, { code, cause: error });
}

/**
 * Whether a failure of a non-idempotent request may be retried: only when the server cannot
 * have acted on it (the connection never opened, or it said 429 before doing anything).
 */
export function safeToRepeat(error: SyncError): boolean {
  return error.code === 'HTTP_429' || (error.code !== undefined && CONNECT_PHASE_CODES.has(error.code));
}
