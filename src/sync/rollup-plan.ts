/**
 * The roll-up steps' decisions for one page of Accounts: which account tag/score rows and
 * opportunity copies to create, update and delete, and which Account/Opportunity fields to
 * write. Every decision compares with what Salesforce holds, so a second run over unchanged data
 * plans no write at all.
 */
import {
  desiredAccountScores,
  desiredAccountTags,
  planOpportunityCopies,
  type AccountRollup,
  type RollupOptions,
  type RollupRow,
} from './aggregation';
import { planAlignment, type AlignmentPlan, type DesiredRecord, type ExistingRecord } from './align';
import { changedValues, isScoreSource, mappedValues, type FieldMapping, type MappingSource, type MappingSourceValues } from './field-mapping';
import { rollupFromAggregates, type AccountAggregates } from './rollup-aggregates';
import { type FieldValues, type ReadonlyFieldValues } from './values';

/** A tag or score definition as Salesforce holds it: the record Id (master of roll-up rows) and name. */
export interface StoredDefinitionRef {
  readonly id: string;
  readonly name: string;
}
/** By SalesWings id. */
export type StoredDefinitionRefs = ReadonlyMap<string, StoredDefinitionRef>;

/** The values a roll-up step owns, and so the field mappings it writes. */
export type RollupValues = 'tags' | 'scores' | 'temperature';

/**
 * Which sources a step writes on which object. AggregateTags rolls up tags, last visit and lead
 * score (seed, older revision); AggregateScores the specialised scores; AggregateTemperature the
 * temperature. On Opportunities, CreateOpportunityTags copies every non-score value (the
 * Opportunity has no temperature step of its own) and CreateOpportunityScores the scores.
 */
export function ownsSource(object: 'Account' | 'Opportunity', values: RollupValues, source: MappingSource): boolean {
  if (isScoreSource(source)) return values === 'scores';
  if (values === 'scores') return false;
  if (object === 'Opportunity') return values === 'tags';
  return values === 'temperature' ? source === 'temperature' : source !== 'temperature';
}

/** The mappings of `object` a step writes. */
export function ownedMappings(object: 'Account' | 'Opportunity', values: RollupValues, mappings: readonly FieldMapping[]): FieldMapping[] {
  return mappings.filter((m) => ownsSource(object, values, m.source));
}

/** The field on Contact a roll-up reads for `source`: the Contact mapping's target, else `fallback`. */
export function contactFieldFor(contactMappings: readonly FieldMapping[], source: MappingSource, fallback: string): string {
  return contactMappings.find((m) => m.source === source)?.target ?? fallback;
}

/** An Account or Opportunity as read: its Id and the current values of the mapped fields. */
export interface CurrentRecord {
  readonly id: string;
  readonly fields: ReadonlyFieldValues;
}

export interface FieldUpdate {
  readonly id: string;
  /** Only the fields whose value changes. */
  readonly fields: FieldValues;
}

/**
 * Records whose mapped values differ from Salesforce's, with only the changed fields. A record
 * whose source is `undefined` is left alone.
 */
export function planFieldUpdates<R extends CurrentRecord>(
  records: readonly R[],
  sourceOf: (record: R) => MappingSourceValues | undefined,
  mappings: readonly FieldMapping[],
): FieldUpdate[] {
  if (mappings.length === 0) return [];
  const updates: FieldUpdate[] = [];
  for (const record of records) {
    const source = sourceOf(record);
    if (!source) continue;
    const fields = changedValues(record.fields, mappedValues(source, mappings));
    if (Object.keys(fields).length > 0) updates.push({ id: record.id, fields });
  }
  return updates;
}

/**
 * Roll-up rows with their definition master (`Tag__c` / `Score__c`) attached, sent on create
 * only. Rows whose definition Salesforce no longer holds are dropped (the master is required).
 */
export function withDefinitionRef<T extends RollupRow<unknown>>(
  rows: readonly T[],
  field: 'Tag__c' | 'Score__c',
  swIdOf: (row: T) => string,
  definitions: StoredDefinitionRefs,
): DesiredRecord[] {
  const out: DesiredRecord[] = [];
  for (const row of rows) {
    const definition = definitions.get(swIdOf(row));
    if (!definition) continue;
    out.push({ key: row.key, fields: { ...row.fields, [field]: definition.id }, createOnly: [...row.createOnly, field] });
  }
  return out;
}

/** `SW_Account_Tag_Segment_Trigger__c` of the page's accounts: existing rows no account claims are deleted. */
export function planAccountTagRows(
  rollups: readonly AccountRollup[],
  definitions: StoredDefinitionRefs,
  existing: readonly ExistingRecord[],
): AlignmentPlan<DesiredRecord> {
  const desired = withDefinitionRef(desiredAccountTags(rollups), 'Tag__c', (r) => r.refs.tagSwId, definitions);
  return planAlignment({ existing, desired, deleteMissing: true });
}

/** `Account_Score__c` of the page's accounts, likewise. */
export function planAccountScoreRows(
  rollups: readonly AccountRollup[],
  definitions: StoredDefinitionRefs,
  existing: readonly ExistingRecord[],
): AlignmentPlan<DesiredRecord> {
  const desired = withDefinitionRef(desiredAccountScores(rollups), 'Score__c', (r) => r.refs.scoreSwId, definitions);
  return planAlignment({ existing, desired, deleteMissing: true });
}

/** An account tag as AggregateTags stored it. */
export interface StoredAccountTag {
  readonly accountId: string;
  readonly tagSwId: string;
  readonly contactCount: number;
}

/** An account score as AggregateScores stored it. */
export interface StoredAccountScore {
  readonly accountId: string;
  readonly scoreSwId: string;
  readonly value: number | null;
}

/**
 * What the opportunity steps copy: each account's stored tags and scores, plus the contact
 * figures for the non-tag Opportunity mappings. A stored score is already aggregated: as a single
 * total, MAX, SUM and AVG all give it back unchanged.
 */
export function accountCopySources(
  accountIds: readonly string[],
  stored: { readonly tags?: readonly StoredAccountTag[]; readonly scores?: readonly StoredAccountScore[] },
  contactFigures: ReadonlyMap<string, Omit<AccountAggregates, 'accountId' | 'tagCounts' | 'scoreTotals'>>,
  options: RollupOptions,
): Map<string, AccountRollup> {
  const tagCounts = new Map<string, Map<string, number>>();
  const scoreTotals = new Map<string, Map<string, { max: number; sum: number; count: number }>>();
  for (const t of stored.tags ?? []) {
    const map = tagCounts.get(t.accountId) ?? new Map<string, number>();
    map.set(t.tagSwId, t.contactCount);
    tagCounts.set(t.accountId, map);
  }
  for (const s of stored.scores ?? []) {
    if (typeof s.value !== 'number') continue;
    const map = scoreTotals.get(s.accountId) ?? new Map<string, { max: number; sum: number; count: number }>();
    map.set(s.scoreSwId, { max: s.value, sum: s.value, count: 1 });
    scoreTotals.set(s.accountId, map);
  }
  const rollups = new Map<string, AccountRollup>();
  for (const accountId of accountIds) {
    rollups.set(
      accountId,
      rollupFromAggregates(
        {
          ...contactFigures.get(accountId),
          accountId,
          ...(stored.tags ? { tagCounts: tagCounts.get(accountId) ?? new Map<string, number>() } : {}),
          ...(stored.scores ? { scoreTotals: scoreTotals.get(accountId) ?? new Map() } : {}),
        },
        options,
      ),
    );
  }
  return rollups;
}

/** An Opportunity as read: its account and the current values of its mapped fields. */
export interface OpportunityRecord extends CurrentRecord {
  readonly accountId: string | null;
}

/**
 * `SW_Opportunity_Tag__c` / `SW_Opportunity_Score__c` of the page's opportunities: every
 * opportunity gets its account's tags (scores); existing copies nothing claims are deleted.
 */
export function planOpportunityCopyRows(
  kind: 'tags' | 'scores',
  rollups: ReadonlyMap<string, AccountRollup>,
  opportunities: readonly OpportunityRecord[],
  definitions: StoredDefinitionRefs,
  existing: readonly ExistingRecord[],
): AlignmentPlan<DesiredRecord> {
  const copies = planOpportunityCopies(
    [...rollups.values()],
    opportunities.map((o) => ({ id: o.id, accountId: o.accountId })),
  );
  const desired =
    kind === 'tags'
      ? withDefinitionRef(copies.tags, 'Tag__c', (r) => r.refs.tagSwId, definitions)
      : withDefinitionRef(copies.scores, 'Score__c', (r) => r.refs.scoreSwId, definitions);
  return planAlignment({ existing, desired, deleteMissing: true });
}
