import { ErrorType, SyncError } from '../../src/errors';
import {
  CONCURRENT_LIMIT_RETRY_MS,
  classifySalesforceError,
  isTransientRecordError,
  redactMessage,
} from '../../src/salesforce/errors';

// jsforce's HttpApiError (not exported at runtime): name and errorCode are the Salesforce code.
class HttpApiError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
    readonly data: unknown,
  ) {
    super(message);
    this.name = errorCode;
  }
}
const apiError = (code: string, message = 'something'): Error => new HttpApiError(message, code, { errorCode: code, message });

function classify(error: unknown, context = {}): SyncError {
  const result = classifySalesforceError(error, context);
  expect(result).toBeInstanceOf(SyncError);
  return result as SyncError;
}

describe('classifying Salesforce failures', () => {
  it.each([
    ['invalid_grant', ErrorType.Auth],
    ['invalid_client', ErrorType.Auth],
    ['INVALID_SESSION_ID', ErrorType.Auth],
    ['MALFORMED_QUERY', ErrorType.Validation],
    ['INVALID_FIELD', ErrorType.Validation],
    ['INVALID_TYPE', ErrorType.Validation],
    ['EXCEEDED_ID_LIMIT', ErrorType.Validation],
    ['SERVER_UNAVAILABLE', ErrorType.Transient],
    ['UNKNOWN_EXCEPTION', ErrorType.Transient],
    ['QUERY_TIMEOUT', ErrorType.Transient],
    ['ERROR_HTTP_503', ErrorType.Transient],
    ['ERROR_HTTP_500', ErrorType.Transient],
    ['ERROR_HTTP_404', ErrorType.Validation],
  ])('%s becomes %s and keeps the code', (code, type) => {
    const error = classify(apiError(code));
    expect(error.type).toBe(type);
    expect(error.code).toBe(code);
  });

  it('treats the daily request limit as an exhausted budget (not retryable)', () => {
    const error = classify(apiError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), { status: 403 });
    expect(error.type).toBe(ErrorType.ApiBudget);
    expect(error.retryable).toBe(false);
  });

  it('treats the concurrent long-request limit as rate limiting with a ~30 s delay', () => {
    const error = classify(apiError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'), { status: 403 });
    expect(error.type).toBe(ErrorType.RateLimited);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(CONCURRENT_LIMIT_RETRY_MS);
  });

  it('honours Retry-After on a 429', () => {
    const error = classify(apiError('ERROR_HTTP_429'), { status: 429, retryAfter: '7' });
    expect(error.type).toBe(ErrorType.RateLimited);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('uses the HTTP status when the body carried an unknown code', () => {
    expect(classify(apiError('SOMETHING_NEW'), { status: 502 }).type).toBe(ErrorType.Transient);
    expect(classify(apiError('SOMETHING_NEW'), { status: 400 }).type).toBe(ErrorType.Validation);
    expect(classify(apiError('SOMETHING_NEW'), { status: 401 }).type).toBe(ErrorType.Auth);
  });

  it('treats socket resets and timeouts as transient', () => {
    const reset = Object.assign(new Error('request to http://x/?q=SELECT failed, reason: socket hang up'), {
      name: 'FetchError',
      code: 'ECONNRESET',
    });
    const error = classify(reset);
    expect(error.type).toBe(ErrorType.Transient);
    expect(error.code).toBe('ECONNRESET');
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(classify(abort).type).toBe(ErrorType.Transient);
  });

  it('classifies a failed session refresh by the grant failure behind it', () => {
    const refreshFailure = new Error('Unable to refresh session due to: expired access/refresh token');
    const grantError = Object.assign(new Error('expired access/refresh token'), { name: 'invalid_grant' });
    expect(classify(refreshFailure, { refreshError: grantError }).type).toBe(ErrorType.Auth);
    const outage = Object.assign(new Error('Service Unavailable'), { name: 'ERROR_HTTP_503' });
    expect(classify(refreshFailure, { refreshError: outage }).type).toBe(ErrorType.Transient);
    expect(classify(refreshFailure).type).toBe(ErrorType.Auth);
  });

  it('uses the first error of a multi-error response', () => {
    const multi = new HttpApiError('Multiple errors returned.', 'MULTIPLE_API_ERRORS', [
      { errorCode: 'INVALID_FIELD', message: 'No such column' },
      { errorCode: 'INVALID_FIELD', message: 'No such column' },
    ]);
    expect(classify(multi).code).toBe('INVALID_FIELD');
  });

  it('passes already classified errors and programming errors through unchanged', () => {
    const classified = classify(apiError('SERVER_UNAVAILABLE'));
    expect(classifySalesforceError(classified)).toBe(classified);
    const bug = new TypeError('x is undefined');
    expect(classifySalesforceError(bug)).toBe(bug);
  });

  it('never puts e-mails, literals or tokens into the message', () => {
    const echoed = apiError(
      'MALFORMED_QUERY',
      "\nEmail = 'jane.doe@example.com' OR\n ^\nERROR at Row:1:Column:40 Bearer 00D000000000001!AQ4AQabc.def",
    );
    const error = classify(echoed, { operation: 'query Lead', status: 400 });
    expect(error.message).toContain('MALFORMED_QUERY');
    expect(error.message).toContain('query Lead');
    expect(error.message).not.toContain('jane.doe');
    expect(error.message).not.toContain('00D000000000001!');
    expect(error.message).not.toMatch(/AQ4AQabc/);
    expect(error.cause).toBeUndefined();
  });
});

describe('transient per-record errors', () => {
  it('are lock and availability errors, including a lock surfacing through a trigger', () => {
    expect(isTransientRecordError('UNABLE_TO_LOCK_ROW')).toBe(true);
    expect(isTransientRecordError('SERVER_UNAVAILABLE')).toBe(true);
    expect(isTransientRecordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'Trigger: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access')).toBe(true);
    expect(isTransientRecordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'Trigger: division by zero')).toBe(false);
    expect(isTransientRecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION')).toBe(false);
  });
});

describe('redactMessage', () => {
  it('removes e-mails and quoted literals and truncates', () => {
    expect(redactMessage("invalid email address: a.b@example.org in 'secret'")).toBe("invalid email address: <email> in '…'");
    expect(redactMessage('x'.repeat(50), 10)).toHaveLength(10);
  });
});
