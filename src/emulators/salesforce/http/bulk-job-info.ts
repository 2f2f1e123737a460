/**
 * Job-info fields Bulk API 2.0 ingest and query jobs report alike. Spread them in this order
 * (head, format, then job-specific fields, then dialect) to keep Salesforce's key order.
 */
import type { BulkJob } from '../bulk/jobs';


/** `id` … `state`. */
export function jobHead(job: BulkJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
  };
}

/** `concurrencyMode`, `contentType`, `apiVersion`. */
export function jobFormat(job: BulkJob): Record<string, unknown> {
  return { concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: job.apiVersion };
}

/** `lineEnding`, `columnDelimiter`. */
export function jobDialect(job: BulkJob): Record<string, unknown> {
  return { lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter };
}
