/**
 * GetTags / GetScores: SalesWings returns every definition; Salesforce is made to hold exactly
 * those (`SW_Tag__c` / `Score__c`, upserted by SalesWings id), and the rest are deleted.
 *
 * Deleting a score definition takes its prospect scores, their Lead/Contact copies and the
 * Account/Opportunity scores with it (master-detail). Prospect tags reference their definition by
 * lookup (a junction cannot be the master of the Lead/Contact copies), so they are deleted first,
 * explicitly; their copies go with them, and the Account/Opportunity tags go with the definition.
 */
import { heartbeat } from '@temporalio/activity';
import { type SalesforceGateway } from '../../salesforce/gateway';
import { soqlInList } from '../../salesforce/soql';
import { type Score, type Tag } from '../../saleswings/contract';
import { planAlignment, type DesiredRecord, type ExistingRecord } from '../../sync/align';
import { cleanText, toSalesforceDateTime, truncateText, type FieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { guardDeletion } from '../support/deletion';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';

const DEFINITION_FIELDS = ['Name', 'SW_Id__c', 'Description__c', 'SW_Updated_At__c'] as const;

interface DefinitionKind<T> {
  object: 'SW_Tag__c' | 'Score__c';
  fields: readonly string[];
  fetch: (deps: ActivityDeps) => Promise<T[]>;
  toFields: (definition: T) => FieldValues;
  /** Children that must be deleted explicitly before a definition is (no cascade). */
  beforeDelete?: (gateway: SalesforceGateway, ids: string[], tally: StepTally, dryRun: boolean) => Promise<void>;
}

const common = (d: Tag | Score): FieldValues => ({
  Name: truncateText(d.name, 80),
  SW_Id__c: d.id,
  Description__c: cleanText(d.description ?? null, 32_768),
  SW_Updated_At__c: toSalesforceDateTime(d.updatedAt),
});

async function deleteProspectTagsOf(gateway: SalesforceGateway, tagIds: string[], tally: StepTally, dryRun: boolean): Promise<void> {
  const ids: string[] = [];
  for await (const page of gateway.queryByIn(tagIds, (chunk) => `SELECT Id FROM SW_Prospect_Tag__c WHERE Tag__c IN ${soqlInList(chunk)}`)) {
    ids.push(...page.records.map((r) => r.Id as string));
  }
  tally.count('prospectTagsDeleted', ids.length);
  if (dryRun || ids.length === 0) return;
  const results = await gateway.delete('SW_Prospect_Tag__c', ids);
  const failed = results.filter((r) => !r.success);
  for (const r of failed) tally.fail(ids[r.index], r.errors[0]?.code ?? 'UNKNOWN', `prospect tag not deleted: ${r.errors[0]?.message ?? ''}`);
}

export const TAG_DEFINITIONS: DefinitionKind<Tag> = {
  object: 'SW_Tag__c',
  fields: [...DEFINITION_FIELDS, 'Archived__c'],
  fetch: (deps) => deps.saleswings.listTags(),
  toFields: (tag) => ({ ...common(tag), Archived__c: tag.archived }),
  beforeDelete: deleteProspectTagsOf,
};

export const SCORE_DEFINITIONS: DefinitionKind<Score> = {
  object: 'Score__c',
  fields: DEFINITION_FIELDS,
  fetch: (deps) => deps.saleswings.listScores(),
  toFields: common,
};

export async function alignDefinitions<T extends { id: string }>(deps: ActivityDeps, kind: DefinitionKind<T>, input: StepInput): Promise<StepResult> {
  const { run, options } = input;
  const gateway = deps.salesforce;
  const tally = new StepTally(options.reporting.maxErrorsPerStep);

  const definitions = await kind.fetch(deps);
  tally.examined = definitions.length;
  const existing: ExistingRecord[] = (await gateway.queryAll(`SELECT Id, ${kind.fields.join(', ')} FROM ${kind.object}`)).map((r) => ({
    id: r.Id as string,
    key: r.SW_Id__c as string,
    fields: r as FieldValues,
  }));
  const desired: DesiredRecord[] = definitions.map((d) => ({ key: d.id, fields: kind.toFields(d) }));
  const plan = planAlignment({ existing, desired, deleteMissing: true });
  heartbeat({ planned: { create: plan.create.length, update: plan.update.length, delete: plan.delete.length } });

  // Before anything is written: an outage that returns an empty list must not wipe the table.
  guardDeletion(run, options, { table: kind.object, total: existing.length, toDelete: plan.delete.length, sourceCount: definitions.length });

  if (run.dryRun) {
    tally.created = plan.create.length;
    tally.updated = plan.update.length;
    tally.deleted = plan.delete.length;
    if (kind.beforeDelete && plan.delete.length > 0) await kind.beforeDelete(gateway, plan.delete.map((d) => d.id), tally, true);
    return tally.result();
  }

  const writes = [...plan.create.map((c) => c.fields), ...plan.update.map((u) => ({ ...u.fields, SW_Id__c: u.key }))];
  if (writes.length > 0) {
    const results = await gateway.upsert(kind.object, 'SW_Id__c', writes);
    tally.record(results, 'upserted', (i) => `${kind.object} ${writes[i].SW_Id__c as string}`);
  }
  if (plan.delete.length > 0) {
    const ids = plan.delete.map((d) => d.id);
    await kind.beforeDelete?.(gateway, ids, tally, false);
    tally.record(await gateway.delete(kind.object, ids), 'deleted', (i) => ids[i]);
  }
  return tally.result();
}
