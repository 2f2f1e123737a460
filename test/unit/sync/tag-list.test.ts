import { joinTagNames, sortTagNames, TAGS_TEXT_MAX_LENGTH } from '../../../src/sync/tag-list';

describe('tag list text', () => {
  it('sorts case-insensitively and joins with semicolons', () => {
    expect(joinTagNames(['beta', 'Alpha', 'gamma'])).toBe('Alpha;beta;gamma');
  });

  it('drops repeated names', () => {
    expect(sortTagNames(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('is null when there are no tags', () => {
    expect(joinTagNames([])).toBeNull();
  });

  it('leaves off whole names that would overflow the field', () => {
    const long = 'x'.repeat(TAGS_TEXT_MAX_LENGTH - 2);
    const text = joinTagNames(['a', long, 'zz']);
    expect(text).toBe(`a;${long}`);
    expect(text).toHaveLength(TAGS_TEXT_MAX_LENGTH);
  });
});
