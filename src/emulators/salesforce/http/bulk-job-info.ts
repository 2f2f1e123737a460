/**
 * Job-info fields Bulk API 2.0 ingest and query jobs report alike. Spread them in this order
 * (head, format, then job-specific fields, then dialect) to keep Salesforce's key order.
 */
import type { JobState } from '../bulk/jobs';

interface JobHeadFields {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
}

/** `id` … `state`. */
export function jobHead(job: JobHeadFields): Record<string, unknown> {
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
export function jobFormat(job: JobHeadFields): Record<string, unknown> {
  return { concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: job.apiVersion };
}

/** `lineEnding`, `columnDelimiter`. */
export function jobDialect(job: JobHeadFields): Record<string, unknown> {
  return { lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter };
}
