/**
 * Wires the product metrics into a worker in one call: the gateway whose writes are counted
 * (for `createActivities`), and the step observer's options (for `createSyncWorker`) that
 * record step durations and flush the API call counters after every activity.
 */
import { type MetricMeter } from '@temporalio/common';
import { type SalesforceGateway } from '../salesforce/gateway';
import { type SalesWingsClient } from '../saleswings/client';
import { ApiCallMeter } from './api-call-meter';
import { instrumentGateway } from './instrumented-gateway';
import { SyncMetrics } from './metrics';
import { type StepObserverOptions } from './step-observer';

export interface WorkerObservability {
  metrics: SyncMetrics;
  /** The gateway with its writes counted: give this one to `createActivities`. */
  salesforce: SalesforceGateway;
  /** For `createSyncWorker({ observability })`. */
  steps: StepObserverOptions;
  /** Adds the API calls sent since the last flush (also done after every activity). */
  flush(): void;
}

export interface WorkerObservabilityOptions {
  /** `Runtime.instance().metricMeter` in the worker (a no-op meter when METRICS_PORT is unset). */
  meter: MetricMeter;
  salesforce: SalesforceGateway;
  saleswings: Pick<SalesWingsClient, 'stats'>;
}

export function observeWorker(options: WorkerObservabilityOptions): WorkerObservability {
  const metrics = new SyncMetrics(options.meter);
  const apiCalls = new ApiCallMeter(metrics, { salesforce: options.salesforce, saleswings: options.saleswings });
  const flush = () => apiCalls.flush();
  return {
    metrics,
    salesforce: instrumentGateway(options.salesforce, metrics),
    steps: { metrics, afterActivity: flush },
    flush,
  };
}
