/**
 * Shapes query results as the REST API does: every record and every nested parent carries
 * `attributes {type, url}`; a parent relationship is a nested object or `null`; a child
 * sub-query is `{totalSize, done, records}` or `null` when there are no children.
 */
import type { FieldType, Subquery } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import type { Row } from '../store/table';
import { foldsCase, resolvePath } from './paths';
import { badRelationship, malformed, noSuchColumn } from './soql-error';
import { sortBy, sortKey } from './order';
import { compileWhere, type EvalContext } from './where-eval';
import { buildExpr } from './where-tree';

export type JsonRecord = Record<string, unknown>;
export type Projector = (row: Row) => JsonRecord;

export interface ProjectionContext extends EvalContext {
  version: string;
  includeDeleted: boolean;
}

interface Node {
  obj: ObjectDef;
  entries: Entry[];
}

type Entry =
  | { kind: 'field'; key: string; field: FieldDef }
  | { kind: 'parent'; key: string; hop: FieldDef; node: Node }
  | { kind: 'child'; key: string; project: (parent: Row) => JsonRecord | null };

export function recordUrl(version: string, sobject: string, id: unknown): string {
  return `/services/data/v${version}/sobjects/${sobject}/${String(id)}`;
}

function addPath(node: Node, schema: Schema, path: string[], fieldName: string, rawPath: string, rootName: string): void {
  if (path.length === 0) {
    const field = schema.field(node.obj, fieldName);
    if (!field) throw noSuchColumn(rawPath, rootName);
    if (!node.entries.some((e) => e.kind === 'field' && e.key === field.name)) node.entries.push({ kind: 'field', key: field.name, field });
    return;
  }
  const hop = schema.parentRelationship(node.obj, path[0]);
  if (!hop || !hop.referenceTo?.length) throw badRelationship(path[0]);
  let entry = node.entries.find((e) => e.kind === 'parent' && e.key === hop.relationshipName) as Extract<Entry, { kind: 'parent' }> | undefined;
  if (!entry) {
    const target = schema.get(hop.referenceTo[0]);
    if (!target) throw badRelationship(path[0]);
    entry = { kind: 'parent', key: hop.relationshipName!, hop, node: { obj: target, entries: [] } };
    node.entries.push(entry);
  }
  addPath(entry.node, schema, path.slice(1), fieldName, rawPath, rootName);
}

/** Expands FIELDS(ALL|STANDARD|CUSTOM) to plain field names. */
function expandFields(obj: ObjectDef, which: string): string[] {
  const all = [...obj.fields.values()];
  const upper = which.toUpperCase();
  if (upper === 'CUSTOM') return all.filter((f) => f.custom).map((f) => f.name);
  if (upper === 'STANDARD') return all.filter((f) => !f.custom).map((f) => f.name);
  if (upper === 'ALL') return all.map((f) => f.name);
  throw malformed(`FIELDS(${which}) is not supported`);
}

function childProjector(sub: Subquery, parentObj: ObjectDef, ctx: ProjectionContext): { key: string; project: (parent: Row) => JsonRecord | null } {
  const rel = ctx.schema.childRelationship(parentObj, sub.relationshipName);
  if (!rel) throw badRelationship(sub.relationshipName);
  const childObj = ctx.schema.get(rel.childSObject)!;
  const childCtx: ProjectionContext = { ...ctx, obj: childObj };
  const where = sub.where ? compileWhere(buildExpr(sub.where), childCtx) : undefined;
  const orderBy = (Array.isArray(sub.orderBy) ? sub.orderBy : sub.orderBy ? [sub.orderBy] : []).map((o) => {
    if (!('field' in o)) throw malformed('ORDER BY functions are not supported in sub-queries');
    const path = resolvePath(ctx.schema, ctx.store, childObj, o.field);
    return sortKey<Row>(path.get, o.order, o.nulls, foldsCase(path.field));
  });
  const project = buildProjector(sub.fields ?? [], childObj, childCtx);
  const table = ctx.store.table(childObj);
  const field = childObj.fields.get(rel.field)!;
  return {
    key: rel.relationshipName,
    project: (parent) => {
      let rows: Row[] = [];
      for (const id of table.lookup(field, parent.Id)) {
        const row = table.rows.get(id)!;
        if (!ctx.includeDeleted && row.IsDeleted === true) continue;
        if (where && !where.predicate(row)) continue;
        rows.push(row);
      }
      if (rows.length === 0) return null;
      rows = sortBy(rows, orderBy);
      if (sub.offset) rows = rows.slice(sub.offset);
      if (sub.limit !== undefined) rows = rows.slice(0, sub.limit);
      return { totalSize: rows.length, done: true, records: rows.map(project) };
    },
  };
}

export function buildProjector(fields: FieldType[], obj: ObjectDef, ctx: ProjectionContext): Projector {
  const root: Node = { obj, entries: [] };
  for (const f of fields) {
    switch (f.type) {
      case 'Field':
        addPath(root, ctx.schema, [], f.field, f.field, obj.name);
        break;
      case 'FieldRelationship':
        addPath(root, ctx.schema, f.relationships, f.field, f.rawValue ?? `${f.relationships.join('.')}.${f.field}`, obj.name);
        break;
      case 'FieldSubquery': {
        const child = childProjector(f.subquery, obj, ctx);
        root.entries.push({ kind: 'child', ...child });
        break;
      }
      case 'FieldFunctionExpression':
        if (f.functionName.toUpperCase() === 'FIELDS') {
          for (const name of expandFields(obj, String(f.parameters[0]))) addPath(root, ctx.schema, [], name, name, obj.name);
          break;
        }
        throw malformed(`function ${f.functionName} is not supported in this SELECT`);
      default:
        throw malformed('TYPEOF is not supported by the emulator');
    }
  }
  const render = (node: Node, row: Row): JsonRecord => {
    const out: JsonRecord = { attributes: { type: node.obj.name, url: recordUrl(ctx.version, node.obj.name, row.Id) } };
    for (const e of node.entries) {
      if (e.kind === 'field') out[e.key] = row[e.field.name] ?? null;
      else if (e.kind === 'parent') {
        const id = row[e.hop.name];
        const parent = typeof id === 'string' ? ctx.store.findById(id)?.row : undefined;
        out[e.key] = parent ? render(e.node, parent) : null;
      } else out[e.key] = e.project(row);
    }
    return out;
  };
  return (row) => render(root, row);
}
