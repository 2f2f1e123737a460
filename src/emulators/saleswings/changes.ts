/**
 * Change simulation for incremental-sync tests: edits, merges, deletions, new prospects,
 * new activities and changes to tag/score definitions, each reported back by id. Every change
 * in one call gets the same `updatedAt` (see `SalesWingsStore.changeInstant`), and deleting a
 * tag or score definition strips it from the prospects holding it and moves them too, as the
 * real backend would report them as changed.
 */
import { type Prospect } from '../../saleswings/contract';
import { buildActivities, buildEmail, buildProspect, pickTagsAndScores, prospectId } from './generator';
import { seededRandom, type Seed, type SeededRandom } from './seeded-random';
import { type SalesWingsStore } from './store';

/** Prospect-level and definition-level change kinds that can target explicit ids. */
export const TARGETED_CHANGES = ['edit', 'emailChange', 'merge', 'delete', 'purge', 'activity', 'tagRename', 'tagArchive', 'tagDelete', 'scoreRename', 'scoreDelete'] as const;
export type TargetedChange = (typeof TARGETED_CHANGES)[number];

/** How many of each change to make; targets are drawn with the seed unless `ids` names them. */
export interface ChangeOptions {
  /** Seed for targets and new values; default: the dataset seed plus a per-call counter. */
  seed?: Seed;
  /** Active prospects get a new lead score and temperature, maybe favorite, name, tags, scores. */
  edit?: number;
  /** Active prospects get a new email. */
  emailChange?: number;
  /** Active prospects become Merged into another Active prospect. */
  merge?: number;
  /** Active or Merged prospects become Deleted (still served, life cycle Deleted). */
  delete?: number;
  /** Prospects disappear entirely (no longer served: "physically deleted"). */
  purge?: number;
  /** New Active prospects. */
  create?: number;
  /** Active prospects get one new activity (and `lastVisitAt` = the change time). */
  activity?: number;
  tagCreate?: number;
  tagRename?: number;
  /** Tags become archived (definitions only; prospects keep them). */
  tagArchive?: number;
  /** Tag definitions are deleted and removed from every prospect holding them. */
  tagDelete?: number;
  scoreCreate?: number;
  scoreRename?: number;
  /** Score definitions are deleted and removed from every prospect holding them. */
  scoreDelete?: number;
  /** Explicit targets per kind, used instead of random ones. */
  ids?: Partial<Record<TargetedChange, string[]>>;
}

/** What one `simulateChanges` call changed, by id. */
export interface ChangeSummary {
  /** The `updatedAt` every change of this call carries. */
  at: string;
  edited: string[];
  emailChanged: string[];
  merged: string[];
  deleted: string[];
  purged: string[];
  created: string[];
  activityAdded: string[];
  tagsCreated: string[];
  tagsRenamed: string[];
  tagsArchived: string[];
  tagsDeleted: string[];
  scoresCreated: string[];
  scoresRenamed: string[];
  scoresDeleted: string[];
  /** Every still-served prospect whose `updatedAt` moved, sorted. */
  touchedProspects: string[];
}

export function simulateChanges(store: SalesWingsStore, now: Date, options: ChangeOptions, seed: Seed): ChangeSummary {
  const rng = seededRandom(options.seed ?? seed);
  const at = store.changeInstant(now);
  const ids = options.ids ?? {};
  const used = new Set<string>();
  // Candidates in insertion order, not serving order: serving order depends on when earlier
  // changes happened, and the same seed must pick the same targets. Built only when a kind
  // draws random targets.
  let all: Prospect[] | undefined;
  const byLifecycle = (...lifecycles: Prospect['lifecycle'][]) =>
    (all ??= store.prospects.inInsertionOrder()).filter((p) => lifecycles.includes(p.lifecycle) && !used.has(p.id)).map((p) => p.id);

  /** Explicit ids (which must exist) or `count` random ones from `pool`, each used once per call. */
  const targets = (kind: TargetedChange, count: number | undefined, pool: () => string[], exists: (id: string) => boolean): string[] => {
    const explicit = ids[kind];
    if (explicit) {
      const unknown = explicit.filter((id) => !exists(id));
      if (unknown.length > 0) throw new Error(`simulateChanges: ${kind}: unknown id(s) ${unknown.join(', ')}`);
    }
    const chosen = explicit ?? (count ? rng.sample(pool(), count) : []);
    for (const id of chosen) used.add(id);
    return chosen;
  };
  const isProspect = (id: string) => store.prospects.get(id) !== undefined;
  // New versions are collected and stored in one batch at the end (see ProspectIndex.putMany);
  // until then the latest version of a prospect is the pending one.
  const pending = new Map<string, Prospect>();
  const save = (prospect: Prospect): void => {
    pending.set(prospect.id, { ...prospect, updatedAt: at });
  };
  const current = (id: string): Prospect => pending.get(id) ?? (store.prospects.get(id) as Prospect);

  const purged = targets('purge', options.purge, () => byLifecycle('Active', 'Merged', 'Deleted'), isProspect);
  for (const id of purged) store.purgeProspect(id);

  const deleted = targets('delete', options.delete, () => byLifecycle('Active', 'Merged'), isProspect);
  for (const id of deleted) save({ ...current(id), lifecycle: 'Deleted' });

  const merged = targets('merge', options.merge, () => byLifecycle('Active'), isProspect);
  const mergeTargets = merged.length > 0 ? byLifecycle('Active') : [];
  for (const id of merged) {
    if (mergeTargets.length === 0) throw new Error('simulateChanges: merge needs another Active prospect to merge into');
    save({ ...current(id), lifecycle: 'Merged', mergedIntoId: rng.pick(mergeTargets) });
  }

  const emailChanged = targets('emailChange', options.emailChange, () => byLifecycle('Active'), isProspect);
  for (const id of emailChanged) save({ ...current(id), email: buildEmail(rng, 'changed', `${id}.${rng.int(1, 1e6)}`, 0.3) });

  const definitions = () => ({ tagIds: [...store.tags.keys()], scoreIds: [...store.scores.keys()] });
  const edited = targets('edit', options.edit, () => byLifecycle('Active'), isProspect);
  for (const id of edited) save(editProspect(rng, current(id), definitions()));

  const activityAdded = targets('activity', options.activity, () => byLifecycle('Active'), isProspect);
  for (const id of activityAdded) {
    const existing = store.activities.get(id) ?? [];
    const [activity] = buildActivities(rng, { ...current(id), updatedAt: at }, 1, existing.length + 1);
    // A numbering gap (from a loaded dataset) must not produce a duplicate id.
    const taken = new Set(existing.map((a) => a.id));
    const activityId = nextId(`${id}-a`, 0, (a) => taken.has(a), existing.length + 1);
    store.activities.set(id, [...existing, { ...activity, id: activityId, lastVisitAt: at }]);
    save({ ...current(id), lastVisitAt: at });
  }

  const tagSummary = changeTags(store, rng, options, targets, at);
  const scoreSummary = changeScores(store, rng, options, targets, at);
  const removedTags = new Set(tagSummary.tagsDeleted);
  const removedScores = new Set(scoreSummary.scoresDeleted);
  if (removedTags.size > 0 || removedScores.size > 0) {
    for (const stored of store.prospects.all()) {
      const prospect = pending.get(stored.id) ?? stored;
      const holdsTag = prospect.tags.some((t) => removedTags.has(t.tagId));
      const holdsScore = prospect.scores.some((s) => removedScores.has(s.scoreId));
      if (!holdsTag && !holdsScore) continue;
      save({
        ...prospect,
        tags: prospect.tags.filter((t) => !removedTags.has(t.tagId)),
        scores: prospect.scores.filter((s) => !removedScores.has(s.scoreId)),
      });
    }
  }

  const created: string[] = [];
  const context = { ...definitions(), mergeTargets: [], mix: { active: 1, merged: 0, deleted: 0 }, nullEmailShare: 0.03, awkwardEmailShare: 0.15 };
  let next = store.prospects.size + purged.length + 1;
  for (let i = 0; i < (options.create ?? 0); i += 1) {
    next = firstFree(next, (n) => isProspect(prospectId(n)));
    const id = prospectId(next);
    next += 1;
    const prospect = buildProspect(rng, id, at, context, { lifecycle: 'Active' });
    const activities = buildActivities(rng, prospect, rng.int(0, 2));
    if (activities.length > 0) prospect.lastVisitAt = activities.map((a) => a.lastVisitAt).sort()[activities.length - 1];
    pending.set(id, prospect);
    store.activities.set(id, activities);
    created.push(id);
  }
  store.putProspects([...pending.values()]);

  return {
    at,
    edited,
    emailChanged,
    merged,
    deleted,
    purged,
    created,
    activityAdded,
    ...tagSummary,
    ...scoreSummary,
    touchedProspects: [...pending.keys()].sort(),
  };
}

type Targets = (kind: TargetedChange, count: number | undefined, pool: () => string[], exists: (id: string) => boolean) => string[];

/** A visible change to an Active prospect; the lead score always moves. */
function editProspect(rng: SeededRandom, prospect: Prospect, definitions: { tagIds: string[]; scoreIds: string[] }): Prospect {
  const edited: Prospect = {
    ...prospect,
    leadScore: prospect.leadScore + rng.int(1, 25),
    temperature: rng.pick(['HOT', 'WARM', 'NORMAL', 'COLD', 'FROZEN', null] as const),
  };
  if (rng.chance(0.3)) edited.favorite = !prospect.favorite;
  if (rng.chance(0.2)) edited.firstName = `${prospect.firstName ?? 'Renamed'}-${rng.int(1, 99)}`;
  if (rng.chance(0.5)) Object.assign(edited, pickTagsAndScores(rng, definitions));
  return edited;
}

/** The first number from `from` on that is not `taken`. */
function firstFree(from: number, taken: (n: number) => boolean): number {
  let n = from;
  while (taken(n)) n += 1;
  return n;
}

/** The first free id `<prefix><n zero-padded to width>` with n ≥ `from`. */
function nextId(prefix: string, width: number, taken: (id: string) => boolean, from: number): string {
  const format = (n: number) => `${prefix}${String(n).padStart(width, '0')}`;
  return format(firstFree(from, (n) => taken(format(n))));
}

function changeTags(store: SalesWingsStore, rng: SeededRandom, options: ChangeOptions, targets: Targets, at: string) {
  const exists = (id: string) => store.tags.has(id);
  const ids = () => [...store.tags.keys()].sort();
  const tagsDeleted = targets('tagDelete', options.tagDelete, ids, exists);
  for (const id of tagsDeleted) store.tags.delete(id);
  const tagsRenamed = targets('tagRename', options.tagRename, ids, exists);
  for (const id of tagsRenamed) {
    const tag = store.tags.get(id);
    if (tag) store.tags.set(id, { ...tag, name: `${tag.name.replace(/ \(v\d+\)$/, '')} (v${rng.int(2, 99)})`, updatedAt: at });
  }
  const active = () => [...store.tags.values()].filter((t) => !t.archived).map((t) => t.id).sort();
  const tagsArchived = targets('tagArchive', options.tagArchive, active, exists);
  for (const id of tagsArchived) {
    const tag = store.tags.get(id);
    if (tag) store.tags.set(id, { ...tag, archived: true, updatedAt: at });
  }
  const tagsCreated: string[] = [];
  for (let i = 0; i < (options.tagCreate ?? 0); i += 1) {
    const id = nextId('tag-', 3, exists, store.tags.size + 1);
    store.tags.set(id, { id, name: `New tag ${id}`, description: null, archived: false, updatedAt: at });
    tagsCreated.push(id);
  }
  return { tagsCreated, tagsRenamed, tagsArchived, tagsDeleted };
}

function changeScores(store: SalesWingsStore, rng: SeededRandom, options: ChangeOptions, targets: Targets, at: string) {
  const exists = (id: string) => store.scores.has(id);
  const ids = () => [...store.scores.keys()].sort();
  const scoresDeleted = targets('scoreDelete', options.scoreDelete, ids, exists);
  for (const id of scoresDeleted) store.scores.delete(id);
  const scoresRenamed = targets('scoreRename', options.scoreRename, ids, exists);
  for (const id of scoresRenamed) {
    const score = store.scores.get(id);
    if (score) store.scores.set(id, { ...score, name: `${score.name.replace(/ \(v\d+\)$/, '')} (v${rng.int(2, 99)})`, updatedAt: at });
  }
  const scoresCreated: string[] = [];
  for (let i = 0; i < (options.scoreCreate ?? 0); i += 1) {
    const id = nextId('score-', 2, exists, store.scores.size + 1);
    store.scores.set(id, { id, name: `New score ${id}`, description: null, updatedAt: at });
    scoresCreated.push(id);
  }
  return { scoresCreated, scoresRenamed, scoresDeleted };
}
