/**
 * Field mappings (SW Studio Field Mapping): which prospect or roll-up value goes into which field
 * of a Lead, Contact, Account or Opportunity. The defaults mirror the fields the data model adds
 * to those objects; configuration code imports them and may add score mappings.
 */
import type { ConfigProblem } from '../errors';
import type { Temperature } from '../saleswings/contract';
import { diffFields, type DiffOptions, type FieldValue, type FieldValues, type ReadonlyFieldValues } from './values';

export const MAPPABLE_OBJECTS = ['Lead', 'Contact', 'Account', 'Opportunity'] as const;
export type MappableObject = (typeof MAPPABLE_OBJECTS)[number];

export const BASE_MAPPING_SOURCES = [
  'leadScore',
  'temperature',
  'favorite',
  'lastVisitAt',
  'tags',
  'firstName',
  'lastName',
  'ownerEmail',
] as const;
export type BaseMappingSource = (typeof BASE_MAPPING_SOURCES)[number];
/** A base value, or `score:<SalesWings score id>` for one specialised score. */
export type MappingSource = BaseMappingSource | `score:${string}`;

export interface FieldMapping {
  readonly source: MappingSource;
  /** Field API name on the target object (unprefixed). */
  readonly target: string;
}

const PERSON_DEFAULTS: readonly FieldMapping[] = [
  { source: 'leadScore', target: 'Lead_Score__c' },
  { source: 'temperature', target: 'Temperature__c' },
  { source: 'favorite', target: 'SW_Favorite__c' },
  { source: 'lastVisitAt', target: 'Last_Visit__c' },
  { source: 'tags', target: 'Tags__c' },
];

/** Default mappings per object, matching the fields in docs/data-model.md. */
export const DEFAULT_FIELD_MAPPINGS: Readonly<Record<MappableObject, readonly FieldMapping[]>> = {
  Lead: PERSON_DEFAULTS,
  Contact: PERSON_DEFAULTS,
  Account: [
    { source: 'leadScore', target: 'Lead_Score__c' },
    { source: 'temperature', target: 'Temperature__c' },
    { source: 'lastVisitAt', target: 'Last_Visit__c' },
    { source: 'tags', target: 'Tags__c' },
  ],
  Opportunity: [
    { source: 'leadScore', target: 'Lead_Score__c' },
    { source: 'tags', target: 'Tags__c' },
  ],
};

/**
 * Base sources each object can take. Accounts and Opportunities are fed from the account
 * roll-up, which has no favorite, names or owner.
 */
export const SOURCES_BY_OBJECT: Readonly<Record<MappableObject, readonly BaseMappingSource[]>> = {
  Lead: BASE_MAPPING_SOURCES,
  Contact: BASE_MAPPING_SOURCES,
  Account: ['leadScore', 'temperature', 'lastVisitAt', 'tags'],
  Opportunity: ['leadScore', 'temperature', 'lastVisitAt', 'tags'],
};

/** Fields the sync writes itself on Leads/Contacts; a mapping must not target them. */
export const RESERVED_TARGETS: readonly string[] = ['Prospect_Id__c', 'SW_Sync_Fingerprint__c'];

export function isScoreSource(source: string): source is `score:${string}` {
  return source.startsWith('score:');
}

/** The SalesWings score id of a `score:<id>` source. */
export function scoreIdOf(source: `score:${string}`): string {
  return source.slice('score:'.length);
}

/** Whether `source` can feed a field on `object`. */
export function isSourceSupported(object: MappableObject, source: string): boolean {
  if (isScoreSource(source)) return scoreIdOf(source) !== '';
  return (SOURCES_BY_OBJECT[object] as readonly string[]).includes(source);
}

/** Every problem with a mapping list, for configuration validation (reports all at once). */
export function mappingProblems(object: MappableObject, mappings: readonly FieldMapping[], path = `fieldMappings.${object}`): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  mappings.forEach((m, i) => {
    const at = `${path}[${i}]`;
    if (!isSourceSupported(object, m.source)) {
      problems.push({ path: `${at}.source`, message: `${JSON.stringify(m.source)} cannot be mapped on ${object}` });
    }
    const target = m.target.trim();
    if (target === '') {
      problems.push({ path: `${at}.target`, message: 'target field is empty' });
      return;
    }
    if (RESERVED_TARGETS.some((r) => r.toLowerCase() === target.toLowerCase())) {
      problems.push({ path: `${at}.target`, message: `${target} is written by the sync itself` });
    }
    // Field API names are case-insensitive in Salesforce.
    const earlier = seen.get(target.toLowerCase());
    if (earlier !== undefined) {
      problems.push({ path: `${at}.target`, message: `${target} is already the target of ${path}[${earlier}]` });
    } else {
      seen.set(target.toLowerCase(), i);
    }
  });
  return problems;
}

/**
 * The values mappings read. A base value left `undefined` is not available for this object and
 * its mappings are skipped (never written as null); null means "no value" and clears the field.
 */
export interface MappingSourceValues {
  readonly leadScore?: number | null;
  readonly temperature?: Temperature | null;
  readonly favorite?: boolean;
  readonly lastVisitAt?: string | null;
  readonly tags?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly ownerEmail?: string | null;
  /** Values by SalesWings score id; a score the source lacks maps to null. */
  readonly scores: Readonly<Record<string, number | null>>;
}

/** Target values for the mappings; later mappings to the same target win. */
export function mappedValues(source: MappingSourceValues, mappings: readonly FieldMapping[]): FieldValues {
  const values: FieldValues = {};
  for (const { source: from, target } of mappings) {
    if (isScoreSource(from)) {
      values[target] = source.scores[scoreIdOf(from)] ?? null;
      continue;
    }
    const value = source[from];
    if (value !== undefined) values[target] = value;
  }
  return values;
}

function asText(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function asNumberOrNull(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** What a Lead/Contact is filled from: the `Prospect__c` values and its score values. */
export interface ProspectMappingInput {
  /** `Prospect__c` field values (as built by `prospectDataFields` or read back). */
  readonly prospect: ReadonlyFieldValues;
  /** The prospect's score values by SalesWings score id. */
  readonly scores: Readonly<Record<string, number | null>>;
}

/** Mapping source values of a prospect. */
export function prospectSourceValues(input: ProspectMappingInput): MappingSourceValues {
  const p = input.prospect;
  return {
    leadScore: asNumberOrNull(p.Lead_Score__c),
    temperature: asText(p.Temperature__c) as Temperature | null,
    favorite: p.Favorite__c === true,
    lastVisitAt: asText(p.Last_Visit__c),
    tags: asText(p.Tags__c),
    firstName: asText(p.First_Name__c),
    lastName: asText(p.Last_Name__c),
    ownerEmail: asText(p.Owner_Email__c),
    scores: input.scores,
  };
}

/**
 * The Lead/Contact values a prospect dictates: every mapped field plus `Prospect_Id__c`, the link
 * the clean steps and the Salesforce → SalesWings direction rely on.
 */
export function recordValuesFromProspect(input: ProspectMappingInput, mappings: readonly FieldMapping[]): FieldValues {
  return { ...mappedValues(prospectSourceValues(input), mappings), Prospect_Id__c: asText(input.prospect.SW_Id__c) };
}

/**
 * Only the desired values that differ from the record's current ones (Salesforce equality:
 * blank = null, numbers to the scale, date-times by instant). Empty → the record is not written.
 */
export function changedValues(current: ReadonlyFieldValues, desired: Readonly<Record<string, FieldValue>>, options: DiffOptions = {}): FieldValues {
  return diffFields(current, desired, options);
}

/**
 * What the clean steps write to disconnect a Lead/Contact from its prospect: every mapped field
 * and `Prospect_Id__c` emptied. Checkbox targets (fed by `favorite`) become false, because a
 * Salesforce checkbox cannot be null.
 */
export function clearedValues(mappings: readonly FieldMapping[]): FieldValues {
  const values: FieldValues = {};
  for (const { source, target } of mappings) values[target] = source === 'favorite' ? false : null;
  values.Prospect_Id__c = null;
  return values;
}
