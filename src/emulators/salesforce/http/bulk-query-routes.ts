/**
 * Bulk API 2.0 query over HTTP (`/jobs/query`): create, poll, results pages with
 * `Sforce-Locator`/`Sforce-NumberOfRecords`, abort, delete, list.
 */
import type { Org } from '../org';
import { COLUMN_DELIMITERS, isProcessing, isTerminal } from '../bulk/jobs';
import { DEFAULT_MAX_RECORDS, type QueryJob, type QueryJobs } from '../bulk/query-jobs';
import { SoqlError } from '../soql/soql-error';
import { ApiError, CSV_TYPE, json, notFound, readJson, type ApiRequest, type Reply, type Route } from './api-types';
import { jobDialect, jobFormat, jobHead } from './bulk-job-info';

function info(job: QueryJob, full: boolean): Record<string, unknown> {
  return {
    ...jobHead(job),
    ...jobFormat(job),
    ...(full ? { jobType: 'V2Query', numberRecordsProcessed: job.state === 'JobComplete' ? job.rows.length : 0, retries: 0, totalProcessingTime: job.totalProcessingTime } : {}),
    ...jobDialect(job),
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

export function bulkQueryRoutes(_org: Org, jobs: QueryJobs): Route[] {
  const find = (req: ApiRequest): QueryJob => {
    const job = jobs.jobs.get(req.params[0]);
    if (!job) throw notFound();
    return job;
  };

  const create = (req: ApiRequest): Reply => {
    const body = readJson<Record<string, unknown>>(req);
    const operation = body.operation ?? 'query';
    if (operation !== 'query' && operation !== 'queryAll') throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
    if (typeof body.query !== 'string') throw new ApiError(400, 'INVALIDJOB', 'InvalidJob : query is required');
    const lineEnding = (body.lineEnding ?? 'LF') as 'LF' | 'CRLF';
    const columnDelimiter = (body.columnDelimiter ?? 'COMMA') as string;
    if (!(columnDelimiter in COLUMN_DELIMITERS)) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${columnDelimiter}`);
    try {
      const job = jobs.create({ operation, query: body.query, createdById: req.userId, apiVersion: Number(req.version), lineEnding, columnDelimiter });
      return json(200, info(job, false));
    } catch (error) {
      if (error instanceof SoqlError) throw new ApiError(400, error.errorCode, error.message);
      throw error;
    }
  };

  const results = (req: ApiRequest): Reply => {
    const job = find(req);
    if (Number(req.version) !== job.apiVersion) throw new ApiError(409, 'INVALIDJOBSTATE', `Results must be requested with the API version of the job (${job.apiVersion.toFixed(1)})`);
    if (job.state !== 'JobComplete') throw new ApiError(409, 'INVALIDJOBSTATE', `Job's state is ${job.state}: results are available once it is JobComplete`);
    const max = Number(req.query.get('maxRecords') ?? DEFAULT_MAX_RECORDS);
    if (!Number.isInteger(max) || max <= 0) throw new ApiError(400, 'INVALID_INPUT', 'maxRecords must be a positive integer');
    let page;
    try {
      page = jobs.page(job, req.query.get('locator'), max);
    } catch (error) {
      if (error instanceof SoqlError) throw new ApiError(400, 'INVALID_INPUT', error.message);
      throw error;
    }
    return { status: 200, body: page.csv, contentType: CSV_TYPE, headers: { 'Sforce-Locator': page.next, 'Sforce-NumberOfRecords': String(page.count) } };
  };

  const patch = (req: ApiRequest): Reply => {
    const job = find(req);
    const { state } = readJson<{ state?: string }>(req);
    if (state !== 'Aborted') throw new ApiError(400, 'INVALIDJOBSTATE', `Invalid state transition requested: ${String(state)}`);
    if (isTerminal(job.state)) throw new ApiError(400, 'INVALIDJOBSTATE', `Job's state is ${job.state}: it can no longer be aborted`);
    jobs.abort(job);
    return json(200, info(job, false));
  };

  const remove = (req: ApiRequest): Reply => {
    const job = find(req);
    if (isProcessing(job.state)) throw new ApiError(400, 'INVALIDJOBSTATE', `Job's state is ${job.state}: it cannot be deleted yet`);
    jobs.jobs.delete(job.id);
    return { status: 204 };
  };

  const J = '([A-Za-z0-9]{15,18})';
  return [
    { method: 'POST', pattern: /^\/jobs\/query\/?$/, kind: 'bulk-query-create', handler: create },
    { method: 'GET', pattern: /^\/jobs\/query\/?$/, kind: 'bulk-query-list', handler: () => json(200, { done: true, records: [...jobs.jobs.values()].map((j) => info(j, false)), nextRecordsUrl: null }) },
    { method: 'GET', pattern: new RegExp(`^/jobs/query/${J}/?$`), kind: 'bulk-query-poll', handler: (req) => json(200, info(find(req), true)) },
    { method: 'GET', pattern: new RegExp(`^/jobs/query/${J}/results/?$`), kind: 'bulk-query-results', handler: results },
    { method: 'PATCH', pattern: new RegExp(`^/jobs/query/${J}/?$`), kind: 'bulk-query-abort', handler: patch },
    { method: 'DELETE', pattern: new RegExp(`^/jobs/query/${J}/?$`), kind: 'bulk-query-delete', handler: remove },
  ];
}
