/**
 * Classification of Salesforce failures into the product's typed errors (src/errors.ts). It
 * happens once, in `http.ts`, for every request the gateway sends; nothing above the gateway
 * inspects jsforce errors or Salesforce codes. Reference: salesforce.md §1.10 and §2.9.
 *
 * Messages never carry tokens or record data: Salesforce echoes the query (with its e-mail
 * literals) in MALFORMED_QUERY, and node-fetch puts the full URL (`?q=…`) in network errors, so
 * messages are built from the code and a redacted excerpt, and the raw error is not attached as
 * `cause` (Temporal would store it in the workflow history).
 */
import {
  ApiBudgetError,
  AuthError,
  RateLimitedError,
  SyncError,
  TransientError,
  ValidationError,
} from '../errors';

/** What the caller knows about the failed request. */
export interface FailureContext {
  /** Short description of the call, e.g. `query Lead`, `bulk upload`. Never record data. */
  operation?: string;
  /** HTTP status of the final response, when one arrived. */
  status?: number;
  /** The `Retry-After` header of that response. */
  retryAfter?: string;
  /** Why the last session refresh failed (jsforce hides it behind "Unable to refresh session"). */
  refreshError?: unknown;
}

/** How long to wait after `ConcurrentPerOrgLongTxn` (>25 requests running ≥20 s). */
export const CONCURRENT_LIMIT_RETRY_MS = 30_000;
/** How long to wait after a 429 without `Retry-After`. */
export const DEFAULT_RATE_LIMIT_RETRY_MS = 10_000;

const AUTH_CODES = new Set([
  'INVALID_SESSION_ID',
  'INVALID_AUTH_HEADER',
  'INVALID_LOGIN',
  'INSUFFICIENT_ACCESS',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'LOGIN_MUST_USE_SECURITY_TOKEN',
  // OAuth token endpoint (`error` of the token response).
  'invalid_grant',
  'invalid_client',
  'invalid_client_id',
  'invalid_client_credentials',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_request',
  'inactive_user',
  'inactive_org',
]);

const TRANSIENT_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'QUERY_TIMEOUT',
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_RUNNING_TOO_LONG',
  // The cursor expired (2 days) or was lost: the caller restarts the query from its checkpoint.
  'INVALID_QUERY_LOCATOR',
  'TIMEOUT',
]);

/** node-fetch / socket error codes worth retrying (the set jsforce itself retries on GET). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Per-record codes that succeed when sent again a little later (reference §1.10, §4.2). */
export function isTransientRecordError(code: string, message = ''): boolean {
  if (code === 'UNABLE_TO_LOCK_ROW' || code === 'SERVER_UNAVAILABLE' || code === 'UNKNOWN_EXCEPTION') return true;
  // An org trigger that hit a lock surfaces as CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY.
  if (code === 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY') return /UNABLE_TO_LOCK_ROW|lock/i.test(message);
  return false;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /Bearer\s+\S+/gi;
// Salesforce session ids: org id, `!`, token body.
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;
const QUOTED = /'(?:[^'\\]|\\.)*'/g;

/**
 * Removes what must not reach logs or Temporal histories from a Salesforce message: e-mail
 * addresses, bearer tokens / session ids and quoted SOQL literals; truncates to `max` characters.
 */
export function redactMessage(message: string, max = 300): string {
  const cleaned = message
    .replace(BEARER, 'Bearer <redacted>')
    .replace(SESSION_ID, '<session>')
    .replace(QUOTED, "'…'")
    .replace(EMAIL, '<email>')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

interface ErrorShape {
  name?: unknown;
  errorCode?: unknown;
  code?: unknown;
  message?: unknown;
  data?: unknown;
  type?: unknown;
}

/** The Salesforce (or OAuth, or socket) code carried by a thrown error. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrorShape;
  if (e.name === 'MULTIPLE_API_ERRORS' && Array.isArray(e.data) && e.data.length > 0) {
    const first = e.data[0] as { errorCode?: unknown };
    if (typeof first?.errorCode === 'string') return first.errorCode;
  }
  if (typeof e.errorCode === 'string' && e.errorCode !== '') return e.errorCode;
  if (e.name === 'FetchError' && typeof e.code === 'string') return e.code;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'AbortError') return 'TIMEOUT';
  if (typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'TypeError') return e.name;
  return undefined;
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as ErrorShape).message === 'string') {
    return (error as ErrorShape).message as string;
  }
  return String(error);
}

function statusFromCode(code: string | undefined): number | undefined {
  const match = code ? /^ERROR_HTTP_(\d{3})$/.exec(code) : null;
  return match ? Number(match[1]) : undefined;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const REFRESH_FAILURE = /^Unable to refresh session due to:/;

/**
 * Turns any failure of a Salesforce call into a `SyncError`. Already-classified errors pass
 * through; programming errors (`TypeError`, `RangeError`…) are returned unchanged so they are
 * not disguised as Salesforce problems.
 */
export function classifySalesforceError(error: unknown, context: FailureContext = {}): Error {
  if (error instanceof SyncError) return error;
  if (REFRESH_FAILURE.test(messageOf(error))) {
    // The session expired and re-running the grant failed: classify the grant's own failure
    // (a 503 from the token endpoint is transient; invalid_grant is not).
    const cause = context.refreshError !== undefined ? classifySalesforceError(context.refreshError, context) : undefined;
    if (cause instanceof SyncError && cause.type !== 'AuthError') return cause;
    return new AuthError(`Salesforce session expired and could not be refreshed${where(context)}`, {
      code: (cause instanceof SyncError && cause.code) || 'INVALID_SESSION_ID',
    });
  }
  const code = errorCodeOf(error);
  if (code === undefined && (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError)) {
    return error;
  }
  const status = context.status ?? statusFromCode(code);
  const detail = redactMessage(messageOf(error));
  const text = `Salesforce ${context.operation ?? 'request'} failed: ${code ?? 'UNKNOWN'}${
    status ? ` (HTTP ${status})` : ''
  }${detail && detail !== code ? ` — ${detail}` : ''}`;
  const options = { code: code ?? (status ? `HTTP_${status}` : 'UNKNOWN') };

  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    if (/Concurrent/i.test(messageOf(error))) {
      return new RateLimitedError(text, { ...options, retryAfterMs: CONCURRENT_LIMIT_RETRY_MS });
    }
    return new ApiBudgetError(text, options);
  }
  if (code !== undefined && AUTH_CODES.has(code)) return new AuthError(text, options);
  if (status === 429 || status === 420) {
    return new RateLimitedError(text, {
      ...options,
      retryAfterMs: retryAfterMs(context.retryAfter) ?? DEFAULT_RATE_LIMIT_RETRY_MS,
    });
  }
  if (code !== undefined && (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code))) return new TransientError(text, options);
  if (status !== undefined && (status >= 500 || status === 408)) return new TransientError(text, options);
  if (status === 401 || status === 403) return new AuthError(text, options);
  if (status !== undefined && status >= 400) return new ValidationError(text, options);
  if (code !== undefined && /^[A-Z_]+$/.test(code)) return new ValidationError(text, options);
  // No status, no Salesforce code: a connection-level failure we could not name.
  return new TransientError(text, options);
}

/**
 * A composite subrequest's error body (`[{errorCode, message}]`) as a jsforce-like error, for
 * `classifySalesforceError`. Without an `errorCode` the error is named `fallback.code` when given
 * (then classified under that code), else left a plain `Error` (classified as `HTTP_<status>`).
 */
export function subrequestError(
  body: unknown,
  fallback: { message: string; code?: string } = { message: 'Composite subrequest failed' },
): Error {
  const first = Array.isArray(body) ? (body[0] as { errorCode?: string; message?: string } | undefined) : undefined;
  const error = new Error(first?.message ?? fallback.message) as Error & { errorCode?: string };
  const name = fallback.code === undefined ? first?.errorCode || undefined : (first?.errorCode ?? fallback.code);
  if (name !== undefined) {
    error.name = name;
    error.errorCode = first?.errorCode;
  }
  return error;
}

function where(context: FailureContext): string {
  return context.operation ? ` (${context.operation})` : '';
}
