/**
 * The per-record outcome of a write, the same shape for sObject Collections, Composite and
 * Bulk API 2.0. Per-record failures are data, never exceptions: a validation rule on one Lead
 * must not fail the step for the other 9,999.
 */
import { redactMessage } from './errors';
import { type SalesforceRecord } from './namespace';

export type WriteOperation = 'create' | 'update' | 'upsert' | 'delete';

export interface WriteRequest {
  operation: WriteOperation;
  /** Object API name, unprefixed. */
  object: string;
  /** Records with unprefixed field names; `update` needs `Id`, `upsert` the external ID field. */
  records: readonly SalesforceRecord[];
  /** Upsert key, unprefixed. */
  externalIdField?: string;
  /** Platform events: never through Bulk. */
  event?: boolean;
}

export interface RecordError {
  /** Salesforce status code, e.g. `FIELD_CUSTOM_VALIDATION_EXCEPTION`, `UNABLE_TO_LOCK_ROW`. */
  code: string;
  /** Salesforce's message, e-mail addresses redacted. */
  message: string;
  /** Fields the error is about (unprefixed API names). */
  fields: string[];
}

export interface RecordResult {
  /** Position of the record in the input. */
  index: number;
  success: boolean;
  /** Salesforce Id of the record written (absent for a failed create). */
  id?: string;
  /** True when an upsert inserted (always true for create, false for update/delete). */
  created?: boolean;
  errors: RecordError[];
}

/** A save result as collections return it; the code is in `statusCode`, jsforce types say `errorCode`. */
export interface RawSaveResult {
  id?: string | null;
  success?: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; errorCode?: string; message?: string; fields?: string[] }>;
}

/** Codes that are not failures although they sit in `errors` (high-volume platform events). */
const INFORMATIONAL_CODES = new Set(['OPERATION_ENQUEUED']);

/** Normalises one collections/composite save result. `success` is the verdict, not `errors.length`. */
export function toRecordResult(
  index: number,
  raw: RawSaveResult | null | undefined,
  operation: WriteOperation,
  stripName: (name: string) => string = (n) => n,
): RecordResult {
  if (!raw || typeof raw !== 'object') {
    return failure(index, 'MISSING_RESULT', 'Salesforce returned no result for this record');
  }
  const success = raw.success === true;
  const errors = (raw.errors ?? [])
    .map((e) => ({
      code: e.statusCode ?? e.errorCode ?? 'UNKNOWN',
      message: redactMessage(e.message ?? '', 1000),
      fields: (e.fields ?? []).map(stripName),
    }))
    .filter((e) => !(success && INFORMATIONAL_CODES.has(e.code)));
  const result: RecordResult = { index, success, errors };
  if (raw.id) result.id = raw.id;
  if (success) result.created = operation === 'create' ? true : operation === 'upsert' ? raw.created === true : false;
  if (!success && errors.length === 0) errors.push({ code: 'UNKNOWN', message: 'Salesforce reported a failure without an error', fields: [] });
  return result;
}

/** A failed result with one error. */
export function failure(index: number, code: string, message: string, fields: string[] = []): RecordResult {
  return { index, success: false, errors: [{ code, message, fields }] };
}
