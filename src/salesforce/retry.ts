/**
 * Backoff for the retries the gateway does itself (per-record lock errors, Bulk polling,
 * request-level hiccups of idempotent writes). Full jitter spreads concurrent writers that hit
 * the same locked parent.
 */

export interface BackoffOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
}

export const DEFAULT_RECORD_RETRY: BackoffOptions = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 16_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1): random in [d/2, d], d = base·2^(attempt-1). */
export function backoffDelay(attempt: number, options: Pick<BackoffOptions, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
