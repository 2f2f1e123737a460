/**
 * Runs a SOQL statement against the store: parse, resolve the object, pick candidate rows
 * (index lookup for `=`/`IN` on an indexed field in a top-level AND, full scan otherwise),
 * filter, sort, page window (OFFSET/LIMIT), then hand back a projector so pages are rendered
 * lazily (large result sets never exist twice in memory).
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import type { Store } from '../store/store';
import type { Row } from '../store/table';
import { isAggregateQuery, isCountOnly, runAggregate } from './aggregate';
import { sortBy, sortKey } from './order';
import { foldsCase, resolvePath } from './paths';
import { buildProjector, type JsonRecord, type ProjectionContext, type Projector } from './projection';
import { SoqlError, malformed, unsupportedType } from './soql-error';
import { compileWhere, type EvalContext } from './where-eval';
import { buildExpr } from './where-tree';

export interface QueryEnv {
  schema: Schema;
  store: Store;
  now: number;
  /** API version for `attributes.url`. */
  version: string;
}

export type QueryOutcome =
  | { kind: 'rows'; obj: ObjectDef; rows: Row[]; project: Projector }
  | { kind: 'count'; totalSize: number }
  | { kind: 'aggregate'; records: JsonRecord[] };

/** Maximum OFFSET Salesforce accepts. */
export const MAX_OFFSET = 2000;

export function parseSoql(soql: string): Query {
  if (soql.length > 100_000) throw malformed('Query is too long: SOQL statements cannot exceed 100,000 characters');
  try {
    return parseQuery(soql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw malformed(`\n${soql}\n^\nERROR at Row:1:Column:1\n${message.split('\n')[0]}`);
  }
}

function resolveObject(schema: Schema, name: string | undefined): ObjectDef {
  const obj = name ? schema.get(name) : undefined;
  if (!obj || obj.kind === 'event') throw unsupportedType(name ?? '');
  return obj;
}

function evalContext(env: QueryEnv, obj: ObjectDef, includeDeleted: boolean): ProjectionContext {
  const ctx: ProjectionContext = {
    schema: env.schema,
    store: env.store,
    now: env.now,
    obj,
    version: env.version,
    includeDeleted,
    semiJoin: (inner: Query) => semiJoin(env, inner, includeDeleted),
  };
  return ctx;
}

/** Semi-join / anti-join sub-select: one Id or reference column; its values as a set. */
function semiJoin(env: QueryEnv, inner: Query, includeDeleted: boolean): Set<string> {
  const fields = inner.fields ?? [];
  const only = fields[0];
  if (fields.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
    throw malformed('semi-join sub-selects must select exactly one Id or reference field');
  }
  const obj = resolveObject(env.schema, inner.sObject);
  const path = resolvePath(env.schema, env.store, obj, only.type === 'Field' ? only.field : `${only.relationships.join('.')}.${only.field}`);
  if (path.field.type !== 'id' && path.field.type !== 'reference') throw malformed('semi-join sub-selects must select an Id or reference field');
  const rows = selectRows(env, obj, inner, includeDeleted);
  const ids = new Set<string>();
  for (const row of rows) {
    const v = path.get(row);
    if (typeof v === 'string') ids.add(v);
  }
  return ids;
}

/** Rows matching FROM + WHERE (before ORDER BY / LIMIT). */
function selectRows(env: QueryEnv, obj: ObjectDef, query: Query, includeDeleted: boolean, ctx?: EvalContext): Row[] {
  const table = env.store.table(obj);
  const evalCtx = ctx ?? evalContext(env, obj, includeDeleted);
  const where = query.where ? compileWhere(buildExpr(query.where), evalCtx) : undefined;

  let candidates: Iterable<Row> = table.rows.values();
  if (where && where.indexable.length > 0) {
    let best: Set<string> | undefined;
    for (const plan of where.indexable) {
      if (!table.hasIndex(plan.path.field.name)) continue;
      const ids = new Set<string>();
      for (const v of plan.equalityValues!) for (const id of table.lookup(plan.path.field, v)) ids.add(id);
      if (!best || ids.size < best.size) best = ids;
    }
    if (best) {
      const rows: Row[] = [];
      for (const id of best) {
        const row = table.rows.get(id);
        if (row) rows.push(row);
      }
      candidates = rows;
    }
  }
  const out: Row[] = [];
  for (const row of candidates) {
    if (!includeDeleted && row.IsDeleted === true) continue;
    if (where && !where.predicate(row)) continue;
    out.push(row);
  }
  return out;
}

export function runQuery(env: QueryEnv, soql: string, options: { includeDeleted: boolean }): QueryOutcome {
  const query = parseSoql(soql);
  const obj = resolveObject(env.schema, query.sObject);
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  const ctx = evalContext(env, obj, options.includeDeleted);
  // Resolve the SELECT list first so unknown fields fail before any work.
  const aggregate = isAggregateQuery(query);
  const project = aggregate ? undefined : buildProjector(query.fields ?? [], obj, ctx);
  let rows = selectRows(env, obj, query, options.includeDeleted, ctx);

  if (aggregate) {
    if (isCountOnly(query) && !query.groupBy) {
      let total = Math.max(0, rows.length - (query.offset ?? 0));
      if (query.limit !== undefined) total = Math.min(total, query.limit);
      return { kind: 'count', totalSize: total };
    }
    return { kind: 'aggregate', records: runAggregate(query, rows, ctx) };
  }

  const orderBy = Array.isArray(query.orderBy) ? query.orderBy : query.orderBy ? [query.orderBy] : [];
  rows = sortBy(
    rows,
    orderBy.map((o) => {
      if (!('field' in o)) throw malformed('ORDER BY a function needs GROUP BY');
      const path = resolvePath(env.schema, env.store, obj, o.field);
      return sortKey<Row>(path.get, o.order, o.nulls, foldsCase(path.field));
    }),
  );
  if (query.offset) rows = rows.slice(query.offset);
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  return { kind: 'rows', obj, rows, project: project! };
}

/** Compiles a WHERE-expression (validation rule condition) for one object. */
export function compileCondition(env: QueryEnv, obj: ObjectDef, condition: string): (row: Row) => boolean {
  const query = parseSoql(`SELECT Id FROM ${obj.name} WHERE ${condition}`);
  if (!query.where) throw malformed(`empty condition: ${condition}`);
  const ctx = evalContext(env, obj, false);
  return compileWhere(buildExpr(query.where), ctx).predicate;
}
