/**
 * What a run changed in the org, read from the emulator's store (not from the sync's own report,
 * so the minimum API cost is computed from the outcome, not from what the code chose to send).
 * A snapshot keeps a digest of every row's data fields; the diff counts per object the rows
 * created, changed and deleted. Audit fields (LastModifiedDate, SystemModstamp…) are left out:
 * a record re-sent with the same values is not a record that needed writing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type SalesforceEmulator } from '../src/emulators/salesforce';

const AUDIT_FIELDS = new Set(['LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'LastViewedDate', 'LastReferencedDate']);

/** Objects of the SFDX source plus the standard objects the sync writes; platform events have no rows. */
export function snapshotObjects(sfdxRoot = path.resolve(__dirname, '../salesforce/force-app/main/default/objects')): string[] {
  return fs
    .readdirSync(sfdxRoot)
    .filter((name) => !name.endsWith('__e'))
    .sort();
}

export interface RowState {
  digest: string;
  deleted: boolean;
}

export type OrgSnapshot = Map<string, Map<string, RowState>>;

export interface ObjectChanges {
  created: number;
  updated: number;
  deleted: number;
}

function digestOf(row: Record<string, unknown>): string {
  const keys = Object.keys(row)
    .filter((k) => !AUDIT_FIELDS.has(k) && k !== 'IsDeleted')
    .sort();
  const hash = createHash('sha1');
  for (const key of keys) hash.update(`${key}=${JSON.stringify(row[key] ?? null)};`);
  return hash.digest('base64');
}

export function takeSnapshot(emulator: SalesforceEmulator, objects: readonly string[]): OrgSnapshot {
  const snapshot: OrgSnapshot = new Map();
  for (const object of objects) {
    const rows = new Map<string, RowState>();
    for (const row of emulator.admin.records(object, { includeDeleted: true })) {
      rows.set(String(row.Id), { digest: digestOf(row), deleted: row.IsDeleted === true });
    }
    snapshot.set(object, rows);
  }
  return snapshot;
}

/** Rows created, changed and deleted per object between two snapshots (objects without change omitted). */
export function diffSnapshots(before: OrgSnapshot, after: OrgSnapshot): Record<string, ObjectChanges> {
  const out: Record<string, ObjectChanges> = {};
  for (const [object, rowsAfter] of after) {
    const rowsBefore = before.get(object) ?? new Map<string, RowState>();
    const changes: ObjectChanges = { created: 0, updated: 0, deleted: 0 };
    for (const [id, now] of rowsAfter) {
      const then = rowsBefore.get(id);
      if (!then || then.deleted) {
        if (!now.deleted) changes.created += 1;
      } else if (now.deleted) changes.deleted += 1;
      else if (now.digest !== then.digest) changes.updated += 1;
    }
    // Hard-deleted (purged) rows are gone from the store altogether.
    for (const [id, then] of rowsBefore) if (!then.deleted && !rowsAfter.has(id)) changes.deleted += 1;
    if (changes.created + changes.updated + changes.deleted > 0) out[object] = changes;
  }
  return out;
}

/** Live (not deleted) rows per object. */
export function liveCounts(snapshot: OrgSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [object, rows] of snapshot) out[object] = [...rows.values()].filter((r) => !r.deleted).length;
  return out;
}
