/**
 * SalesWings prospect → `Prospect__c` values, and the GetProspects / GetProspectPages decisions:
 * which prospects to write, and the desired tag, score and page rows under each one.
 */
import type { Activity, Lifecycle, Prospect } from '../saleswings/contract';
import { initialSide, prospectStateFields } from './match-state';
import { joinTagNames } from './tag-list';
import {
  cleanText,
  diffFields,
  parseInstant,
  roundTo,
  sameValue,
  toSalesforceDateTime,
  trimWhitespace,
  truncateText,
  type FieldValue,
  type FieldValues,
} from './values';

/** Text(80): the Name of every custom object. */
export const NAME_MAX_LENGTH = 80;
/** Text(80): First_Name__c, Last_Name__c. */
export const PERSON_NAME_MAX_LENGTH = 80;
/** Url(255) / Text(255) on the page rows. */
export const URL_MAX_LENGTH = 255;
export const TITLE_MAX_LENGTH = 255;

/** A tag or score definition, looked up by SalesWings id. */
export interface Definition {
  readonly name: string;
}
export type DefinitionsById = ReadonlyMap<string, Definition>;

/** Fields of `Prospect__c` that mirror SalesWings data (as opposed to sync bookkeeping). */
export const PROSPECT_DATA_FIELDS = [
  'Name',
  'SW_Id__c',
  'Email__c',
  'First_Name__c',
  'Last_Name__c',
  'Lifecycle__c',
  'Merged_Into_Id__c',
  'Favorite__c',
  'Owner_Email__c',
  'Lead_Score__c',
  'Temperature__c',
  'Last_Visit__c',
  'Tags__c',
  'SW_Updated_At__c',
] as const;

/** "First Last", else the email, else the SalesWings id; at most 80 characters. */
export function prospectName(prospect: Pick<Prospect, 'id' | 'email' | 'firstName' | 'lastName'>): string {
  const full = [prospect.firstName, prospect.lastName]
    .map((part) => (part ? trimWhitespace(part) : ''))
    .filter((part) => part !== '')
    .join(' ');
  const email = prospect.email ? trimWhitespace(prospect.email) : '';
  return truncateText(full || email || prospect.id, NAME_MAX_LENGTH);
}

/** Names of the prospect's tags that exist in the definitions (unknown tag ids are skipped). */
export function prospectTagNames(prospect: Pick<Prospect, 'tags'>, tagsById: DefinitionsById): string[] {
  const names: string[] = [];
  for (const { tagId } of prospect.tags) {
    const tag = tagsById.get(tagId);
    if (tag) names.push(tag.name);
  }
  return names;
}

/** The SalesWings data of a prospect as `Prospect__c` field values. */
export function prospectDataFields(prospect: Prospect, tagsById: DefinitionsById): FieldValues {
  const trimmedOrNull = (v: string | null | undefined): string | null => {
    const t = v ? trimWhitespace(v) : '';
    return t === '' ? null : t;
  };
  return {
    Name: prospectName(prospect),
    SW_Id__c: prospect.id,
    // Emails are trimmed but never cut: a shortened email would match the wrong person.
    Email__c: trimmedOrNull(prospect.email),
    First_Name__c: cleanText(prospect.firstName, PERSON_NAME_MAX_LENGTH),
    Last_Name__c: cleanText(prospect.lastName, PERSON_NAME_MAX_LENGTH),
    Lifecycle__c: prospect.lifecycle,
    Merged_Into_Id__c: prospect.mergedIntoId ?? null,
    Favorite__c: prospect.favorite,
    Owner_Email__c: trimmedOrNull(prospect.ownerEmail),
    // Number(18,2): send what Salesforce will store, so the next comparison sees no change.
    Lead_Score__c: roundTo(prospect.leadScore),
    Temperature__c: prospect.temperature,
    Last_Visit__c: toSalesforceDateTime(prospect.lastVisitAt),
    Tags__c: joinTagNames(prospectTagNames(prospect, tagsById)),
    SW_Updated_At__c: toSalesforceDateTime(prospect.updatedAt),
  };
}

/**
 * The bookkeeping GetProspects writes with every (re)ingested prospect: seed — Active →
 * Not Processed, otherwise Processed; attempt counters back to 0.
 */
export function ingestBookkeeping(lifecycle: Lifecycle, now: string | Date): FieldValues {
  const side = initialSide(lifecycle);
  return { ...prospectStateFields(side, side), Last_Synced_At__c: toSalesforceDateTime(now) };
}

/** The complete `Prospect__c` record GetProspects upserts. */
export function prospectRecord(prospect: Prospect, tagsById: DefinitionsById, now: string | Date): FieldValues {
  return { ...prospectDataFields(prospect, tagsById), ...ingestBookkeeping(prospect.lifecycle, now) };
}

/** A stored `Prospect__c`: its Salesforce Id and the fields read back. */
export interface ExistingProspect {
  readonly id: string;
  readonly [field: string]: FieldValue | undefined;
}

export type SyncMode = 'Full' | 'Incremental';

export interface ProspectIngestInput {
  readonly incoming: readonly Prospect[];
  /** Stored prospects by SalesWings id (only those among `incoming` are needed). */
  readonly existing: ReadonlyMap<string, ExistingProspect>;
  readonly mode: SyncMode;
  readonly now: string | Date;
  readonly tagsById: DefinitionsById;
}

export interface ProspectUpsert {
  readonly swId: string;
  /** Salesforce Id when the prospect is stored already. */
  readonly id: string | null;
  readonly fields: FieldValues;
}

export interface ProspectIngestPlan {
  /** Records to upsert by `SW_Id__c`, with bookkeeping reset. */
  readonly upsert: ProspectUpsert[];
  /** Incremental run: same `updatedAt` and same data as stored; not written. */
  readonly unchanged: string[];
  /** Incremental run: older than the stored copy (out-of-order read); not written. */
  readonly stale: string[];
  /** Prospect ids given more than once (the last one was used). */
  readonly duplicates: string[];
}

function findExisting(existing: ReadonlyMap<string, ExistingProspect>, lowered: Map<string, ExistingProspect>, swId: string) {
  // SW_Id__c is a case-insensitive unique external id.
  return existing.get(swId) ?? lowered.get(swId.toLowerCase());
}

/**
 * Decide which prospects GetProspects writes.
 *
 * Full run: every prospect (a full sync resets all counters). Incremental run: the watermark
 * overlaps the previous window, so recently synced prospects are read again; one whose stored
 * `SW_Updated_At__c` is the same instant and whose data is equal did not "register an update
 * in SalesWings" and is left alone — rewriting it would reset its attempt counters.
 */
export function planProspectIngest(input: ProspectIngestInput): ProspectIngestPlan {
  const latest = new Map<string, Prospect>();
  const duplicates: string[] = [];
  for (const prospect of input.incoming) {
    if (latest.has(prospect.id)) duplicates.push(prospect.id);
    latest.set(prospect.id, prospect);
  }
  const lowered = new Map<string, ExistingProspect>();
  for (const [swId, record] of input.existing) lowered.set(swId.toLowerCase(), record);

  const upsert: ProspectUpsert[] = [];
  const unchanged: string[] = [];
  const stale: string[] = [];
  for (const prospect of latest.values()) {
    const stored = findExisting(input.existing, lowered, prospect.id);
    const data = prospectDataFields(prospect, input.tagsById);
    if (stored && input.mode === 'Incremental') {
      const storedAt = stored.SW_Updated_At__c;
      const incomingAt = data.SW_Updated_At__c as string;
      if (sameValue(storedAt, incomingAt)) {
        if (Object.keys(diffFields(stored, data)).length === 0) {
          unchanged.push(prospect.id);
          continue;
        }
      } else if (typeof storedAt === 'string' && isBefore(incomingAt, storedAt)) {
        stale.push(prospect.id);
        continue;
      }
    }
    upsert.push({
      swId: prospect.id,
      id: stored?.id ?? null,
      fields: { ...data, ...ingestBookkeeping(prospect.lifecycle, input.now) },
    });
  }
  return { upsert, unchanged, stale, duplicates };
}

/** Whether instant `a` is earlier than `b`, to the second; false when either is not an instant. */
function isBefore(a: string, b: string): boolean {
  const x = parseInstant(a);
  const y = parseInstant(b);
  return x !== null && y !== null && Math.floor(x / 1000) < Math.floor(y / 1000);
}

/** A desired child row plus the SalesWings ids its parent references are built from. */
export interface DesiredChild<R> {
  readonly key: string;
  readonly fields: FieldValues;
  readonly refs: R;
}

export type ProspectTagRow = DesiredChild<{ readonly prospectSwId: string; readonly tagSwId: string }>;
export type ProspectScoreRow = DesiredChild<{ readonly prospectSwId: string; readonly scoreSwId: string }>;
export type ProspectPageRow = DesiredChild<{ readonly prospectSwId: string }>;

/** Desired `SW_Prospect_Tag__c` rows (key `<prospect id>:<tag id>`); unknown tags are skipped. */
export function desiredProspectTags(prospect: Pick<Prospect, 'id' | 'tags'>, tagsById: DefinitionsById): ProspectTagRow[] {
  const rows = new Map<string, ProspectTagRow>();
  for (const { tagId } of prospect.tags) {
    const tag = tagsById.get(tagId);
    if (!tag) continue;
    rows.set(tagId, {
      key: `${prospect.id}:${tagId}`,
      fields: { Name: truncateText(tag.name, NAME_MAX_LENGTH) },
      refs: { prospectSwId: prospect.id, tagSwId: tagId },
    });
  }
  return [...rows.values()];
}

/**
 * Desired `Prospect_Score__c` rows (key `<prospect id>:<score id>`). Scores without a definition
 * are skipped: the row is a master-detail child of `Score__c`.
 */
export function desiredProspectScores(prospect: Pick<Prospect, 'id' | 'scores'>, scoresById: DefinitionsById): ProspectScoreRow[] {
  const rows = new Map<string, ProspectScoreRow>();
  for (const { scoreId, value } of prospect.scores) {
    const score = scoresById.get(scoreId);
    if (!score) continue;
    rows.set(scoreId, {
      key: `${prospect.id}:${scoreId}`,
      fields: { Name: truncateText(score.name, NAME_MAX_LENGTH), Value__c: roundTo(value) },
      refs: { prospectSwId: prospect.id, scoreSwId: scoreId },
    });
  }
  return [...rows.values()];
}

/** The row name: title, else URL, else the kind and id. */
function activityName(activity: Activity): string {
  const title = activity.title ? trimWhitespace(activity.title) : '';
  const url = activity.url ? trimWhitespace(activity.url) : '';
  return truncateText(title || url || `${activity.kind} ${activity.id}`, NAME_MAX_LENGTH);
}

/** The `Page_Prospect__c` values of one activity (also the copy on `Website_Visit__c`). */
export function pageFields(activity: Activity): FieldValues {
  return {
    Name: activityName(activity),
    SW_Id__c: activity.id,
    Kind__c: activity.kind,
    Url__c: cleanText(activity.url, URL_MAX_LENGTH),
    Title__c: cleanText(activity.title, TITLE_MAX_LENGTH),
    Visit_Count__c: activity.visitCount,
    First_Visit_At__c: toSalesforceDateTime(activity.firstVisitAt),
    Last_Visit_At__c: toSalesforceDateTime(activity.lastVisitAt),
  };
}

export interface PageOptions {
  /** Keep only the N most recently visited activities per prospect, to bound storage. */
  readonly maxPerProspect?: number;
}

/** Desired `Page_Prospect__c` rows, keyed by the SalesWings activity id. */
export function desiredProspectPages(activities: readonly Activity[], options: PageOptions = {}): ProspectPageRow[] {
  const byId = new Map<string, Activity>();
  for (const activity of activities) byId.set(activity.id, activity);
  let kept = [...byId.values()];
  const max = options.maxPerProspect;
  if (max !== undefined) {
    const perProspect = new Map<string, Activity[]>();
    for (const a of kept) {
      const list = perProspect.get(a.prospectId);
      if (list) list.push(a);
      else perProspect.set(a.prospectId, [a]);
    }
    const keep = new Set<string>();
    for (const list of perProspect.values()) {
      const recent = list
        .map((a) => ({ a, at: toSalesforceDateTime(a.lastVisitAt) ?? '' }))
        .sort((x, y) => (x.at === y.at ? (x.a.id < y.a.id ? -1 : 1) : x.at > y.at ? -1 : 1))
        .slice(0, Math.max(0, max));
      for (const { a } of recent) keep.add(a.id);
    }
    kept = kept.filter((a) => keep.has(a.id));
  }
  return kept.map((activity) => ({
    key: activity.id,
    fields: pageFields(activity),
    refs: { prospectSwId: activity.prospectId },
  }));
}
