/**
 * SendRecordUpdates decisions (Salesforce → SalesWings). Seed: when a Lead or Contact matched
 * to a prospect changes Email, SW Favorite, First Name, Last Name, Owner Id or Prospect Id,
 * SalesWings receives the record. The change is detected with the fingerprint of those six
 * fields kept on the record (`fingerprint.ts`): a record is sent when its fingerprint differs
 * from the one stored after the last accepted send, and the new fingerprint is stored only once
 * SalesWings has accepted it.
 *
 * Pure: no I/O and no clock (the rejection marker's instant is passed in).
 */
import { type RecordUpdate } from '../saleswings/contract';
import { FINGERPRINT_FIELD, fingerprint, needsSendUp, toRecordUpdate } from './fingerprint';
import { isBlank, type ReadonlyFieldValues } from './values';

export type PushObject = 'Lead' | 'Contact';

/** The objects SendRecordUpdates reads, in scan order. */
export const PUSH_OBJECTS: readonly PushObject[] = ['Lead', 'Contact'];

/** A Lead or Contact as the step reads it. */
export interface PushCandidate {
  id: string;
  /** The tracked fields and `SW_Sync_Fingerprint__c`. */
  fields: ReadonlyFieldValues;
  /** `Owner.Email`: null when the owner has none (a queue without e-mail). */
  ownerEmail: string | null;
}

/** What to do with one record. */
export type PushDecision =
  /**
   * Send `update`; once SalesWings accepts it, store `fingerprint` (null: the record was
   * unlinked, so it is again a record SalesWings has never heard of).
   */
  | { kind: 'send'; reason: 'changed' | 'unlinked'; update: RecordUpdate; fingerprint: string | null }
  /** Linked, and its tracked fields are those last accepted by SalesWings. */
  | { kind: 'unchanged' }
  /** Not linked and never sent: SalesWings does not know it, nothing to tell. */
  | { kind: 'notLinked' };

/**
 * Decides one record.
 *
 * A record whose Prospect Id was removed (by a person, or by CleanLeads/CleanContacts) still
 * holds the fingerprint of its last send: its Prospect Id changed, so the seed rule sends it
 * once, with `prospectId: null` (the contract's "the record was unlinked"), and its fingerprint
 * is then cleared. A record that was never linked has no fingerprint and is never sent.
 */
export function decidePush(object: PushObject, candidate: PushCandidate): PushDecision {
  const record = { ...candidate.fields, Id: candidate.id };
  if (!isBlank(candidate.fields.Prospect_Id__c)) {
    if (!needsSendUp(record)) return { kind: 'unchanged' };
    return { kind: 'send', reason: 'changed', update: toRecordUpdate(record, object, candidate.ownerEmail), fingerprint: fingerprint(record) };
  }
  if (isBlank(candidate.fields[FINGERPRINT_FIELD])) return { kind: 'notLinked' };
  return { kind: 'send', reason: 'unlinked', update: toRecordUpdate(record, object, candidate.ownerEmail), fingerprint: null };
}

/** A record sent to SalesWings, with what to store on it once accepted. */
export interface SentRecord {
  object: PushObject;
  id: string;
  fingerprint: string | null;
}

/** One `SW_Sync_Fingerprint__c` update. */
export interface FingerprintWrite {
  object: PushObject;
  id: string;
  value: string | null;
}

const MARKER_PREFIX = 'rejected ';

/**
 * What a rejected record's fingerprint field is set to: never a fingerprint (those are 16 hex
 * digits), so the next run finds the record changed and sends it again; and different on every
 * run, so the write always moves the record's SystemModstamp into the next run's window.
 * `rejected 2025-01-02T10:05:00.000Z` is 33 characters (the field holds 64).
 */
export function rejectionMarker(at: string): string {
  return `${MARKER_PREFIX}${at}`;
}

export function isRejectionMarker(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(MARKER_PREFIX);
}

/**
 * The fingerprint writes after SalesWings answered: accepted records get their new fingerprint
 * (or null when unlinked); rejected ones the rejection marker, so they are retried next run.
 */
export function fingerprintWrites(sent: readonly SentRecord[], rejectedIds: ReadonlySet<string>, marker: string): FingerprintWrite[] {
  return sent.map((s) => ({ object: s.object, id: s.id, value: rejectedIds.has(s.id) ? marker : s.fingerprint }));
}
