import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from '../../src/saleswings/retry-policy';
import { classifyStatus, describeErrorBody } from '../../src/saleswings/classify-failure';
import { formatIssuePath } from '../../src/saleswings/zod-issues';

const policy = (random: number): RetryPolicy => ({ maxRetries: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });

describe('retry policy', () => {
  test('backoff doubles per retry, keeps at least half the step and never exceeds the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(policy(0), retry))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(policy(0.999999), retry))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  test('Retry-After is read as seconds, decimal seconds or an HTTP-date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('3', now)).toBe(3_000);
    expect(parseRetryAfterMs(' 0.25 ', now)).toBe(250);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs(['2', '9'], now)).toBe(2_000);
  });

  test('an absent or unreadable Retry-After gives no delay', () => {
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined();
    expect(parseRetryAfterMs('', 0)).toBeUndefined();
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
    expect(parseRetryAfterMs('-5', 0)).toBeUndefined();
  });
});

describe('failure classification', () => {
  test.each([
    [401, 'AuthError', false],
    [403, 'AuthError', false],
    [400, 'ValidationError', false],
    [404, 'ValidationError', false],
    [408, 'TransientError', true],
    [429, 'RateLimitedError', true],
    [500, 'TransientError', true],
    [501, 'ValidationError', false],
    [503, 'TransientError', true],
    [504, 'TransientError', true],
  ])('status %i is a %s (retryable: %s)', (status, type, retryable) => {
    const error = classifyStatus('GET /tags', status, '', undefined);
    expect(error).toMatchObject({ type, retryable, code: `HTTP_${status}` });
  });

  test('only a well-formed error body is quoted, and only shortened', () => {
    expect(describeErrorBody('{"error":"bad","message":"no"}')).toBe('bad: no');
    expect(describeErrorBody('<html>502 Bad Gateway</html>')).toBe('');
    expect(describeErrorBody(JSON.stringify({ error: 'x', message: 'y'.repeat(1_000) }))).toHaveLength(301);
  });

  test('issue paths read like code', () => {
    expect(formatIssuePath(['prospects', 3, 'scores', 0, 'value'])).toBe('prospects[3].scores[0].value');
    expect(formatIssuePath([])).toBe('(root)');
  });
});
