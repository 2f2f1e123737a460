/**
 * Matches a batch of prospects to Leads (unconverted only) or Contacts by email, with the fewest
 * Salesforce calls the work allows: one query for the prospects with their tags, scores and
 * pages (sub-queries), one per ~URL-length chunk of emails for the records with their copies
 * (five chunks per Composite call), then the copies and record updates of the whole batch
 * together (Collections of any object packed five per Composite call), then the outcomes.
 *
 * Per side and prospect, seed rules (src/sync/match-state.ts): success → Matched (attempt +1),
 * no record with the email → No Match, a failed update (validation rule, lock…) → Failed with the
 * error kept and attempt +1, Gave Up at the cap; with "match via platform events" the record
 * update is published as `SW_Match__e` and the org-side subscriber records the verdict.
 *
 * Idempotent under retries: the run id is stored with each attempt (`<Side>_Sync_Run__c`), so a
 * retried batch never counts an attempt twice; copies are keyed; record updates send only fields
 * that differ.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { soqlInList } from '../../salesforce/soql';
import { type WriteOptions } from '../../salesforce/writer';
import { type RecordResult, type WriteRequest } from '../../salesforce/write-result';
import { type AlignmentPlan, type DesiredRecord, type ExistingRecord } from '../../sync/align';
import { groupByEmail, normalizeEmail } from '../../sync/email';
import { type FieldMapping } from '../../sync/field-mapping';
import { applyOutcome, formatRecordError, needsAttempt, overallStatus, readSide, sideFields, type MatchOutcome } from '../../sync/match-state';
import { PAGE_COPY_FIELDS, planRecordMatch, type MatchProspect, type MatchRecord, type RecordMatchPlan } from '../../sync/match-plan';
import { type FieldValues } from '../../sync/values';
import { type MatchProspectResult, type MatchSettings, type MatchSide, type RunContext } from '../types';

const RUN_FIELD: Record<MatchSide, string> = { Lead: 'Lead_Sync_Run__c', Contact: 'Contact_Sync_Run__c' };

const PROSPECT_FIELDS = [
  'Id', 'SW_Id__c', 'Email__c', 'Lifecycle__c', 'Favorite__c', 'Lead_Score__c', 'Temperature__c', 'Last_Visit__c', 'Tags__c',
  'First_Name__c', 'Last_Name__c', 'Owner_Email__c', 'SW_Updated_At__c', 'Sync_Status__c',
  'Lead_Sync_Status__c', 'Lead_Sync_Attempts__c', 'Lead_Sync_Error__c', 'Lead_Sync_Run__c',
  'Contact_Sync_Status__c', 'Contact_Sync_Attempts__c', 'Contact_Sync_Error__c', 'Contact_Sync_Run__c',
];
const PAGE_FIELDS = ['Id', 'SW_Id__c', ...PAGE_COPY_FIELDS].join(', ');
const PAGE_COPY_SELECT = ['Id', 'Key__c', ...PAGE_COPY_FIELDS, 'Page_Prospect__c'].join(', ');

interface SubQuery {
  records: Record<string, unknown>[];
}

const rows = (value: unknown): Record<string, unknown>[] => (value as SubQuery | null | undefined)?.records ?? [];
const parentSwId = (row: Record<string, unknown>, relationship: string): string | undefined =>
  (row[relationship] as { SW_Id__c?: string } | null | undefined)?.SW_Id__c;

async function readProspects(gateway: SalesforceGateway, swIds: string[], pages: boolean): Promise<Map<string, MatchProspect>> {
  const prospects = new Map<string, MatchProspect>();
  const query = (chunk: string[]) =>
    `SELECT ${PROSPECT_FIELDS.join(', ')}, ` +
    `(SELECT Id, Name, Tag__r.SW_Id__c FROM Prospect_Tags__r), ` +
    `(SELECT Id, Name, Value__c, Score__r.SW_Id__c FROM Prospect_Scores__r)` +
    (pages ? `, (SELECT ${PAGE_FIELDS} FROM Prospect_Pages__r)` : '') +
    ` FROM Prospect__c WHERE SW_Id__c IN ${soqlInList(chunk)}`;
  for await (const page of gateway.queryByIn(swIds, query)) {
    for (const r of page.records) {
      const swId = r.SW_Id__c as string;
      prospects.set(swId, {
        id: r.Id as string,
        swId,
        fields: r as FieldValues,
        tags: rows(r.Prospect_Tags__r).flatMap((t) => {
          const tagSwId = parentSwId(t, 'Tag__r');
          return tagSwId ? [{ id: t.Id as string, tagSwId, name: t.Name as string }] : [];
        }),
        scores: rows(r.Prospect_Scores__r).flatMap((s) => {
          const scoreSwId = parentSwId(s, 'Score__r');
          return scoreSwId ? [{ id: s.Id as string, scoreSwId, name: s.Name as string, value: (s.Value__c as number | null) ?? null }] : [];
        }),
        pages: rows(r.Prospect_Pages__r).map((p) => ({ id: p.Id as string, swId: p.SW_Id__c as string, fields: p as FieldValues })),
      });
    }
  }
  return prospects;
}

const existingCopies = (value: unknown): ExistingRecord[] =>
  rows(value).map((c) => ({ id: c.Id as string, key: c.Key__c as string, fields: c as FieldValues }));

async function readRecords(
  gateway: SalesforceGateway,
  side: MatchSide,
  emails: string[],
  mappings: readonly FieldMapping[],
  pages: boolean,
): Promise<Map<string, MatchRecord[]>> {
  const fields = new Set(['Id', 'Email', 'Prospect_Id__c', ...mappings.map((m) => m.target)]);
  if (side === 'Contact') fields.add('AccountId');
  const query = (chunk: string[]) =>
    `SELECT ${[...fields].join(', ')}, ` +
    `(SELECT Id, Key__c, Name FROM SW_Tags__r), ` +
    `(SELECT Id, Key__c, Name, Value__c FROM SW_Scores__r)` +
    (pages ? `, (SELECT ${PAGE_COPY_SELECT} FROM SW_Pages__r)` : '') +
    // Converted Leads are read-only: never selected, never written.
    ` FROM ${side} WHERE ${side === 'Lead' ? 'IsConverted = false AND ' : ''}Email IN ${soqlInList(chunk)}`;
  const records: MatchRecord[] = [];
  // SOQL string comparison is case-insensitive, so lower-cased emails find every spelling.
  for await (const page of gateway.queryByIn(emails, query)) {
    for (const r of page.records) {
      records.push({
        id: r.Id as string,
        fields: r as FieldValues,
        tags: existingCopies(r.SW_Tags__r),
        scores: existingCopies(r.SW_Scores__r),
        pages: existingCopies(r.SW_Pages__r),
      });
    }
  }
  return groupByEmail(records, (r) => r.fields.Email as string | null);
}

/** Writes tied to the prospect they serve, so per-prospect figures and failures add up. */
interface Owned<T> {
  owner: string;
  item: T;
}

interface ProspectWork {
  prospect: MatchProspect;
  records: MatchRecord[];
  plans: RecordMatchPlan[];
  result: MatchProspectResult;
}

function mergePlans(owned: Owned<AlignmentPlan<DesiredRecord>>[]) {
  const creates: Owned<DesiredRecord>[] = [];
  const updates: Owned<{ id: string; fields: FieldValues }>[] = [];
  const deletes: Owned<string>[] = [];
  for (const { owner, item } of owned) {
    creates.push(...item.create.map((c) => ({ owner, item: c })));
    updates.push(...item.update.map((u) => ({ owner, item: { id: u.id, fields: u.fields } })));
    deletes.push(...item.delete.map((d) => ({ owner, item: d.id })));
  }
  return { creates, updates, deletes };
}

/**
 * Matches `prospectIds` (SalesWings ids) on one side. Returns one result per id, in order.
 */
export async function matchBatch(
  gateway: SalesforceGateway,
  run: RunContext,
  side: MatchSide,
  prospectIds: readonly string[],
  settings: MatchSettings,
): Promise<MatchProspectResult[]> {
  const ids = [...new Set(prospectIds)];
  const prospects = await readProspects(gateway, ids, settings.pageVisitSync);
  const results = new Map<string, MatchProspectResult>();
  const work: ProspectWork[] = [];

  for (const swId of ids) {
    const base: MatchProspectResult = { prospectId: swId, side, status: null, attempts: 0, matchedRecordIds: [], created: 0, updated: 0, deleted: 0, failures: [] };
    const prospect = prospects.get(swId);
    if (!prospect) {
      results.set(swId, base);
      continue;
    }
    const state = readSide(prospect.fields, side);
    base.status = state.status;
    base.attempts = state.attempts;
    if (state.error) base.error = state.error;
    if (prospect.fields[RUN_FIELD[side]] === run.runId) {
      // This run already attempted the side (the activity is being retried): report, don't redo.
      results.set(swId, { ...base, alreadyAttempted: true });
      continue;
    }
    if (prospect.fields.Lifecycle__c !== 'Active' || !needsAttempt(state, settings.maxAttempts)) {
      results.set(swId, base);
      continue;
    }
    results.set(swId, base);
    work.push({ prospect, records: [], plans: [], result: base });
  }

  // Records for every email at once; prospects sharing an email are applied oldest first, so
  // the most recently updated prospect's values are the ones left on the record.
  const emails = [...new Set(work.map((w) => normalizeEmail(w.prospect.fields.Email__c as string | null)).filter((e): e is string => !!e))];
  const recordsByEmail = emails.length > 0 ? await readRecords(gateway, side, emails, settings.fieldMappings, settings.pageVisitSync) : new Map<string, MatchRecord[]>();
  work.sort((a, b) => String(a.prospect.fields.SW_Updated_At__c ?? '').localeCompare(String(b.prospect.fields.SW_Updated_At__c ?? '')));
  for (const w of work) {
    const email = normalizeEmail(w.prospect.fields.Email__c as string | null);
    w.records = email ? (recordsByEmail.get(email) ?? []) : [];
    w.plans = w.records.map((r) => planRecordMatch(w.prospect, r, side, settings.fieldMappings, settings.pageVisitSync));
    w.result.matchedRecordIds = w.records.map((r) => r.id);
  }

  const byOwner = new Map(work.map((w) => [w.prospect.swId, w]));
  const failuresOf = (owner: string) => byOwner.get(owner)?.result.failures ?? [];
  /** Adds write results to the figures (or failures) of the prospects that own the rows. */
  const account = (results: readonly RecordResult[], items: Owned<unknown>[], kind: 'created' | 'updated' | 'deleted', label: (i: number) => string | null) => {
    for (const r of results) {
      const w = byOwner.get(items[r.index].owner);
      if (!w) continue;
      if (r.success) w.result[kind] += 1;
      else {
        const e = r.errors[0];
        w.result.failures.push({ recordId: r.id ?? label(r.index), code: e?.code ?? 'UNKNOWN', message: e?.message ?? 'write failed' });
      }
    }
  };

  const changes = work.flatMap((w) => w.plans.filter((p) => Object.keys(p.changes).length > 0).map((p) => ({ owner: w.prospect.swId, item: p })));
  if (!run.dryRun) {
    // 1. Copies of tags, scores and pages on the matched records, and the records themselves
    // when updated directly: independent writes, sent together (five collection requests per
    // composite call whatever the object).
    const writes: Array<{ request: WriteRequest; options?: WriteOptions; account: (results: readonly RecordResult[]) => void }> = [];
    const copyObjects = [
      { object: 'SW_Tag_Segment_Trigger__c', pick: (p: RecordMatchPlan) => p.tags },
      { object: 'Prospect_Score_Instance__c', pick: (p: RecordMatchPlan) => p.scores },
      { object: 'Website_Visit__c', pick: (p: RecordMatchPlan) => p.pages },
    ];
    for (const { object, pick } of copyObjects) {
      const owned = work.flatMap((w) => w.plans.flatMap((p) => (pick(p) ? [{ owner: w.prospect.swId, item: pick(p) as AlignmentPlan<DesiredRecord> }] : [])));
      const { creates, updates, deletes } = mergePlans(owned);
      if (deletes.length > 0) {
        writes.push({
          request: { operation: 'delete', object, records: deletes.map((d) => ({ Id: d.item })) },
          account: (results) => account(results, deletes, 'deleted', (i) => deletes[i].item),
        });
      }
      if (creates.length > 0) {
        writes.push({
          request: { operation: 'upsert', object, externalIdField: 'Key__c', records: creates.map((c) => ({ ...c.item.fields, Key__c: c.item.key })) },
          account: (results) => account(results, creates, 'created', (i) => `${object} ${creates[i].item.key}`),
        });
      }
      if (updates.length > 0) {
        writes.push({
          request: { operation: 'update', object, records: updates.map((u) => ({ Id: u.item.id, ...u.item.fields })) },
          account: (results) => account(results, updates, 'updated', (i) => updates[i].item.id),
        });
      }
    }
    if (changes.length > 0 && !settings.viaEvents) {
      // Updating Contacts locks their Account: keep one Account's Contacts in one request.
      const accountOf = new Map(work.flatMap((w) => w.records.map((r) => [r.id, r.fields.AccountId as string | null])));
      writes.push({
        request: { operation: 'update', object: side, records: changes.map((c) => ({ Id: c.item.recordId, ...c.item.changes })) },
        options: side === 'Contact' ? { groupBy: (r) => accountOf.get(r.Id as string) ?? null } : {},
        account: (results) => account(results, changes, 'updated', (i) => changes[i].item.recordId),
      });
    }
    if (writes.length > 0) {
      const results = await gateway.writeAll(writes);
      writes.forEach((w, i) => w.account(results[i]));
    }
  } else {
    // Dry run: what would be written, per prospect.
    for (const w of work) {
      for (const plan of w.plans) {
        for (const p of [plan.tags, plan.scores, plan.pages]) {
          if (!p) continue;
          w.result.created += p.create.length;
          w.result.updated += p.update.length;
          w.result.deleted += p.delete.length;
        }
        if (Object.keys(plan.changes).length > 0) w.result.updated += 1;
      }
    }
  }

  // 3. The outcome on the prospect (status, attempts, error, run marker). With platform events
  // it is written BEFORE publishing: the org-side subscriber writes its verdict on delivery,
  // which must land after ours, never under it.
  const publishing = new Set(settings.viaEvents && !run.dryRun ? changes.map((c) => c.owner) : []);
  const outcomeOf = (w: ProspectWork): MatchOutcome => {
    const failures = failuresOf(w.prospect.swId);
    if (w.records.length === 0) return { kind: 'no-match' };
    if (failures.length > 0) return { kind: 'failed', error: formatRecordError(failures[0].code, failures[0].message, failures[0].recordId) };
    if (publishing.has(w.prospect.swId)) return { kind: 'published' };
    return { kind: 'matched' };
  };
  await recordOutcomes(work, work.map(outcomeOf));

  if (changes.length > 0 && publishing.size > 0) {
    const events = changes.map((c) => ({
      Prospect_Id__c: c.owner,
      Record_Id__c: c.item.recordId,
      Object_Type__c: side,
      Fields__c: JSON.stringify(c.item.changes),
    }));
    const results = await gateway.publish('SW_Match__e', events);
    const unpublished = new Set<ProspectWork>();
    for (const r of results) {
      const w = byOwner.get(changes[r.index].owner);
      if (!w) continue;
      if (r.success) {
        w.result.published = true;
        continue;
      }
      w.result.failures.push({ recordId: changes[r.index].item.recordId, code: r.errors[0]?.code ?? 'UNKNOWN', message: r.errors[0]?.message ?? 'event not published' });
      unpublished.add(w);
    }
    // An event that could not be published is a failed attempt (counted once, from the state
    // before this run's attempt).
    if (unpublished.size > 0) await recordOutcomes([...unpublished], [...unpublished].map(outcomeOf));
  }
  return ids.map((id) => results.get(id) as MatchProspectResult);

  /** Writes each prospect's side state after `outcomes` (one per work item), from its state before this run. */
  async function recordOutcomes(items: ProspectWork[], outcomes: MatchOutcome[]): Promise<void> {
    const updates: FieldValues[] = items.map((w, i) => {
      const before = readSide(w.prospect.fields, side);
      const after = applyOutcome(before, outcomes[i], settings.maxAttempts);
      const other = readSide(w.prospect.fields, side === 'Lead' ? 'Contact' : 'Lead');
      w.result.status = after.status;
      w.result.attempts = after.attempts;
      w.result.error = after.error ?? undefined;
      return {
        Id: w.prospect.id,
        ...sideFields(side, after),
        [RUN_FIELD[side]]: run.runId,
        Sync_Status__c: side === 'Lead' ? overallStatus(after, other) : overallStatus(other, after),
      };
    });
    if (run.dryRun || updates.length === 0) return;
    const results = await gateway.update('Prospect__c', updates);
    for (const r of results) {
      if (r.success) continue;
      // The outcome could not be recorded: the next run attempts the side again.
      const w = items[r.index];
      w.result.failures.push({ recordId: w.prospect.id, code: r.errors[0]?.code ?? 'UNKNOWN', message: `match outcome not saved: ${r.errors[0]?.message ?? ''}` });
    }
  }
}
