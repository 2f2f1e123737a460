/**
 * Account and Opportunity roll-ups (AggregateTags, AggregateScores, AggregateTemperature,
 * CreateOpportunityTags/Scores): contacts' values → one value per Account, then copied to each
 * Opportunity of the Account.
 */
import { TEMPERATURES, type Temperature } from '../saleswings/contract';
import type { MappingSourceValues } from './field-mapping';
import type { DefinitionsById } from './prospect-record';
import { compareTagNames, joinTagNames } from './tag-list';
import { parseInstant, roundTo, toSalesforceDateTime, truncateText, type FieldValue } from './values';

/** How scores (and the lead score) combine across an account's contacts. */
export type ScoreFunction = 'MAX' | 'SUM' | 'AVG';
export const SCORE_FUNCTIONS: readonly ScoreFunction[] = ['MAX', 'SUM', 'AVG'];

const NAME_MAX_LENGTH = 80;

function temperatureRank(value: string | null | undefined): number {
  if (typeof value !== 'string') return -1;
  return (TEMPERATURES as readonly string[]).indexOf(value.trim().toUpperCase());
}

/**
 * Median temperature (seed: "the median Temperature value"), ordered
 * FROZEN < COLD < NORMAL < WARM < HOT. Empty and unknown values are ignored; an even count takes
 * the hotter of the two middle values; no value → null.
 */
export function medianTemperature(values: Iterable<string | null | undefined>): Temperature | null {
  const ranks: number[] = [];
  for (const value of values) {
    const rank = temperatureRank(value);
    if (rank >= 0) ranks.push(rank);
  }
  if (ranks.length === 0) return null;
  ranks.sort((a, b) => a - b);
  // Odd: the middle one. Even: index n/2 is the hotter of the two middle values.
  return TEMPERATURES[ranks[Math.floor(ranks.length / 2)]];
}

/** MAX, SUM or AVG of the present values, to 2 decimals (Number(18,2)); none → null. */
export function aggregateScore(values: Iterable<number | null | undefined>, fn: ScoreFunction): number | null {
  const present: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) present.push(v);
  if (present.length === 0) return null;
  switch (fn) {
    case 'MAX':
      // reduce rather than Math.max(...): spreading a large array overflows the call stack.
      return roundTo(present.reduce((a, b) => (b > a ? b : a)));
    case 'SUM':
      return roundTo(present.reduce((a, b) => a + b, 0));
    case 'AVG':
      return roundTo(present.reduce((a, b) => a + b, 0) / present.length);
  }
}

/** A Contact's SalesWings values, as the aggregation steps read them. */
export interface ContactRollupInput {
  readonly accountId: string | null;
  /** SalesWings tag ids of the contact's tags. */
  readonly tagIds: readonly string[];
  /** Values by SalesWings score id. */
  readonly scores: Readonly<Record<string, number | null>>;
  readonly leadScore: number | null;
  readonly temperature: string | null;
  readonly lastVisitAt: string | null;
}

export interface RollupOptions {
  readonly scoreFunction: ScoreFunction;
  /** Tag definitions; tags without one are left out (the account tag is a master-detail child). */
  readonly tagNames: DefinitionsById;
  /** Score definitions; same rule. */
  readonly scoreNames: DefinitionsById;
}

export interface AccountTagRollup {
  readonly tagId: string;
  readonly name: string;
  /** Contacts of the account that carry the tag. */
  readonly contactCount: number;
}

export interface AccountScoreRollup {
  readonly scoreId: string;
  readonly name: string;
  readonly value: number;
}

export interface AccountRollup {
  readonly accountId: string;
  readonly contactCount: number;
  /** Distinct union of the contacts' tags, in `Tags__c` order. */
  readonly tags: AccountTagRollup[];
  /** One per score definition some contact has a value for, ordered by score id. */
  readonly scores: AccountScoreRollup[];
  readonly leadScore: number | null;
  readonly temperature: Temperature | null;
  /** The latest visit, as a Salesforce DateTime. */
  readonly lastVisitAt: string | null;
  readonly tagsText: string | null;
  /** The roll-up as field-mapping input for the Account and its Opportunities. */
  readonly source: MappingSourceValues;
}

function latestInstant(values: readonly (string | null)[]): string | null {
  let best: { at: number; text: string } | null = null;
  for (const v of values) {
    const at = v ? parseInstant(v) : null;
    if (at !== null && (best === null || at > best.at)) best = { at, text: v as string };
  }
  return best ? toSalesforceDateTime(best.text) : null;
}

/** One roll-up per account present among the contacts (contacts without an account are ignored). */
export function planAccountRollups(contacts: readonly ContactRollupInput[], options: RollupOptions): AccountRollup[] {
  const byAccount = new Map<string, ContactRollupInput[]>();
  for (const contact of contacts) {
    if (!contact.accountId) continue;
    const list = byAccount.get(contact.accountId);
    if (list) list.push(contact);
    else byAccount.set(contact.accountId, [contact]);
  }
  const accountIds = [...byAccount.keys()].sort();
  return accountIds.map((accountId) => rollUp(accountId, byAccount.get(accountId) ?? [], options));
}

function rollUp(accountId: string, contacts: readonly ContactRollupInput[], options: RollupOptions): AccountRollup {
  const tagCounts = new Map<string, number>();
  const scoreValues = new Map<string, number[]>();
  for (const contact of contacts) {
    for (const tagId of new Set(contact.tagIds)) {
      if (options.tagNames.has(tagId)) tagCounts.set(tagId, (tagCounts.get(tagId) ?? 0) + 1);
    }
    for (const [scoreId, value] of Object.entries(contact.scores)) {
      if (typeof value !== 'number' || !options.scoreNames.has(scoreId)) continue;
      const list = scoreValues.get(scoreId);
      if (list) list.push(value);
      else scoreValues.set(scoreId, [value]);
    }
  }

  const tags = [...tagCounts].map(([tagId, contactCount]) => ({ tagId, name: options.tagNames.get(tagId)?.name ?? tagId, contactCount }));
  tags.sort((a, b) => compareTagNames(a.name, b.name) || (a.tagId < b.tagId ? -1 : 1));

  const scores: AccountScoreRollup[] = [];
  for (const scoreId of [...scoreValues.keys()].sort()) {
    const value = aggregateScore(scoreValues.get(scoreId) ?? [], options.scoreFunction);
    if (value !== null) scores.push({ scoreId, name: options.scoreNames.get(scoreId)?.name ?? scoreId, value });
  }

  const leadScore = aggregateScore(contacts.map((c) => c.leadScore), options.scoreFunction);
  const temperature = medianTemperature(contacts.map((c) => c.temperature));
  const lastVisitAt = latestInstant(contacts.map((c) => c.lastVisitAt));
  const tagsText = joinTagNames(tags.map((t) => t.name));
  const scoreMap: Record<string, number> = {};
  for (const s of scores) scoreMap[s.scoreId] = s.value;

  return {
    accountId,
    contactCount: contacts.length,
    tags,
    scores,
    leadScore,
    temperature,
    lastVisitAt,
    tagsText,
    source: { leadScore, temperature, lastVisitAt, tags: tagsText, scores: scoreMap },
  };
}

/** A desired roll-up row: align-ready, plus the SalesWings id of the definition it references. */
export interface RollupRow<R> {
  readonly key: string;
  readonly fields: Record<string, FieldValue>;
  readonly createOnly: readonly string[];
  readonly refs: R;
}

export type AccountTagRow = RollupRow<{ readonly accountId: string; readonly tagSwId: string }>;
export type AccountScoreRow = RollupRow<{ readonly accountId: string; readonly scoreSwId: string }>;
export type OpportunityTagRow = RollupRow<{ readonly opportunityId: string; readonly tagSwId: string }>;
export type OpportunityScoreRow = RollupRow<{ readonly opportunityId: string; readonly scoreSwId: string }>;

/** Desired `SW_Account_Tag_Segment_Trigger__c` rows (key `<Account Id>:<tag id>`). */
export function desiredAccountTags(rollups: readonly AccountRollup[]): AccountTagRow[] {
  return rollups.flatMap((r) =>
    r.tags.map((t) => ({
      key: `${r.accountId}:${t.tagId}`,
      // Account__c is the master: sent on create only, since a detail cannot be reparented.
      fields: { Name: truncateText(t.name, NAME_MAX_LENGTH), Contact_Count__c: t.contactCount, Account__c: r.accountId },
      createOnly: ['Account__c'],
      refs: { accountId: r.accountId, tagSwId: t.tagId },
    })),
  );
}

/** Desired `Account_Score__c` rows (key `<Account Id>:<score id>`). */
export function desiredAccountScores(rollups: readonly AccountRollup[]): AccountScoreRow[] {
  return rollups.flatMap((r) =>
    r.scores.map((s) => ({
      key: `${r.accountId}:${s.scoreId}`,
      fields: { Name: truncateText(s.name, NAME_MAX_LENGTH), Value__c: s.value, Account__c: r.accountId },
      createOnly: ['Account__c'],
      refs: { accountId: r.accountId, scoreSwId: s.scoreId },
    })),
  );
}

export interface OpportunityRef {
  readonly id: string;
  readonly accountId: string | null;
}

export interface OpportunityCopies {
  readonly tags: OpportunityTagRow[];
  readonly scores: OpportunityScoreRow[];
}

/**
 * The Account's tags and scores copied to each of its Opportunities (keys `<Opportunity Id>:<tag
 * id>` / `<Opportunity Id>:<score id>`). An Opportunity whose account has no roll-up gets no
 * copies, so aligning with deletion removes its stale ones.
 */
export function planOpportunityCopies(
  rollups: readonly Pick<AccountRollup, 'accountId' | 'tags' | 'scores'>[],
  opportunities: readonly OpportunityRef[],
): OpportunityCopies {
  const byAccount = new Map(rollups.map((r) => [r.accountId, r]));
  const tags: OpportunityTagRow[] = [];
  const scores: OpportunityScoreRow[] = [];
  for (const opp of opportunities) {
    const rollup = opp.accountId ? byAccount.get(opp.accountId) : undefined;
    if (!rollup) continue;
    for (const t of rollup.tags) {
      tags.push({
        key: `${opp.id}:${t.tagId}`,
        fields: { Name: truncateText(t.name, NAME_MAX_LENGTH), Opportunity__c: opp.id },
        createOnly: ['Opportunity__c'],
        refs: { opportunityId: opp.id, tagSwId: t.tagId },
      });
    }
    for (const s of rollup.scores) {
      scores.push({
        key: `${opp.id}:${s.scoreId}`,
        fields: { Name: truncateText(s.name, NAME_MAX_LENGTH), Value__c: s.value, Opportunity__c: opp.id },
        createOnly: ['Opportunity__c'],
        refs: { opportunityId: opp.id, scoreSwId: s.scoreId },
      });
    }
  }
  return { tags, scores };
}
