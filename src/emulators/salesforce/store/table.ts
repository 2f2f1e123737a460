/**
 * One sObject's rows with secondary indexes. Rows are immutable objects: an update replaces
 * the row, so an undo log can keep the previous object by reference. Soft-deleted rows stay in
 * the table (recycle bin) with IsDeleted = true; callers filter them.
 */
import type { FieldDef, ObjectDef } from '../schema/model';

export type Row = Readonly<Record<string, unknown>>;

/** Index key of a value; strings fold case unless the field is case-sensitive. */
export function indexKey(field: FieldDef, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (field.type === 'id' || field.type === 'reference') return String(value);
  const text = String(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

export class Table {
  readonly rows = new Map<string, Row>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  /** Auto-number counter for the Name field. */
  autoNumber = 0;

  constructor(readonly obj: ObjectDef) {
    for (const f of obj.fields.values()) {
      if (f.indexed && f.type !== 'id') this.indexes.set(f.name, new Map());
    }
  }

  hasIndex(fieldName: string): boolean {
    return fieldName === 'Id' || this.indexes.has(fieldName);
  }

  /** Ids (deleted rows included) whose indexed field equals `value`. */
  lookup(field: FieldDef, value: unknown): Iterable<string> {
    if (field.name === 'Id') return typeof value === 'string' && this.rows.has(value) ? [value] : [];
    const key = indexKey(field, value);
    if (key === undefined) return [];
    return this.indexes.get(field.name)?.get(key) ?? [];
  }

  /** Live (not deleted) rows whose indexed field equals `value`. */
  liveMatches(field: FieldDef, value: unknown): Row[] {
    const out: Row[] = [];
    for (const id of this.lookup(field, value)) {
      const row = this.rows.get(id);
      if (row && row.IsDeleted !== true) out.push(row);
    }
    return out;
  }

  put(row: Row): void {
    const id = row.Id as string;
    const previous = this.rows.get(id);
    for (const [name, index] of this.indexes) {
      const field = this.obj.fields.get(name)!;
      const oldKey = previous ? indexKey(field, previous[name]) : undefined;
      const newKey = indexKey(field, row[name]);
      if (oldKey === newKey && previous) continue;
      if (oldKey !== undefined) removeFromIndex(index, oldKey, id);
      if (newKey !== undefined) {
        let set = index.get(newKey);
        if (!set) index.set(newKey, (set = new Set()));
        set.add(id);
      }
    }
    this.rows.set(id, row);
  }

  remove(id: string): void {
    const previous = this.rows.get(id);
    if (!previous) return;
    for (const [name, index] of this.indexes) {
      const key = indexKey(this.obj.fields.get(name)!, previous[name]);
      if (key !== undefined) removeFromIndex(index, key, id);
    }
    this.rows.delete(id);
  }

  clear(): void {
    this.rows.clear();
    for (const index of this.indexes.values()) index.clear();
    this.autoNumber = 0;
  }
}

function removeFromIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(key);
}
