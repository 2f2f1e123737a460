/**
 * Turns the clients' running totals (the gateway's calls by kind, the SalesWings client's
 * requests by endpoint) into counter increments. The clients are shared by every activity of
 * the worker, so per-activity attribution would be a guess; the totals are exact: each flush adds
 * what was sent since the previous flush. The worker flushes after every activity, and on a
 * timer so a step that runs for hours shows its calls while it runs.
 */
import { type GatewayStats } from '../salesforce/gateway';
import { type SalesWingsClientStats } from '../saleswings/client';
import { type SyncMetrics } from './metrics';

export interface ApiCallSources {
  salesforce?: { stats(): GatewayStats };
  saleswings?: { stats(): SalesWingsClientStats };
}

function deltas(now: Record<string, number>, before: Record<string, number>): [string, number][] {
  return Object.entries(now)
    .map(([key, value]): [string, number] => [key, value - (before[key] ?? 0)])
    .filter(([, delta]) => delta > 0);
}

export class ApiCallMeter {
  private salesforceSeen: Record<string, number> = {};
  private saleswingsSeen: Record<string, number> = {};

  /** Starts from zero: calls made before the first flush (the OAuth grant at start-up) are counted by it. */
  constructor(
    private readonly metrics: SyncMetrics,
    private readonly sources: ApiCallSources,
  ) {}

  /** Adds the calls sent since the last flush. Synchronous: concurrent activities cannot count a call twice. */
  flush(): void {
    const salesforce = this.sources.salesforce?.stats();
    if (salesforce) {
      for (const [kind, delta] of deltas(salesforce.calls, this.salesforceSeen)) this.metrics.salesforceCalls(kind, delta);
      this.salesforceSeen = { ...salesforce.calls };
      if (salesforce.apiUsage) this.metrics.salesforceApiUsage(salesforce.apiUsage.used, salesforce.apiUsage.limit);
    }
    const saleswings = this.sources.saleswings?.stats();
    if (saleswings) {
      for (const [endpoint, delta] of deltas(saleswings.byEndpoint, this.saleswingsSeen)) this.metrics.saleswingsRequest(endpoint, delta);
      this.saleswingsSeen = { ...saleswings.byEndpoint };
    }
  }
}
