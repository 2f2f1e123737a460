/**
 * AggregateTemperature (seed: not gated by Account Aggregation): each Account's field mapped
 * from `temperature` (`Temperature__c` by default) becomes the median of its Contacts'
 * temperatures — FROZEN < COLD < NORMAL < WARM < HOT, the hotter middle value for an even count,
 * contacts without one ignored, empty when none has one. Only Accounts whose value changes are
 * written. Without an Account mapping for `temperature` there is nothing to write and the step
 * reads nothing.
 *
 * Per page of Accounts: one aggregate query (contacts per Account and temperature), then the
 * updates. Figures: `examined` = Accounts; `updated` = Accounts written.
 */
import { rollupFromAggregates } from '../../sync/rollup-aggregates';
import { contactFieldFor, ownedMappings } from '../../sync/rollup-plan';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';
import { forEachAccountPage } from './account-pages';
import { readTemperatureCounts } from './rollup-reads';
import { writeAccountFields } from './write-rollups';

export async function aggregateTemperature(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const { options } = input;
  const mappings = ownedMappings('Account', 'temperature', options.fieldMappings.Account);
  if (mappings.length === 0) {
    const tally = new StepTally(options.reporting.maxErrorsPerStep);
    tally.count('noTemperatureMapping');
    return tally.result();
  }
  const contactField = contactFieldFor(options.fieldMappings.Contact, 'temperature', 'Temperature__c');
  const rollupOptions = { scoreFunction: options.studio.scoreAggregation, tagNames: new Map(), scoreNames: new Map() };

  const { tally } = await forEachAccountPage(deps, input, { fields: mappings.map((m) => m.target) }, async (page, context) => {
    context.tally.examined += page.ids.length;
    const counts = await readTemperatureCounts(deps.salesforce, page, contactField);
    const rollups = page.ids.map((accountId) => rollupFromAggregates({ accountId, temperatures: counts.get(accountId) ?? [] }, rollupOptions));
    await writeAccountFields(context, page, rollups, mappings);
  });
  return tally.result();
}
