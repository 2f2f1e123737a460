/**
 * The fewest Salesforce API calls a run's outcome allows, by the benchmark's formula:
 *
 *   writes: per object the sync wrote to, ceil(saved / 200) + ceil(deleted / 200), where
 *           saved = min(rows created or changed, records the sync sent in create/update/upsert
 *           requests) and deleted = min(rows deleted, records the sync sent in delete requests)
 *           — one sObject Collections call carries 200 records; creates and updates can share an
 *           upsert call, deletes need their own. Rows come from the org diff (what changed), so
 *           a record written three times in a run counts once; the `min` leaves out rows changed
 *           only as a side effect (children deleted by a cascade).
 *   reads:  per query — a statement shape within a step, all its executions together (other
 *           literals, IN-list chunks, keyset pages) — max(1, ceil(rows / 2000)): one page
 *           carries 2,000 rows and learning that there are none still costs a call; a COUNT()
 *           shape costs 1 (COUNT()s packed five to a composite call: one call per five); an
 *           IN-list read over no values costs 0.
 *
 * OAuth, describe and `/limits` calls are not in the formula: they show up as the difference to
 * the actual count. Composite (5 collections per call) and Bulk API 2.0 can go below this
 * "minimum"; splitting a read into many small queries, or writing a record twice, goes above it.
 */
import { type ReadRecord, type WriteRecord } from './metering';
import { type ObjectChanges } from './org-snapshot';

export const RECORDS_PER_COLLECTION_CALL = 200;
export const ROWS_PER_QUERY_PAGE = 2000;

export interface WriteMinimum extends ObjectChanges {
  object: string;
  /** Records the sync sent to this object (all requests), for comparison with what changed. */
  sent: number;
  calls: number;
  /** ceil(records sent / 200) per operation: the minimum for the writes the code chose to make. */
  sentCalls: number;
}

export interface ReadShape {
  step: string;
  shape: string;
  /** Logical reads of this shape (gateway calls: one queryAll, one queryByIn…). */
  reads: number;
  rows: number;
  /** Pages fetched = API calls made (`query` + `queryMore`). */
  calls: number;
  minimum: number;
}

export interface ApiMinimum {
  writes: WriteMinimum[];
  writeCalls: number;
  /** Σ sentCalls: with it, `readCalls + writeCallsForSent` tells redundant writes from poor packing. */
  writeCallsForSent: number;
  reads: ReadShape[];
  readCalls: number;
  total: number;
}

const pages = (records: number) => Math.ceil(records / RECORDS_PER_COLLECTION_CALL);

/** Minimum calls of one query shape, from all its reads. */
export function shapeMinimum(reads: readonly ReadRecord[]): number {
  if (reads.length === 0 || reads.every((r) => r.method === 'queryByIn' && r.pages === 0)) return 0;
  if (reads.every((r) => r.method === 'count')) return 1;
  // Packed COUNT()s: as many calls as five-query composites are needed, which is what was made.
  if (reads.every((r) => r.method === 'countMany')) return Math.max(...reads.map((r) => r.pages));
  const rows = reads.reduce((n, r) => n + r.rows, 0);
  return Math.max(1, Math.ceil(rows / ROWS_PER_QUERY_PAGE));
}

export function computeMinimum(changes: Record<string, ObjectChanges>, reads: readonly ReadRecord[], writes: readonly WriteRecord[]): ApiMinimum {
  // Per object: records sent to be saved (create/update/upsert), deleted, published.
  const sent = new Map<string, { save: number; delete: number; publish: number }>();
  for (const w of writes) {
    const row = sent.get(w.object) ?? { save: 0, delete: 0, publish: 0 };
    if (w.operation === 'delete') row.delete += w.records;
    else if (w.operation === 'publish') row.publish += w.records;
    else row.save += w.records;
    sent.set(w.object, row);
  }

  const writeRows: WriteMinimum[] = [...sent.keys()].sort().map((object) => {
    const s = sent.get(object) as { save: number; delete: number; publish: number };
    const c = changes[object] ?? { created: 0, updated: 0, deleted: 0 };
    // Platform events leave no rows: what was published is what had to be.
    const calls = pages(Math.min(c.created + c.updated, s.save)) + pages(Math.min(c.deleted, s.delete)) + pages(s.publish);
    return { object, ...c, sent: s.save + s.delete + s.publish, calls, sentCalls: pages(s.save) + pages(s.delete) + pages(s.publish) };
  });

  const byShape = new Map<string, ReadRecord[]>();
  for (const r of reads) {
    const key = `${r.step}\u0000${r.shape}`;
    const list = byShape.get(key);
    if (list) list.push(r);
    else byShape.set(key, [r]);
  }
  const readRows: ReadShape[] = [...byShape.values()]
    .map((list) => ({
      step: list[0].step,
      shape: list[0].shape,
      reads: list.length,
      rows: list.reduce((n, r) => n + r.rows, 0),
      calls: list.reduce((n, r) => n + r.calls, 0),
      minimum: shapeMinimum(list),
    }))
    .sort((a, b) => b.calls - b.minimum - (a.calls - a.minimum) || b.calls - a.calls || a.step.localeCompare(b.step));

  const writeCalls = writeRows.reduce((n, w) => n + w.calls, 0);
  const writeCallsForSent = writeRows.reduce((n, w) => n + w.sentCalls, 0);
  const readCalls = readRows.reduce((n, r) => n + r.minimum, 0);
  return { writes: writeRows, writeCalls, writeCallsForSent, reads: readRows, readCalls, total: writeCalls + readCalls };
}
