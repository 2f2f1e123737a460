import {
  cleanText,
  diffFields,
  isBlank,
  parseInstant,
  roundTo,
  sameValue,
  toSalesforceDateTime,
  trimWhitespace,
  truncateText,
} from '../../../src/sync/values';
import { ValidationError } from '../../../src/errors';

describe('sameValue', () => {
  it('treats null, undefined and empty text as equal', () => {
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue('', undefined)).toBe(true);
  });

  it('treats a blank and a present value as different', () => {
    expect(sameValue(null, 'x')).toBe(false);
    expect(sameValue('', 0)).toBe(false);
    expect(sameValue(undefined, false)).toBe(false);
  });

  it('compares numbers after rounding to two decimals by default', () => {
    expect(sameValue(12.345, 12.35)).toBe(true);
    expect(sameValue(12.34, 12.35)).toBe(false);
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
  });

  it('rounds to the given field scale', () => {
    expect(sameValue(7.4, 7, { scale: 0 })).toBe(true);
    expect(sameValue(7.5, 7, { scale: 0 })).toBe(false);
  });

  it('compares numeric text with a number numerically', () => {
    expect(sameValue('12.50', 12.5)).toBe(true);
    expect(sameValue(3, 'three')).toBe(false);
  });

  it('compares a Salesforce DateTime and a SalesWings instant by instant', () => {
    expect(sameValue('2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:00Z')).toBe(true);
    expect(sameValue('2024-01-31T10:00:00.000+0000', '2024-01-31T12:00:00+02:00')).toBe(true);
    expect(sameValue('2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:01Z')).toBe(false);
  });

  it('ignores milliseconds because Salesforce DateTime fields store whole seconds', () => {
    expect(sameValue('2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:00.789Z')).toBe(true);
  });

  it('compares booleans strictly', () => {
    expect(sameValue(true, true)).toBe(true);
    expect(sameValue(false, null)).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
    expect(sameValue(true, 1)).toBe(false);
  });

  it('compares other text exactly, including case', () => {
    expect(sameValue('HOT', 'HOT')).toBe(true);
    expect(sameValue('HOT', 'hot')).toBe(false);
    expect(sameValue('2024-01-31', '2024-01-31T00:00:00Z')).toBe(false);
  });
});

describe('roundTo', () => {
  it('rounds half away from zero despite binary artefacts', () => {
    expect(roundTo(1.005)).toBe(1.01);
    expect(roundTo(-1.005)).toBe(-1.01);
    expect(roundTo(2.675)).toBe(2.68);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundTo(-0.001), 0)).toBe(true);
  });
});

describe('parseInstant', () => {
  it('reads Z, colon and colon-less offsets', () => {
    const utc = Date.UTC(2024, 0, 31, 10, 0, 0);
    expect(parseInstant('2024-01-31T10:00:00Z')).toBe(utc);
    expect(parseInstant('2024-01-31T11:30:00+01:30')).toBe(utc);
    expect(parseInstant('2024-01-31T05:00:00.000-0500')).toBe(utc);
  });

  it('rejects text without a zone or with impossible dates', () => {
    expect(parseInstant('2024-01-31T10:00:00')).toBeNull();
    expect(parseInstant('2024-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('not a date')).toBeNull();
  });
});

describe('toSalesforceDateTime', () => {
  it('converts an offset instant to UTC with whole seconds', () => {
    expect(toSalesforceDateTime('2024-01-31T12:00:00.789+02:00')).toBe('2024-01-31T10:00:00.000Z');
  });

  it('accepts a Date', () => {
    expect(toSalesforceDateTime(new Date(Date.UTC(2024, 5, 1, 8, 30, 15, 500)))).toBe('2024-06-01T08:30:15.000Z');
  });

  it('maps a missing value to null', () => {
    expect(toSalesforceDateTime(null)).toBeNull();
    expect(toSalesforceDateTime(undefined)).toBeNull();
    expect(toSalesforceDateTime('')).toBeNull();
  });

  it('rejects text that is not an instant with a validation error', () => {
    expect(() => toSalesforceDateTime('yesterday')).toThrow(ValidationError);
  });
});

describe('text helpers', () => {
  it('truncates to the maximum length', () => {
    expect(truncateText('x'.repeat(100), 80)).toHaveLength(80);
    expect(truncateText('short', 80)).toBe('short');
  });

  it('does not split a surrogate pair at the cut', () => {
    const text = `${'a'.repeat(79)}😀`;
    expect(truncateText(text, 80)).toBe('a'.repeat(79));
  });

  it('trims every kind of Unicode whitespace', () => {
    expect(trimWhitespace('\u00a0\u2003\u3000\u0085\u200b\ufeff x \t\n')).toBe('x');
  });

  it('cleanText trims, truncates and turns empty into null', () => {
    expect(cleanText('  Ada  ', 80)).toBe('Ada');
    expect(cleanText(' \u00a0 ', 80)).toBeNull();
    expect(cleanText(null, 80)).toBeNull();
    expect(cleanText(' abcdef ', 3)).toBe('abc');
  });

  it('isBlank is true only for null, undefined and empty text', () => {
    expect([null, undefined, '', ' ', 0, false].map((v) => isBlank(v))).toEqual([true, true, true, false, false, false]);
  });
});

describe('diffFields', () => {
  it('returns only the fields whose value changes', () => {
    const changed = diffFields({ A: 1, B: 'x', C: null }, { A: 1.001, B: 'y', C: '' });
    expect(changed).toEqual({ B: 'y' });
  });

  it('looks up current fields case-insensitively', () => {
    expect(diffFields({ lead_score__c: 5 }, { Lead_Score__c: 5 })).toEqual({});
  });

  it('treats a field that was not read as different unless the desired value is blank', () => {
    expect(diffFields({}, { A: 1, B: null })).toEqual({ A: 1 });
  });

  it('skips ignored fields and applies per-field scales', () => {
    expect(diffFields({ P: 'a', N: 1 }, { P: 'b', N: 1.4 }, { ignore: ['p'], scales: { N: 0 } })).toEqual({});
  });
});
