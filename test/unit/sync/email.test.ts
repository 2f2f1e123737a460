import { groupByEmail, normalizeEmail, sameEmail } from '../../../src/sync/email';

describe('normalizeEmail', () => {
  it('lower-cases and trims surrounding spaces', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('trims non-breaking, ideographic and zero-width spaces', () => {
    expect(normalizeEmail('\u00a0\u3000ada@example.com\u200b\u2028')).toBe('ada@example.com');
  });

  it('maps empty and whitespace-only values to null', () => {
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail(' \t ')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });

  it('keeps apostrophes and backslashes as they are', () => {
    expect(normalizeEmail("O'Brien@Example.com")).toBe("o'brien@example.com");
    expect(normalizeEmail('back\\slash@example.com')).toBe('back\\slash@example.com');
  });

  it('keeps inner spaces (only the ends are trimmed)', () => {
    expect(normalizeEmail(' a b@example.com ')).toBe('a b@example.com');
  });

  it('lower-cases non-ASCII letters without locale rules', () => {
    expect(normalizeEmail('JOSÉ@EXÄMPLE.ch')).toBe('josé@exämple.ch');
    expect(normalizeEmail('IRMAK@example.com')).toBe('irmak@example.com');
  });

  it('does not strip plus aliases or dots', () => {
    expect(normalizeEmail('First.Last+News@Gmail.com')).toBe('first.last+news@gmail.com');
  });
});

describe('sameEmail', () => {
  it('matches emails that differ only in case and surrounding whitespace', () => {
    expect(sameEmail(' Ada@Example.com', 'ada@example.COM\u00a0')).toBe(true);
  });

  it('does not match an alias with its base address', () => {
    expect(sameEmail('ada+x@example.com', 'ada@example.com')).toBe(false);
  });

  it('never matches two missing emails', () => {
    expect(sameEmail(null, '')).toBe(false);
  });
});

describe('groupByEmail', () => {
  it('groups records by normalised email in input order and skips those without one', () => {
    const records = [
      { id: 1, email: 'A@x.com' },
      { id: 2, email: null },
      { id: 3, email: ' a@X.com ' },
      { id: 4, email: 'b@x.com' },
      { id: 5, email: '   ' },
    ];
    const groups = groupByEmail(records, (r) => r.email);
    expect([...groups.keys()]).toEqual(['a@x.com', 'b@x.com']);
    expect(groups.get('a@x.com')?.map((r) => r.id)).toEqual([1, 3]);
    expect(groups.get('b@x.com')?.map((r) => r.id)).toEqual([4]);
  });
});
