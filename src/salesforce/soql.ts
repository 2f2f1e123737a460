/**
 * SOQL literals. Every value that reaches a SOQL statement goes through this module: jsforce's
 * own builder escapes only `'` (not `\`), so an e-mail such as `a\' OR Email != 'b` would change
 * the query. SQL-style `''` doubling is not SOQL. Reference: salesforce.md §2.11.
 */
import { ValidationError } from '../errors';

/**
 * Escapes the inside of a SOQL string literal: backslash first (so the escapes added next are
 * not doubled), then the quote, then the control characters SOQL accepts as escapes.
 */
export function escapeSoql(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

/** A quoted SOQL string literal: `soqlString("o'brien@x.com")` → `'o\'brien@x.com'`. */
export function soqlString(value: string): string {
  return `'${escapeSoql(value)}'`;
}

/** Escapes a value for use inside a LIKE pattern: `%` and `_` match themselves. */
export function escapeSoqlLike(value: string): string {
  return escapeSoql(value).replace(/%/g, '\\%').replace(/_/g, '\\_');
}

export type LikeMode = 'exact' | 'startsWith' | 'endsWith' | 'contains';

/** A quoted LIKE pattern matching `value` literally, with wildcards only where `mode` puts them. */
export function soqlLike(value: string, mode: LikeMode = 'contains'): string {
  const inner = escapeSoqlLike(value);
  const head = mode === 'endsWith' || mode === 'contains' ? '%' : '';
  const tail = mode === 'startsWith' || mode === 'contains' ? '%' : '';
  return `'${head}${inner}${tail}'`;
}

/** `YYYY-MM-DD` (UTC), unquoted as SOQL date literals are. */
export function soqlDate(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DDThh:mm:ssZ` (UTC), unquoted. Milliseconds are dropped (SOQL datetime literals have
 * none); the instant is floored, so `SystemModstamp >= soqlDateTime(t)` never misses a row.
 */
export function soqlDateTime(value: Date | string): string {
  return `${toDate(value).toISOString().slice(0, 19)}Z`;
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ValidationError('Invalid date for a SOQL literal', { code: 'INVALID_DATE' });
  return date;
}

/** A value that can be written as a SOQL literal. */
export type SoqlValue = string | number | boolean | null | Date;

/** Any literal: strings quoted and escaped, numbers bare, `TRUE`/`FALSE`/`NULL`, dates as datetimes. */
export function soqlValue(value: SoqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return soqlString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return soqlDateTime(value);
  if (!Number.isFinite(value)) throw new ValidationError('Non-finite number in a SOQL literal', { code: 'INVALID_NUMBER' });
  return String(value);
}

/** `('a','b')` for an `IN` clause. */
export function soqlInList(values: readonly SoqlValue[]): string {
  return `(${values.map(soqlValue).join(',')})`;
}

export interface ChunkInClauseOptions {
  /**
   * Upper bound for `encodeURIComponent(soql).length` of each statement. A GET `/query` URL
   * plus headers must stay under 16,384 bytes; 12,000 leaves room for the host, path, the
   * namespace prefix and headers. E-mails inflate when encoded (`@` → `%40`, `'` → `%27`).
   */
  maxEncodedLength?: number;
  /** Cap on values per statement, whatever their length. */
  maxValues?: number;
  /**
   * `exact` (default) drops repeated values; `caseInsensitive` also drops values differing
   * only in case — SOQL string comparison ignores case, so they would match the same rows.
   */
  dedupe?: 'exact' | 'caseInsensitive';
}

export const DEFAULT_MAX_ENCODED_SOQL_LENGTH = 12_000;

/**
 * Splits `values` into as few statements as possible, each built by `build(chunk)` and each
 * under the encoded-length bound. Values are deduplicated first. A single value too long for
 * the bound is a `ValidationError` (the query cannot be sent by GET at all).
 */
export function chunkInClause<T extends SoqlValue>(
  values: readonly T[],
  build: (chunk: T[]) => string,
  options: ChunkInClauseOptions = {},
): string[] {
  const maxLength = options.maxEncodedLength ?? DEFAULT_MAX_ENCODED_SOQL_LENGTH;
  const maxValues = options.maxValues ?? Number.POSITIVE_INFINITY;
  const unique = dedupeValues(values, options.dedupe ?? 'exact');
  if (unique.length === 0) return [];

  const encodedLength = (chunk: T[]): number => encodeURIComponent(build(chunk)).length;
  const statements: string[] = [];
  let chunk: T[] = [];
  // Estimate each value's share from its encoded literal plus the `,` separator (`%2C`), and
  // verify with the real statement before closing a chunk: build() may add per-value text.
  let estimate = encodedLength([]);
  for (const value of unique) {
    const share = encodeURIComponent(soqlValue(value)).length + 3;
    if (chunk.length > 0 && (estimate + share > maxLength || chunk.length >= maxValues)) {
      statements.push(...closeChunk(chunk, build, maxLength));
      chunk = [];
      estimate = encodedLength([]);
    }
    chunk.push(value);
    estimate += share;
  }
  statements.push(...closeChunk(chunk, build, maxLength));
  return statements;
}

/** Builds a chunk's statement, halving the chunk while the estimate was too optimistic. */
function closeChunk<T>(chunk: T[], build: (chunk: T[]) => string, maxLength: number): string[] {
  const soql = build(chunk);
  if (encodeURIComponent(soql).length <= maxLength) return [soql];
  if (chunk.length === 1) {
    throw new ValidationError(`An IN-list value is too long for a query URL (bound ${maxLength} encoded bytes)`, {
      code: 'SOQL_TOO_LONG',
    });
  }
  const half = Math.ceil(chunk.length / 2);
  return [...closeChunk(chunk.slice(0, half), build, maxLength), ...closeChunk(chunk.slice(half), build, maxLength)];
}

function dedupeValues<T extends SoqlValue>(values: readonly T[], mode: 'exact' | 'caseInsensitive'): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const value of values) {
    const key = `${typeof value}:${value instanceof Date ? value.toISOString() : String(value)}`;
    const normalised = mode === 'caseInsensitive' ? key.toLowerCase() : key;
    if (seen.has(normalised)) continue;
    seen.add(normalised);
    out.push(value);
  }
  return out;
}
