/**
 * Per-record errors as the sObject APIs report them: `{statusCode, message, fields}`
 * (collections, composite) and `STATUSCODE:message:fields --` (Bulk API 2.0 failed results).
 * Messages follow the wording Salesforce uses so that tests read like production logs.
 */
import type { FieldDef } from '../schema/model';

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** Outcome of one record of a DML call, in input order. */
export interface RecordResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
  /** Upserts only: true when the record was inserted. */
  created?: boolean;
  /** Upserts only: ids of the rows an ambiguous external id matched (REST answers 300). */
  matchedIds?: string[];
}

export function recordError(statusCode: string, message: string, fields: string[] = []): RecordError {
  return { statusCode, message, fields };
}

export function failure(...errors: RecordError[]): RecordResult {
  return { success: false, errors };
}

export const RecordErrors = {
  requiredMissing: (fields: string[]) => recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields),
  stringTooLong: (f: FieldDef, value: string) =>
    recordError('STRING_TOO_LONG', `${f.label}: data value too large: ${value.length > 100 ? `${value.slice(0, 100)}...` : value} (max length=${f.length})`, [f.name]),
  badPicklist: (f: FieldDef, value: unknown) => recordError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${String(value)}`, [f.name]),
  invalidEmail: (f: FieldDef, value: string) => recordError('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, [f.name]),
  wrongType: (f: FieldDef, value: unknown) =>
    recordError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`, [f.name]),
  numberOutOfRange: (f: FieldDef, value: unknown) => recordError('NUMBER_OUTSIDE_VALID_RANGE', `${f.label}: value outside of valid range on numeric field: ${String(value)}`, [f.name]),
  malformedReference: (f: FieldDef, value: unknown) => recordError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${String(value)}`, [f.name]),
  wrongReferenceType: (f: FieldDef, value: unknown) => recordError('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${String(value)}`, [f.name]),
  invalidCrossReference: (fields: string[] = []) => recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', fields),
  malformedId: (id: unknown) => recordError('MALFORMED_ID', `malformed id ${String(id)}`, []),
  entityDeleted: () => recordError('ENTITY_IS_DELETED', 'entity is deleted', []),
  convertedLead: () => recordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []),
  notWritable: (fields: string[]) =>
    recordError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields,
    ),
  unknownField: (name: string, sobject: string) => recordError('INVALID_FIELD', `No such column '${name}' on sobject of type ${sobject}`, [name]),
  duplicateValue: (f: FieldDef, existingId: string) =>
    recordError('DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${existingId}`, [f.name]),
  duplicateExternalIdInRequest: (f: FieldDef, value: unknown) => recordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, [f.name]),
  ambiguousExternalId: (f: FieldDef, value: unknown, ids: string[]) =>
    recordError('DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: [${ids.join(', ')}]`, [f.name]),
  missingId: () => recordError('MISSING_ARGUMENT', 'Id not specified in an update call', []),
  idInInsert: () => recordError('INVALID_FIELD', 'cannot specify Id in an insert call', []),
  missingExternalId: (f: FieldDef) => recordError('MISSING_ARGUMENT', `${f.name} not specified`, [f.name]),
  foreignKeyNotFound: (value: unknown, f: FieldDef, sobject: string) =>
    recordError('INVALID_FIELD', `Foreign key external ID: ${String(value)} not found for field ${f.name} in entity ${sobject}`, []),
  foreignKeyAmbiguous: (value: unknown, f: FieldDef, sobject: string) =>
    recordError('INVALID_FIELD', `Foreign key external ID: ${String(value)} matched more than one record for field ${f.name} in entity ${sobject}`, []),
  notAnExternalId: (f: FieldDef, sobject: string) =>
    recordError('INVALID_FIELD', `Field name provided, ${f.name} is not an External ID or indexed field for ${sobject}`, []),
  lockedRow: (id: string) => recordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`, []),
  readOnlyObject: (sobject: string) => recordError('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object id (${sobject} is read-only through the API)`, []),
  deleteRestricted: (childObject: string) =>
    recordError('DELETE_FAILED', `Your attempt to delete this record could not be completed because it is associated with the following ${childObject} records.`, []),
  rolledBack: () => recordError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header', []),
  enqueued: (uuid: string) => recordError('OPERATION_ENQUEUED', uuid, []),
  validation: (message: string, field?: string) => recordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, field ? [field] : []),
};

/** Bulk API 2.0 `sf__Error` text: `STATUSCODE:message:fields --`. */
export function bulkErrorText(errors: RecordError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join('');
}
