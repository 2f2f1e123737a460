/**
 * Activities raise the classified errors of src/errors.ts; Temporal sees them as
 * ApplicationFailures whose `type` is the stable error type, `nonRetryable` decided by the
 * classification, and `nextRetryDelay` set from a server's Retry-After. Nothing else in the
 * product decides whether an error is worth retrying.
 */
import { ApplicationFailure } from '@temporalio/common';
import { SyncError } from '../errors';

export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof SyncError)) return error;
  return ApplicationFailure.create({
    message: error.message,
    type: error.type,
    nonRetryable: !error.retryable,
    nextRetryDelay: error.retryable && error.retryAfterMs !== undefined ? error.retryAfterMs : undefined,
    details: error.code ? [{ code: error.code }] : [],
    cause: error.cause instanceof Error ? error.cause : undefined,
  });
}

type AnyFunction = (...args: never[]) => Promise<unknown>;

/** Wraps every activity so classified errors leave as properly typed ApplicationFailures. */
export function classifyFailures<T extends Record<string, AnyFunction>>(activities: T): T {
  const wrapped: Record<string, AnyFunction> = {};
  for (const [name, fn] of Object.entries(activities)) {
    const activity = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    };
    Object.defineProperty(activity, 'name', { value: name });
    wrapped[name] = activity;
  }
  return wrapped as T;
}
