/**
 * CleanLeads / CleanContacts (and the deprecated DeleteProspects): Leads (unconverted only) and
 * Contacts linked to a prospect that is Merged, Deleted or — for the clean steps — no longer
 * stored lose their SalesWings field values and their SalesWings copies (tags, scores,
 * activities).
 *
 * 1. Scan: the linked records, `Id, Prospect_Id__c` only, in Id order a page at a time, and the
 *    prospects those pages name (`SW_Id__c IN …`, each prospect looked up once per run). A
 *    semi-join cannot do this: `Prospect_Id__c` is text, and Salesforce only semi-joins on Id
 *    and reference fields. The scan stays narrow because child rows count toward a query page,
 *    so sub-queries on every linked record would cost pages on every run.
 * 2. The records to disconnect are read again with their copies as sub-queries (one query per
 *    chunk of records) and their current values.
 * 3. Deletion guard per copy object, over every side of the step, before anything is written.
 * 4. Copies are deleted first, then the records are updated (mapped fields emptied, Prospect Id
 *    cleared; Contacts grouped by Account, Leads sent with `Sforce-Auto-Assign: FALSE` by the
 *    gateway). A record whose copies could not all be deleted is not disconnected in this run:
 *    it stays linked, so the next run finds it and its remaining copies again. A record whose
 *    update fails (validation rule, lock) is counted as failed and retried by the next run.
 *
 * Retries: the scan is read-only and starts over; writes already made are not repeated
 * (disconnected records are no longer linked, deleted copies are gone) and their figures are
 * carried in the heartbeat.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { type SalesforceGateway } from '../../salesforce/gateway';
import { soqlInList, soqlString } from '../../salesforce/soql';
import { cleanedFields, lifecycleIndex, planClean, prospectIdsToLookUp, type CleanCandidate, type CleanReason, type CleanScope, type LifecycleEntry, type LifecycleIndex } from '../../sync/clean-plan';
import { type FieldValues, type ReadonlyFieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { DeletionBudget } from '../support/deletion';
import { StepTally } from '../support/step-result';
import { type MatchSide, type StepInput } from '../types';
import { COPY_OBJECTS, readRecordsWithCopies, type Copy, type RecordWithCopies } from './record-copies';

/** Heartbeat details. */
export interface CleanCheckpoint {
  /** Figures of the writes earlier attempts made (their failures are recounted when retried). */
  written: StepResult;
  /** Records earlier attempts disconnected: no longer linked, so a new scan does not see them. */
  cleaned: number;
}

const REASON_DETAIL: Record<CleanReason, string> = {
  merged: 'mergedProspect',
  deleted: 'deletedProspect',
  missing: 'missingProspect',
};

const CLEANED_DETAIL: Record<MatchSide, string> = { Lead: 'leadsCleaned', Contact: 'contactsCleaned' };

interface Context {
  deps: ActivityDeps;
  input: StepInput;
  scope: CleanScope;
  /** Figures of the scan (recomputed by every attempt). */
  scan: StepTally;
  /** Figures of the writes (carried across attempts). */
  writes: StepTally;
  cleaned: number;
}

function checkpoint(ctx: Context): void {
  const written = { ...ctx.writes.result(), failed: 0, errors: [] };
  heartbeat({ written, cleaned: ctx.cleaned } satisfies CleanCheckpoint);
}

async function lookUpProspects(gateway: SalesforceGateway, ids: string[]): Promise<LifecycleIndex> {
  const found: ReadonlyFieldValues[] = [];
  for await (const page of gateway.queryByIn(ids, (chunk) => `SELECT SW_Id__c, Lifecycle__c FROM Prospect__c WHERE SW_Id__c IN ${soqlInList(chunk)}`)) {
    found.push(...(page.records as ReadonlyFieldValues[]));
  }
  return lifecycleIndex(ids, found);
}

/** Phase 1: the linked records of `side` that must be disconnected. */
async function scan(ctx: Context, side: MatchSide): Promise<CleanCandidate[]> {
  const gateway = ctx.deps.salesforce;
  const pageSize = ctx.input.options.salesforce.queryBatchSize;
  const index = new Map<string, LifecycleEntry>();
  const candidates: CleanCandidate[] = [];
  let afterId: string | undefined;
  for (;;) {
    const rows = await gateway.queryAll<ReadonlyFieldValues & { Id: string }>(
      `SELECT Id, Prospect_Id__c FROM ${side} WHERE ${side === 'Lead' ? 'IsConverted = false AND ' : ''}Prospect_Id__c != null` +
        (afterId ? ` AND Id > ${soqlString(afterId)}` : '') +
        ` ORDER BY Id LIMIT ${pageSize}`,
      { batchSize: pageSize },
    );
    if (rows.length === 0) break;
    const unknown = prospectIdsToLookUp(rows, index);
    if (unknown.length > 0) for (const [key, value] of await lookUpProspects(gateway, unknown)) index.set(key, value);
    for (const candidate of planClean(rows, index, ctx.scope)) {
      candidates.push(candidate);
      ctx.scan.count(REASON_DETAIL[candidate.reason]);
    }
    ctx.scan.examined += rows.length;
    afterId = rows[rows.length - 1].Id;
    checkpoint(ctx);
    if (rows.length < pageSize) break;
  }
  return candidates;
}

/** What one side would clean: its linked records and their copies per copy object. */
interface SidePlan {
  side: MatchSide;
  records: Map<string, RecordWithCopies>;
  copies: { copy: (typeof COPY_OBJECTS)[number]; list: Copy[] }[];
}

/** Phases 2–3 for one side: the records to clean and their copies. */
async function planSide(ctx: Context, side: MatchSide): Promise<SidePlan | undefined> {
  const candidates = await scan(ctx, side);
  if (candidates.length === 0) return undefined;
  const records = await readRecordsWithCopies(ctx.deps.salesforce, side, candidates.map((c) => c.id), ctx.input.options.fieldMappings[side]);
  const copies = COPY_OBJECTS.map((copy) => ({ copy, list: [...records.values()].flatMap((r) => r.copies.get(copy.object) ?? []) }));
  return { side, records, copies };
}

/** Phase 4 for one side: copies deleted, then the records disconnected (or counted, in a dry run). */
async function cleanSide(ctx: Context, { side, records, copies }: SidePlan): Promise<void> {
  if (ctx.input.run.dryRun) {
    for (const { copy, list } of copies) {
      ctx.writes.deleted += list.length;
      ctx.writes.count(copy.detail, list.length);
    }
    ctx.writes.updated += records.size;
    ctx.writes.count(CLEANED_DETAIL[side], records.size);
    return;
  }

  const blocked = new Set<string>();
  for (const { copy, list } of copies) {
    if (list.length === 0) continue;
    await deleteCopies(ctx, copy.object, copy.detail, list, blocked);
  }
  await disconnect(ctx, side, [...records.values()].filter((r) => !blocked.has(r.id)));
  if (blocked.size > 0) ctx.writes.count('cleanDeferred', blocked.size);
}

async function deleteCopies(ctx: Context, object: string, detail: string, list: Copy[], blocked: Set<string>): Promise<void> {
  const ids = list.map((c) => c.id);
  // A master-detail child's delete locks its master: one master's children travel together.
  const results = await ctx.deps.salesforce.delete(object, ids, { groupBy: (_record, i) => list[i].parentId });
  ctx.writes.record(results, 'deleted', (i) => ids[i]);
  let deleted = 0;
  for (const r of results) {
    if (r.success) deleted += 1;
    else blocked.add(list[r.index].recordId);
  }
  ctx.writes.count(detail, deleted);
  checkpoint(ctx);
}

async function disconnect(ctx: Context, side: MatchSide, records: RecordWithCopies[]): Promise<void> {
  if (records.length === 0) return;
  const mappings = ctx.input.options.fieldMappings[side];
  const updates: FieldValues[] = records.map((r) => ({ Id: r.id, ...cleanedFields(r.fields, mappings) }));
  const accountOf = new Map(records.map((r) => [r.id, r.fields.AccountId as string | null]));
  // Updating Contacts locks their Account: one Account's Contacts travel together.
  const results = await ctx.deps.salesforce.update(side, updates, side === 'Contact' ? { groupBy: (record) => accountOf.get(record.Id as string) ?? null } : {});
  ctx.writes.record(results, 'updated', (i) => updates[i].Id as string);
  const cleaned = results.filter((r) => r.success).length;
  ctx.writes.count(CLEANED_DETAIL[side], cleaned);
  ctx.cleaned += cleaned;
  checkpoint(ctx);
}

/**
 * Disconnects the linked records of `sides` whose prospect is gone per `scope`. `examined` =
 * linked records scanned; `updated` = records disconnected; `deleted` = copies deleted.
 */
export async function cleanLinkedRecords(deps: ActivityDeps, input: StepInput, sides: readonly MatchSide[], scope: CleanScope): Promise<StepResult> {
  const maxErrors = input.options.reporting.maxErrorsPerStep;
  const resumed = activityInfo().heartbeatDetails as CleanCheckpoint | undefined;
  const ctx: Context = {
    deps,
    input,
    scope,
    scan: new StepTally(maxErrors),
    writes: StepTally.from(resumed?.written, maxErrors),
    cleaned: resumed?.cleaned ?? 0,
  };
  const plans: SidePlan[] = [];
  for (const side of sides) {
    const plan = await planSide(ctx, side);
    if (plan) plans.push(plan);
  }
  // The guard sees the step's whole deletion per table, both sides together, before any write.
  const deletions = new DeletionBudget(deps, input);
  for (const plan of plans) for (const { copy, list } of plan.copies) await deletions.allow(copy.object, list.length);
  for (const plan of plans) await cleanSide(ctx, plan);

  const result = new StepTally(maxErrors);
  result.merge(ctx.writes.result());
  result.merge(ctx.scan.result());
  // Records disconnected by an earlier attempt were examined then; the new scan no longer sees them.
  result.examined += resumed?.cleaned ?? 0;
  return result.result();
}
