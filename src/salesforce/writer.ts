/**
 * Writes with a result per record, in input order, whatever the path:
 * - up to `bulkThreshold` rows (default 2,000, Salesforce's own guidance): sObject Collections,
 *   200 records per request, `allOrNone: false`, and by default five such requests packed into
 *   one `/composite` call (1,000 records per API call instead of 200) — `collections.ts`;
 * - above it: Bulk API 2.0 ingest through our own job loop (`bulk2.ts`).
 *
 * Transient per-record errors (row locks, SERVER_UNAVAILABLE) are retried for those records only,
 * with backoff and jitter, then reported. Request-level failures of idempotent writes
 * (update/upsert/delete) are retried in place; anything else is thrown, classified.
 */
import { ContractError } from '../errors';
import { buildBulkCsv } from './bulk-csv';
import { Bulk2Ingest, type Bulk2Options, type BulkProgress } from './bulk2';
import { CollectionsWriter } from './collections';
import { isTransientRecordError } from './errors';
import { type SalesforceHttp } from './http';
import { type Namespace, type SalesforceRecord } from './namespace';
import { backoffDelay, DEFAULT_RECORD_RETRY, sleep, type BackoffOptions } from './retry';
import { planChunks } from './write-plan';
import { failure, type RecordResult, type WriteRequest } from './write-result';

export interface WriterOptions {
  /** Above this many rows a write goes through Bulk API 2.0. Default 2,000. */
  bulkThreshold?: number;
  /** Pack up to `compositeSubrequests` collection requests into one `/composite` call. Default true. */
  useComposite?: boolean;
  /** Collection requests per composite call: Salesforce allows at most 5. */
  compositeSubrequests?: number;
  /** Records per collection request: Salesforce allows at most 200. */
  chunkSize?: number;
  /** Calls in flight at once (Salesforce allows 25 long-running requests per org). Default 4. */
  concurrency?: number;
  /** Retries of transient per-record errors and of failed idempotent requests. */
  retry?: Partial<BackoffOptions>;
  /** Bulk job settings; `maxRecordsPerJob` (default 100,000; 10,000 with `groupBy`). */
  bulk?: Bulk2Options & { maxRecordsPerJob?: number };
}

export interface WriteOptions {
  /**
   * Parent key of a record (e.g. its Account Id): records of one parent share a chunk, and
   * requests sharing a parent never run concurrently (row-lock contention).
   */
  groupBy?: (record: SalesforceRecord, index: number) => string | null | undefined;
  /** Force a path; `auto` (default) chooses by size. */
  path?: 'auto' | 'collections' | 'bulk';
  /** Bulk progress: heartbeat `jobId` so a retried activity can resume the job. */
  onProgress?: (progress: BulkProgress & { jobIndex: number; attempt: number }) => void;
  /** Job ids from a previous attempt's heartbeat, by `jobIndex`: re-attach instead of re-uploading. */
  resumeJobIds?: readonly (string | undefined)[];
  /** Extra request headers, e.g. `Sforce-Duplicate-Rule-Header`. */
  headers?: Record<string, string>;
}


/** One write of `writeAll` in progress. */
interface PreparedWrite {
  request: WriteRequest;
  options: WriteOptions;
  results: RecordResult[];
  prepared: SalesforceRecord[];
  /** Positions still to send (after a transient failure: to send again). */
  pending: number[];
  keyOf?: (index: number) => string | undefined;
}

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export const DEFAULT_WRITER_OPTIONS = {
  bulkThreshold: 2000,
  useComposite: true,
  compositeSubrequests: 5,
  chunkSize: 200,
  concurrency: 4,
  maxRecordsPerJob: 100_000,
  maxRecordsPerGroupedJob: 10_000,
};

export class SalesforceWriter {
  private readonly options: typeof DEFAULT_WRITER_OPTIONS;
  private readonly retry: BackoffOptions;
  private readonly bulk: Bulk2Ingest;
  private readonly collections: CollectionsWriter;
  private readonly maxRecordsPerJob?: number;

  constructor(
    private readonly http: SalesforceHttp,
    private readonly ns: Namespace,
    options: WriterOptions = {},
  ) {
    const { retry, bulk, ...rest } = options;
    this.options = { ...DEFAULT_WRITER_OPTIONS, ...stripUndefined(rest) };
    this.options.chunkSize = Math.min(200, Math.max(1, this.options.chunkSize));
    this.options.compositeSubrequests = Math.min(5, Math.max(1, this.options.compositeSubrequests));
    this.retry = { ...DEFAULT_RECORD_RETRY, ...stripUndefined(retry ?? {}) };
    this.maxRecordsPerJob = bulk?.maxRecordsPerJob;
    this.bulk = new Bulk2Ingest(http, bulk);
    this.collections = new CollectionsWriter(http, ns, { ...this.options, retry: this.retry });
  }

  create(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.write({ operation: 'create', object, records }, options);
  }

  update(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.write({ operation: 'update', object, records }, options);
  }

  upsert(object: string, externalIdField: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.write({ operation: 'upsert', object, records, externalIdField }, options);
  }

  delete(object: string, ids: readonly string[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.write({ operation: 'delete', object, records: ids.map((Id) => ({ Id })) }, options);
  }

  /**
   * Publishes platform events (an insert into the `__e` object). The verdict is each result's
   * `success`: high-volume events report an informational OPERATION_ENQUEUED error on success.
   */
  publish(eventObject: string, events: readonly SalesforceRecord[], options?: Omit<WriteOptions, 'path'>): Promise<RecordResult[]> {
    return this.write({ operation: 'create', object: eventObject, records: events, event: true }, { ...options, path: 'collections' });
  }

  /** Any write; see the module comment for paths and retries. */
  async write(request: WriteRequest, options: WriteOptions = {}): Promise<RecordResult[]> {
    const [results] = await this.writeAll([{ request, options }]);
    return results;
  }

  /**
   * Independent writes sent together: their Collections requests share `/composite` calls, five
   * per call whatever their objects — a Lead update, three tag copies to delete and four to
   * create cost one API call, not three. The writes may run in any order; a write that depends on
   * another's result belongs in a later call. Paths and retries per write as in `write`.
   */
  async writeAll(items: readonly { request: WriteRequest; options?: WriteOptions }[]): Promise<RecordResult[][]> {
    const writes = items.map(({ request, options = {} }) => this.prepare(request, options));
    for (let attempt = 1; writes.some((w) => w.pending.length > 0); attempt += 1) {
      const active = writes.filter((w) => w.pending.length > 0);
      const byBulk: PreparedWrite[] = [];
      const byCollections: PreparedWrite[] = [];
      for (const w of active) (this.usesBulk(w) ? byBulk : byCollections).push(w);
      const outcomes = new Map<PreparedWrite, { outcome: Map<number, RecordResult>; requestFailed: Set<number> }>();
      for (const w of byBulk) {
        outcomes.set(w, { outcome: await this.sendBulk(w, attempt), requestFailed: new Set() });
      }
      if (byCollections.length > 0) {
        const sent = await this.collections.sendAll(
          byCollections.map((w) => ({ request: w.request, prepared: w.prepared, pending: w.pending, headers: w.options.headers, keyOf: w.keyOf })),
        );
        sent.forEach((outcome, i) => outcomes.set(byCollections[i], outcome));
      }
      let retrying = false;
      for (const [w, { outcome, requestFailed }] of outcomes) {
        const again: number[] = [];
        for (const index of w.pending) {
          const result = outcome.get(index) ?? failure(index, 'MISSING_RESULT', 'Salesforce returned no result for this record');
          const transient = !result.success && (requestFailed.has(index) || result.errors.some((e) => isTransientRecordError(e.code, e.message)));
          if (transient && attempt < this.retry.maxAttempts) again.push(index);
          else w.results[index] = this.finalResult(w.request, index, result);
        }
        w.pending = again;
        retrying ||= again.length > 0;
      }
      if (retrying) await sleep(backoffDelay(attempt, this.retry));
    }
    return writes.map((w) => w.results);
  }

  /**
   * Records checked and namespaced (an upsert's without `Id`: it is keyed by its external ID
   * alone, and an Id would be a second key); those that fail the check get their result at once.
   */
  private prepare(request: WriteRequest, options: WriteOptions): PreparedWrite {
    if (request.operation === 'upsert' && !request.externalIdField) {
      throw new ContractError('Upsert needs an external ID field', { code: 'MISSING_EXTERNAL_ID_FIELD' });
    }
    const results: RecordResult[] = new Array(request.records.length);
    const prepared: SalesforceRecord[] = new Array(request.records.length);
    const pending: number[] = [];
    request.records.forEach((record, index) => {
      const problem = this.precheck(request, record, index);
      if (problem) results[index] = problem;
      else {
        prepared[index] = this.ns.outgoing(request.operation === 'upsert' ? withoutId(record) : record);
        pending.push(index);
      }
    });
    const keyOf = options.groupBy
      ? (index: number) => options.groupBy?.(request.records[index], index) ?? undefined
      : undefined;
    return { request, options, results, prepared, pending, keyOf };
  }

  /** Bulk when forced, or when more rows are pending than the threshold (never for events). */
  private usesBulk(w: PreparedWrite): boolean {
    const path = w.options.path ?? 'auto';
    return !w.request.event && (path === 'bulk' || (path === 'auto' && w.pending.length > this.options.bulkThreshold));
  }

  /** Failed updates and deletes name their record whether or not the path reported its id. */
  private finalResult(request: WriteRequest, index: number, result: RecordResult): RecordResult {
    const final: RecordResult = { ...result, index };
    const inputId = request.records[index].Id;
    if (final.id === undefined && (request.operation === 'update' || request.operation === 'delete') && typeof inputId === 'string') {
      final.id = inputId;
    }
    return final;
  }

  private precheck(request: WriteRequest, record: SalesforceRecord, index: number): RecordResult | undefined {
    if (request.operation === 'update' || request.operation === 'delete') {
      if (typeof record.Id !== 'string' || !SALESFORCE_ID.test(record.Id)) {
        return failure(index, 'MALFORMED_ID', 'Record has no valid Salesforce Id', ['Id']);
      }
    }
    if (request.operation === 'upsert') {
      const key = record[request.externalIdField as string];
      if (key === undefined || key === null || key === '') {
        return failure(index, 'MISSING_EXTERNAL_ID', 'Record has no external ID value', [request.externalIdField as string]);
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ Bulk API 2.0
  private async sendBulk(
    { request, prepared, pending, options, keyOf }: PreparedWrite,
    attempt: number,
  ): Promise<Map<number, RecordResult>> {
    // Sorting by parent keeps each parent's children together inside Salesforce's internal
    // 10,000-record batches, which run in parallel with each other.
    const ordered = keyOf ? planChunks(pending, Number.MAX_SAFE_INTEGER, keyOf).flatMap((c) => c.indexes) : pending;
    const perJob = this.maxRecordsPerJob ?? (keyOf ? this.options.maxRecordsPerGroupedJob : this.options.maxRecordsPerJob);
    const outcome = new Map<number, RecordResult>();
    for (let start = 0, jobIndex = 0; start < ordered.length; start += perJob, jobIndex += 1) {
      const slice = ordered.slice(start, start + perJob);
      const csv = buildBulkCsv(slice.map((i) => prepared[i]), request.operation);
      const { results } = await this.bulk.run(
        {
          object: this.ns.name(request.object),
          operation: request.operation,
          externalIdField: request.externalIdField ? this.ns.path(request.externalIdField) : undefined,
          csv,
        },
        {
          onProgress: (p) => options.onProgress?.({ ...p, jobIndex, attempt }),
          resumeJobId: attempt === 1 ? options.resumeJobIds?.[jobIndex] : undefined,
          stripName: this.ns.strip,
        },
      );
      this.http.usage.recordRecords('bulk', slice.length);
      results.forEach((r, i) => outcome.set(slice[i], { ...r, index: slice[i] }));
    }
    return outcome;
  }
}

/** The record without `Id` (an upsert is keyed by its external ID alone). */
function withoutId(record: SalesforceRecord): SalesforceRecord {
  const { Id: _id, ...rest } = record;
  return rest;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
