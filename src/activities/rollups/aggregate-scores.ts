/**
 * AggregateScores (runs only with Account Aggregation): every Account gets one `Account_Score__c`
 * per score definition its Contacts have a value for, the value being the MAX (default), SUM or
 * AVG of those values (`studio.scoreAggregation`); account scores no contact has any more are
 * deleted. The Account fields mapped from `score:<id>` are written when they change (a score the
 * account no longer has clears its field).
 *
 * Per page of Accounts: one aggregate query over the contacts' score copies, one for the stored
 * account scores, then the writes. Figures: `examined` = Accounts; details per object.
 */
import { rollupFromAggregates, type ScoreTotals } from '../../sync/rollup-aggregates';
import { ownedMappings, planAccountScoreRows } from '../../sync/rollup-plan';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { loadScoreDefinitions } from '../support/definitions';
import { type StepInput } from '../types';
import { forEachAccountPage } from './account-pages';
import { asExisting, readScoreTotals, readUnderPage, swIdsBySalesforceId } from './rollup-reads';
import { writeAccountFields, writeRows } from './write-rollups';

const ACCOUNT_SCORE = 'Account_Score__c';

export async function aggregateScores(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const { options } = input;
  const gateway = deps.salesforce;
  const definitions = await loadScoreDefinitions(gateway);
  const swIdOf = swIdsBySalesforceId(definitions);
  const mappings = ownedMappings('Account', 'scores', options.fieldMappings.Account);
  const rollupOptions = { scoreFunction: options.studio.scoreAggregation, tagNames: new Map(), scoreNames: definitions };

  const { tally } = await forEachAccountPage(deps, input, { fields: mappings.map((m) => m.target) }, async (page, context) => {
    context.tally.examined += page.ids.length;
    const totals = await readScoreTotals(gateway, page, swIdOf);
    const existing = await readUnderPage(gateway, page, ACCOUNT_SCORE, ['Key__c', 'Name', 'Value__c'], 'Account__c');

    const rollups = page.ids.map((accountId) =>
      rollupFromAggregates({ accountId, scoreTotals: totals.get(accountId) ?? new Map<string, ScoreTotals>() }, rollupOptions),
    );
    context.tally.count('accountsWithScores', rollups.filter((r) => r.scores.length > 0).length);

    const plan = planAccountScoreRows(rollups, definitions, asExisting(existing));
    await writeRows(context, plan, {
      object: ACCOUNT_SCORE,
      parentField: 'Account__c',
      parentById: new Map(existing.map((r) => [r.Id as string, r.Account__c as string])),
      detail: 'accountScores',
    });

    await writeAccountFields(context, page, rollups, mappings);
  });
  return tally.result();
}
