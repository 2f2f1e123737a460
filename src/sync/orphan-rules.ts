/**
 * The orphan-deletion steps as data: per step, the object, the SOQL condition that finds its
 * orphans (so Salesforce filters, not the worker), the same rule as a predicate (each row read
 * is checked again before it is deleted), and the parent whose row lock a delete takes.
 *
 * Prospect → score and prospect → page are lookups (SetNull), as in the seed: a physically
 * deleted prospect leaves rows with an empty reference behind, and so does a deleted prospect
 * page for the Lead/Contact activities that pointed to it.
 */
import {
  isOrphanLegacyPage,
  isOrphanProspectPage,
  isOrphanProspectScore,
  isOrphanWebsiteVisit,
} from './orphans';
import { type ReadonlyFieldValues } from './values';

export interface OrphanRule {
  /** Object API name (unprefixed). */
  readonly object: string;
  /** Fields read per row: what the predicate and `lockKey` need. */
  readonly fields: readonly string[];
  /** SOQL condition selecting the orphans (no literals, so nothing to escape). */
  readonly condition: string;
  readonly isOrphan: (row: ReadonlyFieldValues) => boolean;
  /**
   * Deleting a detail locks its master-detail parent: rows sharing this key are sent together
   * and never concurrently (`groupBy`). Undefined when no parent is worth grouping by.
   */
  readonly lockKey?: (row: ReadonlyFieldValues) => string | null;
  /**
   * Master-detail children deleted with each row (Salesforce cascades them); read as a
   * sub-query only to report how many went.
   */
  readonly cascade?: { readonly relationship: string; readonly detail: string };
  /** Name of the per-object figure in the step's details. */
  readonly detail: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** DeleteProspectScores: `Prospect_Score__c` whose prospect is gone; their Lead/Contact copies go with them. */
export const PROSPECT_SCORE_ORPHANS: OrphanRule = {
  object: 'Prospect_Score__c',
  fields: ['Id', 'Prospect__c', 'Score__c'],
  condition: 'Prospect__c = null',
  isOrphan: isOrphanProspectScore,
  // Master-detail to the score definition.
  lockKey: (row) => text(row.Score__c),
  cascade: { relationship: 'Record_Scores__r', detail: 'scoreCopiesCascaded' },
  detail: 'prospectScoresDeleted',
};

/** DeleteProspectPages: `Page_Prospect__c` whose prospect is gone. */
export const PROSPECT_PAGE_ORPHANS: OrphanRule = {
  object: 'Page_Prospect__c',
  fields: ['Id', 'Prospect__c'],
  condition: 'Prospect__c = null',
  isOrphan: isOrphanProspectPage,
  detail: 'prospectPagesDeleted',
};

/**
 * DeleteRecordPages (and the deprecated DeleteContactPages, its pre-2.119 name):
 * `Website_Visit__c` whose prospect page is gone, or that belongs to neither a Lead nor a Contact.
 */
export const RECORD_PAGE_ORPHANS: OrphanRule = {
  object: 'Website_Visit__c',
  fields: ['Id', 'Page_Prospect__c', 'Lead__c', 'Contact__c'],
  condition: 'Page_Prospect__c = null OR (Lead__c = null AND Contact__c = null)',
  isOrphan: isOrphanWebsiteVisit,
  lockKey: (row) => text(row.Lead__c) ?? text(row.Contact__c),
  detail: 'recordPagesDeleted',
};

/** DeletePages (deprecated): legacy `Page__c` missing either side of the link it stood for. */
export const LEGACY_PAGE_ORPHANS: OrphanRule = {
  object: 'Page__c',
  fields: ['Id', 'Page_Prospect__c', 'Website_Visit__c'],
  condition: 'Page_Prospect__c = null OR Website_Visit__c = null',
  isOrphan: isOrphanLegacyPage,
  detail: 'legacyPagesDeleted',
};

