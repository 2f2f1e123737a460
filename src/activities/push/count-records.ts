/**
 * CountRecords (deprecated since 2.118, off by default): counts the records of every SalesWings
 * custom object and sends the counts to SalesWings for monitoring (`POST /metrics`, kind
 * `record-counts`). One `SELECT COUNT()` per object — Salesforce has no multi-object count — so
 * the step costs one API call per object (15) and transfers no records.
 */
import { OBJECTS } from '../../salesforce/names';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';

/**
 * The package's custom objects (docs/data-model.md), definitions first. The platform event
 * `SW_Match__e` is not stored, so it has no count; standard objects are not the package's.
 */
export const COUNTED_OBJECTS: readonly string[] = OBJECTS.map((o) => o.object).filter((name) => name.endsWith('__c'));

export async function countRecords(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const gateway = deps.salesforce;
  const tally = new StepTally(input.options.reporting.maxErrorsPerStep);
  const values: Record<string, number> = {};
  for (const object of COUNTED_OBJECTS) {
    const count = await gateway.count(`SELECT COUNT() FROM ${object}`);
    // Keyed by the API name as the org spells it (`saleswings__Prospect__c` under the managed
    // package), as the package reported it.
    values[gateway.namespace.name(object)] = count;
    tally.examined += 1;
    tally.count(object, count);
  }
  if (input.run.dryRun) return tally.result();
  const at = (deps.now ?? (() => new Date()))().toISOString();
  await deps.saleswings.pushMetrics({ kind: 'record-counts', connection: input.run.connection, at, values });
  tally.count('metricsSent');
  return tally.result();
}
