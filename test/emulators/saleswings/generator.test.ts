import { prospectSchema } from '../../../src/saleswings/contract';
import { parseDataset } from '../../../src/emulators/saleswings/dataset';
import { generateDataset } from '../../../src/emulators/saleswings/generator';

describe('generateDataset', () => {
  const options = { seed: 42, prospects: 2_000, asOf: '2025-01-01T00:00:00.000Z', spreadDays: 100 };
  const dataset = generateDataset(options);
  const emails = dataset.prospects.map((p) => p.email);

  test('the same seed gives the same dataset; another seed gives another', () => {
    expect(generateDataset(options)).toEqual(dataset);
    const other = generateDataset({ ...options, seed: 43 });
    expect(other.prospects.map((p) => p.email)).not.toEqual(emails);
  });

  test('every tag, score, prospect and activity satisfies the API contract', () => {
    expect(() => parseDataset(dataset)).not.toThrow();
    expect(dataset.prospects.every((p) => prospectSchema.safeParse(p).success)).toBe(true);
    expect(dataset.tags).toHaveLength(12);
    expect(dataset.scores).toHaveLength(4);
    expect(dataset.tags.filter((t) => t.archived)).toHaveLength(2);
  });

  test('emails include the awkward forms: unicode, apostrophe, backslash, spaces, mixed case, LIKE wildcards, null', () => {
    expect(emails).toEqual(expect.arrayContaining([
      'zoë.müller@exämple.test',
      "o'brien@example.test",
      'back\\slash@example.test',
      '  Mixed.Case@Example.TEST  ',
      'UPPER.ONLY@EXAMPLE.TEST',
      '100%_sure@example.test',
      null,
    ]));
    const withSpaces = emails.filter((e) => e !== null && e !== e.trim());
    const upper = emails.filter((e) => e !== null && e === e.toUpperCase() && /[A-Z]/.test(e));
    expect(withSpaces.length).toBeGreaterThan(5);
    expect(upper.length).toBeGreaterThan(5);
    expect(emails.filter((e) => e === null).length).toBeGreaterThan(20);
  });

  test('life cycles mix Active, Merged (pointing to an Active prospect) and Deleted', () => {
    const byId = new Map(dataset.prospects.map((p) => [p.id, p]));
    const counts = { Active: 0, Merged: 0, Deleted: 0 };
    for (const p of dataset.prospects) counts[p.lifecycle] += 1;

    expect(counts.Active).toBeGreaterThan(1_700);
    expect(counts.Merged).toBeGreaterThan(60);
    expect(counts.Deleted).toBeGreaterThan(40);
    for (const p of dataset.prospects) {
      if (p.lifecycle === 'Merged') expect(byId.get(p.mergedIntoId ?? '')?.lifecycle).toBe('Active');
      else expect(p.mergedIntoId).toBeNull();
    }
  });

  test('prospects carry tags, scores, temperatures (some null), owners and favorites', () => {
    const tagIds = new Set(dataset.tags.map((t) => t.id));
    const scoreIds = new Set(dataset.scores.map((s) => s.id));
    expect(dataset.prospects.every((p) => p.tags.every((t) => tagIds.has(t.tagId)))).toBe(true);
    expect(dataset.prospects.every((p) => p.scores.every((s) => scoreIds.has(s.scoreId)))).toBe(true);
    expect(new Set(dataset.prospects.map((p) => p.temperature))).toEqual(new Set(['HOT', 'WARM', 'NORMAL', 'COLD', 'FROZEN', null]));
    expect(dataset.prospects.some((p) => p.favorite)).toBe(true);
    expect(dataset.prospects.some((p) => p.ownerEmail === null)).toBe(true);
    expect(dataset.prospects.some((p) => p.tags.length >= 3)).toBe(true);
  });

  test('updatedAt spreads over the past, with ties that paging must break by id', () => {
    const times = dataset.prospects.map((p) => Date.parse(p.updatedAt));
    const asOf = Date.parse(options.asOf);
    expect(Math.max(...times)).toBeLessThanOrEqual(asOf);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(asOf - 100 * 86_400_000);
    expect(new Set(times).size).toBeLessThan(times.length - 20);
  });

  test('activities are of the three kinds, lie before their prospect\'s updatedAt and set its lastVisitAt', () => {
    const byId = new Map(dataset.prospects.map((p) => [p.id, p]));
    expect(new Set(dataset.activities.map((a) => a.kind))).toEqual(new Set(['page-visit', 'form-submit', 'custom-event']));
    expect(dataset.activities.length).toBeGreaterThan(3_000);
    for (const a of dataset.activities) {
      const prospect = byId.get(a.prospectId);
      expect(a.firstVisitAt <= a.lastVisitAt).toBe(true);
      expect(Date.parse(a.lastVisitAt)).toBeLessThanOrEqual(Date.parse(prospect?.updatedAt ?? ''));
    }
    const latest = new Map<string, string>();
    for (const a of dataset.activities) if ((latest.get(a.prospectId) ?? '') < a.lastVisitAt) latest.set(a.prospectId, a.lastVisitAt);
    for (const [id, lastVisitAt] of latest) expect(byId.get(id)?.lastVisitAt).toBe(lastVisitAt);
  });

  test('the life-cycle mix and counts follow the options', () => {
    const small = generateDataset({ seed: 1, prospects: 300, tags: 3, scores: 2, activitiesPerProspect: 0, lifecycleMix: { active: 1, merged: 0, deleted: 0 } });
    expect(small.prospects.every((p) => p.lifecycle === 'Active')).toBe(true);
    expect(small.activities).toEqual([]);
    expect(small.tags).toHaveLength(3);
    expect(small.scores).toHaveLength(2);
  });
});
