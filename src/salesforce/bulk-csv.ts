/**
 * CSV for Bulk API 2.0 ingest, built here rather than by jsforce (whose header comes from the
 * first record only, silently dropping later records' extra keys), and the mapping of result
 * files back to input order.
 *
 * Value rules, chosen so a Bulk write leaves the same org state as a Collections write:
 * - a missing key → empty cell → field left unchanged (as an absent JSON key);
 * - `null` and `''` → `#N/A`, Bulk's null marker (Collections store `''` as null too);
 * - booleans `true`/`false`, numbers as written, `Date` as ISO-8601;
 * - a nested parent reference `{ Prospect__r: { SW_Id__c: 'p1' } }` → column `Prospect__r.SW_Id__c`.
 * Cells holding `"`, `,`, CR, LF or edge spaces are quoted; the job uses CRLF line endings, so a
 * lone CR inside a value cannot split a row (reference §2.6).
 */
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../errors';
import { redactMessage } from './errors';
import { isPlainObject, type SalesforceRecord } from './namespace';
import { failure, type RecordError, type RecordResult, type WriteOperation } from './write-result';

export const BULK_NULL = '#N/A';
const LINE_END = '\r\n';

export interface BulkCsv {
  /** Column names, as sent (already namespaced). */
  header: string[];
  /** Cell values as sent, before quoting. */
  rows: string[][];
  /** The CSV body. */
  text: string;
}

/** Flattens nested parent references into dotted columns; drops `attributes`. */
export function flattenRecord(record: SalesforceRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(flattenRecord(value))) out[`${key}.${inner}`] = innerValue;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The cell text of one value (unquoted). */
export function bulkCell(value: unknown, column: string): string {
  if (value === undefined) return '';
  if (value === null || value === '') return BULK_NULL;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`Column ${column}: non-finite number`, { code: 'INVALID_VALUE' });
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  throw new ValidationError(`Column ${column}: a ${Array.isArray(value) ? 'list' : typeof value} cannot be written to CSV`, {
    code: 'INVALID_VALUE',
  });
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Builds the CSV of a job. Every row has every column (the union of all records' defined keys,
 * in first-seen order). For `delete` only the `Id` column is sent.
 */
export function buildBulkCsv(records: readonly SalesforceRecord[], operation: WriteOperation): BulkCsv {
  const flat = records.map((r) => (operation === 'delete' ? { Id: r.Id } : flattenRecord(r)));
  const header: string[] = [];
  const seen = new Set<string>();
  for (const record of flat) {
    for (const [key, value] of Object.entries(record)) {
      // An undefined value is an absent key, as in JSON: it must not create a column.
      if (value !== undefined && !seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  if (header.length === 0) throw new ValidationError('Bulk job without columns', { code: 'EMPTY_RECORDS' });
  const rows = flat.map((record) => header.map((column) => bulkCell(record[column], column)));
  const text = [header, ...rows].map((row) => row.map(quote).join(',')).join(LINE_END) + LINE_END;
  return { header, rows, text };
}

/** Parses a result CSV (`successfulResults`, `failedResults`, `unprocessedrecords`). */
export function parseBulkCsv(text: string | undefined | null): Record<string, string>[] {
  if (!text || text.trim() === '') return [];
  return parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Record<string, string>[];
}

/** `sf__Error` is `STATUS_CODE:message:fields --` (fields comma-separated, may be empty). */
export function parseBulkError(raw: string | undefined, stripName: (n: string) => string = (n) => n): RecordError {
  const text = (raw ?? '').replace(/\s*--\s*$/, '');
  const colon = text.indexOf(':');
  if (colon < 0) return { code: text || 'UNKNOWN', message: text, fields: [] };
  const code = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const fieldsMatch = /^(.*):([A-Za-z0-9_.,]*)$/s.exec(rest);
  const message = (fieldsMatch ? fieldsMatch[1] : rest).trim();
  const fields = fieldsMatch && fieldsMatch[2] ? fieldsMatch[2].split(',').filter(Boolean).map(stripName) : [];
  return { code, message: redactMessage(message, 1000), fields };
}

export interface BulkResultFiles {
  successful: Record<string, string>[];
  failed: Record<string, string>[];
  unprocessed: Record<string, string>[];
}

export interface MapBulkResultsOptions {
  operation: WriteOperation;
  csv: BulkCsv;
  /** Column holding the upsert key (as sent). */
  externalIdColumn?: string;
  /** Job-level error message, used for unprocessed rows. */
  jobError?: string;
  stripName?: (name: string) => string;
}

const normaliseCell = (cell: string | undefined): string => (cell === undefined || cell === BULK_NULL ? '' : cell);

/**
 * Maps result rows back to input order. Results come in no particular order; each row echoes
 * the columns we sent, so a row is matched by its key: `Id` for update/delete, the external ID
 * (case-insensitive, as Salesforce compares it) for upsert, and for insert — which has no key
 * — the whole echoed row. Rows with equal keys are matched in input order; identical insert rows
 * are interchangeable. An input row no result file mentions is reported as `BULK_RESULT_MISSING`.
 */
export function mapBulkResults(files: BulkResultFiles, options: MapBulkResultsOptions): RecordResult[] {
  const { csv, operation } = options;
  const strip = options.stripName ?? ((n: string) => n);
  const keyColumns =
    operation === 'update' || operation === 'delete'
      ? ['Id']
      : operation === 'upsert' && options.externalIdColumn
        ? [options.externalIdColumn]
        : csv.header;
  const caseInsensitive = operation === 'upsert';
  const keyOf = (cells: (string | undefined)[]): string => {
    const key = cells.map(normaliseCell).join('\u0000');
    return caseInsensitive ? key.toLowerCase() : key;
  };
  const columnIndex = keyColumns.map((c) => csv.header.indexOf(c));
  const pending = new Map<string, number[]>();
  csv.rows.forEach((row, index) => {
    const key = keyOf(columnIndex.map((i) => row[i]));
    const queue = pending.get(key);
    if (queue) queue.push(index);
    else pending.set(key, [index]);
  });
  const take = (row: Record<string, string>): number | undefined => {
    const queue = pending.get(keyOf(keyColumns.map((c) => row[c])));
    return queue?.shift();
  };

  const results: (RecordResult | undefined)[] = new Array(csv.rows.length);
  for (const row of files.successful) {
    const index = take(row);
    if (index === undefined) continue;
    const result: RecordResult = { index, success: true, created: operation === 'create' || (operation === 'upsert' && row.sf__Created === 'true'), errors: [] };
    if (row.sf__Id) result.id = row.sf__Id;
    results[index] = result;
  }
  for (const row of files.failed) {
    const index = take(row);
    if (index === undefined) continue;
    const result: RecordResult = { index, success: false, errors: [parseBulkError(row.sf__Error, strip)] };
    if (row.sf__Id) result.id = row.sf__Id;
    results[index] = result;
  }
  for (const row of files.unprocessed) {
    const index = take(row);
    if (index === undefined) continue;
    results[index] = failure(index, 'BULK_UNPROCESSED', options.jobError ?? 'Bulk job ended before processing this record');
  }
  return csv.rows.map(
    (_row, index) => results[index] ?? failure(index, 'BULK_RESULT_MISSING', 'No Bulk result row for this record'),
  );
}
