/**
 * Account roll-ups from grouped figures. The roll-up steps let Salesforce do the counting
 * (aggregate SOQL: contacts per tag, MAX/SUM/COUNT per score, contacts per temperature), so they
 * never read contact rows one by one. These functions turn those figures into an `AccountRollup`
 * with the rules of the seed (MAX/SUM/AVG to 2 decimals, `medianTemperature`, the `Tags__c` order);
 * the unit tests check them against the same rules applied contact by contact.
 */
import { type Temperature } from '../saleswings/contract';
import {
  medianTemperature,
  type AccountRollup,
  type AccountScoreRollup,
  type AccountTagRollup,
  type RollupOptions,
  type ScoreFunction,
} from './aggregation';
import { type MappingSourceValues } from './field-mapping';
import { compareTagNames, joinTagNames } from './tag-list';
import { parseInstant, roundTo, toSalesforceDateTime } from './values';

/** What aggregate SOQL returns for one value over an account's contacts (nulls not counted). */
export interface ScoreTotals {
  readonly max: number | null;
  readonly sum: number | null;
  /** Contacts with a value. */
  readonly count: number;
}

/**
 * MAX, SUM or AVG from the totals, to 2 decimals (Number(18,2)); null without values. Same result
 * as MAX, SUM or AVG over the values the totals were computed from.
 */
export function scoreFromTotals(totals: ScoreTotals | null | undefined, fn: ScoreFunction): number | null {
  if (!totals || !(totals.count > 0)) return null;
  let value: number | null;
  switch (fn) {
    case 'MAX':
      value = totals.max;
      break;
    case 'SUM':
      value = totals.sum;
      break;
    case 'AVG':
      value = totals.sum === null ? null : totals.sum / totals.count;
      break;
  }
  return typeof value === 'number' && Number.isFinite(value) ? roundTo(value) : null;
}

/** Contacts of an account holding one temperature value. */
export interface TemperatureCount {
  readonly value: string | null;
  readonly count: number;
}

/** The median temperature (`medianTemperature` rules) of contacts counted per value. */
export function medianFromCounts(counts: Iterable<TemperatureCount>): Temperature | null {
  const values: (string | null)[] = [];
  for (const { value, count } of counts) {
    for (let i = 0; i < count; i += 1) values.push(value);
  }
  return medianTemperature(values);
}

/**
 * The grouped figures of one account. A figure left `undefined` was not read by the step: the
 * matching mapping source stays `undefined` too, so its field mappings are skipped rather than
 * cleared.
 */
export interface AccountAggregates {
  readonly accountId: string;
  /** Contacts carrying each tag, by SalesWings tag id. */
  readonly tagCounts?: ReadonlyMap<string, number>;
  /** Score totals by SalesWings score id. */
  readonly scoreTotals?: ReadonlyMap<string, ScoreTotals>;
  /** Totals of the contacts' lead scores; null when the account has no contact. */
  readonly leadScore?: ScoreTotals | null;
  /** The latest of the contacts' last visits (as aggregate SOQL returns it). */
  readonly lastVisitAt?: string | null;
  readonly temperatures?: readonly TemperatureCount[];
  readonly contactCount?: number;
}

function instantOrNull(value: string | null | undefined): string | null {
  // A value Salesforce returned is a valid date-time; anything else is treated as no visit.
  return value && parseInstant(value) !== null ? toSalesforceDateTime(value) : null;
}

/** The roll-up of one account from its grouped figures. */
export function rollupFromAggregates(aggregates: AccountAggregates, options: RollupOptions): AccountRollup {
  const tags: AccountTagRollup[] = [];
  for (const [tagId, contactCount] of aggregates.tagCounts ?? []) {
    const definition = options.tagNames.get(tagId);
    // A tag without a definition cannot have an account tag (its master); zero counts are no tag.
    if (definition && contactCount > 0) tags.push({ tagId, name: definition.name, contactCount });
  }
  tags.sort((a, b) => compareTagNames(a.name, b.name) || (a.tagId < b.tagId ? -1 : 1));

  const scores: AccountScoreRollup[] = [];
  for (const scoreId of [...(aggregates.scoreTotals?.keys() ?? [])].sort()) {
    const definition = options.scoreNames.get(scoreId);
    const value = scoreFromTotals(aggregates.scoreTotals?.get(scoreId), options.scoreFunction);
    if (definition && value !== null) scores.push({ scoreId, name: definition.name, value });
  }

  const leadScore = scoreFromTotals(aggregates.leadScore, options.scoreFunction);
  const temperature = aggregates.temperatures ? medianFromCounts(aggregates.temperatures) : null;
  const lastVisitAt = instantOrNull(aggregates.lastVisitAt);
  const tagsText = joinTagNames(tags.map((t) => t.name));
  const scoreMap: Record<string, number> = {};
  for (const s of scores) scoreMap[s.scoreId] = s.value;

  const source: MappingSourceValues = {
    scores: scoreMap,
    ...(aggregates.tagCounts !== undefined ? { tags: tagsText } : {}),
    ...(aggregates.leadScore !== undefined ? { leadScore } : {}),
    ...(aggregates.lastVisitAt !== undefined ? { lastVisitAt } : {}),
    ...(aggregates.temperatures !== undefined ? { temperature } : {}),
  };
  return {
    accountId: aggregates.accountId,
    contactCount: aggregates.contactCount ?? 0,
    tags,
    scores,
    leadScore,
    temperature,
    lastVisitAt,
    tagsText,
    source,
  };
}
