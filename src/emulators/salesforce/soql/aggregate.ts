/**
 * GROUP BY and aggregate functions. Results are AggregateResult records: grouped fields keep
 * their field name (the last path segment), aggregates without an alias are named expr0,
 * expr1, … in SELECT order. HAVING and ORDER BY may use aggregates.
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-agg-functions.html
 */
import type { FieldFunctionExpression, FunctionExp, Query } from '@jetstreamapp/soql-parser-js';
import type { Row } from '../store/table';
import { foldsCase, resolvePath, type ResolvedPath } from './paths';
import { malformed } from './soql-error';
import { sortBy, sortKey } from './order';
import { comparable, compileExpr, type EvalContext, type Leaf } from './where-eval';
import { buildExpr } from './where-tree';
import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import type { JsonRecord } from './projection';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'MIN', 'MAX', 'AVG']);

interface Group {
  rows: Row[];
  keyValues: unknown[];
}

function aggregate(fnName: string, path: ResolvedPath | undefined, rows: Row[]): unknown {
  const name = fnName.toUpperCase();
  if (!path) {
    if (name !== 'COUNT') throw malformed(`${name}() needs a field`);
    return rows.length;
  }
  const values = rows.map((r) => path.get(r)).filter((v) => v !== null && v !== undefined);
  switch (name) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
    case 'SUM':
      return values.length === 0 ? null : values.reduce<number>((a, v) => a + Number(v), 0);
    case 'AVG':
      return values.length === 0 ? null : values.reduce<number>((a, v) => a + Number(v), 0) / values.length;
    case 'MIN':
    case 'MAX': {
      if (values.length === 0) return null;
      let best = values[0];
      for (const v of values) {
        const a = typeof v === 'string' ? v.toLowerCase() : v;
        const b = typeof best === 'string' ? best.toLowerCase() : best;
        if (name === 'MIN' ? (a as number) < (b as number) : (a as number) > (b as number)) best = v;
      }
      return best;
    }
    default:
      throw malformed(`unsupported aggregate ${name}`);
  }
}

export function isAggregateQuery(query: Query): boolean {
  if (query.groupBy) return true;
  return (query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn);
}

/** `SELECT COUNT() FROM …` (no field): the answer is only `totalSize`. */
export function isCountOnly(query: Query): boolean {
  const fields = query.fields ?? [];
  return fields.length === 1 && fields[0].type === 'FieldFunctionExpression' && fields[0].functionName.toUpperCase() === 'COUNT' && fields[0].parameters.length === 0;
}

export function runAggregate(query: Query, rows: Row[], ctx: EvalContext): JsonRecord[] {
  const groupClauses = Array.isArray(query.groupBy) ? query.groupBy : query.groupBy ? [query.groupBy] : [];
  const groupPaths = groupClauses.map((g) => {
    if (!('field' in g)) throw malformed('GROUP BY functions are not supported by the emulator');
    return resolvePath(ctx.schema, ctx.store, ctx.obj, g.field);
  });
  const paramPath = (fn: FunctionExp): ResolvedPath | undefined => {
    const p = fn.parameters?.[0];
    if (p === undefined) return undefined;
    if (typeof p !== 'string') throw malformed('nested functions are not supported by the emulator');
    return resolvePath(ctx.schema, ctx.store, ctx.obj, p);
  };

  // Group rows (strings group case-insensitively).
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const keyValues = groupPaths.map((p) => p.get(row));
    const key = JSON.stringify(keyValues.map((v, i) => (v === null ? null : comparable(groupPaths[i].field, v))));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rows: [], keyValues }));
    group.rows.push(row);
  }
  if (groupPaths.length === 0 && groups.size === 0) groups.set('[]', { rows: [], keyValues: [] });

  const groupIndex = (fieldName: string): number => {
    const path = resolvePath(ctx.schema, ctx.store, ctx.obj, fieldName);
    const i = groupPaths.findIndex((g) => g.field === path.field && g.hops.length === path.hops.length && g.hops.every((h, k) => h === path.hops[k]));
    if (i < 0) throw malformed(`Field must be grouped or aggregated: ${fieldName}`);
    return i;
  };

  // SELECT list → output columns.
  let exprIndex = 0;
  const columns = (query.fields ?? []).map((f) => {
    if (f.type === 'FieldFunctionExpression') {
      if (!AGGREGATES.has(f.functionName.toUpperCase())) throw malformed(`unsupported function ${f.functionName}`);
      const fn = f as FieldFunctionExpression;
      const name = fn.alias ?? `expr${exprIndex++}`;
      const path = paramPath(fn);
      return { name, value: (g: Group) => aggregate(fn.functionName, path, g.rows) };
    }
    if (f.type === 'Field' || f.type === 'FieldRelationship') {
      const raw = f.type === 'Field' ? f.field : f.rawValue ?? `${f.relationships.join('.')}.${f.field}`;
      const i = groupIndex(raw);
      const name = (f as { alias?: string }).alias ?? groupPaths[i].field.name;
      return { name, value: (g: Group) => g.keyValues[i] ?? null };
    }
    throw malformed('sub-queries are not allowed in aggregate queries');
  });

  const valueOf = (g: Group, leaf: { field?: string; fn?: unknown }): unknown => {
    if (leaf.fn) return aggregate((leaf.fn as FunctionExp).functionName ?? '', paramPath(leaf.fn as FunctionExp), g.rows);
    return g.keyValues[groupIndex(leaf.field!)] ?? null;
  };

  let result = [...groups.values()];
  if (query.having) {
    const expr = buildExpr(query.having as unknown as WhereClause);
    const predicate = compileExpr<Group>(expr, (cond: Leaf) => {
      const literal = Array.isArray(cond.value) ? cond.value : [cond.value ?? 'NULL'];
      const lits = literal.map((l) => (String(cond.literalType) === 'STRING' ? l.slice(1, -1).toLowerCase() : Number(l)));
      return (g) => {
        const raw = valueOf(g, cond);
        const v = typeof raw === 'string' ? raw.toLowerCase() : raw;
        if (v === null || v === undefined) return cond.operator === '!=';
        const l = lits[0];
        switch (cond.operator.toUpperCase()) {
          case '=': return v === l;
          case '!=': return v !== l;
          case '<': return (v as number) < (l as number);
          case '<=': return (v as number) <= (l as number);
          case '>': return (v as number) > (l as number);
          case '>=': return (v as number) >= (l as number);
          case 'IN': return lits.includes(v as string | number);
          case 'NOT IN': return !lits.includes(v as string | number);
          default: throw malformed(`unsupported HAVING operator ${cond.operator}`);
        }
      };
    });
    result = result.filter(predicate);
  }
  const orderBy = Array.isArray(query.orderBy) ? query.orderBy : query.orderBy ? [query.orderBy] : [];
  result = sortBy(
    result,
    // Grouped Ids and case-sensitive fields sort by their exact value, as in plain queries, so
    // keyset paging (`WHERE AccountId > :last … GROUP BY AccountId ORDER BY AccountId`) is consistent.
    orderBy.map((o) =>
      sortKey<Group>(
        (g) => valueOf(g, 'fn' in o ? { fn: o.fn as unknown } : { field: o.field }),
        o.order,
        o.nulls,
        'fn' in o || !o.field ? true : foldsCase(groupPaths[groupIndex(o.field)].field),
      ),
    ),
  );
  if (query.offset) result = result.slice(query.offset);
  if (query.limit !== undefined) result = result.slice(0, query.limit);
  return result.map((g) => {
    const out: JsonRecord = { attributes: { type: 'AggregateResult' } };
    for (const c of columns) out[c.name] = c.value(g);
    return out;
  });
}
