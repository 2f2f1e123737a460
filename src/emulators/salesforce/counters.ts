/**
 * API request counters by kind. Every authenticated REST call counts once (a Composite request
 * counts once for all its subrequests; each Bulk API request counts once), which is what drives
 * `Sforce-Limit-Info: api-usage=used/max` and `/limits`. OAuth and the versions root are
 * counted by kind but are not API calls.
 */

/** Kinds that are tracked but do not consume the daily API allocation. */
const NOT_API_CALLS = new Set(['oauth-token', 'oauth-revoke', 'versions', 'identity']);

export interface CounterSnapshot {
  /** API calls that count against the daily allocation. */
  total: number;
  byKind: Record<string, number>;
}

export class Counters {
  private readonly byKind = new Map<string, number>();
  private apiCalls = 0;

  increment(kind: string): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    if (!NOT_API_CALLS.has(kind)) this.apiCalls += 1;
  }

  /** Requests counted for one kind. */
  get(kind: string): number {
    return this.byKind.get(kind) ?? 0;
  }

  get total(): number {
    return this.apiCalls;
  }

  snapshot(): CounterSnapshot {
    return { total: this.apiCalls, byKind: Object.fromEntries([...this.byKind].sort(([a], [b]) => a.localeCompare(b))) };
  }

  reset(): void {
    this.byKind.clear();
    this.apiCalls = 0;
  }
}
