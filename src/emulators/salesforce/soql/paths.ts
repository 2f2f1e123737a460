/**
 * Field paths in SOQL (`Email`, `Account.Owner.Name`, `Prospect__r.SW_Id__c`) resolved against
 * the schema once per query, giving a getter that walks parent rows through the store.
 */
import { isTextType, type FieldDef, type ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import type { Store } from '../store/store';
import type { Row } from '../store/table';
import { badRelationship, noSuchColumn } from './soql-error';

export interface ResolvedPath {
  /** The field at the end of the path. */
  field: FieldDef;
  /** The object that holds `field`. */
  obj: ObjectDef;
  /** Reference fields traversed, in order. */
  hops: FieldDef[];
  get(row: Row): unknown;
}

/** Whether values of the field compare and sort without regard to case. */
export function foldsCase(field: FieldDef): boolean {
  return isTextType(field.type) && !field.caseSensitive;
}

export function resolvePath(schema: Schema, store: Store, root: ObjectDef, path: string): ResolvedPath {
  const segments = path.split('.');
  let obj = root;
  const hops: FieldDef[] = [];
  // `SELECT Lead.Email FROM Lead` may qualify fields with the object name.
  if (segments.length > 1 && segments[0].toLowerCase() === root.name.toLowerCase() && !schema.parentRelationship(root, segments[0])) {
    segments.shift();
  }
  for (let i = 0; i < segments.length - 1; i += 1) {
    const hop = schema.parentRelationship(obj, segments[i]);
    if (!hop || !hop.referenceTo?.length) throw badRelationship(segments[i]);
    const next = schema.get(hop.referenceTo[0]);
    if (!next) throw badRelationship(segments[i]);
    hops.push(hop);
    obj = next;
  }
  const last = segments[segments.length - 1];
  const field = schema.field(obj, last);
  if (!field) throw noSuchColumn(path, root.name);
  const name = field.name;
  const get =
    hops.length === 0
      ? (row: Row) => row[name] ?? null
      : (row: Row) => {
          let current: Row | undefined = row;
          for (const hop of hops) {
            const id: unknown = current[hop.name];
            if (typeof id !== 'string') return null;
            current = store.findById(id)?.row;
            if (!current) return null;
          }
          return current[name] ?? null;
        };
  return { field, obj, hops, get };
}
