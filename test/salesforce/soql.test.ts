import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { ValidationError } from '../../src/errors';
import {
  chunkInClause,
  escapeSoql,
  soqlDate,
  soqlDateTime,
  soqlInList,
  soqlLike,
  soqlString,
  soqlValue,
} from '../../src/salesforce/soql';

describe('SOQL string literals', () => {
  it('escapes the backslash before the quote, so an escaped quote is not undone', () => {
    expect(escapeSoql("a\\' OR Email != 'b")).toBe("a\\\\\\' OR Email != \\'b");
    expect(soqlString("o'brien@example.com")).toBe("'o\\'brien@example.com'");
  });

  it('escapes newline, carriage return and tab', () => {
    expect(soqlString('a\nb\rc\td')).toBe("'a\\nb\\rc\\td'");
  });

  it('produces literals a SOQL parser reads back as one value', () => {
    const nasty = "x' OR Email != 'y\\";
    const parsed = parseQuery(`SELECT Id FROM Lead WHERE Email = ${soqlString(nasty)}`);
    const where = parsed.where as { left: { field: string; value: string } ; right?: unknown };
    expect(where.left.field).toBe('Email');
    expect(where.right).toBeUndefined();
    expect(where.left.value).toBe(soqlString(nasty));
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(soqlLike('50%_off', 'startsWith')).toBe("'50\\%\\_off%'");
    expect(soqlLike("o'b", 'contains')).toBe("'%o\\'b%'");
    expect(soqlLike('x', 'exact')).toBe("'x'");
    expect(soqlLike('x', 'endsWith')).toBe("'%x'");
  });
});

describe('other literals', () => {
  it('formats dates and datetimes in UTC without quotes or milliseconds', () => {
    expect(soqlDate(new Date('2024-01-31T23:30:00.000Z'))).toBe('2024-01-31');
    expect(soqlDateTime('2024-01-31T10:20:30.999Z')).toBe('2024-01-31T10:20:30Z');
    expect(soqlDateTime(new Date('2024-01-31T10:20:30+02:00'))).toBe('2024-01-31T08:20:30Z');
  });

  it('writes numbers bare, booleans and null as keywords', () => {
    expect(soqlValue(3.5)).toBe('3.5');
    expect(soqlValue(true)).toBe('TRUE');
    expect(soqlValue(false)).toBe('FALSE');
    expect(soqlValue(null)).toBe('NULL');
    expect(soqlInList(['a', "b'c", 1])).toBe("('a','b\\'c',1)");
  });

  it('rejects invalid dates and non-finite numbers', () => {
    expect(() => soqlDate('not a date')).toThrow(ValidationError);
    expect(() => soqlValue(Number.NaN)).toThrow(ValidationError);
  });
});

describe('chunkInClause', () => {
  const build = (chunk: string[]): string => `SELECT Id, Email FROM Lead WHERE Email IN ${soqlInList(chunk)}`;

  it('keeps every statement under the encoded-length bound and covers every value once', () => {
    const emails = Array.from({ length: 3000 }, (_v, i) => `person.${i}+tag@example-domain-${i % 7}.com`);
    const statements = chunkInClause(emails, build, { maxEncodedLength: 12_000 });
    expect(statements.length).toBeGreaterThan(1);
    for (const soql of statements) expect(encodeURIComponent(soql).length).toBeLessThanOrEqual(12_000);
    const covered = statements.flatMap((s) => [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]));
    expect(covered.sort()).toEqual([...emails].sort());
  });

  it('packs chunks close to the bound (few statements)', () => {
    const emails = Array.from({ length: 2000 }, (_v, i) => `p${i}@example.com`);
    const statements = chunkInClause(emails, build, { maxEncodedLength: 12_000 });
    const total = statements.reduce((n, s) => n + encodeURIComponent(s).length, 0);
    expect(statements.length).toBeLessThanOrEqual(Math.ceil(total / 12_000) + 1);
  });

  it('deduplicates values, optionally ignoring case', () => {
    expect(chunkInClause(['a@x.com', 'a@x.com', 'A@x.com'], build)).toEqual([build(['a@x.com', 'A@x.com'])]);
    expect(chunkInClause(['a@x.com', 'A@X.com'], build, { dedupe: 'caseInsensitive' })).toEqual([build(['a@x.com'])]);
  });

  it('honours a cap on values per statement', () => {
    const statements = chunkInClause(['a', 'b', 'c', 'd', 'e'], build, { maxValues: 2 });
    expect(statements).toEqual([build(['a', 'b']), build(['c', 'd']), build(['e'])]);
  });

  it('returns no statement for no values', () => {
    expect(chunkInClause([], build)).toEqual([]);
  });

  it('measures the statement the builder really makes (per-value text included)', () => {
    const wide = (chunk: string[]): string =>
      `SELECT Id FROM Lead WHERE ${chunk.map((v) => `(Email = ${soqlString(v)} AND IsConverted = FALSE)`).join(' OR ')}`;
    const values = Array.from({ length: 500 }, (_v, i) => `u${i}@example.com`);
    const statements = chunkInClause(values, wide, { maxEncodedLength: 4000 });
    for (const soql of statements) expect(encodeURIComponent(soql).length).toBeLessThanOrEqual(4000);
    expect(statements.join(' ').match(/@example\.com/g)).toHaveLength(500);
  });

  it('rejects a single value that can never fit', () => {
    expect(() => chunkInClause(['x'.repeat(5000)], build, { maxEncodedLength: 1000 })).toThrow(ValidationError);
  });
});
