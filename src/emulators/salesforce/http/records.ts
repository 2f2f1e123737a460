/**
 * JSON records on the wire ⇄ DML inputs and results. Unknown fields and malformed values fail
 * the whole request with 400 (Salesforce rejects them while deserialising the body); per-record
 * problems are left to DML so every API reports them identically.
 */
import type { FieldDef, ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import type { RecordInput } from '../store/dml';
import type { RecordResult } from '../store/record-error';
import { ApiError, notFound } from './api-types';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Converts one JSON record to a DML input; `skip` names keys handled by the caller (`id`). */
export function toRecordInput(schema: Schema, obj: ObjectDef, body: unknown, skip: string[] = []): RecordInput {
  if (!isPlainObject(body)) throw new ApiError(400, 'JSON_PARSER_ERROR', `Expected a JSON object for a ${obj.name} record`);
  const values: Record<string, unknown> = {};
  const refs: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attributes' || skip.includes(key)) continue;
    if (isPlainObject(value)) {
      const hop = schema.parentRelationship(obj, key);
      if (!hop) throw new ApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${obj.name}`);
      refs[key] = value;
      continue;
    }
    if (Array.isArray(value)) throw new ApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${obj.name}.${key} from START_ARRAY`);
    if (!schema.field(obj, key)) throw new ApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${obj.name}`);
    values[key] = value;
  }
  return { values, refs };
}

/** SaveResult / UpsertResult as collections return it. */
export function saveResult(result: RecordResult, upsert = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (result.id !== undefined && (result.success || result.errors[0]?.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK')) out.id = result.id;
  out.success = result.success;
  out.errors = result.errors;
  if (upsert && result.success) out.created = result.created === true;
  return out;
}

export function objectFromBody(schema: Schema, record: unknown, fallback?: ObjectDef): ObjectDef {
  const type = isPlainObject(record) && isPlainObject(record.attributes) ? record.attributes.type : undefined;
  if (typeof type !== 'string') {
    if (fallback) return fallback;
    throw new ApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  }
  const obj = schema.get(type);
  if (!obj) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
  return obj;
}

/** The external id (or idLookup) field named in an upsert/retrieve path; 404 otherwise. */
export function externalField(schema: Schema, obj: ObjectDef, name: string): FieldDef {
  const f = schema.field(obj, name);
  if (!f || (!f.externalId && !f.idLookup)) throw notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
  return f;
}

export function objectFromPath(schema: Schema, name: string): ObjectDef {
  const obj = schema.get(name);
  if (!obj) throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
  return obj;
}
