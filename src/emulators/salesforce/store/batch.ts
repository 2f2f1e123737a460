/**
 * Runs the records of one DML call: each record is atomic on its own (a failed record leaves
 * nothing behind), and with `allOrNone` one failure rolls back the whole call — failed records
 * keep their real error, the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import type { FieldDef } from '../schema/model';
import { RecordErrors, type RecordResult } from './record-error';
import type { Store } from './store';
import { indexKey } from './table';

export function runRecords(store: Store, allOrNone: boolean, operations: Array<() => RecordResult>): RecordResult[] {
  const start = store.tx.savepoint();
  const results = operations.map((operation) => {
    const savepoint = store.tx.savepoint();
    const result = operation();
    if (!result.success) store.rollbackTo(savepoint);
    return result;
  });
  if (allOrNone && results.some((r) => !r.success)) {
    store.rollbackTo(start);
    return results.map((r) => (r.success ? { success: false, errors: [RecordErrors.rolledBack()] } : r));
  }
  return results;
}

/** Marks every record whose external id value occurs more than once in the request. */
export function duplicateExternalIds(field: FieldDef, values: unknown[]): Set<number> {
  const seen = new Map<string, number[]>();
  values.forEach((v, i) => {
    const key = indexKey(field, v === '' ? null : v);
    if (key === undefined) return;
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  const dup = new Set<number>();
  for (const list of seen.values()) if (list.length > 1) for (const i of list) dup.add(i);
  return dup;
}
