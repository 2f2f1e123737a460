/**
 * `SalesforceGateway`: what activities receive to talk to one org. It composes the connection
 * (auth + refresh), the namespace rewriter, paged reads, writes (Collections / Composite /
 * Bulk 2.0), describe checks and the API budget, so callers work with unprefixed names, plain
 * records and per-record results, and every failure they see is already classified.
 */
import { type Connection } from 'jsforce';
import { type Bulk2Options } from './bulk2';
import { createSalesforceConnection, sessionStateOf, type SalesforceConnectionOptions } from './connection';
import { SalesforceDescriber, type CheckFieldsOptions, type FieldDescription, type FieldProblem } from './describe';
import { SalesforceHttp, type HttpOptions } from './http';
import { ApiUsageTracker, type ApiBudgetOptions, type ApiStats, type ApiUsage } from './limits';
import { createNamespace, type Namespace, type SalesforceRecord } from './namespace';
import { SalesforceReader, type QueryOptions, type QueryPage } from './reader';
import { type ChunkInClauseOptions, type SoqlValue } from './soql';
import { SalesforceWriter, type WriteOptions, type WriterOptions } from './writer';
import { type RecordResult, type WriteRequest } from './write-result';

export interface SalesforceGatewayOptions {
  connection: SalesforceConnectionOptions;
  /** Managed-package namespace (`saleswings`), or empty for the unmanaged source. */
  namespace?: string;
  /** Daily API reserve left to the customer's other integrations. */
  budget?: ApiBudgetOptions;
  /** Transport retries and timeout. */
  http?: HttpOptions;
  /** Write paths, thresholds, concurrency, retries. */
  writes?: WriterOptions;
  /** Bulk job polling (also settable as `writes.bulk`). */
  bulk?: Bulk2Options;
}

export interface GatewayStats extends ApiStats {
  /** Sessions refreshed after a 401 since the connection was opened. */
  sessionRefreshes: number;
}

export class SalesforceGateway {
  readonly namespace: Namespace;
  private readonly usage: ApiUsageTracker;
  private readonly http: SalesforceHttp;
  private readonly reader: SalesforceReader;
  private readonly writer: SalesforceWriter;
  private readonly describer: SalesforceDescriber;

  /** Prefer `createSalesforceGateway`, which also opens the connection. */
  constructor(
    readonly connection: Connection,
    options: Omit<SalesforceGatewayOptions, 'connection'> & { usage?: ApiUsageTracker } = {},
  ) {
    this.namespace = createNamespace(options.namespace);
    this.usage = options.usage ?? new ApiUsageTracker(options.budget);
    this.http = new SalesforceHttp(connection, this.usage, options.http);
    this.reader = new SalesforceReader(this.http, this.namespace);
    this.writer = new SalesforceWriter(this.http, this.namespace, {
      ...options.writes,
      bulk: { ...options.bulk, ...options.writes?.bulk },
    });
    this.describer = new SalesforceDescriber(this.http, this.namespace);
  }

  // ------------------------------------------------------------------- reads
  /** Pages of a SOQL query (unprefixed names; build literals with `soql.ts`). */
  queryPages<T = SalesforceRecord>(soql: string, options?: QueryOptions): AsyncGenerator<QueryPage<T>> {
    return this.reader.pages<T>(soql, options);
  }

  /** Records of a query, streamed page by page. */
  queryRecords<T = SalesforceRecord>(soql: string, options?: QueryOptions): AsyncGenerator<T> {
    return this.reader.records<T>(soql, options);
  }

  /** All records of a small query, in memory. */
  queryAll<T = SalesforceRecord>(soql: string, options?: QueryOptions): Promise<T[]> {
    return this.reader.all<T>(soql, options);
  }

  /** Pages of an IN-list query over many values, chunked by URL length. */
  queryByIn<T = SalesforceRecord, V extends SoqlValue = string>(
    values: readonly V[],
    build: (chunk: V[]) => string,
    options?: QueryOptions & ChunkInClauseOptions,
  ): AsyncGenerator<QueryPage<T>> {
    return this.reader.queryByIn<T, V>(values, build, options);
  }

  /** `SELECT COUNT() …` → the number of rows. */
  count(soql: string, options?: Pick<QueryOptions, 'includeDeleted'>): Promise<number> {
    return this.reader.count(soql, options);
  }

  /** Several `SELECT COUNT() …` answered together, five per API call (`/composite`). */
  countMany(queries: readonly { soql: string; includeDeleted?: boolean }[]): Promise<number[]> {
    return this.reader.countMany(queries);
  }

  // ------------------------------------------------------------------ writes
  create(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.writer.create(object, records, options);
  }

  update(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.writer.update(object, records, options);
  }

  upsert(object: string, externalIdField: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.writer.upsert(object, externalIdField, records, options);
  }

  delete(object: string, ids: readonly string[], options?: WriteOptions): Promise<RecordResult[]> {
    return this.writer.delete(object, ids, options);
  }

  /** Any write request (see `SalesforceWriter.write`). */
  write(request: WriteRequest, options?: WriteOptions): Promise<RecordResult[]> {
    return this.writer.write(request, options);
  }

  /** Independent writes sharing composite calls across objects (see `SalesforceWriter.writeAll`). */
  writeAll(items: readonly { request: WriteRequest; options?: WriteOptions }[]): Promise<RecordResult[][]> {
    return this.writer.writeAll(items);
  }

  /**
   * Re-attaches to the Bulk job(s) of an interrupted write (ids from `onProgress` heartbeats)
   * and returns its results; rows are uploaded again only if a job never got its upload.
   */
  resumeJob(jobIds: string | readonly (string | undefined)[], request: WriteRequest, options: WriteOptions = {}): Promise<RecordResult[]> {
    const resumeJobIds = typeof jobIds === 'string' ? [jobIds] : jobIds;
    return this.writer.write(request, { ...options, path: 'bulk', resumeJobIds });
  }

  /** Publishes platform events; success per event is its `success` flag. */
  publish(eventObject: string, events: readonly SalesforceRecord[], options?: Omit<WriteOptions, 'path'>): Promise<RecordResult[]> {
    return this.writer.publish(eventObject, events, options);
  }

  // ---------------------------------------------------------------- metadata
  describeFields(object: string): Promise<FieldDescription[]> {
    return this.describer.describeFields(object);
  }

  /** Every missing / non-writable field among `fieldNames` of `object`, at once. */
  checkFields(object: string, fieldNames: readonly string[], options?: CheckFieldsOptions): Promise<FieldProblem[]> {
    return this.describer.checkFields(object, fieldNames, options);
  }

  // ------------------------------------------------------------------ limits
  /** Asks the org for its daily allowance (`GET /limits`, one call) and updates the budget. */
  async refreshLimits(): Promise<ApiUsage | undefined> {
    const limits = await this.http.send<{ DailyApiRequests?: { Max?: number; Remaining?: number } }>('limits', 'limits', {
      method: 'GET',
      path: '/limits',
    });
    this.usage.observeLimits(limits ?? {});
    return this.usage.usage();
  }

  /** The integration user's Id when the OAuth flow revealed it (not for a bare access token). */
  get userId(): string | undefined {
    return sessionStateOf(this.connection).userId;
  }

  /** Calls made by kind, records per write path, and the org's usage as last reported. */
  stats(): GatewayStats {
    return { ...this.usage.stats(), sessionRefreshes: sessionStateOf(this.connection).refreshes };
  }
}

/** Opens the connection (running the OAuth grant) and builds the gateway. */
export async function createSalesforceGateway(options: SalesforceGatewayOptions): Promise<SalesforceGateway> {
  const usage = new ApiUsageTracker(options.budget);
  const connection = await createSalesforceConnection(options.connection, {
    onTokenRequest: () => usage.recordCall('auth'),
  });
  return new SalesforceGateway(connection, { ...options, usage });
}
