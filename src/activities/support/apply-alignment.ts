/**
 * Carries out an alignment plan (src/sync/align.ts) against Salesforce: new rows are upserted by
 * their external key (so a retried activity never duplicates them), changed rows are updated by
 * Id with only the changed fields, and rows no longer wanted are deleted. Per-record failures are
 * counted and reported, never thrown. In a dry run nothing is written and the plan is counted.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { type WriteOptions } from '../../salesforce/writer';
import { type AlignmentPlan, type DesiredRecord } from '../../sync/align';
import { type StepTally } from './step-result';

export interface ApplyAlignmentOptions {
  object: string;
  /** External-ID field holding the key (`Key__c`, `SW_Id__c`). */
  keyField: string;
  dryRun: boolean;
  tally: StepTally;
  /** Per-object figures go into the step's details under this name (e.g. `prospectTags`). */
  detail?: string;
  /** Row grouping per parent, against row-lock contention (e.g. by Account Id). */
  groupBy?: WriteOptions['groupBy'];
}

/** Writes the plan; returns the Salesforce Id of every created or updated row by key. */
export async function applyAlignment<D extends DesiredRecord>(
  gateway: SalesforceGateway,
  plan: AlignmentPlan<D>,
  options: ApplyAlignmentOptions,
): Promise<Map<string, string>> {
  const { tally, detail } = options;
  const ids = new Map<string, string>();
  if (detail) {
    tally.count(`${detail}Created`, plan.create.length);
    tally.count(`${detail}Updated`, plan.update.length);
    tally.count(`${detail}Deleted`, plan.delete.length);
  }
  if (options.dryRun) {
    tally.created += plan.create.length;
    tally.updated += plan.update.length;
    tally.deleted += plan.delete.length;
    return ids;
  }
  const writeOptions: WriteOptions = options.groupBy ? { groupBy: options.groupBy } : {};

  if (plan.delete.length > 0) {
    const deleteIds = plan.delete.map((d) => d.id);
    tally.record(await gateway.delete(options.object, deleteIds, writeOptions), 'deleted', (i) => deleteIds[i]);
  }
  if (plan.create.length > 0) {
    const records = plan.create.map((c) => ({ ...c.fields, [options.keyField]: c.key }));
    const results = await gateway.upsert(options.object, options.keyField, records, writeOptions);
    tally.record(results, 'upserted', (i) => `${options.object} ${plan.create[i].key}`);
    for (const r of results) if (r.success && r.id) ids.set(plan.create[r.index].key, r.id);
  }
  if (plan.update.length > 0) {
    const records = plan.update.map((u) => ({ Id: u.id, ...u.fields }));
    const results = await gateway.update(options.object, records, writeOptions);
    tally.record(results, 'updated', (i) => plan.update[i].id);
    for (const r of results) if (r.success) ids.set(plan.update[r.index].key, plan.update[r.index].id);
  }
  return ids;
}
