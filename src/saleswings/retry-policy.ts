/**
 * When to try a SalesWings call again and how long to wait: exponential backoff with jitter,
 * and the server's own `Retry-After` where it sends one.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** First backoff step; doubles with every retry. */
  baseDelayMs: number;
  /** Longest wait between two attempts. A `Retry-After` above it ends the in-process retries. */
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random: () => number;
}

/**
 * Backoff before retry number `retry` (0 = the first retry): "equal jitter" — half of the
 * exponential step is fixed, half random — so a burst of failing callers spreads out but
 * never retries immediately.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + policy.random() * (step / 2));
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Decimal seconds
 * (`0.5`) are accepted too, leniently. Returns milliseconds from `nowMs`, never negative;
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Every HTTP-date form starts with a day name; Date.parse alone would take "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
