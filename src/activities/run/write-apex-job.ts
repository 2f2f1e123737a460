/**
 * One SW Apex Job record per run, as the package writes when a cycle completes: mode, timings,
 * status and per-step figures (examined, modified, failed, first errors), upserted by the run's
 * workflow id so a retried activity never writes two. Older records are pruned to the configured
 * threshold (SW Studio "Apex Jobs Number Threshold", default 100).
 */
import { type SyncOptions } from '../../config/sync-options';
import { firstErrors, modified, stepFigures, totals, type StepResult, type SyncReport } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { StepTally } from '../support/step-result';

const STATUS_LABEL = { Completed: 'Completed', CompletedWithErrors: 'Completed With Errors', Failed: 'Failed' } as const;
const LONG_TEXT = 131_072;

/** The SW_Apex_Job__c values of a run report. */
export function apexJobFields(report: SyncReport, maxErrors = 50): Record<string, unknown> {
  const sum = totals(report.steps);
  const steps = report.steps.map(stepFigures);
  const errors = firstErrors(report.steps, maxErrors);
  const status = report.status === 'Completed' || report.status === 'CompletedWithErrors' ? STATUS_LABEL[report.status] : 'Failed';
  return {
    Run_Id__c: report.runId,
    Mode__c: report.mode,
    Status__c: status,
    Started_At__c: report.startedAt,
    Finished_At__c: report.finishedAt ?? null,
    Watermark__c: report.since ?? null,
    Examined__c: sum.examined,
    Modified__c: modified(sum),
    Failed__c: sum.failed,
    Steps__c: JSON.stringify(steps).slice(0, LONG_TEXT),
    First_Errors__c: errors.length > 0 ? JSON.stringify(errors).slice(0, LONG_TEXT) : null,
  };
}

export function createWriteApexJob(deps: ActivityDeps) {
  return async function writeApexJob({ report, options }: { report: SyncReport; options: SyncOptions }): Promise<StepResult> {
    const gateway = deps.salesforce;
    const tally = new StepTally();
    tally.examined = 1;
    tally.record(await gateway.upsert('SW_Apex_Job__c', 'Run_Id__c', [apexJobFields(report, options.reporting.maxErrorsPerStep)]), 'upserted');
    // Everything beyond the newest `threshold` records, oldest last in this order.
    const stale = await gateway.queryAll(
      `SELECT Id FROM SW_Apex_Job__c ORDER BY CreatedDate DESC, Id DESC LIMIT 2000 OFFSET ${options.studio.apexJobThreshold}`,
    );
    if (stale.length > 0) {
      const ids = stale.map((r) => r.Id as string);
      tally.record(await gateway.delete('SW_Apex_Job__c', ids), 'deleted', (i) => ids[i]);
    }
    return tally.result();
  };
}
