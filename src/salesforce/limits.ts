/**
 * API budget: what the org says is left (`Sforce-Limit-Info: api-usage=used/max` on REST
 * responses, or `GET /limits`), what we have spent by kind, and a guard that refuses the next
 * call before the org's remaining daily requests fall under the reserve kept for the
 * customer's other integrations (reference §4.2: stop at e.g. 80 % of `DailyApiRequests`).
 *
 * jsforce only parses the header for `conn.request` calls and not at all for Bulk 2.0; every
 * response of the gateway passes through `observeHeader`, and calls answered without the header
 * are added to the last known usage so the guard never under-counts.
 */
import { ApiBudgetError } from '../errors';

/** What a call was for; `auth` (token endpoint) does not count against the daily allowance. */
export type CallKind =
  | 'auth'
  | 'query'
  | 'queryMore'
  | 'collections'
  | 'composite'
  | 'bulk'
  | 'describe'
  | 'limits'
  | 'other';

export const CALL_KINDS: readonly CallKind[] = [
  'auth',
  'query',
  'queryMore',
  'collections',
  'composite',
  'bulk',
  'describe',
  'limits',
  'other',
];

export interface ApiBudgetOptions {
  /** Share of the daily limit (0–1) that must stay unused, e.g. 0.2 keeps 20 % for others. */
  reserveShare?: number;
  /** Absolute number of daily requests that must stay unused. The larger reserve wins. */
  reserveCalls?: number;
}

export interface ApiUsage {
  used: number;
  limit: number;
  remaining: number;
  /** Calls made since the org last reported its usage (estimated into `used`). */
  unreported: number;
}

export interface ApiStats {
  /** Calls by kind, as sent by this gateway (jsforce's own transport retries not included). */
  calls: Record<CallKind, number>;
  /** Calls counting against the daily allowance (everything but `auth`). */
  total: number;
  /** Records sent per write path. */
  records: { collections: number; bulk: number };
  /** Org-wide usage as last reported by Salesforce, when known. */
  apiUsage?: ApiUsage;
}

const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/;

export class ApiUsageTracker {
  private readonly calls: Record<CallKind, number> = Object.fromEntries(CALL_KINDS.map((k) => [k, 0])) as Record<
    CallKind,
    number
  >;
  private readonly records = { collections: 0, bulk: 0 };
  private reported?: { used: number; limit: number };
  private unreported = 0;

  constructor(private readonly budget: ApiBudgetOptions = {}) {
    const share = budget.reserveShare ?? 0;
    if (share < 0 || share >= 1) throw new RangeError('reserveShare must be in [0, 1)');
    if ((budget.reserveCalls ?? 0) < 0) throw new RangeError('reserveCalls must not be negative');
  }

  /**
   * Called before every call: throws `ApiBudgetError` if sending it would leave fewer than the
   * reserved requests. Without a reported usage yet the call goes ahead (its response reports).
   */
  beforeCall(kind: CallKind): void {
    if (kind === 'auth') return;
    const usage = this.usage();
    if (!usage) return;
    const reserve = this.reserveFor(usage.limit);
    if (usage.remaining - 1 < reserve) {
      throw new ApiBudgetError(
        `Salesforce API budget reached: ${usage.remaining} of ${usage.limit} daily requests left, ${reserve} reserved`,
        { code: 'API_BUDGET_RESERVE' },
      );
    }
  }

  /** Counts a call that was sent. */
  recordCall(kind: CallKind): void {
    this.calls[kind] += 1;
    if (kind !== 'auth') this.unreported += 1;
  }

  /** Counts records sent through a write path. */
  recordRecords(path: 'collections' | 'bulk', count: number): void {
    this.records[path] += count;
  }

  /** Reads `Sforce-Limit-Info`; the reported usage includes the call that carried it. */
  observeHeader(value: string | undefined): void {
    const match = value ? LIMIT_INFO.exec(value) : null;
    if (!match) return;
    this.reported = { used: Number(match[1]), limit: Number(match[2]) };
    this.unreported = 0;
  }

  /** Takes `DailyApiRequests` from a `GET /limits` answer. */
  observeLimits(limits: { DailyApiRequests?: { Max?: number; Remaining?: number } }): void {
    const daily = limits.DailyApiRequests;
    if (daily?.Max === undefined || daily.Remaining === undefined) return;
    this.reported = { used: daily.Max - daily.Remaining, limit: daily.Max };
    this.unreported = 0;
  }

  /** Org usage with calls not yet reported added in, or undefined before any report. */
  usage(): ApiUsage | undefined {
    if (!this.reported) return undefined;
    const used = this.reported.used + this.unreported;
    return { used, limit: this.reported.limit, remaining: Math.max(0, this.reported.limit - used), unreported: this.unreported };
  }

  stats(): ApiStats {
    const calls = { ...this.calls };
    const total = CALL_KINDS.filter((k) => k !== 'auth').reduce((sum, k) => sum + calls[k], 0);
    return { calls, total, records: { ...this.records }, apiUsage: this.usage() };
  }

  private reserveFor(limit: number): number {
    return Math.max(Math.ceil((this.budget.reserveShare ?? 0) * limit), this.budget.reserveCalls ?? 0);
  }
}
