/**
 * `GET /query`, `GET /queryAll` and `GET /query/<locator>`: pages of at most `batchSize`
 * records (default and maximum 2,000, minimum 200, from `Sforce-Query-Options`), a
 * `nextRecordsUrl` while more remain, and records rendered page by page.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/headers-queryoptions.html
 *
 * A parent's sub-query result is paged too: "Subquery results are like regular query results in
 * that you might need to use queryMore() to retrieve all the records if there are many children"
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_query_results.htm).
 * Salesforce does not document the size of that first batch; the emulator returns
 * `childBatchSize` (default 200) children with the parent and a locator for the rest.
 */
import type { Org } from '../org';
import { base62 } from '../schema/ids';
import { runQuery } from '../soql/query-engine';
import type { Projector } from '../soql/projection';
import { SoqlError } from '../soql/soql-error';
import type { Row } from '../store/table';
import { ApiError, json, type ApiRequest, type Reply, type Route } from './api-types';

interface Cursor {
  rows: Row[];
  project: Projector;
  batchSize: number;
  version: string;
}

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const DEFAULT_CHILD_BATCH = 200;
/** Open cursors kept; the oldest is dropped beyond this (Salesforce keeps them two days). */
const MAX_CURSORS = 500;

export function batchSizeOf(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(';') : header ?? '';
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

/** A rendered sub-query result: `{totalSize, done, records}`. */
function isChildResult(value: unknown): value is { totalSize: number; done: boolean; records: Record<string, unknown>[]; nextRecordsUrl?: string } {
  return typeof value === 'object' && value !== null && !('attributes' in value) && Array.isArray((value as { records?: unknown }).records) && 'done' in value;
}

const rendered: Projector = (row) => row as unknown as Record<string, unknown>;

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private seq = 0;

  constructor(private readonly childBatchSize = DEFAULT_CHILD_BATCH) {}

  page(id: string, cursor: Cursor, position: number): Record<string, unknown> {
    const end = Math.min(cursor.rows.length, position + cursor.batchSize);
    const records = cursor.rows.slice(position, end).map(cursor.project);
    if (cursor.project !== rendered) for (const record of records) this.pageChildren(record, cursor.version);
    const done = end >= cursor.rows.length;
    const out: Record<string, unknown> = { totalSize: cursor.rows.length, done };
    if (!done) {
      out.nextRecordsUrl = `/services/data/v${cursor.version}/query/${id}-${end}`;
      this.cursors.set(id, cursor);
    } else {
      this.cursors.delete(id);
    }
    out.records = records;
    return out;
  }

  open(cursor: Cursor): Record<string, unknown> {
    this.seq += 1;
    const id = `01g5g${base62(this.seq, 10)}`;
    if (this.cursors.size >= MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    return this.page(id, cursor, 0);
  }

  /** Sub-query results beyond `childBatchSize` rows: the first batch, and a cursor over the rest. */
  private pageChildren(record: Record<string, unknown>, version: string): void {
    for (const [key, value] of Object.entries(record)) {
      if (!isChildResult(value) || value.records.length <= this.childBatchSize) continue;
      record[key] = this.open({ rows: value.records as unknown as Row[], project: rendered, batchSize: this.childBatchSize, version });
    }
  }

  more(locator: string): Record<string, unknown> {
    const dash = locator.lastIndexOf('-');
    const id = dash > 0 ? locator.slice(0, dash) : locator;
    const position = dash > 0 ? Number(locator.slice(dash + 1)) : NaN;
    const cursor = this.cursors.get(id);
    if (!cursor || !Number.isInteger(position) || position < 0 || position > cursor.rows.length) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return this.page(id, cursor, position);
  }

  clear(): void {
    this.cursors.clear();
  }
}

/** Runs SOQL and returns the first page (`/query` and `/queryAll`, also as Composite subrequests). */
export function executeQuery(org: Org, cursors: QueryCursors, soql: string, version: string, includeDeleted: boolean, batchSize = DEFAULT_BATCH): Record<string, unknown> {
  let outcome;
  try {
    outcome = runQuery(org.queryEnv(version), soql, { includeDeleted });
  } catch (error) {
    if (error instanceof SoqlError) throw new ApiError(400, error.errorCode, error.message);
    throw error;
  }
  if (outcome.kind === 'count') return { totalSize: outcome.totalSize, done: true, records: [] };
  if (outcome.kind === 'aggregate') return { totalSize: outcome.records.length, done: true, records: outcome.records };
  return cursors.open({ rows: outcome.rows, project: outcome.project, batchSize, version });
}

export function queryRoutes(org: Org, cursors: QueryCursors): Route[] {
  const run = (includeDeleted: boolean) => (req: ApiRequest): Reply => {
    const q = req.query.get('q');
    if (!q) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    return json(200, executeQuery(org, cursors, q, req.version, includeDeleted, batchSizeOf(req.headers['sforce-query-options'])));
  };
  return [
    { method: 'GET', pattern: /^\/query\/?$/, kind: 'query', handler: run(false), compositeAllowed: true },
    { method: 'GET', pattern: /^\/queryAll\/?$/, kind: 'queryAll', handler: run(true), compositeAllowed: true },
    { method: 'GET', pattern: /^\/query(?:All)?\/([^/]+)$/, kind: 'queryMore', handler: (req) => json(200, cursors.more(req.params[0])), compositeAllowed: true },
  ];
}
