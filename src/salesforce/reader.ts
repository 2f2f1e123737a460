/**
 * Paged SOQL reads. Pages are fetched explicitly (`/query` or `/queryAll`, then each
 * `nextRecordsUrl`) and handed out one at a time, so an activity can process and heartbeat page
 * by page and resume from the last `nextRecordsUrl` after a crash. jsforce's `autoFetch` is not
 * used: it stops silently at `maxFetch` (10,000 by default) and keeps every record in memory.
 */
import { ContractError } from '../errors';
import { classifySalesforceError, subrequestError } from './errors';
import { type CompositeResponse, type SalesforceHttp } from './http';
import { type Namespace, type SalesforceRecord } from './namespace';
import { chunkInClause, type ChunkInClauseOptions, type SoqlValue } from './soql';

export interface QueryOptions {
  /**
   * Page size hint (`Sforce-Query-Options: batchSize=n`, 200–2,000). Salesforce may return
   * fewer rows for wide records. Default: Salesforce's own (2,000).
   */
  batchSize?: number;
  /** `queryAll`: include soft-deleted (and archived) rows, e.g. to see deletions. */
  includeDeleted?: boolean;
  /** Continue a query from a page's `nextRecordsUrl` (heartbeated by the activity). */
  resumeFrom?: string;
  /** Keep each record's `attributes` (type, url); dropped by default. */
  keepAttributes?: boolean;
}

export interface QueryPage<T> {
  records: T[];
  /** Rows the whole query matches (as Salesforce reported with the first page). */
  totalSize: number;
  /** True on the last page. */
  done: boolean;
  /** Where the next page is; pass as `resumeFrom` to continue after a restart. */
  nextRecordsUrl?: string;
}

interface QueryResponse {
  totalSize?: number;
  done?: boolean;
  nextRecordsUrl?: string;
  records?: unknown[];
}

/** Query subrequests one `/composite` call may carry (reference §2.5). */
const COMPOSITE_QUERIES = 5;

/** Limits of the `Sforce-Query-Options` batch size (reference §2.2). */
const MIN_BATCH_SIZE = 200;
const MAX_BATCH_SIZE = 2000;

const clampBatchSize = (size: number): number => Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.floor(size)));

/** `query Lead`: names the object for error messages, never the statement (it holds literals). */
function label(resource: string, soql: string): string {
  const from = /\bFROM\s+([A-Za-z0-9_]+)/i.exec(soql);
  return from ? `${resource} ${from[1]}` : resource;
}

export class SalesforceReader {
  constructor(
    private readonly http: SalesforceHttp,
    private readonly ns: Namespace,
  ) {}

  /** Every page of a query, in order. `soql` uses unprefixed names; literals must be escaped. */
  async *pages<T = SalesforceRecord>(soql: string, options: QueryOptions = {}): AsyncGenerator<QueryPage<T>> {
    const headers = this.batchSizeHeader(options.batchSize) ?? {};
    const resource = options.includeDeleted ? 'queryAll' : 'query';
    const what = label(resource, soql);
    let next: string | undefined = options.resumeFrom;
    let first = next === undefined;
    let totalSize = 0;
    while (first || next !== undefined) {
      const response: QueryResponse = first
        ? await this.http.send<QueryResponse>('query', what, {
            method: 'GET',
            path: this.queryPath(resource, soql),
            headers,
          })
        : await this.http.send<QueryResponse>('queryMore', `${what} (next page)`, {
            method: 'GET',
            path: next as string,
            headers,
          });
      first = false;
      const page = await this.withAllChildren(this.pageOf<T>(response, options), what, options);
      if (response.totalSize === undefined) page.totalSize = totalSize;
      totalSize = page.totalSize;
      next = page.nextRecordsUrl;
      yield page;
    }
  }

  /** `/query?q=…` (or `/queryAll`) for a statement in unprefixed names. */
  private queryPath(resource: 'query' | 'queryAll', soql: string): string {
    return `/${resource}?q=${encodeURIComponent(this.ns.soql(soql))}`;
  }

  /** The `Sforce-Query-Options` page-size header, clamped to Salesforce's limits; none by default. */
  private batchSizeHeader(batchSize: number | undefined): Record<string, string> | undefined {
    return batchSize === undefined ? undefined : { 'Sforce-Query-Options': `batchSize=${clampBatchSize(batchSize)}` };
  }

  /** One `/query` answer as a page: records without `attributes` (unless kept), next page checked. */
  private pageOf<T>(response: QueryResponse | undefined, options: Pick<QueryOptions, 'keepAttributes'>): QueryPage<T> {
    if (!response || !Array.isArray(response.records)) {
      throw new ContractError('Salesforce query response has no records array', { code: 'BAD_QUERY_RESPONSE' });
    }
    const records = this.ns.incoming<T[]>(response.records, { dropAttributes: !options.keepAttributes });
    const next = response.done === false ? response.nextRecordsUrl : undefined;
    if (response.done === false && !next) {
      throw new ContractError('Salesforce query page is not the last but has no nextRecordsUrl', { code: 'BAD_QUERY_RESPONSE' });
    }
    return { records, totalSize: response.totalSize ?? 0, done: next === undefined, nextRecordsUrl: next };
  }

  /**
   * Sub-query results Salesforce cut short (`done: false`, many children) completed with
   * queryMore, so callers always see every child: "Subquery results are like regular query
   * results in that you might need to use queryMore() to retrieve all the records" (reference
   * §2.2). One call per further batch of children; none when no parent has that many.
   */
  private async withAllChildren<T>(page: QueryPage<T>, what: string, options: Pick<QueryOptions, 'keepAttributes'>): Promise<QueryPage<T>> {
    for (const record of page.records as unknown[]) {
      if (typeof record !== 'object' || record === null) continue;
      for (const [key, value] of Object.entries(record)) {
        const child = value as QueryResponse | null;
        if (!child || typeof child !== 'object' || !Array.isArray(child.records) || child.done !== false) continue;
        const records = [...child.records];
        let next = child.nextRecordsUrl;
        if (!next) throw new ContractError(`Salesforce sub-query ${key} is not complete but has no nextRecordsUrl`, { code: 'BAD_QUERY_RESPONSE' });
        while (next) {
          const response: QueryResponse = await this.http.send<QueryResponse>('queryMore', `${what} (${key}, next children)`, { method: 'GET', path: next, headers: {} });
          const more: QueryPage<unknown> = this.pageOf<unknown>(response, options);
          records.push(...more.records);
          next = more.nextRecordsUrl;
        }
        (record as Record<string, unknown>)[key] = { totalSize: child.totalSize ?? records.length, done: true, records };
      }
    }
    return page;
  }

  /** Every record of a query, page after page. */
  async *records<T = SalesforceRecord>(soql: string, options: QueryOptions = {}): AsyncGenerator<T> {
    for await (const page of this.pages<T>(soql, options)) yield* page.records;
  }

  /** All records in memory: only for sets known to be small (definitions, one prospect's rows). */
  async all<T = SalesforceRecord>(soql: string, options: QueryOptions = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(soql, options)) out.push(...page.records);
    return out;
  }

  /**
   * Pages of an `IN`-list query over many values: `build(chunk)` makes the statement for one
   * chunk (format the list with `soqlInList`); chunks keep each URL under the safe bound. When a
   * list needs several chunks, their first pages are fetched five at a time in one `/composite`
   * call (one API call, reference §2.5); a chunk with more rows continues with `nextRecordsUrl`.
   */
  async *queryByIn<T = SalesforceRecord, V extends SoqlValue = string>(
    values: readonly V[],
    build: (chunk: V[]) => string,
    options: QueryOptions & ChunkInClauseOptions = {},
  ): AsyncGenerator<QueryPage<T>> {
    const { resumeFrom: _ignored, ...pageOptions } = options;
    const statements = chunkInClause(values, build, options);
    if (statements.length === 1) {
      yield* this.pages<T>(statements[0], pageOptions);
      return;
    }
    for (let start = 0; start < statements.length; start += COMPOSITE_QUERIES) {
      const group = statements.slice(start, start + COMPOSITE_QUERIES).map((soql) => ({ soql, includeDeleted: pageOptions.includeDeleted }));
      const firstPages = await this.compositeQueries(group, `${label(pageOptions.includeDeleted ? 'queryAll' : 'query', group[0].soql)} (${group.length} IN-list chunks, composite)`, pageOptions.batchSize);
      for (const [i, response] of firstPages.entries()) {
        const page = await this.withAllChildren(this.pageOf<T>(response, pageOptions), label('query', group[i].soql), pageOptions);
        yield page;
        if (page.nextRecordsUrl) yield* this.pages<T>(group[i].soql, { ...pageOptions, resumeFrom: page.nextRecordsUrl });
      }
    }
  }

  /**
   * Several `SELECT COUNT() …` at once: up to five per `/composite` call, which Salesforce
   * counts as ONE API call (reference §2.5) — how a run learns cheaply whether steps have work.
   */
  async countMany(queries: readonly { soql: string; includeDeleted?: boolean }[]): Promise<number[]> {
    const counts: number[] = [];
    for (let start = 0; start < queries.length; start += COMPOSITE_QUERIES) {
      const chunk = queries.slice(start, start + COMPOSITE_QUERIES);
      if (chunk.length === 1) {
        counts.push(await this.count(chunk[0].soql, chunk[0]));
        continue;
      }
      for (const response of await this.compositeQueries(chunk, `count ${chunk.length} queries (composite)`)) {
        if (typeof response.totalSize !== 'number') throw new ContractError('Salesforce COUNT() response has no totalSize', { code: 'BAD_QUERY_RESPONSE' });
        counts.push(response.totalSize);
      }
    }
    return counts;
  }

  /**
   * Up to five queries in one `/composite` call; each answer is that query's first page. A
   * failed subrequest is classified like the same query sent alone.
   */
  private async compositeQueries(
    queries: readonly { soql: string; includeDeleted?: boolean }[],
    operation: string,
    batchSize?: number,
  ): Promise<QueryResponse[]> {
    const httpHeaders = this.batchSizeHeader(batchSize);
    const response = await this.http.send<CompositeResponse>('composite', operation, {
      method: 'POST',
      path: '/composite',
      body: {
        allOrNone: false,
        compositeRequest: queries.map((q, i) => ({
          method: 'GET',
          url: `${this.http.basePath}${this.queryPath(q.includeDeleted ? 'queryAll' : 'query', q.soql)}`,
          referenceId: `q${i}`,
          ...(httpHeaders ? { httpHeaders } : {}),
        })),
      },
    });
    return queries.map((q, i) => {
      const answer = response?.compositeResponse?.find((a) => a.referenceId === `q${i}`);
      if (!answer) throw new ContractError('Salesforce composite response does not match its subrequests', { code: 'BAD_COMPOSITE_RESPONSE' });
      if (answer.httpStatusCode >= 400) {
        const cause = subrequestError(answer.body, { message: 'composite query failed', code: 'ERROR' });
        throw classifySalesforceError(cause, { operation: label('query', q.soql), status: answer.httpStatusCode });
      }
      return (answer.body ?? {}) as QueryResponse;
    });
  }

  /** `SELECT COUNT() FROM …` → the count (one call, no records transferred). */
  async count(soql: string, options: Pick<QueryOptions, 'includeDeleted'> = {}): Promise<number> {
    const resource = options.includeDeleted ? 'queryAll' : 'query';
    const response = await this.http.send<QueryResponse>('query', label('count', soql), {
      method: 'GET',
      path: this.queryPath(resource, soql),
    });
    if (typeof response?.totalSize !== 'number') {
      throw new ContractError('Salesforce COUNT() response has no totalSize', { code: 'BAD_QUERY_RESPONSE' });
    }
    return response.totalSize;
  }
}
