/**
 * SOQL literals as the parser hands them over: string values keep their quotes and escape
 * sequences, booleans arrive as text. Escapes follow the SOQL reference: `\' \" \\ \n \r \t \b
 * \f \uXXXX`, plus `\%` and `\_` (literal wildcards in LIKE); any other backslash sequence is a
 * MALFORMED_QUERY.
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-quotedstringescapes.html
 */
import { malformed } from './soql-error';

const SIMPLE_ESCAPES: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

interface Piece {
  text: string;
  /** True for an unescaped `%`/`_` (a LIKE wildcard). */
  wildcard: boolean;
}

function pieces(raw: string): Piece[] {
  if (raw.length < 2 || raw[0] !== "'" || raw[raw.length - 1] !== "'") return [{ text: raw, wildcard: false }];
  const inner = raw.slice(1, -1);
  const out: Piece[] = [];
  for (let i = 0; i < inner.length; i += 1) {
    const ch = inner[i];
    if (ch === '\\') {
      const next = inner[i + 1];
      if (next === undefined) throw malformed(`Invalid string literal ${raw}. Illegal character sequence '\\' in string literal.`);
      if (next in SIMPLE_ESCAPES) {
        out.push({ text: SIMPLE_ESCAPES[next], wildcard: false });
        i += 1;
      } else if (next === '%' || next === '_') {
        out.push({ text: next, wildcard: false });
        i += 1;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(inner.slice(i + 2, i + 6))) {
        out.push({ text: String.fromCharCode(parseInt(inner.slice(i + 2, i + 6), 16)), wildcard: false });
        i += 5;
      } else {
        throw malformed(`Invalid string literal ${raw}. Illegal character sequence '\\${next}' in string literal.`);
      }
    } else {
      out.push({ text: ch, wildcard: ch === '%' || ch === '_' });
    }
  }
  return out;
}

/** The value of a quoted SOQL string literal. */
export function unquote(raw: string): string {
  return pieces(raw)
    .map((p) => p.text)
    .join('');
}

/** A LIKE pattern as an anchored, case-insensitive regular expression. */
export function likePattern(raw: string, caseSensitive = false): RegExp {
  const source = pieces(raw)
    .map((p) => (p.wildcard ? (p.text === '%' ? '[\\s\\S]*' : '[\\s\\S]') : p.text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseSensitive ? '' : 'i');
}
