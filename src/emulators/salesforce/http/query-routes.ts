/**
 * `GET /query`, `GET /queryAll` and `GET /query/<locator>`: pages of at most `batchSize`
 * records (default and maximum 2,000, minimum 200, from `Sforce-Query-Options`), a
 * `nextRecordsUrl` while more remain, and records rendered page by page.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/headers-queryoptions.html
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
/** Open cursors kept; the oldest is dropped beyond this (Salesforce keeps them two days). */
const MAX_CURSORS = 500;

export function batchSizeOf(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(';') : header ?? '';
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private seq = 0;

  page(id: string, cursor: Cursor, position: number): Record<string, unknown> {
    const end = Math.min(cursor.rows.length, position + cursor.batchSize);
    const records = cursor.rows.slice(position, end).map(cursor.project);
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

/** Runs SOQL and returns the first page (shared with Composite and the admin API). */
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
