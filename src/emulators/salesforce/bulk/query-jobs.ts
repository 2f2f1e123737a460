/**
 * Bulk API 2.0 query jobs: UploadComplete → InProgress → JobComplete after a delay; results
 * as CSV pages addressed by locators (`Sforce-Locator`, the string `null` after the last page;
 * `Sforce-NumberOfRecords`), each page repeating the header. Child sub-queries and aggregates
 * are not supported by Bulk queries and are refused, as Salesforce does.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 */
import type { FieldType } from '@jetstreamapp/soql-parser-js';
import { isAggregateQuery } from '../soql/aggregate';
import { resolvePath } from '../soql/paths';
import { parseSoql, runQuery } from '../soql/query-engine';
import { malformed } from '../soql/soql-error';
import type { Row } from '../store/table';
import { BulkJobs, type BulkJob } from './jobs';

export interface QueryJob extends BulkJob {
  operation: 'query' | 'queryAll';
  query: string;
  columns: string[];
  rows: Row[];
  getters: Array<(row: Row) => unknown>;
  totalProcessingTime: number;
}

/** Records per results page when the client does not pass maxRecords. */
export const DEFAULT_MAX_RECORDS = 50_000;

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

export class QueryJobs extends BulkJobs<QueryJob> {
  /** Validates the SOQL and creates the job; throws SoqlError for bad queries. */
  create(input: { operation: 'query' | 'queryAll'; query: string; createdById: string; apiVersion: number; lineEnding: 'LF' | 'CRLF'; columnDelimiter: string }): QueryJob {
    const parsed = parseSoql(input.query);
    if (isAggregateQuery(parsed)) throw malformed('Aggregate queries are not supported by Bulk API 2.0 query jobs');
    const fields = (parsed.fields ?? []) as FieldType[];
    if (fields.some((f) => f.type === 'FieldSubquery')) throw malformed('Nested queries are not supported by Bulk API 2.0 query jobs');
    const obj = this.org.schema.get(parsed.sObject ?? '');
    const columns = fields.map((f) => (f.type === 'Field' ? f.field : f.type === 'FieldRelationship' ? f.rawValue ?? `${f.relationships.join('.')}.${f.field}` : ''));
    if (!obj || columns.some((c) => c === '')) {
      // Let the query engine produce the precise error.
      runQuery(this.org.queryEnv(String(input.apiVersion)), input.query, { includeDeleted: false });
      throw malformed('Unsupported SELECT list for a Bulk API 2.0 query job');
    }
    const getters = columns.map((c) => resolvePath(this.org.schema, this.org.store, obj, c).get);
    const now = this.org.now();
    const job: QueryJob = { ...input, id: this.nextId(), object: obj.name, createdDate: now, systemModstamp: now, state: 'UploadComplete', columns, rows: [], getters, totalProcessingTime: 0 };
    this.jobs.set(job.id, job);
    this.later(() => this.run(job), this.delayMs());
    return job;
  }

  private run(job: QueryJob): void {
    if (job.state !== 'UploadComplete') return;
    const started = Date.now();
    job.state = 'InProgress';
    try {
      const outcome = runQuery(this.org.queryEnv(String(job.apiVersion)), job.query, { includeDeleted: job.operation === 'queryAll' });
      job.rows = outcome.kind === 'rows' ? outcome.rows : [];
      job.state = 'JobComplete';
    } catch (error) {
      job.state = 'Failed';
      job.errorMessage = error instanceof Error ? error.message : String(error);
    }
    job.totalProcessingTime = Date.now() - started;
    job.systemModstamp = this.org.now();
  }

  abort(job: QueryJob): void {
    this.touch(job, 'Aborted');
  }

  /** One results page: CSV text, next locator (`null` at the end) and the row count. */
  page(job: QueryJob, locator: string | null, maxRecords: number): { csv: string; next: string; count: number } {
    const start = locator ? Number.parseInt(Buffer.from(locator, 'base64url').toString('utf8'), 10) : 0;
    if (!Number.isInteger(start) || start < 0 || start > job.rows.length) throw malformed(`Invalid locator: ${locator ?? ''}`);
    const end = Math.min(job.rows.length, start + maxRecords);
    const rows = job.rows.slice(start, end).map((row) => job.getters.map((g) => csvValue(g(row))));
    const csv = this.toCsv(job, [job.columns, ...rows]);
    const next = end < job.rows.length ? Buffer.from(String(end)).toString('base64url') : 'null';
    return { csv, next, count: rows.length };
  }
}
