/**
 * Salesforce record ids: a 3-character key prefix, 12 characters that identify the record
 * (case-sensitive, base 62), and — in the 18-character form every API returns — a 3-character
 * suffix that encodes which of the first 15 characters are upper case, so the id survives
 * case-insensitive systems. Clients compare ids by their 18-character form.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_CHARS = /^[0-9A-Za-z]+$/;

/** The 3-character case-safety suffix of a 15-character id. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * Normalises a 15- or 18-character id to its 18-character form; `undefined` when the value is
 * not a well-formed id (wrong length, bad characters, or an 18-character id whose suffix does not
 * match — Salesforce reports those as MALFORMED_ID).
 */
export function toId18(value: string): string | undefined {
  if (typeof value !== 'string' || !ID_CHARS.test(value)) return undefined;
  if (value.length === 15) return value + idChecksum(value);
  if (value.length === 18) {
    // The suffix is case-insensitive; the first 15 characters are restored from it.
    const suffix = value.slice(15).toUpperCase();
    let restored = '';
    for (let chunk = 0; chunk < 3; chunk += 1) {
      const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk]);
      if (bits < 0) return undefined;
      for (let i = 0; i < 5; i += 1) {
        const ch = value[chunk * 5 + i];
        const upper = (bits & (1 << i)) !== 0;
        if (/[A-Za-z]/.test(ch)) restored += upper ? ch.toUpperCase() : ch.toLowerCase();
        else if (upper) return undefined;
        else restored += ch;
      }
    }
    return restored + idChecksum(restored);
  }
  return undefined;
}

/** Encodes a non-negative integer in base 62, left-padded with zeros to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * Mints ids per key prefix. The 4th–5th characters stand for the pod in real orgs; a fixed
 * value keeps ids stable across runs so snapshots and logs are comparable.
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  constructor(private readonly pod = '5g') {}

  next(keyPrefix: string): string {
    const n = (this.counters.get(keyPrefix) ?? 0) + 1;
    this.counters.set(keyPrefix, n);
    const id15 = `${keyPrefix}${this.pod}${base62(n, 10)}`;
    return id15 + idChecksum(id15);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  restore(counters: Record<string, number>): void {
    this.counters.clear();
    for (const [prefix, n] of Object.entries(counters)) this.counters.set(prefix, n);
  }
}
