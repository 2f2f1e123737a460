/**
 * AggregateTags (runs only with Account Aggregation; the gate is the workflow's): every Account
 * gets one `SW_Account_Tag_Segment_Trigger__c` per distinct tag its Contacts carry, with the
 * number of contacts carrying it; account tags no contact carries any more are deleted. The
 * Account fields mapped from `tags`, `lastVisitAt` (latest of the contacts' visits) and
 * `leadScore` (contacts' lead scores by `studio.scoreAggregation`, MAX by default) are written
 * when they change. Leads have no Account and are not rolled up.
 *
 * Per page of Accounts: one aggregate query over the contacts' tag copies, one over the contacts
 * (only when lead score or last visit is mapped), one for the stored account tags, then the
 * writes. Figures: `examined` = Accounts; details per object (`accountTagsCreated`, …,
 * `accountsUpdated`).
 */
import { rollupFromAggregates } from '../../sync/rollup-aggregates';
import { contactFieldFor, ownedMappings, planAccountTagRows } from '../../sync/rollup-plan';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { loadTagDefinitions } from '../support/definitions';
import { type StepInput } from '../types';
import { forEachAccountPage } from './account-pages';
import { asExisting, readContactFigures, readTagCounts, readUnderPage, swIdsBySalesforceId, type ContactFigures } from './rollup-reads';
import { writeAccountFields, writeRows } from './write-rollups';

const ACCOUNT_TAG = 'SW_Account_Tag_Segment_Trigger__c';

export async function aggregateTags(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const { options } = input;
  const gateway = deps.salesforce;
  const definitions = await loadTagDefinitions(gateway);
  const swIdOf = swIdsBySalesforceId(definitions);
  const mappings = ownedMappings('Account', 'tags', options.fieldMappings.Account);
  const contactFields = {
    leadScore: mappings.some((m) => m.source === 'leadScore') ? contactFieldFor(options.fieldMappings.Contact, 'leadScore', 'Lead_Score__c') : undefined,
    lastVisit: mappings.some((m) => m.source === 'lastVisitAt') ? contactFieldFor(options.fieldMappings.Contact, 'lastVisitAt', 'Last_Visit__c') : undefined,
  };
  const rollupOptions = { scoreFunction: options.studio.scoreAggregation, tagNames: definitions, scoreNames: new Map() };

  const { tally } = await forEachAccountPage(deps, input, { fields: mappings.map((m) => m.target) }, async (page, context) => {
    context.tally.examined += page.ids.length;
    const tagCounts = await readTagCounts(gateway, page, swIdOf);
    const figures =
      contactFields.leadScore || contactFields.lastVisit ? await readContactFigures(gateway, page, contactFields) : new Map<string, ContactFigures>();
    const existing = await readUnderPage(gateway, page, ACCOUNT_TAG, ['Key__c', 'Name', 'Contact_Count__c'], 'Account__c');

    const rollups = page.ids.map((accountId) => {
      const contacts = figures.get(accountId);
      return rollupFromAggregates(
        {
          accountId,
          tagCounts: tagCounts.get(accountId) ?? new Map<string, number>(),
          ...(contactFields.leadScore ? { leadScore: contacts?.leadScore ?? null } : {}),
          ...(contactFields.lastVisit ? { lastVisitAt: contacts?.lastVisitAt ?? null } : {}),
          contactCount: contacts?.contactCount ?? 0,
        },
        rollupOptions,
      );
    });
    context.tally.count('accountsWithTags', rollups.filter((r) => r.tags.length > 0).length);

    const plan = planAccountTagRows(rollups, definitions, asExisting(existing));
    await writeRows(context, plan, {
      object: ACCOUNT_TAG,
      parentField: 'Account__c',
      parentById: new Map(existing.map((r) => [r.Id as string, r.Account__c as string])),
      detail: 'accountTags',
    });

    await writeAccountFields(context, page, rollups, mappings);
  });
  return tally.result();
}
