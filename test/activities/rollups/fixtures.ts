/**
 * An org as the match steps leave it, for the roll-up steps: tag and score definitions, prospects
 * with their tags and scores, and Contacts under Accounts carrying the prospect's values plus
 * copies of its tags (`SW_Tag_Segment_Trigger__c`) and scores (`Prospect_Score_Instance__c`).
 */
import { type SalesforceEmulator } from '../../../src/emulators/salesforce';

export const TAGS = { pricing: 'Pricing', demo: 'Demo', webinar: 'Webinar' } as const;
export const SCORES = { fit: 'Fit', intent: 'Intent' } as const;

export type TagId = keyof typeof TAGS;
export type ScoreId = keyof typeof SCORES;

/** Salesforce Ids of the definitions, by SalesWings id. */
export interface Definitions {
  tags: Record<TagId, string>;
  scores: Record<ScoreId, string>;
}

export function seedDefinitions(sf: SalesforceEmulator): Definitions {
  const tags = {} as Record<TagId, string>;
  const scores = {} as Record<ScoreId, string>;
  for (const [swId, name] of Object.entries(TAGS)) tags[swId as TagId] = sf.admin.insert('SW_Tag__c', { Name: name, SW_Id__c: swId });
  for (const [swId, name] of Object.entries(SCORES)) scores[swId as ScoreId] = sf.admin.insert('Score__c', { Name: name, SW_Id__c: swId });
  return { tags, scores };
}

export interface ContactSpec {
  tags?: TagId[];
  scores?: Partial<Record<ScoreId, number | null>>;
  leadScore?: number | null;
  temperature?: string | null;
  lastVisit?: string | null;
}

export interface SeededContact {
  id: string;
  prospectSwId: string;
  /** Copy Ids by SalesWings id. */
  tagCopies: Partial<Record<TagId, string>>;
  scoreCopies: Partial<Record<ScoreId, string>>;
}

let prospectSeq = 0;

/** A matched Contact of `accountId` (null: no account) with its prospect, tags and scores. */
export function seedContact(sf: SalesforceEmulator, defs: Definitions, accountId: string | null, spec: ContactSpec = {}): SeededContact {
  prospectSeq += 1;
  const swId = `p-${prospectSeq}`;
  const prospectId = sf.admin.insert('Prospect__c', { Name: swId, SW_Id__c: swId, Email__c: `${swId}@example.com`, Lifecycle__c: 'Active' });
  const id = sf.admin.insert('Contact', {
    LastName: `Contact ${swId}`,
    Email: `${swId}@example.com`,
    AccountId: accountId,
    Prospect_Id__c: swId,
    Lead_Score__c: spec.leadScore ?? null,
    Temperature__c: spec.temperature ?? null,
    Last_Visit__c: spec.lastVisit ?? null,
  });
  const contact: SeededContact = { id, prospectSwId: swId, tagCopies: {}, scoreCopies: {} };
  for (const tag of spec.tags ?? []) {
    const prospectTag = sf.admin.insert('SW_Prospect_Tag__c', { Name: TAGS[tag], Key__c: `${swId}:${tag}`, Prospect__c: prospectId, Tag__c: defs.tags[tag] });
    contact.tagCopies[tag] = sf.admin.insert('SW_Tag_Segment_Trigger__c', { Name: TAGS[tag], Key__c: `${id}:${tag}`, Prospect_Tag__c: prospectTag, Contact__c: id });
  }
  for (const [score, value] of Object.entries(spec.scores ?? {}) as [ScoreId, number | null][]) {
    const prospectScore = sf.admin.insert('Prospect_Score__c', { Name: SCORES[score], Key__c: `${swId}:${score}`, Prospect__c: prospectId, Score__c: defs.scores[score], Value__c: value });
    contact.scoreCopies[score] = sf.admin.insert('Prospect_Score_Instance__c', {
      Name: SCORES[score],
      Key__c: `${id}:${score}`,
      Prospect_Score__c: prospectScore,
      Contact__c: id,
      Value__c: value,
    });
  }
  return contact;
}

export function seedAccount(sf: SalesforceEmulator, name = 'Acme', fields: Record<string, unknown> = {}): string {
  return sf.admin.insert('Account', { Name: name, ...fields });
}

export function seedOpportunity(sf: SalesforceEmulator, accountId: string | null, stage = 'Prospecting', fields: Record<string, unknown> = {}): string {
  return sf.admin.insert('Opportunity', { Name: `Deal ${stage}`, StageName: stage, CloseDate: '2030-01-31', AccountId: accountId, ...fields });
}

/** Account tags of an account: key → [name, contact count], with the definition each points to. */
export function accountTags(sf: SalesforceEmulator, accountId: string): Record<string, { name: string; contacts: number; tag: string }> {
  const rows = sf.admin.query(`SELECT Key__c, Name, Contact_Count__c, Tag__c FROM SW_Account_Tag_Segment_Trigger__c WHERE Account__c = '${accountId}'`);
  return Object.fromEntries(rows.map((r) => [r.Key__c as string, { name: r.Name as string, contacts: r.Contact_Count__c as number, tag: r.Tag__c as string }]));
}

/** Account scores of an account: key → value. */
export function accountScores(sf: SalesforceEmulator, accountId: string): Record<string, number | null> {
  const rows = sf.admin.query(`SELECT Key__c, Value__c FROM Account_Score__c WHERE Account__c = '${accountId}'`);
  return Object.fromEntries(rows.map((r) => [r.Key__c as string, r.Value__c as number | null]));
}

/** Copies on an opportunity: key → value (tags: their name). */
export function opportunityCopies(sf: SalesforceEmulator, object: 'SW_Opportunity_Tag__c' | 'SW_Opportunity_Score__c', opportunityId: string): Record<string, unknown> {
  const value = object === 'SW_Opportunity_Tag__c' ? 'Name' : 'Value__c';
  const rows = sf.admin.query(`SELECT Key__c, ${value} FROM ${object} WHERE Opportunity__c = '${opportunityId}'`);
  return Object.fromEntries(rows.map((r) => [r.Key__c as string, r[value]]));
}

/** One record's fields as stored. */
export function fieldsOf(sf: SalesforceEmulator, object: string, id: string, fields: string[]): Record<string, unknown> {
  const [row] = sf.admin.query(`SELECT ${fields.join(', ')} FROM ${object} WHERE Id = '${id}'`);
  return Object.fromEntries(fields.map((f) => [f, row?.[f] ?? null]));
}

/** Write calls (anything but queries) in the counters since the last reset. */
export function writeCalls(sf: SalesforceEmulator): Record<string, number> {
  return Object.fromEntries(Object.entries(sf.admin.counters().byKind).filter(([kind]) => !kind.startsWith('query')));
}
