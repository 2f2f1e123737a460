/**
 * The few typed errors the product raises. Retryable or not is decided here, once, when
 * an external failure is classified at a boundary (SalesWings client, Salesforce gateway,
 * configuration). Activities turn these into Temporal `ApplicationFailure`s by their
 * stable `type` (see `src/activities/failures.ts`); workflows never match error strings.
 */

/** Stable error types; they appear in Temporal failures and in retry policies. */
export const ErrorType = {
  /** Credentials rejected or revoked (401, invalid_grant). Needs an operator. */
  Auth: 'AuthError',
  /** Invalid or missing configuration. Needs an operator. */
  Config: 'ConfigError',
  /** A response broke the API contract (wrong shape, truncated body). */
  Contract: 'ContractError',
  /** A request we built was rejected as invalid (malformed query, unknown field). */
  Validation: 'ValidationError',
  /** Network failure, timeout, 5xx, lock contention: try again with backoff. */
  Transient: 'TransientError',
  /** 429 / concurrent-request limit: try again after the given delay. */
  RateLimited: 'RateLimitedError',
  /** The org's daily API allowance is (nearly) spent: stop this run. */
  ApiBudget: 'ApiBudgetError',
  /** A deletion step would remove more than the configured share of a table. */
  DeletionGuard: 'DeletionGuardError',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

const RETRYABLE: ReadonlySet<ErrorType> = new Set([ErrorType.Transient, ErrorType.RateLimited]);

export interface SyncErrorOptions {
  /** Delay the server asked for (Retry-After) or that the error kind calls for. */
  retryAfterMs?: number;
  /** Machine-readable code from the remote side, e.g. `UNABLE_TO_LOCK_ROW`, `HTTP_503`. */
  code?: string;
  cause?: unknown;
}

/** Base class of every classified error. */
export class SyncError extends Error {
  readonly type: ErrorType;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(type: ErrorType, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = type;
    this.type = type;
    this.retryable = RETRYABLE.has(type);
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
}

export class AuthError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.Auth, message, options);
  }
}

/** One configuration problem: where it is and what is wrong (never the secret value). */
export interface ConfigProblem {
  path: string;
  message: string;
}

export class ConfigError extends SyncError {
  readonly problems: readonly ConfigProblem[];
  constructor(title: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`);
    super(ErrorType.Config, [title, ...lines].join('\n'));
    this.problems = problems;
  }
}

export class ContractError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.Contract, message, options);
  }
}

export class ValidationError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.Validation, message, options);
  }
}

export class TransientError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.Transient, message, options);
  }
}

export class RateLimitedError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.RateLimited, message, options);
  }
}

export class ApiBudgetError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.ApiBudget, message, options);
  }
}

export class DeletionGuardError extends SyncError {
  constructor(message: string, options?: SyncErrorOptions) {
    super(ErrorType.DeletionGuard, message, options);
  }
}

/** Error types a retry policy must never retry. */
export const NON_RETRYABLE_ERROR_TYPES: readonly string[] = Object.values(ErrorType).filter(
  (t) => !RETRYABLE.has(t),
);
