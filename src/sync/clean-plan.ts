/**
 * CleanLeads / CleanContacts (and the deprecated DeleteProspects): which Leads/Contacts lose
 * their link to a prospect, and what is written to them.
 *
 * A record is disconnected when its `Prospect_Id__c` names a prospect whose life cycle is
 * Merged or Deleted, or (clean steps only) a prospect Salesforce no longer stores at all. The
 * seed's DeleteProspects only knew the first case. Converted Leads are read-only and never
 * touched.
 *
 * Pure: the activity reads the records and the prospects, this module decides.
 */
import { changedValues, clearedValues, type FieldMapping } from './field-mapping';
import { type FieldValues, type ReadonlyFieldValues } from './values';

/** Why a record is disconnected. */
export type CleanReason = 'merged' | 'deleted' | 'missing';

export interface CleanScope {
  /** Also disconnect records whose prospect is no longer stored (physically deleted). */
  readonly includeMissing: boolean;
}

/** CleanLeads / CleanContacts: Merged, Deleted and physically deleted prospects. */
export const CLEAN_SCOPE: CleanScope = { includeMissing: true };

/** DeleteProspects (deprecated): only prospects marked Merged or Deleted. */
export const MARKED_ONLY_SCOPE: CleanScope = { includeMissing: false };

/**
 * Lookup key of a SalesWings prospect id. `Prospect__c.SW_Id__c` is a case-insensitive unique
 * external id and SOQL `IN` compares case-insensitively, so the id a Lead carries finds its
 * prospect whatever the case; the map must agree, or a found prospect would look missing.
 */
export function prospectKey(swId: string): string {
  return swId.toLowerCase();
}

/** Marks a prospect id no `Prospect__c` carries (the prospect was physically deleted). */
export const MISSING: unique symbol = Symbol('missing prospect');

/**
 * Life cycle by prospect key, as looked up: a lifecycle value (`Active`, `Merged`, `Deleted`,
 * or null when the stored record has none), or `MISSING` when no `Prospect__c` has that id.
 */
export type LifecycleIndex = ReadonlyMap<string, LifecycleEntry>;
export type LifecycleEntry = string | null | typeof MISSING;

/** Index of looked-up prospects; every id asked for and not returned is recorded as missing. */
export function lifecycleIndex(asked: readonly string[], found: readonly ReadonlyFieldValues[]): Map<string, LifecycleEntry> {
  const index = new Map<string, LifecycleEntry>();
  for (const id of asked) index.set(prospectKey(id), MISSING);
  for (const row of found) {
    if (typeof row.SW_Id__c !== 'string') continue;
    index.set(prospectKey(row.SW_Id__c), typeof row.Lifecycle__c === 'string' ? row.Lifecycle__c : null);
  }
  return index;
}

/** Distinct prospect ids of `records` the index does not know yet (to look up next). */
export function prospectIdsToLookUp(records: readonly ReadonlyFieldValues[], index: LifecycleIndex): string[] {
  const wanted = new Map<string, string>();
  for (const record of records) {
    const id = record.Prospect_Id__c;
    if (typeof id !== 'string' || id === '') continue;
    const key = prospectKey(id);
    if (!index.has(key) && !wanted.has(key)) wanted.set(key, id);
  }
  return [...wanted.values()];
}

/**
 * Why `record` must be disconnected, or null when it stays as it is: no Prospect Id, a
 * converted Lead, an Active prospect, a prospect without a life cycle, or (outside `scope`) a
 * prospect that is not stored. A prospect the index was never asked about is left alone.
 */
export function cleanReason(record: ReadonlyFieldValues, index: LifecycleIndex, scope: CleanScope): CleanReason | null {
  if (record.IsConverted === true) return null;
  const id = record.Prospect_Id__c;
  if (typeof id !== 'string' || id === '') return null;
  const lifecycle = index.get(prospectKey(id));
  if (lifecycle === undefined || lifecycle === null) return null;
  if (lifecycle === MISSING) return scope.includeMissing ? 'missing' : null;
  switch (lifecycle.toLowerCase()) {
    case 'merged':
      return 'merged';
    case 'deleted':
      return 'deleted';
    default:
      return null;
  }
}

export interface CleanCandidate {
  readonly id: string;
  readonly reason: CleanReason;
}

/** The records of a page that must be disconnected, in input order. */
export function planClean(records: readonly ReadonlyFieldValues[], index: LifecycleIndex, scope: CleanScope): CleanCandidate[] {
  const candidates: CleanCandidate[] = [];
  for (const record of records) {
    const reason = cleanReason(record, index, scope);
    if (reason && typeof record.Id === 'string') candidates.push({ id: record.Id, reason });
  }
  return candidates;
}

/**
 * What a disconnected record is updated with: each mapped SalesWings field emptied (checkboxes
 * false) and `Prospect_Id__c` cleared, limited to the fields that actually hold a value so an
 * already-empty field is not rewritten. `Prospect_Id__c` is always sent: it is what the record
 * was selected by.
 */
export function cleanedFields(current: ReadonlyFieldValues, mappings: readonly FieldMapping[]): FieldValues {
  return { ...changedValues(current, clearedValues(mappings)), Prospect_Id__c: null };
}
