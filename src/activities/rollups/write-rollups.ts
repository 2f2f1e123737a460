/**
 * Writes of the roll-up steps. Every write names its parent (Account or Opportunity) as its
 * group: a parent's rows travel in one request and requests sharing a parent never run at the
 * same time, since Salesforce locks the parent of a detail or child row being saved
 * (UNABLE_TO_LOCK_ROW otherwise). Deletions pass the run's deletion guard first. In a dry run
 * nothing is written and the planned writes are counted.
 */
import { type SalesforceRecord } from '../../salesforce/namespace';
import { type AlignmentPlan, type DesiredRecord } from '../../sync/align';
import { type FieldMapping, type MappingSourceValues } from '../../sync/field-mapping';
import { planFieldUpdates, type FieldUpdate } from '../../sync/rollup-plan';
import { type FieldValues } from '../../sync/values';
import { applyAlignment } from '../support/apply-alignment';
import { type AccountPage, type PageContext } from './account-pages';

export interface RowWrite {
  /** Roll-up object, e.g. `SW_Account_Tag_Segment_Trigger__c`. */
  readonly object: string;
  /** Its parent reference, sent on create (`Account__c`, `Opportunity__c`). */
  readonly parentField: string;
  /** Parent of each existing row by Id (for updates and deletes, which carry only the Id). */
  readonly parentById: ReadonlyMap<string, string>;
  /** Per-object figures in the step's details, e.g. `accountTags` → `accountTagsCreated`. */
  readonly detail: string;
}

/** Aligns one page's roll-up rows: guarded deletes, upserts by `Key__c`, updates by Id. */
export async function writeRows(context: PageContext, plan: AlignmentPlan<DesiredRecord>, write: RowWrite): Promise<void> {
  await context.deletions.allow(write.object, plan.delete.length);
  await applyAlignment(context.deps.salesforce, plan, {
    object: write.object,
    keyField: 'Key__c',
    dryRun: context.input.run.dryRun,
    tally: context.tally,
    detail: write.detail,
    groupBy: (record: SalesforceRecord) => {
      const parent = record[write.parentField];
      return typeof parent === 'string' ? parent : write.parentById.get(record.Id as string);
    },
  });
}

/** Updates the mapped fields of Accounts or Opportunities, grouped by `groupOf(record Id)`. */
export async function writeFieldUpdates(
  context: PageContext,
  object: 'Account' | 'Opportunity',
  updates: readonly FieldUpdate[],
  groupOf: (id: string) => string | null | undefined,
  detail: string,
): Promise<void> {
  context.tally.count(detail, updates.length);
  if (updates.length === 0) return;
  if (context.input.run.dryRun) {
    context.tally.updated += updates.length;
    return;
  }
  const records = updates.map((u) => ({ Id: u.id, ...u.fields }));
  const results = await context.deps.salesforce.update(object, records, { groupBy: (record) => groupOf(record.Id as string) });
  context.tally.record(results, 'updated', (i) => updates[i].id);
}

/**
 * Writes the Account fields mapped from a page's roll-ups (only those that change; an Account
 * without a roll-up is left alone), each Account its own group; figure `accountsUpdated`.
 */
export async function writeAccountFields(
  context: PageContext,
  page: AccountPage,
  rollups: readonly { accountId: string; source: MappingSourceValues }[],
  mappings: readonly FieldMapping[],
): Promise<void> {
  const sources = new Map(rollups.map((r) => [r.accountId, r.source]));
  const accounts = page.accounts.map((a) => ({ id: a.Id as string, fields: a as FieldValues }));
  const updates = planFieldUpdates(accounts, (a) => sources.get(a.id), mappings);
  await writeFieldUpdates(context, 'Account', updates, (id) => id, 'accountsUpdated');
}
