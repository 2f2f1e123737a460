/**
 * CreateOpportunityTags / CreateOpportunityScores (Account Aggregation plus the opportunity
 * option): each Opportunity of an Account — all of them, or only open ones with
 * `studio.opportunityScope = 'open'` — gets copies of the Account's tags (`SW_Opportunity_Tag__c`)
 * or scores (`SW_Opportunity_Score__c`), keyed `<Opportunity Id>:<SalesWings id>`; copies the
 * Account no longer has are deleted. The Opportunity field mappings are written too:
 * CreateOpportunityTags the non-score ones (tags, lead score, last visit, temperature),
 * CreateOpportunityScores the `score:<id>` ones.
 *
 * The copies come from the Account's stored roll-up rows (AggregateTags/AggregateScores run
 * before); lead score, last visit and temperature are rolled up from the contacts as the Account
 * steps do, so Opportunity values never depend on the Account field mappings.
 *
 * With the open-only scope, closed Opportunities are left as they are: their copies keep what the
 * Account looked like while the deal was open. Opportunities without an Account are not covered.
 *
 * Only Accounts with (open) Opportunities are paged (a semi-join). Per page: the Opportunities,
 * the account rows, the existing copies and, when mapped, the contact figures — one query each.
 * Figures: `examined` = Opportunities; details carry the Accounts paged and per-object counts.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { type AccountAggregates } from '../../sync/rollup-aggregates';
import {
  accountCopySources,
  ownedMappings,
  contactFieldFor,
  planFieldUpdates,
  planOpportunityCopyRows,
  type OpportunityRecord,
  type StoredAccountScore,
  type StoredAccountTag,
} from '../../sync/rollup-plan';
import { type FieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { loadScoreDefinitions, loadTagDefinitions, type StoredDefinitions } from '../support/definitions';
import { type StepInput } from '../types';
import { forEachAccountPage, type AccountPage } from './account-pages';
import { asExisting, readContactFigures, readTemperatureCounts, readUnderPage, swIdsBySalesforceId } from './rollup-reads';
import { writeFieldUpdates, writeRows } from './write-rollups';

interface CopyKind {
  readonly values: 'tags' | 'scores';
  /** The Opportunity-level copy object. */
  readonly object: 'SW_Opportunity_Tag__c' | 'SW_Opportunity_Score__c';
  readonly copyFields: readonly string[];
  readonly detail: string;
  loadDefinitions(gateway: SalesforceGateway): Promise<StoredDefinitions>;
}

export const OPPORTUNITY_TAGS: CopyKind = {
  values: 'tags',
  object: 'SW_Opportunity_Tag__c',
  copyFields: ['Key__c', 'Name', 'Opportunity__c'],
  detail: 'opportunityTags',
  loadDefinitions: loadTagDefinitions,
};

export const OPPORTUNITY_SCORES: CopyKind = {
  values: 'scores',
  object: 'SW_Opportunity_Score__c',
  copyFields: ['Key__c', 'Name', 'Value__c', 'Opportunity__c'],
  detail: 'opportunityScores',
  loadDefinitions: loadScoreDefinitions,
};

/** The Account's stored tags or scores (by SalesWings id) for the page. */
async function readAccountRows(
  gateway: SalesforceGateway,
  page: AccountPage,
  kind: CopyKind,
  swIdOf: ReadonlyMap<string, string>,
): Promise<{ tags?: StoredAccountTag[]; scores?: StoredAccountScore[] }> {
  if (kind.values === 'tags') {
    const rows = await readUnderPage(gateway, page, 'SW_Account_Tag_Segment_Trigger__c', ['Tag__c', 'Contact_Count__c'], 'Account__c');
    return {
      tags: rows.flatMap((r) => {
        const tagSwId = swIdOf.get(r.Tag__c as string);
        return tagSwId ? [{ accountId: r.Account__c as string, tagSwId, contactCount: Number(r.Contact_Count__c ?? 0) }] : [];
      }),
    };
  }
  const rows = await readUnderPage(gateway, page, 'Account_Score__c', ['Score__c', 'Value__c'], 'Account__c');
  return {
    scores: rows.flatMap((r) => {
      const scoreSwId = swIdOf.get(r.Score__c as string);
      return scoreSwId ? [{ accountId: r.Account__c as string, scoreSwId, value: typeof r.Value__c === 'number' ? r.Value__c : null }] : [];
    }),
  };
}

export async function createOpportunityCopies(deps: ActivityDeps, kind: CopyKind, input: StepInput): Promise<StepResult> {
  const { options } = input;
  const gateway = deps.salesforce;
  const definitions = await kind.loadDefinitions(gateway);
  const swIdOf = swIdsBySalesforceId(definitions);
  const mappings = ownedMappings('Opportunity', kind.values, options.fieldMappings.Opportunity);
  const contactMappings = options.fieldMappings.Contact;
  const mapped = (source: string) => mappings.some((m) => m.source === source);
  const contactFields = {
    leadScore: mapped('leadScore') ? contactFieldFor(contactMappings, 'leadScore', 'Lead_Score__c') : undefined,
    lastVisit: mapped('lastVisitAt') ? contactFieldFor(contactMappings, 'lastVisitAt', 'Last_Visit__c') : undefined,
    temperature: mapped('temperature') ? contactFieldFor(contactMappings, 'temperature', 'Temperature__c') : undefined,
  };
  const rollupOptions = {
    scoreFunction: options.studio.scoreAggregation,
    tagNames: kind.values === 'tags' ? definitions : new Map(),
    scoreNames: kind.values === 'scores' ? definitions : new Map(),
  };
  const openOnly = options.studio.opportunityScope === 'open';
  // Accounts without (open) Opportunities have nothing to copy to: they are not even paged.
  const where = `Id IN (SELECT AccountId FROM Opportunity${openOnly ? ' WHERE IsClosed = false' : ''})`;

  const { tally } = await forEachAccountPage(deps, input, { where }, async (page, context) => {
    context.tally.count('accounts', page.ids.length);
    const opportunityRows = await readUnderPage(
      gateway,
      page,
      'Opportunity',
      mappings.map((m) => m.target),
      'AccountId',
      openOnly ? 'IsClosed = false' : undefined,
    );
    context.tally.examined += opportunityRows.length;
    if (opportunityRows.length === 0) return;
    const opportunities: OpportunityRecord[] = opportunityRows.map((o) => ({ id: o.Id as string, accountId: o.AccountId as string, fields: o as FieldValues }));

    const stored = await readAccountRows(gateway, page, kind, swIdOf);
    const figures = contactFields.leadScore || contactFields.lastVisit ? await readContactFigures(gateway, page, contactFields) : undefined;
    const temperatures = contactFields.temperature ? await readTemperatureCounts(gateway, page, contactFields.temperature) : undefined;
    const contactFigures = new Map<string, Omit<AccountAggregates, 'accountId' | 'tagCounts' | 'scoreTotals'>>(
      page.ids.map((accountId) => [
        accountId,
        {
          ...(contactFields.leadScore ? { leadScore: figures?.get(accountId)?.leadScore ?? null } : {}),
          ...(contactFields.lastVisit ? { lastVisitAt: figures?.get(accountId)?.lastVisitAt ?? null } : {}),
          ...(temperatures ? { temperatures: temperatures.get(accountId) ?? [] } : {}),
        },
      ]),
    );
    const rollups = accountCopySources(page.ids, stored, contactFigures, rollupOptions);

    const existing = await readUnderPage(gateway, page, kind.object, kind.copyFields, 'Opportunity__r.AccountId', openOnly ? 'Opportunity__r.IsClosed = false' : undefined);
    const plan = planOpportunityCopyRows(kind.values, rollups, opportunities, definitions, asExisting(existing));
    await writeRows(context, plan, {
      object: kind.object,
      parentField: 'Opportunity__c',
      parentById: new Map(existing.map((r) => [r.Id as string, r.Opportunity__c as string])),
      detail: kind.detail,
    });

    const accountOf = new Map(opportunities.map((o) => [o.id, o.accountId]));
    const updates = planFieldUpdates(opportunities, (o) => (o.accountId ? rollups.get(o.accountId)?.source : undefined), mappings);
    // Saving an Opportunity locks its Account: one Account's Opportunities go in one request.
    await writeFieldUpdates(context, 'Opportunity', updates, (id) => accountOf.get(id), 'opportunitiesUpdated');
  });
  return tally.result();
}
