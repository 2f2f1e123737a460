/**
 * Bulk API 2.0 ingest over HTTP (`/jobs/ingest`): create, upload CSV (`PUT …/batches`; an
 * empty upload is rejected with 400, which surfaces jsforce 3.10.16's empty re-upload after a
 * retried PUT), close or abort, poll, results as CSV, delete, list.
 * https://developer.salesforce.com/docs/platform/api-asynch/guide/upload-job-data.md
 */
import type { Org } from '../org';
import type { IngestJob, IngestJobs, IngestOperation } from '../bulk/ingest-jobs';
import { COLUMN_DELIMITERS, isProcessing, isTerminal } from '../bulk/jobs';
import { ApiError, CSV_TYPE, json, notFound, readJson, type ApiRequest, type Reply, type Route } from './api-types';
import { jobDialect, jobFormat, jobHead } from './bulk-job-info';

const OPERATIONS: IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];

export function jobInfo(job: IngestJob, full: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    ...jobHead(job),
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    ...jobFormat(job),
    ...(full ? { jobType: 'V2Ingest' } : {}),
    contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
    ...jobDialect(job),
  };
  if (full) {
    Object.assign(info, {
      numberRecordsProcessed: job.processed,
      numberRecordsFailed: job.failedCount,
      retries: 0,
      totalProcessingTime: job.totalProcessingTime,
      apiActiveProcessingTime: job.totalProcessingTime,
      apexProcessingTime: 0,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    });
  }
  return info;
}

export function bulkRoutes(org: Org, jobs: IngestJobs): Route[] {
  const find = (req: ApiRequest): IngestJob => {
    const job = jobs.jobs.get(req.params[0]);
    if (!job) throw notFound();
    return job;
  };

  const create = (req: ApiRequest): Reply => {
    const body = readJson<Record<string, unknown>>(req);
    const operation = body.operation as IngestOperation;
    if (!OPERATIONS.includes(operation)) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    const obj = typeof body.object === 'string' ? org.schema.get(body.object) : undefined;
    if (!obj || obj.readOnly) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Unable to find object: ${String(body.object)}`);
    if (obj.kind === 'event' && operation !== 'insert') throw new ApiError(400, 'INVALIDJOB', `InvalidJob : ${obj.name} supports only insert`);
    let externalIdFieldName: string | undefined;
    if (operation === 'upsert') {
      const name = body.externalIdFieldName;
      if (typeof name !== 'string' || name === '') throw new ApiError(400, 'INVALIDJOB', `InvalidJob : External ID was blank for ${obj.name}. An External ID must be specified for upsert.`);
      const f = org.schema.field(obj, name);
      if (!f || (!f.externalId && !f.idLookup)) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Field name provided, ${name} is not an External ID or indexed field for ${obj.name}`);
      externalIdFieldName = f.name;
    }
    const lineEnding = (body.lineEnding ?? 'LF') as string;
    if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${lineEnding}`);
    const columnDelimiter = (body.columnDelimiter ?? 'COMMA') as string;
    if (!(columnDelimiter in COLUMN_DELIMITERS)) throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${columnDelimiter}`);
    if (body.contentType !== undefined && body.contentType !== 'CSV') throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid content type: ${String(body.contentType)}`);
    const job = jobs.create({ operation, object: obj.name, externalIdFieldName, lineEnding, columnDelimiter, createdById: req.userId, apiVersion: Number(req.version) });
    return json(200, jobInfo(job, false));
  };

  const upload = (req: ApiRequest): Reply => {
    const job = find(req);
    if (job.state !== 'Open') throw new ApiError(409, 'INVALIDJOBSTATE', `Job's state is ${job.state}: data can only be uploaded to an Open job`);
    if (job.data !== undefined) throw new ApiError(409, 'INVALIDJOBSTATE', 'Data was already uploaded for this job; a job accepts one upload');
    const text = req.body.toString('utf8');
    if (text.trim() === '') throw new ApiError(400, 'INVALIDBATCH', 'InvalidBatch : The uploaded CSV is empty: a header row and at least one record are required');
    job.data = text;
    jobs.touch(job);
    return { status: 201 };
  };

  const patch = (req: ApiRequest): Reply => {
    const job = find(req);
    const { state } = readJson<{ state?: string }>(req);
    if (state === 'UploadComplete') {
      if (job.state !== 'Open') throw new ApiError(400, 'INVALIDJOBSTATE', `Job's state is ${job.state}: only an Open job can be closed`);
      if (job.data === undefined) {
        jobs.fail(job, 'InvalidBatch : No data was uploaded for this job');
      } else {
        jobs.close(job);
      }
    } else if (state === 'Aborted') {
      if (isTerminal(job.state)) throw new ApiError(400, 'INVALIDJOBSTATE', `Job's state is ${job.state}: it can no longer be aborted`);
      jobs.abort(job);
    } else {
      throw new ApiError(400, 'INVALIDJOBSTATE', `Invalid state transition requested: ${String(state)}`);
    }
    return json(200, jobInfo(job, false));
  };

  const results = (kind: 'successful' | 'failed' | 'unprocessed') => (req: ApiRequest): Reply => {
    const job = find(req);
    return { status: 200, body: jobs.csv(job, kind), contentType: CSV_TYPE };
  };

  const remove = (req: ApiRequest): Reply => {
    const job = find(req);
    if (isProcessing(job.state)) throw new ApiError(400, 'INVALIDJOBSTATE', `Job's state is ${job.state}: it cannot be deleted while it is processed`);
    jobs.jobs.delete(job.id);
    return { status: 204 };
  };

  const list = (): Reply =>
    json(200, { done: true, records: [...jobs.jobs.values()].map((j) => ({ ...jobInfo(j, false), jobType: 'V2Ingest' })), nextRecordsUrl: null });

  const J = '([A-Za-z0-9]{15,18})';
  return [
    { method: 'POST', pattern: /^\/jobs\/ingest\/?$/, kind: 'bulk-ingest-create', handler: create },
    { method: 'GET', pattern: /^\/jobs\/ingest\/?$/, kind: 'bulk-ingest-list', handler: list },
    { method: 'PUT', pattern: new RegExp(`^/jobs/ingest/${J}/batches/?$`), kind: 'bulk-ingest-upload', handler: upload },
    { method: 'PATCH', pattern: new RegExp(`^/jobs/ingest/${J}/?$`), kind: 'bulk-ingest-close', handler: patch },
    { method: 'GET', pattern: new RegExp(`^/jobs/ingest/${J}/?$`), kind: 'bulk-ingest-poll', handler: (req) => json(200, jobInfo(find(req), true)) },
    { method: 'DELETE', pattern: new RegExp(`^/jobs/ingest/${J}/?$`), kind: 'bulk-ingest-delete', handler: remove },
    { method: 'GET', pattern: new RegExp(`^/jobs/ingest/${J}/successfulResults/?$`), kind: 'bulk-ingest-results', handler: results('successful') },
    { method: 'GET', pattern: new RegExp(`^/jobs/ingest/${J}/failedResults/?$`), kind: 'bulk-ingest-results', handler: results('failed') },
    { method: 'GET', pattern: new RegExp(`^/jobs/ingest/${J}/unprocessedrecords/?$`), kind: 'bulk-ingest-results', handler: results('unprocessed') },
  ];
}
