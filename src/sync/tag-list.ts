/**
 * The `Tags__c` text: tag names, sorted, `;`-separated. One function builds it for prospects,
 * Leads/Contacts and Accounts so the same set of tags always gives the same text (and so no
 * spurious update).
 */

/** `Tags__c` is LongTextArea(32768). */
export const TAGS_TEXT_MAX_LENGTH = 32_768;

export const TAG_SEPARATOR = ';';

/**
 * Compare case-insensitively first so `alpha` and `Beta` sort as people expect, then by code
 * unit so the order is total and independent of the host locale (no localeCompare).
 */
export function compareTagNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct names in the `Tags__c` order. */
export function sortTagNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort(compareTagNames);
}

/**
 * Tag names as `Tags__c` text: distinct, sorted, `;`-joined; null when there are none. Whole
 * names that would overflow the field are left off rather than cutting a name in half.
 */
export function joinTagNames(names: Iterable<string>): string | null {
  let text = '';
  for (const name of sortTagNames(names)) {
    const next = text === '' ? name : `${text}${TAG_SEPARATOR}${name}`;
    if (next.length > TAGS_TEXT_MAX_LENGTH) break;
    text = next;
  }
  return text === '' ? null : text;
}
