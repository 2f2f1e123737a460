/**
 * Which rows the orphan-deletion and clean steps act on. Prospect → score and prospect → page are
 * lookups (SetNull), so a physically deleted prospect leaves rows with an empty reference; the
 * seed's Delete* steps remove them.
 */
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
