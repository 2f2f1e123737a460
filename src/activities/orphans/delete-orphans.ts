/**
 * The orphan-deletion steps (DeleteProspectScores, DeleteProspectPages, DeleteRecordPages and the
 * deprecated DeleteContactPages / DeletePages): rows whose parent is gone are deleted, one rule
 * per step (src/sync/orphan-rules.ts).
 *
 * Salesforce filters the orphans; the worker walks them in Id order, a page at a time (keyset
 * `Id > last`, so rows that fail to delete are not read again), deletes each page and heartbeats
 * its position. The first page's `totalSize` is the number of orphans, which with one `COUNT()`
 * of the table feeds the deletion guard before anything is deleted. When there are no orphans
 * the step costs a single query.
 *
 * Figures: `examined` = orphan rows read, `deleted` = rows deleted; details carry the orphans
 * found, the table size and, for prospect scores, the Lead/Contact copies that went with them.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { type SalesforceGateway } from '../../salesforce/gateway';
import { type QueryPage } from '../../salesforce/reader';
import { soqlString } from '../../salesforce/soql';
import { type OrphanRule } from '../../sync/orphan-rules';
import { type ReadonlyFieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { guardDeletion } from '../support/deletion';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';

/** Heartbeat details: where to resume, and whether the guard already allowed this run's deletions. */
export interface OrphanCheckpoint {
  afterId?: string;
  guarded: boolean;
  tally: StepResult;
}

type Row = ReadonlyFieldValues & { Id: string };

function orphanQuery(rule: OrphanRule, afterId: string | undefined): string {
  const cascade = rule.cascade ? `, (SELECT Id FROM ${rule.cascade.relationship})` : '';
  const after = afterId ? ` AND Id > ${soqlString(afterId)}` : '';
  return `SELECT ${rule.fields.join(', ')}${cascade} FROM ${rule.object} WHERE (${rule.condition})${after} ORDER BY Id`;
}

/** The first page of a query only: the next page is a fresh keyset query after the deletes. */
async function firstPage(gateway: SalesforceGateway, soql: string, batchSize: number): Promise<QueryPage<Record<string, unknown>>> {
  const pages = gateway.queryPages<Record<string, unknown>>(soql, { batchSize });
  try {
    const next = await pages.next();
    return next.done ? { records: [], totalSize: 0, done: true } : next.value;
  } finally {
    await pages.return(undefined);
  }
}

/** Children Salesforce deletes with a row (the cascade sub-query's size). */
function cascadeSize(row: Record<string, unknown>, rule: OrphanRule): number {
  if (!rule.cascade) return 0;
  const children = row[rule.cascade.relationship] as { totalSize?: number; records?: unknown[] } | null | undefined;
  return children?.totalSize ?? children?.records?.length ?? 0;
}

export async function deleteOrphans(deps: ActivityDeps, rule: OrphanRule, input: StepInput): Promise<StepResult> {
  const { run, options } = input;
  const gateway = deps.salesforce;
  const resumed = activityInfo().heartbeatDetails as OrphanCheckpoint | undefined;
  const tally = StepTally.from(resumed?.tally, options.reporting.maxErrorsPerStep);
  let afterId = resumed?.afterId;
  let guarded = resumed?.guarded ?? false;

  for (;;) {
    const page = await firstPage(gateway, orphanQuery(rule, afterId), options.salesforce.queryBatchSize);
    if (!guarded) {
      // Nothing to delete: the step ends on its one query, without counting the table.
      if (page.totalSize === 0 || page.records.length === 0) break;
      const total = await gateway.count(`SELECT COUNT() FROM ${rule.object}`);
      tally.count('orphansFound', page.totalSize);
      tally.count('tableSize', total);
      guardDeletion(run, options, { table: rule.object, total, toDelete: page.totalSize });
      guarded = true;
    }
    const rows = page.records as Row[];
    if (rows.length === 0) break;
    tally.examined += rows.length;
    const orphans = rows.filter((row) => rule.isOrphan(row));

    if (run.dryRun) {
      tally.deleted += orphans.length;
      tally.count(rule.detail, orphans.length);
      if (rule.cascade) tally.count(rule.cascade.detail, orphans.reduce((n, row) => n + cascadeSize(row, rule), 0));
    } else if (orphans.length > 0) {
      const ids = orphans.map((row) => row.Id);
      const { lockKey } = rule;
      const results = await gateway.delete(rule.object, ids, lockKey ? { groupBy: (_record, i) => lockKey(orphans[i]) } : {});
      tally.record(results, 'deleted', (i) => ids[i]);
      const gone = results.filter((r) => r.success).map((r) => orphans[r.index]);
      tally.count(rule.detail, gone.length);
      if (rule.cascade) tally.count(rule.cascade.detail, gone.reduce((n, row) => n + cascadeSize(row, rule), 0));
    }

    afterId = rows[rows.length - 1].Id;
    heartbeat({ afterId, guarded, tally: tally.result() } satisfies OrphanCheckpoint);
    if (page.done) break;
  }
  return tally.result();
}
