import { EmulatorControl } from '../../../src/emulators/saleswings/control';
import { generateDataset } from '../../../src/emulators/saleswings/generator';

const NOW = '2025-02-01T00:00:00.000Z';

function control(): EmulatorControl {
  const c = new EmulatorControl({ clock: () => new Date(NOW) });
  c.generate({ seed: 9, prospects: 400, asOf: '2025-01-01T00:00:00.000Z' });
  return c;
}

describe('simulateChanges', () => {
  test('reports exactly the prospects it changed, each moved to the change instant; others stay as they were', () => {
    const c = control();
    const before = new Map(c.state.prospects().map((p) => [p.id, p]));

    const summary = c.simulateChanges({ edit: 10, emailChange: 3, merge: 4, delete: 5, purge: 2, create: 6, activity: 7 });

    const prospectKinds = [summary.edited, summary.emailChanged, summary.merged, summary.deleted, summary.created, summary.activityAdded];
    expect(prospectKinds.map((ids) => ids.length)).toEqual([10, 3, 4, 5, 6, 7]);
    expect(summary.purged).toHaveLength(2);
    const union = prospectKinds.flat();
    expect(new Set(union).size).toBe(union.length);
    expect(summary.touchedProspects).toEqual([...union].sort());
    expect(summary.at).toBe(NOW);

    const after = c.state.prospects();
    for (const p of after) {
      if (summary.touchedProspects.includes(p.id)) expect(p.updatedAt).toBe(NOW);
      else expect(p).toEqual(before.get(p.id));
    }
    expect(after).toHaveLength(400 - 2 + 6);
  });

  test('each kind changes what it says', () => {
    const c = control();
    const before = new Map(c.state.prospects().map((p) => [p.id, p]));

    const s = c.simulateChanges({ edit: 5, emailChange: 5, merge: 5, delete: 5, purge: 5, create: 5, activity: 5 });

    for (const id of s.edited) expect(c.state.prospect(id)?.leadScore).toBeGreaterThan(before.get(id)?.leadScore ?? Infinity);
    for (const id of s.emailChanged) expect(c.state.prospect(id)?.email).not.toBe(before.get(id)?.email);
    for (const id of s.merged) {
      const merged = c.state.prospect(id);
      expect(merged?.lifecycle).toBe('Merged');
      expect(merged?.mergedIntoId).not.toBe(id);
      expect(c.state.prospect(merged?.mergedIntoId ?? '')?.lifecycle).toBe('Active');
    }
    for (const id of s.deleted) expect(c.state.prospect(id)?.lifecycle).toBe('Deleted');
    for (const id of s.purged) {
      expect(c.state.prospect(id)).toBeUndefined();
      expect(c.state.activities(id)).toEqual([]);
    }
    for (const id of s.created) expect(before.has(id) || c.state.prospect(id)?.lifecycle !== 'Active').toBe(false);
    for (const id of s.activityAdded) {
      const activities = c.state.activities(id);
      expect(activities[activities.length - 1].lastVisitAt).toBe(NOW);
      expect(c.state.prospect(id)?.lastVisitAt).toBe(NOW);
      expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    }
  });

  test('deleting a tag or score definition strips it from its holders and moves them; renaming and archiving move no prospect', () => {
    const c = control();
    const holders = (tagId: string) => c.state.prospects().filter((p) => p.tags.some((t) => t.tagId === tagId)).map((p) => p.id);
    const scoreHolders = (scoreId: string) => c.state.prospects().filter((p) => p.scores.some((x) => x.scoreId === scoreId)).map((p) => p.id);
    const tagHolders = holders('tag-002');
    const scoreHoldersBefore = scoreHolders('score-03');

    const s = c.simulateChanges({ ids: { tagDelete: ['tag-002'], scoreDelete: ['score-03'], tagRename: ['tag-001'], tagArchive: ['tag-004'] }, tagCreate: 1, scoreCreate: 1 });

    expect(tagHolders.length).toBeGreaterThan(10);
    expect(holders('tag-002')).toEqual([]);
    expect(scoreHolders('score-03')).toEqual([]);
    expect(s.touchedProspects).toEqual([...new Set([...tagHolders, ...scoreHoldersBefore])].sort());
    expect(c.state.tags().map((t) => t.id)).not.toContain('tag-002');
    expect(c.state.scores().map((x) => x.id)).not.toContain('score-03');
    expect(c.state.tags().find((t) => t.id === 'tag-001')).toMatchObject({ name: expect.stringMatching(/^Pricing Page Visitor \(v\d+\)$/), updatedAt: NOW });
    expect(c.state.tags().find((t) => t.id === 'tag-004')).toMatchObject({ archived: true, updatedAt: NOW });
    expect(s.tagsCreated).toEqual(['tag-013']);
    // score-04 still exists after score-03 went; new ids never reuse a live one.
    expect(s.scoresCreated).toEqual(['score-05']);
  });

  test('with the clock standing still, each call still moves its changes after everything served before', () => {
    const c = control();
    const [a, b] = c.state.prospects().filter((p) => p.lifecycle === 'Active').map((p) => p.id);
    const first = c.simulateChanges({ ids: { edit: [a] } });
    const second = c.simulateChanges({ ids: { edit: [b] } });
    const third = c.updateProspect(first.edited[0], { favorite: true });

    expect(first.at).toBe(NOW);
    expect(Date.parse(second.at)).toBe(Date.parse(NOW) + 1);
    expect(Date.parse(third.updatedAt)).toBe(Date.parse(NOW) + 2);
    expect(c.state.prospects().slice(-2)).toEqual([
      expect.objectContaining({ id: second.edited[0], updatedAt: second.at }),
      expect.objectContaining({ id: first.edited[0], updatedAt: third.updatedAt, favorite: true }),
    ]);
  });

  test('purging the latest prospect does not let later changes fall behind it', () => {
    const c = control();
    const first = c.simulateChanges({ edit: 1 });
    c.simulateChanges({ ids: { purge: first.edited } });

    const next = c.simulateChanges({ edit: 1 });

    expect(Date.parse(next.at)).toBeGreaterThan(Date.parse(first.at));
  });

  test('the same seed on the same data picks the same targets and values', () => {
    const a = control().simulateChanges({ seed: 'x', edit: 5, merge: 3, create: 2 });
    const b = control().simulateChanges({ seed: 'x', edit: 5, merge: 3, create: 2 });
    const c = control().simulateChanges({ seed: 'y', edit: 5, merge: 3, create: 2 });

    expect(b).toEqual(a);
    expect(c.edited).not.toEqual(a.edited);
  });

  test('explicit ids are used as given; an unknown id is refused', () => {
    const c = control();
    const [first, second] = c.state.prospects().filter((p) => p.lifecycle === 'Active').map((p) => p.id);

    const s = c.simulateChanges({ ids: { delete: [first], edit: [second] } });

    expect(s.deleted).toEqual([first]);
    expect(s.edited).toEqual([second]);
    expect(() => c.simulateChanges({ ids: { merge: ['nope'] } })).toThrow('simulateChanges: merge: unknown id(s) nope');
  });

  test('updateProspect refuses a change that breaks the contract, naming the field', () => {
    const c = control();
    const id = c.state.prospects()[0].id;

    expect(() => c.updateProspect(id, { temperature: 'TEPID' as never })).toThrow(`updateProspect ${id}: temperature: Invalid option`);
  });

  test('reset undoes changes and returns to the loaded dataset', () => {
    const c = control();
    const dataset = generateDataset({ seed: 9, prospects: 400, asOf: '2025-01-01T00:00:00.000Z' });
    c.simulateChanges({ purge: 10, create: 3, tagDelete: 2 });

    c.reset();

    expect(c.state.prospects()).toHaveLength(400);
    expect(c.state.tags()).toEqual(dataset.tags);
    expect(new Set(c.state.prospects().map((p) => JSON.stringify(p)))).toEqual(new Set(dataset.prospects.map((p) => JSON.stringify(p))));
  });
});
