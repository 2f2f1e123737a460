/**
 * Email matching between SalesWings prospects and Salesforce Leads/Contacts.
 *
 * The rule is trimmed, case-insensitive equality and nothing else: no plus-alias or dot
 * stripping, no domain rewriting. Salesforce's own string comparison in SOQL is
 * case-insensitive, so local matching lower-cases both sides to agree with it.
 */
import { trimWhitespace } from './values';

/**
 * The form two emails are compared in: both ends trimmed of any Unicode whitespace,
 * lower-cased without locale rules (a Turkish-locale server must not turn `I` into `ı`).
 * Empty or missing → null (no match possible).
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = trimWhitespace(raw);
  // toLowerCase uses the Unicode default case mapping, independent of the host locale.
  return trimmed === '' ? null : trimmed.toLowerCase();
}

/** Whether two emails match (both present, equal after normalisation). */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizeEmail(a);
  return x !== null && x === normalizeEmail(b);
}

/**
 * Records grouped by normalised email, in input order; records without an email are left out.
 */
export function groupByEmail<T>(records: Iterable<T>, getEmail: (record: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const email = normalizeEmail(getEmail(record));
    if (email === null) continue;
    const group = groups.get(email);
    if (group) group.push(record);
    else groups.set(email, [record]);
  }
  return groups;
}
