/**
 * Compiles a WHERE expression tree to a row predicate. Semantics follow the SOQL reference:
 * string comparisons (=, !=, IN, LIKE, <, >) ignore case unless the field is case-sensitive;
 * `!=` and `NOT IN` also match null values; ids compare by their 18-character form; date
 * literals (TODAY, LAST_N_DAYS:n) compare as ranges.
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-comparisonoperators.html
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import { toId18 } from '../schema/ids';
import { isNumericType, isTextType, type FieldDef, type ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import { formatDate, formatDateTime, parseDateTime } from '../store/format';
import type { Store } from '../store/store';
import type { Row } from '../store/table';
import { dateLiteralRange } from './date-literals';
import { likePattern, unquote } from './literals';
import { resolvePath } from './paths';
import { SoqlError, malformed } from './soql-error';
import type { Expr } from './where-tree';

/** A leaf as the parser produces it (value conditions, semi-joins, HAVING functions). */
export interface Leaf {
  field?: string;
  fn?: { functionName?: string; parameters?: unknown[]; rawValue?: string };
  operator: string;
  value?: string | string[];
  literalType?: string | string[];
  valueQuery?: Query;
  dateLiteralVariable?: number | number[];
}

export interface EvalContext {
  schema: Schema;
  store: Store;
  now: number;
  obj: ObjectDef;
  /** Runs a semi-join sub-select and returns the selected ids. */
  semiJoin(query: Query): Set<string>;
}

export type Predicate<T> = (x: T) => boolean;

export function compileExpr<T>(expr: Expr, leaf: (cond: Leaf) => Predicate<T>): Predicate<T> {
  switch (expr.kind) {
    case 'cond':
      return leaf(expr.cond as unknown as Leaf);
    case 'not': {
      const inner = compileExpr(expr.item, leaf);
      return (x) => !inner(x);
    }
    case 'and': {
      const items = expr.items.map((e) => compileExpr(e, leaf));
      return (x) => items.every((p) => p(x));
    }
    case 'or': {
      const items = expr.items.map((e) => compileExpr(e, leaf));
      return (x) => items.some((p) => p(x));
    }
  }
}

/** A comparable literal: a scalar, null, or a half-open range from a date literal. */
type Lit = { kind: 'null' } | { kind: 'value'; v: string | number | boolean } | { kind: 'range'; start: string; end: string };

function typeName(f: FieldDef): string {
  if (isNumericType(f.type)) return 'double';
  if (f.type === 'datetime') return 'dateTime';
  return f.type;
}

function filterError(f: FieldDef, quoted: boolean): SoqlError {
  return new SoqlError(
    'INVALID_QUERY_FILTER_OPERATOR',
    `value of filter criterion for field '${f.name}' must be of type ${typeName(f)} and should ${quoted ? 'not ' : ''}be enclosed in quotes`,
  );
}

/** Normalises a stored value for comparison with literals of the same field. */
export function comparable(f: FieldDef, v: unknown): string | number | boolean {
  if (typeof v === 'string' && isTextType(f.type) && !f.caseSensitive) return v.toLowerCase();
  return v as string | number | boolean;
}

function literal(f: FieldDef, raw: string, type: string, n: number | undefined, now: number): Lit {
  if (type === 'NULL' || raw.toUpperCase() === 'NULL') return { kind: 'null' };
  const isIdLike = f.type === 'id' || f.type === 'reference';
  switch (type) {
    case 'STRING': {
      const text = unquote(raw);
      if (isIdLike) {
        const id = toId18(text);
        if (!id) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
        return { kind: 'value', v: id };
      }
      if (!isTextType(f.type)) throw filterError(f, true);
      return { kind: 'value', v: comparable(f, text) };
    }
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      if (!isNumericType(f.type)) throw filterError(f, false);
      return { kind: 'value', v: Number(raw.replace(/^[A-Z]{3}/, '')) };
    case 'BOOLEAN':
      if (f.type !== 'boolean') throw filterError(f, false);
      return { kind: 'value', v: raw.toUpperCase() === 'TRUE' };
    case 'DATE':
      if (f.type !== 'date') throw filterError(f, false);
      return { kind: 'value', v: raw };
    case 'DATETIME': {
      if (f.type !== 'datetime') throw filterError(f, false);
      const ms = parseDateTime(raw);
      if (ms === undefined) throw malformed(`invalid datetime literal ${raw}`);
      return { kind: 'value', v: formatDateTime(ms) };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      if (f.type !== 'date' && f.type !== 'datetime') throw filterError(f, false);
      const range = dateLiteralRange(n === undefined ? raw : `${raw.split(':')[0]}:${n}`, now);
      const fmt = f.type === 'date' ? formatDate : formatDateTime;
      // Date fields: the end date is exclusive, expressed as the next day.
      return { kind: 'range', start: fmt(range.start), end: fmt(range.end) };
    }
    default:
      throw malformed(`unsupported literal ${raw}`);
  }
}

function literalList(cond: Leaf, f: FieldDef, now: number): Lit[] {
  const values = Array.isArray(cond.value) ? cond.value : [cond.value ?? 'NULL'];
  const types = Array.isArray(cond.literalType) ? cond.literalType : values.map(() => cond.literalType as string | undefined);
  const ns = Array.isArray(cond.dateLiteralVariable) ? cond.dateLiteralVariable : values.map(() => cond.dateLiteralVariable as number | undefined);
  return values.map((raw, i) => literal(f, raw, types[i] ?? 'STRING', ns[i], now));
}

function cmp(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(op: string, v: unknown, lit: Lit, f: FieldDef): boolean {
  if (lit.kind === 'null') {
    if (op === '=') return v === null || v === undefined;
    if (op === '!=') return v !== null && v !== undefined;
    return false;
  }
  if (v === null || v === undefined) return op === '!=';
  const value = comparable(f, v);
  if (lit.kind === 'range') {
    const s = value as string;
    switch (op) {
      case '=':
        return s >= lit.start && s < lit.end;
      case '!=':
        return !(s >= lit.start && s < lit.end);
      case '<':
        return s < lit.start;
      case '<=':
        return s < lit.end;
      case '>':
        return s >= lit.end;
      case '>=':
        return s >= lit.start;
      default:
        throw malformed(`operator ${op} is not valid with a date literal`);
    }
  }
  const c = cmp(value, lit.v);
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      throw malformed(`unsupported operator ${op}`);
  }
}

/** Values a semi-join leaf or an IN list leaf can match, for index lookups. */
export interface LeafPlan {
  path: ReturnType<typeof resolvePath>;
  predicate: Predicate<Row>;
  /** Set when the leaf is `field = x` / `field IN (...)` with concrete values (no null, no range). */
  equalityValues?: unknown[];
}

export function compileLeaf(cond: Leaf, ctx: EvalContext): LeafPlan {
  if (!cond.field) throw malformed('aggregate functions are only allowed in HAVING');
  const path = resolvePath(ctx.schema, ctx.store, ctx.obj, cond.field);
  const f = path.field;
  const get = path.get;
  const op = cond.operator.toUpperCase();

  if (cond.valueQuery || cond.literalType === 'SUBQUERY') {
    if (op !== 'IN' && op !== 'NOT IN') throw malformed('semi-join sub-selects need IN or NOT IN');
    const ids = ctx.semiJoin(cond.valueQuery!);
    const inSet = (row: Row) => {
      const v = get(row);
      return v !== null && ids.has(String(v));
    };
    return { path, predicate: op === 'IN' ? inSet : (row) => !inSet(row), equalityValues: op === 'IN' ? [...ids] : undefined };
  }

  if (op === 'LIKE') {
    if (Array.isArray(cond.value) || cond.literalType !== 'STRING') throw malformed('LIKE needs a string literal');
    const re = likePattern(cond.value ?? "''", f.caseSensitive);
    return { path, predicate: (row) => { const v = get(row); return v !== null && re.test(String(v)); } };
  }

  if (op === 'IN' || op === 'NOT IN') {
    const lits = literalList(cond, f, ctx.now);
    const hasNull = lits.some((l) => l.kind === 'null');
    if (lits.some((l) => l.kind === 'range')) {
      const inAny = (row: Row) => lits.some((l) => compare('=', get(row), l, f));
      return { path, predicate: op === 'IN' ? inAny : (row) => !inAny(row) };
    }
    const set = new Set(lits.filter((l) => l.kind === 'value').map((l) => (l as { v: string | number | boolean }).v));
    const inSet = (row: Row) => {
      const v = get(row);
      return v === null || v === undefined ? hasNull : set.has(comparable(f, v));
    };
    return {
      path,
      predicate: op === 'IN' ? inSet : (row) => !inSet(row),
      equalityValues: op === 'IN' && !hasNull ? [...set] : undefined,
    };
  }

  if (op === 'INCLUDES' || op === 'EXCLUDES') throw malformed(`${op} is only valid on multi-select picklists`);
  if (Array.isArray(cond.value)) throw malformed(`unexpected list for operator ${op}`);
  const [lit] = literalList(cond, f, ctx.now);
  return {
    path,
    predicate: (row) => compare(op, get(row), lit, f),
    equalityValues: op === '=' && lit.kind === 'value' ? [lit.v] : undefined,
  };
}

export interface CompiledWhere {
  predicate: Predicate<Row>;
  /** Top-level AND leaves usable for index lookups. */
  indexable: LeafPlan[];
}

export function compileWhere(expr: Expr, ctx: EvalContext): CompiledWhere {
  const plans = new Map<Leaf, LeafPlan>();
  const predicate = compileExpr<Row>(expr, (cond) => {
    const plan = compileLeaf(cond, ctx);
    plans.set(cond, plan);
    return plan.predicate;
  });
  const topLeaves = expr.kind === 'cond' ? [expr] : expr.kind === 'and' ? expr.items.filter((e) => e.kind === 'cond') : [];
  const indexable: LeafPlan[] = [];
  for (const leaf of topLeaves) {
    const plan = plans.get((leaf as { cond: unknown }).cond as Leaf);
    if (plan && plan.equalityValues && plan.path.hops.length === 0) indexable.push(plan);
  }
  return { predicate, indexable };
}
