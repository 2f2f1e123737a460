/**
 * The product's own metrics, recorded on Temporal's metric meter so they are served by the same
 * Prometheus endpoint as the SDK's (`METRICS_PORT`): one scrape target, no second HTTP server.
 *
 * Labels are bounded and carry no PII: object API names, write operations, Salesforce status
 * codes, call kinds, endpoint templates, step names and outcomes — never a record id, an email
 * or a prospect id.
 */
import { type MetricCounter, type MetricGauge, type MetricHistogram, type MetricMeter } from '@temporalio/common';
import { type WriteOperation } from '../salesforce/write-result';

/** Metric names as Prometheus shows them (docs/observability.md). */
export const METRIC = {
  recordsWritten: 'saleswings_records_written_total',
  recordFailures: 'saleswings_record_failures_total',
  salesforceApiCalls: 'saleswings_salesforce_api_calls_total',
  saleswingsRequests: 'saleswings_saleswings_requests_total',
  stepDuration: 'saleswings_step_duration_seconds',
  syncRuns: 'saleswings_sync_runs_total',
  salesforceApiUsed: 'saleswings_salesforce_daily_api_used',
  salesforceApiLimit: 'saleswings_salesforce_daily_api_limit',
} as const;

/**
 * Buckets of the step duration histogram, in seconds: a definitions step takes well under a
 * second, a full GetProspects of a large account many minutes. Installed on the runtime with
 * `histogramBucketOverrides` (the SDK's defaults are milliseconds buckets up to 10,000).
 */
export const STEP_DURATION_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** A write as labelled: the request's operation, or `publish` for platform events. */
export type WriteLabel = WriteOperation | 'publish';

/** How a step activity ended. */
export type StepOutcome = 'completed' | 'failed' | 'cancelled';

/** Codes come from Salesforce (`FIELD_CUSTOM_VALIDATION_EXCEPTION`) or the gateway: keep them label-safe and bounded. */
function codeLabel(code: string | undefined): string {
  const clean = (code ?? 'UNKNOWN').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
  return clean || 'UNKNOWN';
}

/** Records the product metrics on a meter (the runtime's, or a fake one in tests). */
export class SyncMetrics {
  private readonly recordsWritten: MetricCounter;
  private readonly recordFailures: MetricCounter;
  private readonly salesforceApiCalls: MetricCounter;
  private readonly saleswingsRequests: MetricCounter;
  private readonly stepDuration: MetricHistogram;
  private readonly syncRuns: MetricCounter;
  private readonly apiUsed: MetricGauge;
  private readonly apiLimit: MetricGauge;

  constructor(meter: MetricMeter) {
    this.recordsWritten = meter.createCounter(METRIC.recordsWritten, '', 'Records written to Salesforce successfully, by object and operation');
    this.recordFailures = meter.createCounter(METRIC.recordFailures, '', 'Records Salesforce refused to write, by object and status code');
    this.salesforceApiCalls = meter.createCounter(METRIC.salesforceApiCalls, '', 'Salesforce API calls sent, by kind (all but auth count against the daily allowance)');
    this.saleswingsRequests = meter.createCounter(METRIC.saleswingsRequests, '', 'SalesWings API requests sent (retries included), by endpoint');
    this.stepDuration = meter.createHistogram(METRIC.stepDuration, 'float', 's', 'Duration of each step activity, by step and outcome');
    this.syncRuns = meter.createCounter(METRIC.syncRuns, '', 'Sync runs finished, by outcome');
    this.apiUsed = meter.createGauge(METRIC.salesforceApiUsed, 'int', '', "The org's daily API requests used (all integrations), as Salesforce last reported");
    this.apiLimit = meter.createGauge(METRIC.salesforceApiLimit, 'int', '', "The org's daily API request allowance");
  }

  /** Counts per-record write results: successes by operation, failures by status code. */
  writes(object: string, operation: WriteLabel, results: readonly { success: boolean; errors: readonly { code: string }[] }[]): void {
    let written = 0;
    const failures = new Map<string, number>();
    for (const result of results) {
      if (result.success) written += 1;
      else {
        const code = codeLabel(result.errors[0]?.code);
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
    }
    if (written > 0) this.recordsWritten.add(written, { object, operation });
    for (const [code, count] of failures) this.recordFailures.add(count, { object, code });
  }

  salesforceCalls(kind: string, count: number): void {
    if (count > 0) this.salesforceApiCalls.add(count, { kind });
  }

  /** The org-wide daily usage Salesforce reports (Sforce-Limit-Info, GET /limits). */
  salesforceApiUsage(used: number, limit: number): void {
    this.apiUsed.set(used);
    this.apiLimit.set(limit);
  }

  saleswingsRequest(endpoint: string, count: number): void {
    if (count > 0) this.saleswingsRequests.add(count, { endpoint });
  }

  step(step: string, status: StepOutcome, seconds: number): void {
    this.stepDuration.record(Math.max(0, seconds), { step, status });
  }

  run(status: string): void {
    this.syncRuns.add(1, { status });
  }
}
