/**
 * GetProspectPages (only with page visit sync on): for the prospects GetProspects wrote in this
 * run, their SalesWings activities are aligned as `Page_Prospect__c` (created, updated, orphans
 * deleted). Pages hold far more data than prospects, hence a step of its own: it walks the run's
 * prospects in Id order, 200 at a time (the SalesWings limit per request), heartbeating its
 * position.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { soqlDateTime, soqlInList, soqlString } from '../../salesforce/soql';
import { planAlignment, type ExistingRecord } from '../../sync/align';
import { PAGE_COPY_FIELDS } from '../../sync/match-plan';
import { desiredProspectPages } from '../../sync/prospect-record';
import { type FieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { MAX_ACTIVITY_PROSPECTS } from '../../saleswings/contract';
import { type ActivityDeps } from '../deps';
import { applyAlignment } from '../support/apply-alignment';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';

interface Checkpoint {
  afterId?: string;
  tally: StepResult;
}

const PAGE_FIELDS = ['Id', 'SW_Id__c', ...PAGE_COPY_FIELDS, 'Prospect__c'].join(', ');

export async function getProspectPages(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const gateway = deps.salesforce;
  const resumed = activityInfo().heartbeatDetails as Checkpoint | undefined;
  const tally = StepTally.from(resumed?.tally, input.options.reporting.maxErrorsPerStep);
  const batch = Math.min(input.options.steps.GetProspectPages.batchSize, MAX_ACTIVITY_PROSPECTS);
  // Prospects written by this run's GetProspects carry this run's Last_Synced_At__c.
  const since = soqlDateTime(input.run.startedAt);
  let afterId = resumed?.afterId;

  for (;;) {
    const prospects = await gateway.queryAll(
      `SELECT Id, SW_Id__c FROM Prospect__c WHERE Last_Synced_At__c >= ${since} AND Lifecycle__c = 'Active'` +
        (afterId ? ` AND Id > ${soqlString(afterId)}` : '') +
        ` ORDER BY Id LIMIT ${batch}`,
    );
    if (prospects.length === 0) break;
    const sfIdBySwId = new Map(prospects.map((p) => [p.SW_Id__c as string, p.Id as string]));
    const activities = await deps.saleswings.listActivities([...sfIdBySwId.keys()]);
    const existing: ExistingRecord[] = (
      await gateway.queryAll(`SELECT ${PAGE_FIELDS} FROM Page_Prospect__c WHERE Prospect__c IN ${soqlInList([...sfIdBySwId.values()])}`)
    ).map((r) => ({ id: r.Id as string, key: r.SW_Id__c as string, fields: r as FieldValues }));
    const desired = desiredProspectPages(activities)
      .filter((row) => sfIdBySwId.has(row.refs.prospectSwId))
      .map((row) => ({ key: row.key, fields: { ...row.fields, Prospect__c: sfIdBySwId.get(row.refs.prospectSwId) ?? null } }));
    tally.examined += prospects.length;
    tally.count('activities', activities.length);
    const plan = planAlignment({ existing, desired, deleteMissing: true });
    await applyAlignment(gateway, plan, { object: 'Page_Prospect__c', keyField: 'SW_Id__c', dryRun: input.run.dryRun, tally });
    afterId = prospects[prospects.length - 1].Id as string;
    heartbeat({ afterId, tally: tally.result() } satisfies Checkpoint);
    if (prospects.length < batch) break;
  }
  return tally.result();
}
