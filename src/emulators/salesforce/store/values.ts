/**
 * Converts incoming field values (JSON values, or CSV strings from Bulk API 2.0) to the stored
 * representation and validates them the way Salesforce does on save: type, length, restricted
 * picklists, e-mail syntax, numeric range, and reference targets.
 */
import { toId18 } from '../schema/ids';
import { isNumericType, isTextType, type FieldDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import { formatDateTime, parseDate, parseDateTime } from './format';
import { RecordErrors, type RecordError } from './record-error';
import type { Store } from './store';

export type Coerced = { ok: true; value: unknown } | { ok: false; error: RecordError };

// Close to the validation Salesforce applies: local@domain.tld, no spaces.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const ok = (value: unknown): Coerced => ({ ok: true, value });
const fail = (error: RecordError): Coerced => ({ ok: false, error });

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value);
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) return Number(raw);
  return undefined;
}

function toBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const lower = raw.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  if (raw === 1) return true;
  if (raw === 0) return false;
  return undefined;
}

/** Validates and normalises one value for `field`. `null` clears the field. */
export function coerceValue(field: FieldDef, raw: unknown, schema: Schema, store: Store): Coerced {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  if (typeof raw === 'object') return fail(RecordErrors.wrongType(field, raw));

  if (isTextType(field.type)) {
    const text = String(raw);
    if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues?.some((v) => v.value === text)) {
      return fail(RecordErrors.badPicklist(field, text));
    }
    if (text.length > field.length) return fail(RecordErrors.stringTooLong(field, text));
    if (field.type === 'email' && !isValidEmail(text)) return fail(RecordErrors.invalidEmail(field, text));
    return ok(text);
  }
  if (field.type === 'boolean') {
    const b = toBoolean(raw);
    return b === undefined ? fail(RecordErrors.wrongType(field, raw)) : ok(b);
  }
  if (isNumericType(field.type)) {
    const n = toNumber(raw);
    if (n === undefined) return fail(RecordErrors.wrongType(field, raw));
    const scale = field.scale ?? 0;
    const rounded = Math.round(n * 10 ** scale) / 10 ** scale;
    const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
    if (field.precision !== undefined && integerDigits > field.precision - scale && Math.trunc(Math.abs(rounded)) !== 0) {
      return fail(RecordErrors.numberOutOfRange(field, raw));
    }
    return ok(field.type === 'int' ? Math.trunc(rounded) : rounded);
  }
  if (field.type === 'date') {
    const d = parseDate(String(raw));
    return d === undefined ? fail(RecordErrors.wrongType(field, raw)) : ok(d);
  }
  if (field.type === 'datetime') {
    const ms = parseDateTime(String(raw));
    return ms === undefined ? fail(RecordErrors.wrongType(field, raw)) : ok(formatDateTime(ms));
  }
  if (field.type === 'reference') {
    const id = toId18(String(raw));
    if (!id) return fail(RecordErrors.malformedReference(field, raw));
    const target = schema.objectForId(id);
    if (!target || !field.referenceTo?.includes(target.name)) return fail(RecordErrors.wrongReferenceType(field, raw));
    const row = store.tables.get(target.name)?.rows.get(id);
    if (!row) return fail(RecordErrors.invalidCrossReference([field.name]));
    if (row.IsDeleted === true) return fail(RecordErrors.entityDeleted());
    return ok(id);
  }
  return fail(RecordErrors.wrongType(field, raw));
}
