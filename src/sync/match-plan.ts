/**
 * What matching one prospect to one Lead/Contact writes: the record's mapped fields (only those
 * that differ) and the alignment of its copies of the prospect's tags, scores and, with page
 * visit sync, pages. Copies are keyed `<record Id>:<SalesWings id>`; copies on the record that
 * the prospect no longer has (or that an earlier prospect left) are deleted.
 */
import { type FieldMapping, changedValues, recordValuesFromProspect } from './field-mapping';
import { planAlignment, type AlignmentPlan, type DesiredRecord, type ExistingRecord } from './align';
import { type FieldValues, type ReadonlyFieldValues } from './values';

export type MatchSideName = 'Lead' | 'Contact';

/** A prospect as matching reads it, with its prospect-level child rows. */
export interface MatchProspect {
  /** Salesforce Id of the `Prospect__c`. */
  id: string;
  swId: string;
  fields: ReadonlyFieldValues;
  tags: { id: string; tagSwId: string; name: string }[];
  scores: { id: string; scoreSwId: string; name: string; value: number | null }[];
  /** `Page_Prospect__c` rows with their field values (only read with page visit sync). */
  pages: { id: string; swId: string; fields: ReadonlyFieldValues }[];
}

/** A Lead/Contact matched by email, with the copies it already carries. */
export interface MatchRecord {
  id: string;
  fields: ReadonlyFieldValues;
  tags: ExistingRecord[];
  scores: ExistingRecord[];
  pages: ExistingRecord[];
}

export interface RecordMatchPlan {
  recordId: string;
  /** Fields to update on the record; empty when it already holds the prospect's values. */
  changes: FieldValues;
  tags: AlignmentPlan<DesiredRecord>;
  scores: AlignmentPlan<DesiredRecord>;
  /** Absent when page visit sync is off: page copies are then left as they are. */
  pages?: AlignmentPlan<DesiredRecord>;
}

/** The copy objects' lookup to the record. */
export const COPY_LOOKUP: Record<MatchSideName, 'Lead__c' | 'Contact__c'> = { Lead: 'Lead__c', Contact: 'Contact__c' };

/**
 * The page fields a `Website_Visit__c` copy takes from its `Page_Prospect__c` (same API names on
 * both objects): the SELECT lists of both read them, in this order.
 */
export const PAGE_COPY_FIELDS = ['Name', 'Kind__c', 'Url__c', 'Title__c', 'Visit_Count__c', 'First_Visit_At__c', 'Last_Visit_At__c'] as const;

export function planRecordMatch(
  prospect: MatchProspect,
  record: MatchRecord,
  side: MatchSideName,
  mappings: readonly FieldMapping[],
  pageVisitSync: boolean,
): RecordMatchPlan {
  const lookup = COPY_LOOKUP[side];
  const scoreValues = Object.fromEntries(prospect.scores.map((s) => [s.scoreSwId, s.value]));
  const desiredValues = recordValuesFromProspect({ prospect: prospect.fields, scores: scoreValues }, mappings);
  const changes = changedValues(record.fields, desiredValues);

  const tagCopies: DesiredRecord[] = prospect.tags.map((t) => ({
    key: `${record.id}:${t.tagSwId}`,
    fields: { Name: t.name, Prospect_Tag__c: t.id, [lookup]: record.id },
    // Master-detail parents cannot be re-parented; the key pins the record and the tag.
    createOnly: ['Prospect_Tag__c', lookup],
  }));
  const scoreCopies: DesiredRecord[] = prospect.scores.map((s) => ({
    key: `${record.id}:${s.scoreSwId}`,
    fields: { Name: s.name, Value__c: s.value, Prospect_Score__c: s.id, [lookup]: record.id },
    createOnly: ['Prospect_Score__c', lookup],
  }));
  const plan: RecordMatchPlan = {
    recordId: record.id,
    changes,
    tags: planAlignment({ existing: record.tags, desired: tagCopies, deleteMissing: true }),
    scores: planAlignment({ existing: record.scores, desired: scoreCopies, deleteMissing: true }),
  };
  if (pageVisitSync) {
    const pageCopies: DesiredRecord[] = prospect.pages.map((p) => {
      const fields: FieldValues = { Page_Prospect__c: p.id, [lookup]: record.id };
      for (const name of PAGE_COPY_FIELDS) fields[name] = p.fields[name] ?? null;
      return { key: `${record.id}:${p.swId}`, fields, createOnly: [lookup] };
    });
    plan.pages = planAlignment({ existing: record.pages, desired: pageCopies, deleteMissing: true });
  }
  return plan;
}
