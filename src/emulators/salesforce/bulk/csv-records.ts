/**
 * Bulk API 2.0 CSV rows → DML inputs: a header of API names, `Parent__r.Ext__c` columns for
 * parents referenced by external id, `#N/A` for null, and an empty cell meaning "leave as is".
 */
import type { FieldDef, ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import type { RecordInput } from '../store/dml';

export const BULK_NULL = '#N/A';

export type Column =
  | { kind: 'field'; name: string; field: FieldDef }
  | { kind: 'ref'; name: string; hop: FieldDef; relationship: string; target: string };

/** Resolves the header; the error text is what the job's `errorMessage` carries. */
export function resolveHeader(schema: Schema, obj: ObjectDef, header: string[]): Column[] | string {
  const columns: Column[] = [];
  for (const raw of header) {
    const name = raw.trim();
    const dot = name.indexOf('.');
    if (dot > 0) {
      const relationship = name.slice(0, dot);
      const hop = schema.parentRelationship(obj, relationship);
      const targetObj = hop?.referenceTo?.length ? schema.get(hop.referenceTo[0]) : undefined;
      const target = targetObj ? schema.field(targetObj, name.slice(dot + 1)) : undefined;
      if (!hop || !target) return `InvalidBatch : Field name not found : ${name}`;
      columns.push({ kind: 'ref', name, hop, relationship: hop.relationshipName!, target: target.name });
      continue;
    }
    const field = schema.field(obj, name);
    if (!field) return `InvalidBatch : Field name not found : ${name}`;
    columns.push({ kind: 'field', name, field });
  }
  return columns;
}

/** One CSV row as a DML input; `skip` names columns the operation handles itself (Id). */
export function rowToInput(columns: Column[], cells: string[], skip: Set<string> = new Set()): RecordInput {
  const values: Record<string, unknown> = {};
  const refs: Record<string, Record<string, unknown>> = {};
  columns.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (cell === '' || skip.has(column.name.toLowerCase())) return;
    const value = cell === BULK_NULL ? null : cell;
    if (column.kind === 'ref') {
      if (value === null) values[column.hop.name] = null;
      else refs[column.relationship] = { [column.target]: value };
    } else {
      values[column.field.name] = value;
    }
  });
  return { values, refs };
}
