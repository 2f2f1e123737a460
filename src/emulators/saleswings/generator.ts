/**
 * Deterministic SalesWings datasets: the same options (seed included) always give the same
 * tags, scores, prospects and activities, on any machine. Randomness comes only from
 * `seededRandom`; time only from `asOf`, never from the wall clock.
 */
import {
  TEMPERATURES,
  type Activity,
  type ActivityKind,
  type Lifecycle,
  type Prospect,
  type Score,
  type Tag,
  type Temperature,
} from '../../saleswings/contract';
import { type Dataset } from './dataset';
import {
  CUSTOM_EVENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  FIXED_AWKWARD_EMAILS,
  FORMS,
  LAST_NAMES,
  OWNER_EMAILS,
  PAGES,
  SCORE_NAMES,
  TAG_NAMES,
} from './sample-values';
import { seededRandom, type Seed, type SeededRandom } from './seeded-random';

/** Relative weights of the prospects' life cycles. */
export interface LifecycleMix {
  active?: number;
  merged?: number;
  deleted?: number;
}

export interface GenerateDatasetOptions {
  seed: Seed;
  /** Number of prospects. */
  prospects: number;
  /** Tag definitions; default 12. */
  tags?: number;
  /** Share of tag definitions that are archived; default 0.2. */
  archivedTagShare?: number;
  /** Score definitions; default 4. */
  scores?: number;
  /** Average activities per prospect (each gets 0..2×average); default 2. */
  activitiesPerProspect?: number;
  /** Default active 0.9, merged 0.06, deleted 0.04. */
  lifecycleMix?: LifecycleMix;
  /** Share of prospects without email (beyond the fixed awkward ones); default 0.03. */
  nullEmailShare?: number;
  /** Share of emails given an awkward form (case, spaces, unicode, quotes…); default 0.15. */
  awkwardEmailShare?: number;
  /** The dataset's "now": every timestamp lies before it; default 2025-01-01T00:00:00.000Z. */
  asOf?: string;
  /** How far back `updatedAt` values spread; default 365 days. */
  spreadDays?: number;
}

/** Everything `buildProspect` needs to know about the dataset it adds to. */
export interface ProspectContext {
  tagIds: readonly string[];
  scoreIds: readonly string[];
  /** Ids of Active prospects a new Merged one can point to. */
  mergeTargets: readonly Pick<Prospect, 'id' | 'email'>[];
  mix: Required<LifecycleMix>;
  nullEmailShare: number;
  awkwardEmailShare: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_AS_OF = '2025-01-01T00:00:00.000Z';
const DEFAULT_MIX: Required<LifecycleMix> = { active: 0.9, merged: 0.06, deleted: 0.04 };
const TEMPERATURE_WEIGHTS = { HOT: 10, WARM: 20, NORMAL: 30, COLD: 20, FROZEN: 8, none: 12 } as const;
const TAG_COUNT_WEIGHTS = { '0': 30, '1': 30, '2': 20, '3': 12, '4': 8 } as const;
const ACTIVITY_KIND_WEIGHTS: Readonly<Record<ActivityKind, number>> = { 'page-visit': 70, 'form-submit': 20, 'custom-event': 10 };
/** Domains for plain generated emails (the unicode one is kept for the awkward forms). */
const PLAIN_DOMAINS = EMAIL_DOMAINS.filter((d) => /^[\x20-\x7e]+$/.test(d));

/** `p0000042`: sortable, opaque enough, unique within a dataset. */
export function prospectId(index: number): string {
  return `p${String(index).padStart(7, '0')}`;
}

export function generateDataset(options: GenerateDatasetOptions): Dataset {
  const root = seededRandom(options.seed);
  const asOfMs = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  if (Number.isNaN(asOfMs)) throw new Error(`generateDataset: asOf is not an ISO instant`);
  const spreadMs = (options.spreadDays ?? 365) * DAY_MS;
  const pastInstant = (rng: SeededRandom): string => new Date(asOfMs - Math.floor(rng.next() * spreadMs)).toISOString();

  const tags = generateTags(root.fork('tags'), options.tags ?? 12, options.archivedTagShare ?? 0.2, pastInstant);
  const scores = generateScores(root.fork('scores'), options.scores ?? 4, pastInstant);

  const prospectRng = root.fork('prospects');
  const activityRng = root.fork('activities');
  // A few shared instants (bulk imports) give many prospects the same updatedAt, so paging
  // must break ties by id.
  const importInstants = [0, 1, 2].map(() => pastInstant(prospectRng));
  const mergeTargets: Pick<Prospect, 'id' | 'email'>[] = [];
  const context: ProspectContext = {
    tagIds: tags.map((t) => t.id),
    scoreIds: scores.map((s) => s.id),
    mergeTargets,
    mix: { ...DEFAULT_MIX, ...options.lifecycleMix },
    nullEmailShare: options.nullEmailShare ?? 0.03,
    awkwardEmailShare: options.awkwardEmailShare ?? 0.15,
  };
  const prospects: Prospect[] = [];
  const activities: Activity[] = [];
  const averageActivities = options.activitiesPerProspect ?? 2;

  for (let i = 0; i < options.prospects; i += 1) {
    const id = prospectId(i + 1);
    const updatedAt = prospectRng.chance(0.04) ? prospectRng.pick(importInstants) : pastInstant(prospectRng);
    const fixed = i < FIXED_AWKWARD_EMAILS.length;
    const prospect = buildProspect(prospectRng, id, updatedAt, context, fixed ? { email: FIXED_AWKWARD_EMAILS[i], lifecycle: 'Active' } : {});
    const own = buildActivities(activityRng, prospect, activityRng.int(0, Math.round(2 * averageActivities)));
    if (own.length > 0) prospect.lastVisitAt = own.reduce((max, a) => (a.lastVisitAt > max ? a.lastVisitAt : max), own[0].lastVisitAt);
    prospects.push(prospect);
    activities.push(...own);
    if (prospect.lifecycle === 'Active') mergeTargets.push({ id, email: prospect.email });
  }
  return { tags, scores, prospects, activities };
}

function generateTags(rng: SeededRandom, count: number, archivedShare: number, at: (rng: SeededRandom) => string): Tag[] {
  const archivedCount = Math.round(count * archivedShare);
  const archived = new Set(rng.sample([...Array(count).keys()], archivedCount));
  return Array.from({ length: count }, (_, i) => ({
    id: `tag-${String(i + 1).padStart(3, '0')}`,
    name: i < TAG_NAMES.length ? TAG_NAMES[i] : `${TAG_NAMES[i % TAG_NAMES.length]} ${Math.floor(i / TAG_NAMES.length) + 1}`,
    description: rng.chance(0.3) ? null : `Applied by rule ${i + 1}`,
    archived: archived.has(i),
    updatedAt: at(rng),
  }));
}

function generateScores(rng: SeededRandom, count: number, at: (rng: SeededRandom) => string): Score[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `score-${String(i + 1).padStart(2, '0')}`,
    name: i < SCORE_NAMES.length ? SCORE_NAMES[i] : `${SCORE_NAMES[i % SCORE_NAMES.length]} ${Math.floor(i / SCORE_NAMES.length) + 1}`,
    description: rng.chance(0.5) ? null : `Points from the ${SCORE_NAMES[i % SCORE_NAMES.length].toLowerCase()} rules`,
    updatedAt: at(rng),
  }));
}

/** Plain ASCII form of a name for an email local part (`Zoë O'Brien` → `zoe.obrien`). */
function asciiLocal(...parts: (string | null)[]): string {
  return parts
    .filter((p): p is string => p !== null)
    .map((p) => p.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase())
    .filter((p) => p !== '')
    .join('.');
}

/** An email, sometimes in one of the forms that break naive matching or escaping. */
export function buildEmail(rng: SeededRandom, local: string, uniq: string, awkwardShare: number): string {
  const plain = `${local || 'someone'}.${uniq}@${rng.pick(PLAIN_DOMAINS)}`;
  if (!rng.chance(awkwardShare)) return plain;
  const [name, domain] = plain.split('@');
  switch (rng.int(0, 6)) {
    case 0:
      return plain.toUpperCase();
    case 1:
      return `  ${name.charAt(0).toUpperCase()}${name.slice(1)}@${domain.toUpperCase()} `;
    case 2:
      return `zoë.${uniq}@exämple.test`;
    case 3:
      return `o'${name}@${domain}`;
    case 4:
      return `back\\${name}@${domain}`;
    case 5:
      return `${name}+sw@${domain}`;
    default:
      return `${name}_100%@${domain}`;
  }
}

function pickTemperature(rng: SeededRandom): Temperature | null {
  const key = rng.weighted(TEMPERATURE_WEIGHTS);
  return key === 'none' ? null : (TEMPERATURES.find((t) => t === key) ?? null);
}

/** A random tag set (distinct) and score values over the current definitions. */
export function pickTagsAndScores(rng: SeededRandom, context: Pick<ProspectContext, 'tagIds' | 'scoreIds'>): Pick<Prospect, 'tags' | 'scores'> {
  const tagCount = Number(rng.weighted(TAG_COUNT_WEIGHTS));
  const tags = rng.sample(context.tagIds, tagCount).sort().map((tagId) => ({ tagId }));
  const scores = context.scoreIds.filter(() => rng.chance(0.7)).map((scoreId) => ({ scoreId, value: rng.int(0, 100) }));
  return { tags, scores };
}

/**
 * One prospect. `overrides` pins the email and/or life cycle (the fixed awkward prospects and
 * change simulation use it). A Merged prospect points to an earlier Active one and often
 * shares its email in another letter case — the same person, profiled twice.
 */
export function buildProspect(
  rng: SeededRandom,
  id: string,
  updatedAt: string,
  context: ProspectContext,
  overrides: { email?: string | null; lifecycle?: Lifecycle } = {},
): Prospect {
  const firstName = rng.chance(0.05) ? null : rng.pick(FIRST_NAMES);
  const lastName = rng.chance(0.05) ? null : rng.pick(LAST_NAMES);
  let lifecycle: Lifecycle = overrides.lifecycle ?? capitalize(rng.weighted(context.mix));
  let mergedIntoId: string | null = null;
  let email: string | null;
  if (overrides.email !== undefined) email = overrides.email;
  else if (rng.chance(context.nullEmailShare)) email = null;
  else email = buildEmail(rng, asciiLocal(firstName, lastName), id, context.awkwardEmailShare);
  if (lifecycle === 'Merged') {
    if (context.mergeTargets.length === 0) lifecycle = 'Active';
    else {
      const target = rng.pick(context.mergeTargets);
      mergedIntoId = target.id;
      if (overrides.email === undefined && target.email !== null && rng.chance(0.5)) email = target.email.toUpperCase();
    }
  }
  const updatedMs = Date.parse(updatedAt);
  return {
    id,
    email,
    firstName,
    lastName,
    lifecycle,
    mergedIntoId,
    favorite: rng.chance(0.1),
    ownerEmail: rng.chance(0.8) ? rng.pick(OWNER_EMAILS) : null,
    leadScore: rng.int(0, 200),
    temperature: pickTemperature(rng),
    lastVisitAt: rng.chance(0.5) ? null : new Date(updatedMs - rng.int(0, 30 * DAY_MS)).toISOString(),
    ...pickTagsAndScores(rng, context),
    updatedAt,
  };
}

function capitalize(key: keyof LifecycleMix): Lifecycle {
  return key === 'active' ? 'Active' : key === 'merged' ? 'Merged' : 'Deleted';
}

/**
 * `count` activities of a prospect, all before its `updatedAt`, ids `<prospectId>-a<n>`
 * (`startAt` continues a numbering when activities are added later).
 */
export function buildActivities(rng: SeededRandom, prospect: Prospect, count: number, startAt = 1): Activity[] {
  const endMs = Date.parse(prospect.updatedAt);
  const out: Activity[] = [];
  for (let n = 0; n < count; n += 1) {
    const kind: ActivityKind = rng.weighted(ACTIVITY_KIND_WEIGHTS);
    const lastMs = endMs - rng.int(0, 60 * DAY_MS);
    const firstMs = lastMs - rng.int(0, 90 * DAY_MS);
    const target = kind === 'page-visit' ? rng.pick(PAGES) : kind === 'form-submit' ? rng.pick(FORMS) : null;
    out.push({
      id: `${prospect.id}-a${startAt + n}`,
      prospectId: prospect.id,
      kind,
      url: target?.url ?? null,
      title: target?.title ?? rng.pick(CUSTOM_EVENTS),
      visitCount: kind === 'page-visit' ? rng.int(1, 20) : kind === 'form-submit' ? rng.int(1, 3) : rng.int(1, 5),
      firstVisitAt: new Date(firstMs).toISOString(),
      lastVisitAt: new Date(lastMs).toISOString(),
    });
  }
  return out;
}
