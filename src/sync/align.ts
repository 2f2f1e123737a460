/**
 * Keyed alignment: given the records Salesforce holds and the records it should hold, decide
 * what to create, update and delete. Every "align" step (tag and score definitions, a prospect's
 * tags/scores/pages, the Lead/Contact copies, account and opportunity roll-ups) is this one
 * decision over different keys.
 *
 * An unchanged desired record produces no update, so a second run over unchanged data makes
 * no write calls.
 */
import { diffFields, type FieldValue, type FieldValues, type ReadonlyFieldValues } from './values';

/** A record Salesforce holds. */
export interface ExistingRecord {
  /** Salesforce record Id. */
  readonly id: string;
  /** The external key (e.g. `SW_Id__c`, `Key__c`). */
  readonly key: string;
  readonly fields: ReadonlyFieldValues;
}

/** A record Salesforce should hold. */
export interface DesiredRecord {
  readonly key: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /**
   * Fields sent on create only, never compared or updated: master-detail parents cannot be
   * reparented, and the key already pins the parent.
   */
  readonly createOnly?: readonly string[];
}

export interface AlignmentInput<D extends DesiredRecord> {
  readonly existing: readonly ExistingRecord[];
  readonly desired: readonly D[];
  /** Compare (and update) only these fields; default: every desired field. */
  readonly compareFields?: readonly string[];
  /** Delete existing records no desired record claims. Default false: deletion is opt-in. */
  readonly deleteMissing?: boolean;
  /** Number scale per field, for fields that are not Number(18,2). */
  readonly scales?: Readonly<Record<string, number>>;
}

export interface AlignmentUpdate {
  readonly id: string;
  readonly key: string;
  /** Only the fields whose value changes. */
  readonly fields: FieldValues;
}

export interface AlignmentDelete {
  readonly id: string;
  readonly key: string;
}

export interface AlignmentPlan<D extends DesiredRecord> {
  /** Desired records with no existing counterpart, as given (all their fields are sent). */
  readonly create: D[];
  readonly update: AlignmentUpdate[];
  readonly delete: AlignmentDelete[];
  /** Desired records that already match Salesforce. */
  readonly unchanged: number;
  /** Desired keys given more than once (the last one was used). */
  readonly duplicates: string[];
  /**
   * Existing records sharing a key with an earlier one (the first is kept). They are in
   * `delete` when `deleteMissing` is on.
   */
  readonly existingDuplicates: AlignmentDelete[];
}

/** Salesforce unique external ids are case-insensitive unless declared otherwise. */
function keyOf(key: string): string {
  return key.toLowerCase();
}

/**
 * Plan the writes that make `existing` equal to `desired`, matched by key (case-insensitive).
 */
export function planAlignment<D extends DesiredRecord>(input: AlignmentInput<D>): AlignmentPlan<D> {
  const desiredByKey = new Map<string, D>();
  const duplicates: string[] = [];
  for (const record of input.desired) {
    const k = keyOf(record.key);
    if (desiredByKey.has(k)) duplicates.push(record.key);
    // Map.set keeps the first position, so output order stays stable while the last one wins.
    desiredByKey.set(k, record);
  }

  const existingByKey = new Map<string, ExistingRecord>();
  const existingDuplicates: AlignmentDelete[] = [];
  for (const record of input.existing) {
    const k = keyOf(record.key);
    if (existingByKey.has(k)) existingDuplicates.push({ id: record.id, key: record.key });
    else existingByKey.set(k, record);
  }

  const compare = input.compareFields ? new Set(input.compareFields.map((f) => f.toLowerCase())) : null;
  const create: D[] = [];
  const update: AlignmentUpdate[] = [];
  let unchanged = 0;
  for (const [k, desired] of desiredByKey) {
    const current = existingByKey.get(k);
    if (!current) {
      create.push(desired);
      continue;
    }
    const comparable = compare
      ? Object.fromEntries(Object.entries(desired.fields).filter(([name]) => compare.has(name.toLowerCase())))
      : desired.fields;
    const fields = diffFields(current.fields, comparable, { scales: input.scales, ignore: desired.createOnly });
    if (Object.keys(fields).length === 0) unchanged += 1;
    else update.push({ id: current.id, key: desired.key, fields });
  }

  const toDelete: AlignmentDelete[] = [];
  if (input.deleteMissing) {
    for (const [k, current] of existingByKey) {
      if (!desiredByKey.has(k)) toDelete.push({ id: current.id, key: current.key });
    }
    toDelete.push(...existingDuplicates);
  }

  return { create, update, delete: toDelete, unchanged, duplicates, existingDuplicates };
}
