/**
 * Bulk API 2.0 ingest, driven by our own create → upload → close → poll → results loop
 * (reference §1.6, §2.6). jsforce's helpers are not used: a 503 on the upload PUT makes them
 * retry with an empty body and then close the job (silent data loss), and they give up polling
 * after 30 s and delete the job.
 *
 * Crash safety: `onProgress` reports the job id as soon as the job exists; an activity
 * heartbeats it and, when retried, passes it back as `resumeJobId` so the loop re-attaches to
 * the job (polls it, reads its results) instead of uploading the same rows again.
 */
import { ErrorType, TransientError, ValidationError, type SyncError } from '../errors';
import { mapBulkResults, parseBulkCsv, type BulkCsv } from './bulk-csv';
import { redactMessage } from './errors';
import { type SalesforceHttp } from './http';
import { backoffDelay, sleep } from './retry';
import { type RecordResult, type WriteOperation } from './write-result';

export type BulkJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface JobInfo {
  id: string;
  object?: string;
  operation?: string;
  state: BulkJobState;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

export interface BulkProgress {
  jobId: string;
  state: BulkJobState;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

export interface Bulk2Options {
  /** First poll delay; grows ×1.5 per poll up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /**
   * Give up waiting after this long (TransientError `BULK_POLL_TIMEOUT`; the job keeps running
   * and can be resumed). Salesforce retries a slow internal batch up to 20 × 5 min.
   */
  pollTimeoutMs?: number;
  /** Fresh jobs tried when an upload fails transiently (the failed job is aborted). */
  uploadAttempts?: number;
}

export interface BulkJobSpec {
  /** Object API name as sent (already namespaced). */
  object: string;
  operation: WriteOperation;
  /** Upsert key column as sent (already namespaced). */
  externalIdField?: string;
  csv: BulkCsv;
}

export interface BulkRunOptions {
  onProgress?: (progress: BulkProgress) => void;
  /** Re-attach to this job (from a heartbeat) instead of creating one. */
  resumeJobId?: string;
  stripName?: (name: string) => string;
}

export const DEFAULT_BULK_OPTIONS: Required<Bulk2Options> = {
  pollIntervalMs: 1000,
  maxPollIntervalMs: 10_000,
  pollTimeoutMs: 60 * 60_000,
  uploadAttempts: 3,
};

const BULK_OPERATION: Record<WriteOperation, string> = {
  create: 'insert',
  update: 'update',
  upsert: 'upsert',
  delete: 'delete',
};

const TERMINAL: ReadonlySet<BulkJobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

// Job failures caused by the request itself (bad column, bad CSV): retrying cannot help.
const CLIENT_INPUT_FAILURE = /InvalidBatch|ClientInputError|InvalidJob|Field name not found|INVALID_FIELD|ColumnDelimiter|LineEnding/i;

export class Bulk2Ingest {
  private readonly options: Required<Bulk2Options>;

  constructor(
    private readonly http: SalesforceHttp,
    options: Bulk2Options = {},
  ) {
    this.options = { ...DEFAULT_BULK_OPTIONS, ...options };
  }

  /** Runs (or resumes) one ingest job and returns a result per CSV row, in row order. */
  async run(spec: BulkJobSpec, runOptions: BulkRunOptions = {}): Promise<{ jobId: string; results: RecordResult[] }> {
    const report = (job: JobInfo): void =>
      runOptions.onProgress?.({
        jobId: job.id,
        state: job.state,
        numberRecordsProcessed: job.numberRecordsProcessed,
        numberRecordsFailed: job.numberRecordsFailed,
      });

    let job = runOptions.resumeJobId ? await this.reattach(runOptions.resumeJobId, spec) : undefined;
    if (!job) job = await this.createAndUpload(spec, report);
    if (job.state === 'Open') job = await this.close(job.id);
    report(job);
    job = await this.poll(job, report);

    if (job.state !== 'JobComplete' && (job.numberRecordsProcessed ?? 0) === 0 && CLIENT_INPUT_FAILURE.test(job.errorMessage ?? '')) {
      throw new ValidationError(`Bulk ${spec.operation} job ${job.id} on ${spec.object} failed: ${redactMessage(job.errorMessage ?? '')}`, {
        code: 'BULK_JOB_FAILED',
      });
    }
    const [successful, failed, unprocessed] = await Promise.all(
      (['successfulResults', 'failedResults', 'unprocessedrecords'] as const).map(async (file) =>
        parseBulkCsv(
          await this.http.send<string>('bulk', `bulk ${file}`, {
            method: 'GET',
            path: `/jobs/ingest/${job.id}/${file}`,
            responseType: 'text',
          }),
        ),
      ),
    );
    const results = mapBulkResults(
      { successful, failed, unprocessed },
      {
        operation: spec.operation,
        csv: spec.csv,
        externalIdColumn: spec.externalIdField,
        jobError: job.state === 'JobComplete' ? undefined : `Bulk job ${job.state}: ${redactMessage(job.errorMessage ?? '')}`,
        stripName: runOptions.stripName,
      },
    );
    return { jobId: job.id, results };
  }

  /** Reads a job's state (one call). */
  getJob(jobId: string): Promise<JobInfo> {
    return this.http.send<JobInfo>('bulk', 'bulk job status', { method: 'GET', path: `/jobs/ingest/${encodeURIComponent(jobId)}` });
  }

  /** Aborts a job; errors are swallowed (best effort, e.g. after a failed upload). */
  async abort(jobId: string): Promise<void> {
    try {
      await this.http.send('bulk', 'bulk abort', { method: 'PATCH', path: `/jobs/ingest/${jobId}`, body: { state: 'Aborted' } });
    } catch {
      // The job stays Open and Salesforce discards it after 24 h; nothing was processed.
    }
  }

  /**
   * The job to continue with, or undefined to start afresh: a job still `Open` may hold a
   * partial upload, so it is aborted and the rows are uploaded again into a new job.
   */
  private async reattach(jobId: string, spec: BulkJobSpec): Promise<JobInfo | undefined> {
    let job: JobInfo;
    try {
      job = await this.getJob(jobId);
    } catch (error) {
      if ((error as SyncError).type === ErrorType.Validation) return undefined; // unknown or purged job
      throw error;
    }
    const matches =
      (job.object === undefined || job.object.toLowerCase() === spec.object.toLowerCase()) &&
      (job.operation === undefined || job.operation === BULK_OPERATION[spec.operation]);
    if (!matches || job.state === 'Aborted') return undefined;
    if (job.state === 'Open') {
      await this.abort(job.id);
      return undefined;
    }
    return job;
  }

  private async createAndUpload(spec: BulkJobSpec, report: (job: JobInfo) => void): Promise<JobInfo> {
    for (let attempt = 1; ; attempt += 1) {
      const job = await this.http.send<JobInfo>('bulk', `bulk create ${spec.object}`, {
        method: 'POST',
        path: '/jobs/ingest',
        body: {
          object: spec.object,
          operation: BULK_OPERATION[spec.operation],
          ...(spec.operation === 'upsert' ? { externalIdFieldName: spec.externalIdField } : {}),
          contentType: 'CSV',
          columnDelimiter: 'COMMA',
          lineEnding: 'CRLF',
        },
      });
      report(job);
      try {
        // One PUT with the whole CSV; never retried by the transport (see http.ts).
        await this.http.send('bulk', 'bulk upload', {
          method: 'PUT',
          path: `/jobs/ingest/${job.id}/batches`,
          body: spec.csv.text,
          contentType: 'text/csv',
          responseType: 'text',
        });
        return job;
      } catch (error) {
        await this.abort(job.id);
        const retryable = (error as SyncError).retryable === true;
        if (!retryable || attempt >= this.options.uploadAttempts) throw error;
        await sleep(this.uploadRetryDelay(attempt));
      }
    }
  }

  /** Marks the upload complete; if the answer is lost, the job's state tells whether it worked. */
  private async close(jobId: string): Promise<JobInfo> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.http.send<JobInfo>('bulk', 'bulk close', {
          method: 'PATCH',
          path: `/jobs/ingest/${jobId}`,
          body: { state: 'UploadComplete' },
        });
      } catch (error) {
        if ((error as SyncError).retryable !== true || attempt >= this.options.uploadAttempts) throw error;
        const job = await this.getJob(jobId);
        if (job.state !== 'Open') return job;
        await sleep(this.uploadRetryDelay(attempt));
      }
    }
  }

  /** Wait before repeating a failed upload or close: backoff on the poll interval. */
  private uploadRetryDelay(attempt: number): number {
    return backoffDelay(attempt, { baseDelayMs: this.options.pollIntervalMs, maxDelayMs: this.options.maxPollIntervalMs });
  }

  private async poll(initial: JobInfo, report: (job: JobInfo) => void): Promise<JobInfo> {
    let job = initial;
    const started = Date.now();
    let delay = this.options.pollIntervalMs;
    while (!TERMINAL.has(job.state)) {
      if (Date.now() - started > this.options.pollTimeoutMs) {
        throw new TransientError(`Bulk job ${job.id} still ${job.state} after ${this.options.pollTimeoutMs} ms; resume it later`, {
          code: 'BULK_POLL_TIMEOUT',
        });
      }
      await sleep(delay);
      delay = Math.min(this.options.maxPollIntervalMs, Math.round(delay * 1.5));
      job = await this.getJob(job.id);
      report(job);
    }
    return job;
  }
}
