/**
 * Which rows the orphan-deletion and clean steps act on. Prospect → score and prospect → page are
 * lookups (SetNull), so a physically deleted prospect leaves rows with an empty reference; the
 * seed's Delete* steps remove them.
 */
import type { Lifecycle } from '../saleswings/contract';
import { isBlank, type ReadonlyFieldValues } from './values';

/** `Prospect_Score__c` whose prospect is gone (DeleteProspectScores). */
export function isOrphanProspectScore(row: ReadonlyFieldValues): boolean {
  return isBlank(row.Prospect__c);
}

/** `Page_Prospect__c` whose prospect is gone (DeleteProspectPages). */
export function isOrphanProspectPage(row: ReadonlyFieldValues): boolean {
  return isBlank(row.Prospect__c);
}

/** `Website_Visit__c` whose prospect page is gone, or that belongs to neither a Lead nor a Contact (DeleteRecordPages). */
export function isOrphanWebsiteVisit(row: ReadonlyFieldValues): boolean {
  return isBlank(row.Page_Prospect__c) || (isBlank(row.Lead__c) && isBlank(row.Contact__c));
}

/** Legacy `Page__c` missing either side of the link it existed for (DeletePages). */
export function isOrphanLegacyPage(row: ReadonlyFieldValues): boolean {
  return isBlank(row.Page_Prospect__c) || isBlank(row.Website_Visit__c);
}

/** Ids of the rows the predicate selects, in input order. */
export function orphanIds<T extends ReadonlyFieldValues & { readonly Id: string }>(rows: readonly T[], isOrphan: (row: T) => boolean): string[] {
  return rows.filter(isOrphan).map((row) => row.Id);
}

/**
 * Whether a Lead/Contact must be disconnected (CleanLeads / CleanContacts): it points to a
 * prospect that is Merged, Deleted or no longer stored. Converted Leads are read-only and never
 * cleaned; records without a Prospect Id have nothing to clean.
 */
export function needsClean(record: ReadonlyFieldValues, prospectLifecycleBySwId: ReadonlyMap<string, Lifecycle>): boolean {
  if (record.IsConverted === true) return false;
  const prospectId = record.Prospect_Id__c;
  if (typeof prospectId !== 'string' || prospectId === '') return false;
  const lifecycle = prospectLifecycleBySwId.get(prospectId);
  return lifecycle === undefined || lifecycle === 'Merged' || lifecycle === 'Deleted';
}
