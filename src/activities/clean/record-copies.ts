/**
 * The SalesWings copies a Lead or Contact carries (tags, scores, activities), read for the
 * records a clean step disconnects: one query per chunk of records, the copies as sub-queries.
 *
 * Salesforce pages a large child sub-query (`done: false` on the child result). The few records
 * whose copies did not arrive whole are read again with a plain query per copy object, so no
 * copy is left behind on a disconnected record.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { soqlInList } from '../../salesforce/soql';
import { type FieldMapping } from '../../sync/field-mapping';
import { COPY_LOOKUP } from '../../sync/match-plan';
import { type FieldValues } from '../../sync/values';
import { type MatchSide } from '../types';

export interface CopyObject {
  object: 'SW_Tag_Segment_Trigger__c' | 'Prospect_Score_Instance__c' | 'Website_Visit__c';
  /** Child relationship from Lead/Contact. */
  relationship: string;
  /** The prospect-level parent; deleting a master-detail child locks it. */
  parentField: string;
  /** Name of the per-object figure in the step's details. */
  detail: string;
}

export const COPY_OBJECTS: readonly CopyObject[] = [
  { object: 'SW_Tag_Segment_Trigger__c', relationship: 'SW_Tags__r', parentField: 'Prospect_Tag__c', detail: 'tagCopiesDeleted' },
  { object: 'Prospect_Score_Instance__c', relationship: 'SW_Scores__r', parentField: 'Prospect_Score__c', detail: 'scoreCopiesDeleted' },
  { object: 'Website_Visit__c', relationship: 'SW_Pages__r', parentField: 'Page_Prospect__c', detail: 'pageCopiesDeleted' },
];

export interface Copy {
  id: string;
  /** The Lead/Contact it belongs to. */
  recordId: string;
  /** Its prospect-level parent (row-lock grouping). */
  parentId: string | null;
}

export interface RecordWithCopies {
  id: string;
  /** The record's current values: Prospect Id, AccountId (Contacts) and the mapped fields. */
  fields: FieldValues;
  copies: Map<CopyObject['object'], Copy[]>;
}

interface ChildResult {
  done?: boolean;
  records?: Record<string, unknown>[];
}

const toCopy = (row: Record<string, unknown>, recordId: string, copy: CopyObject): Copy => ({
  id: row.Id as string,
  recordId,
  parentId: (row[copy.parentField] as string | null | undefined) ?? null,
});

/**
 * Reads `ids` (still linked: a record cleaned meanwhile is skipped) with their current values
 * and every copy. Converted Leads are never selected.
 */
export async function readRecordsWithCopies(
  gateway: SalesforceGateway,
  side: MatchSide,
  ids: readonly string[],
  mappings: readonly FieldMapping[],
): Promise<Map<string, RecordWithCopies>> {
  const fields = new Set(['Id', 'Prospect_Id__c', ...mappings.map((m) => m.target)]);
  if (side === 'Contact') fields.add('AccountId');
  const subQueries = COPY_OBJECTS.map((c) => `(SELECT Id, ${c.parentField} FROM ${c.relationship})`).join(', ');
  const query = (chunk: string[]) =>
    `SELECT ${[...fields].join(', ')}, ${subQueries} FROM ${side} ` +
    `WHERE Id IN ${soqlInList(chunk)} AND Prospect_Id__c != null${side === 'Lead' ? ' AND IsConverted = false' : ''}`;

  const records = new Map<string, RecordWithCopies>();
  const incomplete = new Map<CopyObject, string[]>();
  for await (const page of gateway.queryByIn(ids, query)) {
    for (const row of page.records) {
      const id = row.Id as string;
      const record: RecordWithCopies = { id, fields: {}, copies: new Map() };
      for (const name of fields) record.fields[name] = (row[name] as FieldValues[string] | undefined) ?? null;
      for (const copy of COPY_OBJECTS) {
        const child = row[copy.relationship] as ChildResult | null | undefined;
        record.copies.set(copy.object, (child?.records ?? []).map((c) => toCopy(c, id, copy)));
        if (child && child.done === false) incomplete.set(copy, [...(incomplete.get(copy) ?? []), id]);
      }
      records.set(id, record);
    }
  }

  for (const [copy, recordIds] of incomplete) {
    for (const recordId of recordIds) records.get(recordId)?.copies.set(copy.object, []);
    const lookup = COPY_LOOKUP[side];
    for await (const page of gateway.queryByIn(recordIds, (chunk) => `SELECT Id, ${copy.parentField}, ${lookup} FROM ${copy.object} WHERE ${lookup} IN ${soqlInList(chunk)}`)) {
      for (const row of page.records) {
        const recordId = row[lookup] as string;
        records.get(recordId)?.copies.get(copy.object)?.push(toCopy(row, recordId, copy));
      }
    }
  }
  return records;
}
