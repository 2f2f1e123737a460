/**
 * Salesforce field values: normalisation and equality.
 *
 * Every "does this record need a write?" decision in the sync goes through `sameValue`, so a
 * second run over unchanged data issues no write calls. The rules follow what Salesforce stores,
 * not what we sent: empty text comes back as null, numbers come back rounded to the field's
 * scale, DateTimes come back in UTC (`2024-01-31T10:00:00.000+0000`) without milliseconds.
 *
 * Pure: no I/O, no Node built-ins, no wall clock. Workflow code may import it.
 */
import { ValidationError } from '../errors';

/** A Salesforce field value as the REST API carries it. */
export type FieldValue = string | number | boolean | null;

/** Field values to write: API name → value. */
export type FieldValues = Record<string, FieldValue>;

/** Field values as read back (a field that was not queried is `undefined`). */
export type ReadonlyFieldValues = Readonly<Record<string, FieldValue | undefined>>;

/** `Number(18,2)`: the scale of every decimal field in the data model. */
export const DEFAULT_NUMBER_SCALE = 2;

/** Options for value comparison. */
export interface CompareOptions {
  /** Decimal places numbers are rounded to before comparing (the field's scale). Default 2. */
  scale?: number;
}

/** null, undefined and '' are the same to Salesforce: it stores empty text as null. */
export function isBlank(value: FieldValue | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/**
 * Round half away from zero, as Salesforce rounds a decimal to the field scale. The epsilon
 * nudge keeps binary artefacts such as `1.005 * 100 = 100.49999…` on the intended side.
 */
export function roundTo(value: number, scale: number = DEFAULT_NUMBER_SCALE): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor * (1 + Number.EPSILON)) / factor;
  // `|| 0` turns -0 into 0 so the result serialises and compares as plain zero.
  return (value < 0 ? -rounded : rounded) || 0;
}

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number, or the text of one (Bulk API CSV results carry numbers as text). */
function asNumber(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

// ISO-8601 date-time with a zone. Salesforce writes the offset without a colon (`+0000`).
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;

/**
 * Milliseconds since the epoch of an ISO-8601 date-time that carries a zone (`Z`, `+02:00`,
 * `+0000`), or null when the text is not one. Text without a zone is not an instant.
 */
export function parseInstant(value: string): number | null {
  const m = INSTANT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; reject instead of guessing.
  if (new Date(local).getUTCDate() !== day) return null;
  if (m[8] !== undefined) return local;
  const offsetHours = Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return m[9] === '-' ? local + offset : local - offset;
}

/** Salesforce DateTime fields keep whole seconds: the milliseconds of a write are dropped. */
function toWholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * An instant as Salesforce stores it: UTC, whole seconds (`2024-01-31T10:00:00.000Z`).
 * null/undefined/'' → null. Writing the truncated value keeps what we send equal to what we
 * read back, so the next comparison sees no change.
 *
 * @throws ValidationError when the text is not a date-time with a zone.
 */
export function toSalesforceDateTime(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = typeof value === 'string' ? parseInstant(value) : value.getTime();
  if (ms === null || !Number.isFinite(ms)) {
    throw new ValidationError(`not an ISO-8601 date-time with a zone: ${JSON.stringify(String(value))}`, {
      code: 'INVALID_DATETIME',
    });
  }
  return new Date(toWholeSeconds(ms)).toISOString();
}

/**
 * Equality as Salesforce sees it:
 * - null, undefined and '' are equal;
 * - numbers compare numerically after rounding to the field scale (default 2); numeric text
 *   compared with a number counts as that number;
 * - two date-times with zones compare by instant, to the second;
 * - booleans equal only the same boolean (no truthiness: `false` ≠ null, `true` ≠ 'true');
 * - any other text compares exactly (case matters).
 */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined, options: CompareOptions = {}): boolean {
  const blankA = isBlank(a);
  const blankB = isBlank(b);
  if (blankA || blankB) return blankA && blankB;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x === null || y === null) return false;
    const scale = options.scale ?? DEFAULT_NUMBER_SCALE;
    return roundTo(x, scale) === roundTo(y, scale);
  }
  if (a === b) return true;
  const x = parseInstant(a as string);
  const y = x === null ? null : parseInstant(b as string);
  return x !== null && y !== null && toWholeSeconds(x) === toWholeSeconds(y);
}

/** Options for `diffFields`. */
export interface DiffOptions {
  /** Scale per field API name; fields not listed use `DEFAULT_NUMBER_SCALE`. */
  scales?: Readonly<Record<string, number>>;
  /** Desired fields never compared or returned (e.g. create-only references). */
  ignore?: readonly string[];
}

/** Current value of a field; Salesforce field names are case-insensitive. */
export function readField(current: ReadonlyFieldValues, name: string): FieldValue | undefined {
  if (Object.prototype.hasOwnProperty.call(current, name)) return current[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(current)) {
    if (key.toLowerCase() === lower) return current[key];
  }
  return undefined;
}

/**
 * The desired fields whose value differs from the current one (by `sameValue`), with their
 * desired values. An empty result means "no write needed".
 */
export function diffFields(
  current: ReadonlyFieldValues,
  desired: Readonly<Record<string, FieldValue>>,
  options: DiffOptions = {},
): FieldValues {
  const ignored = new Set((options.ignore ?? []).map((f) => f.toLowerCase()));
  const changed: FieldValues = {};
  for (const [name, value] of Object.entries(desired)) {
    if (ignored.has(name.toLowerCase())) continue;
    const scale = options.scales?.[name];
    if (!sameValue(readField(current, name), value, scale === undefined ? {} : { scale })) {
      changed[name] = value;
    }
  }
  return changed;
}

// Unicode White_Space, plus the BOM and zero-width space that copy-paste leaves at the edges
// of a value. `String.prototype.trim` misses U+0085 (NEL) and U+200B.
const EDGE_SPACE = /^[\s\u0085\u180e\u200b\ufeff]+|[\s\u0085\u180e\u200b\ufeff]+$/g;

/** Remove whitespace (all Unicode kinds) from both ends. */
export function trimWhitespace(value: string): string {
  return value.replace(EDGE_SPACE, '');
}

/**
 * Cut text to at most `maxLength` UTF-16 units without splitting a surrogate pair (Salesforce
 * rejects over-long text with STRING_TOO_LONG instead of cutting it).
 */
export function truncateText(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let end = Math.max(0, maxLength);
  const last = value.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character.
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end);
}

/** Trimmed and truncated text; null when nothing is left. */
export function cleanText(value: string | null | undefined, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = trimWhitespace(value);
  return trimmed === '' ? null : truncateText(trimmed, maxLength);
}
