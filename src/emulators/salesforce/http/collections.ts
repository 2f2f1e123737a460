/**
 * sObject Collections: create, update, upsert by external id, delete and retrieve, up to 200
 * records per call (2,000 ids for retrieve). Well-formed requests answer 200 with one result per
 * record in input order; `allOrNone` rolls the whole call back when a record fails.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-upsert.html
 */
import type { Org } from '../org';
import { toId18 } from '../schema/ids';
import type { ObjectDef } from '../schema/model';
import { duplicateExternalIds, runRecords } from '../store/batch';
import { RecordErrors, failure, type RecordResult } from '../store/record-error';
import { inputKey, type RecordInput } from '../store/dml';
import { ApiError, json, readJson, type ApiRequest, type Reply, type Route } from './api-types';
import { externalField, objectFromBody, objectFromPath, saveResult, toRecordInput } from './records';
import { renderRow } from './render';

export const MAX_COLLECTION_RECORDS = 200;
export const MAX_RETRIEVE_IDS = 2000;

interface CollectionBody {
  allOrNone?: boolean;
  records?: unknown[];
}

function tooMany(): ApiError {
  return new ApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
}

function recordsOf(body: CollectionBody): unknown[] {
  if (!body || !Array.isArray(body.records)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must contain a records array');
  if (body.records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return body.records;
}

export function collectionRoutes(org: Org): Route[] {
  const { schema } = org;

  const create = (req: ApiRequest): Reply => {
    const body = readJson<CollectionBody>(req);
    const records = recordsOf(body);
    const prepared = records.map((r) => {
      const obj = objectFromBody(schema, r);
      const hasId = typeof r === 'object' && r !== null && Object.keys(r).some((k) => k.toLowerCase() === 'id' && (r as Record<string, unknown>)[k]);
      return { obj, input: toRecordInput(schema, obj, r, ['id', 'Id']), hasId };
    });
    const ctx = org.context('api', req.userId);
    const results = org.transaction(() =>
      runRecords(
        org.store,
        body.allOrNone === true,
        prepared.map((p) => () => (p.hasId ? failure(RecordErrors.idInInsert()) : org.dml.insert(p.obj, p.input, ctx))),
      ),
    );
    return json(200, results.map((r) => saveResult(r)));
  };

  const update = (req: ApiRequest): Reply => {
    const body = readJson<CollectionBody>(req);
    const records = recordsOf(body);
    const prepared = records.map((r) => {
      const obj = objectFromBody(schema, r);
      const rec = r as Record<string, unknown>;
      const idKey = Object.keys(rec).find((k) => k.toLowerCase() === 'id');
      return { obj, id: idKey ? rec[idKey] : undefined, input: toRecordInput(schema, obj, r, ['id', 'Id']) };
    });
    const ctx = org.context('api', req.userId);
    const results = org.transaction(() =>
      runRecords(
        org.store,
        body.allOrNone === true,
        prepared.map((p) => () =>
          p.id === undefined || p.id === null || p.id === ''
            ? failure(RecordErrors.missingId())
            : org.dml.update(p.obj, p.id, p.input, ctx),
        ),
      ),
    );
    return json(200, results.map((r) => saveResult(r)));
  };

  const upsert = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const field = externalField(schema, obj, req.params[1]);
    const body = readJson<CollectionBody>(req);
    const records = recordsOf(body);
    const inputs: RecordInput[] = records.map((r) => {
      const typed = objectFromBody(schema, r, obj);
      if (typed !== obj) throw new ApiError(400, 'INVALID_INPUT', `The record type ${typed.name} doesn't match the type ${obj.name} of the request`);
      return toRecordInput(schema, obj, r, field.type === 'id' ? [] : ['id']);
    });
    const valueOf = (input: RecordInput) => {
      const key = inputKey(input, field.name);
      return key === undefined ? undefined : input.values[key];
    };
    const duplicates = field.type === 'id' ? new Set<number>() : duplicateExternalIds(field, inputs.map(valueOf));
    const ctx = org.context('api', req.userId);
    const results = org.transaction(() =>
      runRecords(
        org.store,
        body.allOrNone === true,
        inputs.map((input, i) => (): RecordResult => (duplicates.has(i) ? failure(RecordErrors.duplicateExternalIdInRequest(field, valueOf(input))) : org.dml.upsert(obj, field, input, ctx))),
      ),
    );
    return json(200, results.map((r) => saveResult(r, true)));
  };

  const remove = (req: ApiRequest): Reply => {
    const ids = (req.query.get('ids') ?? '').split(',').filter((s) => s !== '');
    if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
    const ctx = org.context('api', req.userId);
    const results = org.transaction(() =>
      runRecords(
        org.store,
        req.query.get('allOrNone') === 'true',
        ids.map((id) => () => {
          const r = org.dml.delete(undefined, id, ctx);
          return r.id === undefined ? { ...r, id: toId18(id) ?? id } : r;
        }),
      ),
    );
    return json(200, results.map((r) => ({ id: r.id ?? null, success: r.success, errors: r.errors })));
  };

  const retrieve = (obj: ObjectDef, ids: string[], fields: string[], version: string): Reply => {
    if (ids.length > MAX_RETRIEVE_IDS) throw new ApiError(400, 'EXCEEDED_ID_LIMIT', `cannot retrieve more than ${MAX_RETRIEVE_IDS} records`);
    if (fields.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields parameter is required');
    const table = org.store.table(obj);
    return json(
      200,
      ids.map((raw) => {
        const id = toId18(raw);
        const row = id ? table.rows.get(id) : undefined;
        return row && row.IsDeleted !== true ? renderRow(schema, obj, row, version, fields) : null;
      }),
    );
  };

  const retrievePost = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const body = readJson<{ ids?: string[]; fields?: string[] }>(req);
    return retrieve(obj, body.ids ?? [], body.fields ?? [], req.version);
  };

  const retrieveGet = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const split = (s: string | null) => (s ?? '').split(',').filter((x) => x !== '');
    return retrieve(obj, split(req.query.get('ids')), split(req.query.get('fields')), req.version);
  };

  return [
    { method: 'POST', pattern: /^\/composite\/sobjects\/?$/, kind: 'collections-create', handler: create, compositeAllowed: true },
    { method: 'PATCH', pattern: /^\/composite\/sobjects\/?$/, kind: 'collections-update', handler: update, compositeAllowed: true },
    { method: 'DELETE', pattern: /^\/composite\/sobjects\/?$/, kind: 'collections-delete', handler: remove, compositeAllowed: true },
    { method: 'PATCH', pattern: /^\/composite\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9_]+)\/?$/, kind: 'collections-upsert', handler: upsert, compositeAllowed: true },
    { method: 'POST', pattern: /^\/composite\/sobjects\/([A-Za-z0-9_]+)\/?$/, kind: 'collections-retrieve', handler: retrievePost, compositeAllowed: true },
    { method: 'GET', pattern: /^\/composite\/sobjects\/([A-Za-z0-9_]+)\/?$/, kind: 'collections-retrieve', handler: retrieveGet, compositeAllowed: true },
  ];
}
