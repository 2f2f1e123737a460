/**
 * Salesforce → SalesWings change detection. Seed: when a matched Lead/Contact changes Email,
 * SW Favorite, First Name, Last Name, Owner Id or Prospect Id, send SalesWings the record.
 * A fingerprint of those six fields is kept on the record (`SW_Sync_Fingerprint__c`); a record
 * whose current fingerprint differs has a change to send.
 *
 * The hash is FNV-1a 64-bit in plain JavaScript (no `crypto`: workflow code may import this).
 */
import type { RecordUpdate } from '../saleswings/contract';
import type { FieldValue, ReadonlyFieldValues } from './values';

/** The fields whose change is sent to SalesWings, in the order they are hashed. */
export const TRACKED_FIELDS = ['Email', 'SW_Favorite__c', 'FirstName', 'LastName', 'OwnerId', 'Prospect_Id__c'] as const;

/** Where the last sent fingerprint is kept. */
export const FINGERPRINT_FIELD = 'SW_Sync_Fingerprint__c';

/**
 * Each value with a type tag and, for text, its length, so no two different records serialise
 * alike (`"a|b"` + `""` vs `"a"` + `"|b"`; null vs `"null"`; `true` vs `"true"`).
 */
function canonical(record: ReadonlyFieldValues): string {
  return TRACKED_FIELDS.map((field) => encode(record[field])).join('|');
}

function encode(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return 'n';
  if (typeof value === 'boolean') return value ? 'b1' : 'b0';
  if (typeof value === 'number') return `d${String(value)}`;
  return `s${value.length}:${value}`;
}

/** UTF-8 bytes of a string, by hand (TextEncoder is not guaranteed in every sandbox). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/**
 * FNV-1a 64-bit of the UTF-8 bytes, as 16 hex digits. The 64-bit state is kept in four 16-bit
 * limbs so the arithmetic stays exact in doubles (BigInt per byte is far slower).
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of utf8(text)) {
    h0 ^= byte;
    // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64.
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t0 &= 0xffff;
    t2 += t1 >>> 16;
    t1 &= 0xffff;
    t3 += t2 >>> 16;
    t2 &= 0xffff;
    h0 = t0;
    h1 = t1;
    h2 = t2;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** Fingerprint of the tracked fields, exact values (no trimming or case folding). */
export function fingerprint(record: ReadonlyFieldValues): string {
  return fnv1a64(canonical(record));
}

/**
 * Whether the record has a change to send: it is linked to a prospect and its tracked fields
 * differ from the fingerprint last sent.
 */
export function needsSendUp(record: ReadonlyFieldValues): boolean {
  const prospectId = record.Prospect_Id__c;
  if (typeof prospectId !== 'string' || prospectId === '') return false;
  return fingerprint(record) !== record[FINGERPRINT_FIELD];
}

function textOrNull(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A Lead or Contact as the update SalesWings receives (`POST /records`). */
export function toRecordUpdate(record: ReadonlyFieldValues & { readonly Id: string }, objectType: 'Lead' | 'Contact', ownerEmail: string | null): RecordUpdate {
  const firstName = textOrNull(record.FirstName);
  const lastName = textOrNull(record.LastName);
  const name = `${firstName ?? ''} ${lastName ?? ''}`.trim();
  return {
    id: record.Id,
    objectType,
    email: textOrNull(record.Email),
    favorite: record.SW_Favorite__c === true,
    name: name === '' ? null : name,
    firstName,
    lastName,
    ownerEmail: ownerEmail === '' ? null : ownerEmail,
    prospectId: textOrNull(record.Prospect_Id__c),
  };
}
