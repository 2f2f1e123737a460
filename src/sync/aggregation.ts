/**
 * Account and Opportunity roll-ups (AggregateTags, AggregateScores, AggregateTemperature,
 * CreateOpportunityTags/Scores): contacts' values → one value per Account, then copied to each
 * Opportunity of the Account.
 */
import { TEMPERATURES, type Temperature } from '../saleswings/contract';
import type { MappingSourceValues } from './field-mapping';
import type { DefinitionsById } from './prospect-record';
import { truncateText, type FieldValue } from './values';

/** How scores (and the lead score) combine across an account's contacts. */
export const SCORE_FUNCTIONS = ['MAX', 'SUM', 'AVG'] as const;
export type ScoreFunction = (typeof SCORE_FUNCTIONS)[number];

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
