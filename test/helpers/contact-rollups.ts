/**
 * The roll-up rules applied contact by contact: the reference the aggregate-SOQL path
 * (`rollupFromAggregates`) is checked against. The steps never read contacts one by one; this
 * model states the rule plainly so the unit tests can compare both on the same data.
 */
import {
  medianTemperature,
  type AccountRollup,
  type AccountScoreRollup,
  type RollupOptions,
  type ScoreFunction,
} from '../../src/sync/aggregation';
import { compareTagNames, joinTagNames } from '../../src/sync/tag-list';
import { parseInstant, roundTo, toSalesforceDateTime } from '../../src/sync/values';

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

/** A Contact's SalesWings values. */
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

/** Definitions the roll-up tests share: tags t1 Pricing, t2 Demo; score s1 Fit. */
export const TAG_NAMES = new Map([
  ['t1', { name: 'Pricing' }],
  ['t2', { name: 'Demo' }],
]);
export const SCORE_NAMES = new Map([['s1', { name: 'Fit' }]]);

/** A contact of account 001A without SalesWings values, with `overrides`. */
export const contactInput = (overrides: Partial<ContactRollupInput>): ContactRollupInput => ({
  accountId: '001A',
  tagIds: [],
  scores: {},
  leadScore: null,
  temperature: null,
  lastVisitAt: null,
  ...overrides,
});
