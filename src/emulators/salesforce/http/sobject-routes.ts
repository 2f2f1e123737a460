/**
 * sObject resources: describe, single-record create/retrieve/update/delete, upsert by external
 * id (`PATCH /sobjects/X/Field/value`: 201 created, 200 updated with `created`, 300 when several
 * rows match, 404 for an unknown field), and the updated/deleted windows.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/dome-upsert.html
 */
import type { Org } from '../org';
import { describeGlobal, describeSObject, basicInfo } from '../schema/describe';
import { toId18 } from '../schema/ids';
import type { ObjectDef } from '../schema/model';
import { recordUrl } from '../soql/projection';
import { inputKey } from '../store/dml';
import { parseDateTime } from '../store/format';
import type { RecordResult } from '../store/record-error';
import { ApiError, json, notFound, readJson, type ApiRequest, type Reply, type Route } from './api-types';
import { externalField, objectFromPath, saveResult, toRecordInput } from './records';
import { renderRow } from './render';

function failureToError(result: RecordResult): ApiError {
  const e = result.errors[0];
  return new ApiError(400, e.statusCode, e.message, e.fields);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function sobjectRoutes(org: Org): Route[] {
  const { schema } = org;

  const liveRow = (obj: ObjectDef, rawId: string) => {
    const id = toId18(rawId);
    // Anything that is not an id is read as an external-id field name.
    if (!id) throw notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
    const row = org.store.table(obj).rows.get(id);
    if (!row) throw notFound();
    if (row.IsDeleted === true) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    return row;
  };

  const create = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const input = toRecordInput(schema, obj, readJson(req));
    const result = org.transaction(() => org.dml.insert(obj, input, org.context('api', req.userId)));
    if (!result.success) throw failureToError(result);
    return json(201, saveResult(result));
  };

  const retrieve = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const row = liveRow(obj, req.params[1]);
    const fields = req.query.get('fields')?.split(',').filter((f) => f.trim() !== '');
    return json(200, renderRow(schema, obj, row, req.version, fields));
  };

  const update = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    liveRow(obj, req.params[1]);
    const input = toRecordInput(schema, obj, readJson(req), ['Id', 'id']);
    const result = org.transaction(() => org.dml.update(obj, req.params[1], input, org.context('api', req.userId)));
    if (!result.success) throw failureToError(result);
    return { status: 204 };
  };

  const remove = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    liveRow(obj, req.params[1]);
    const result = org.transaction(() => org.dml.delete(obj, req.params[1], org.context('api', req.userId)));
    if (!result.success) throw failureToError(result);
    return { status: 204 };
  };

  const upsert = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const field = externalField(schema, obj, req.params[1]);
    const value = safeDecode(req.params[2]);
    const body = readJson<Record<string, unknown>>(req);
    const input = toRecordInput(schema, obj, body);
    const sent = inputKey(input, field.name);
    if (sent && String(input.values[sent]).toLowerCase() !== value.toLowerCase()) {
      throw new ApiError(400, 'INVALID_FIELD', `The value of ${field.name} in the request body must match the value in the URL`);
    }
    if (sent) delete input.values[sent];
    input.values[field.name] = value;
    if (req.query.get('updateOnly') === 'true' && org.store.table(obj).liveMatches(field, value).length === 0) throw notFound();
    const result = org.transaction(() => org.dml.upsert(obj, field, input, org.context('api', req.userId)));
    if (result.matchedIds) {
      return json(300, result.matchedIds.map((id) => recordUrl(req.version, obj.name, id)));
    }
    if (!result.success) throw failureToError(result);
    return json(result.created ? 201 : 200, saveResult(result, true));
  };

  const retrieveByExternalId = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const field = externalField(schema, obj, req.params[1]);
    const matches = org.store.table(obj).liveMatches(field, safeDecode(req.params[2]));
    if (matches.length === 0) throw notFound();
    if (matches.length > 1) return json(300, matches.map((r) => recordUrl(req.version, obj.name, r.Id)));
    const fields = req.query.get('fields')?.split(',').filter((f) => f.trim() !== '');
    return json(200, renderRow(schema, obj, matches[0], req.version, fields));
  };

  const window = (req: ApiRequest): { start: string; end: string } => {
    const start = parseDateTime(req.query.get('start') ?? '');
    const end = parseDateTime(req.query.get('end') ?? '');
    if (start === undefined || end === undefined) throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'start and end are required ISO 8601 date-times');
    const fmt = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
    return { start: fmt(start), end: fmt(end) };
  };

  const updated = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const { start, end } = window(req);
    const ids: string[] = [];
    for (const row of org.store.table(obj).rows.values()) {
      const stamp = String(row.SystemModstamp);
      if (row.IsDeleted !== true && stamp >= start && stamp < end) ids.push(row.Id as string);
    }
    return json(200, { ids, latestDateCovered: end });
  };

  const deleted = (req: ApiRequest): Reply => {
    const obj = objectFromPath(schema, req.params[0]);
    const { start, end } = window(req);
    const deletedRecords: Array<{ id: unknown; deletedDate: unknown }> = [];
    for (const row of org.store.table(obj).rows.values()) {
      const stamp = String(row.SystemModstamp);
      if (row.IsDeleted === true && stamp >= start && stamp < end) deletedRecords.push({ id: row.Id, deletedDate: row.SystemModstamp });
    }
    return json(200, { deletedRecords, earliestDateAvailable: start, latestDateCovered: end });
  };

  const O = '([A-Za-z0-9_]+)';
  return [
    { method: 'GET', pattern: /^\/sobjects\/?$/, kind: 'describe-global', handler: (req) => json(200, describeGlobal(schema, req.version)), compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/describe/?$`), kind: 'describe', handler: (req) => json(200, describeSObject(schema, objectFromPath(schema, req.params[0]), req.version)), compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/?$`), kind: 'describe', handler: (req) => json(200, basicInfo(objectFromPath(schema, req.params[0]), req.version)), compositeAllowed: true },
    { method: 'POST', pattern: new RegExp(`^/sobjects/${O}/?$`), kind: 'sobject-create', handler: create, compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/updated/?$`), kind: 'sobject-updated', handler: updated, compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/deleted/?$`), kind: 'sobject-deleted', handler: deleted, compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/([^/]+)$`), kind: 'sobject-retrieve', handler: retrieve, compositeAllowed: true },
    { method: 'PATCH', pattern: new RegExp(`^/sobjects/${O}/([^/]+)$`), kind: 'sobject-update', handler: update, compositeAllowed: true },
    { method: 'DELETE', pattern: new RegExp(`^/sobjects/${O}/([^/]+)$`), kind: 'sobject-delete', handler: remove, compositeAllowed: true },
    { method: 'PATCH', pattern: new RegExp(`^/sobjects/${O}/${O}/(.+)$`), kind: 'sobject-upsert', handler: upsert, compositeAllowed: true },
    { method: 'GET', pattern: new RegExp(`^/sobjects/${O}/${O}/(.+)$`), kind: 'sobject-retrieve', handler: retrieveByExternalId, compositeAllowed: true },
  ];
}
