/**
 * The catalogue of sync steps in their canonical order (the seed's table, with the deprecated
 * steps placed where they ran before they were retired). Pure data: workflows import it.
 */

export const ACTIVE_STEPS = [
  'GetTags',
  'GetScores',
  'GetProspects',
  'GetProspectPages',
  'MatchProspectsToLeads',
  'MatchProspectsToContacts',
  'CleanLeads',
  'CleanContacts',
  'AggregateTags',
  'AggregateScores',
  'AggregateTemperature',
  'CreateOpportunityTags',
  'CreateOpportunityScores',
  'DeleteProspectScores',
  'DeleteProspectPages',
  'DeleteRecordPages',
] as const;

export const DEPRECATED_STEPS = ['MatchProspects', 'DeleteProspects', 'DeleteContactPages', 'DeletePages', 'CountRecords'] as const;

/** Salesforce → SalesWings: matched Leads/Contacts whose tracked fields changed. */
export const PUSH_STEP = 'SendRecordUpdates' as const;

export type ActiveStepName = (typeof ACTIVE_STEPS)[number];
export type DeprecatedStepName = (typeof DEPRECATED_STEPS)[number];
export type StepName = ActiveStepName | DeprecatedStepName | typeof PUSH_STEP;

export interface StepInfo {
  name: StepName;
  /** SalesWings package version that introduced (or, for deprecated steps, retired) it. */
  since: string;
  deprecated: boolean;
  /** One line for reports, the Web UI and `--help`. */
  summary: string;
}

/** Every step in execution order. */
export const STEP_CATALOGUE: readonly StepInfo[] = [
  { name: 'GetTags', since: '2.62', deprecated: false, summary: 'Upsert SalesWings tag definitions as SW_Tag__c and delete the rest' },
  { name: 'GetScores', since: '2.62', deprecated: false, summary: 'Upsert SalesWings score definitions as Score__c and delete the rest' },
  { name: 'GetProspects', since: '2.62', deprecated: false, summary: 'Upsert changed prospects with their tags and scores; reset sync status and attempts' },
  { name: 'GetProspectPages', since: '2.119', deprecated: false, summary: "Align the synced prospects' activities as Page_Prospect__c" },
  { name: 'MatchProspectsToLeads', since: '2.103', deprecated: false, summary: 'Match Not Processed prospects to unconverted Leads by email and update them' },
  { name: 'MatchProspectsToContacts', since: '2.103', deprecated: false, summary: 'Match Not Processed prospects to Contacts by email and update them' },
  { name: 'MatchProspects', since: '2.103', deprecated: true, summary: 'Deprecated: match prospects to Leads and Contacts in one pass' },
  { name: 'CleanLeads', since: '2.90', deprecated: false, summary: 'Disconnect unconverted Leads from merged, deleted or missing prospects' },
  { name: 'CleanContacts', since: '2.90', deprecated: false, summary: 'Disconnect Contacts from merged, deleted or missing prospects' },
  { name: 'DeleteProspects', since: '2.119', deprecated: true, summary: 'Deprecated: remove prospect data from Leads/Contacts of merged or deleted prospects' },
  { name: 'AggregateTags', since: '2.62', deprecated: false, summary: "Roll contacts' tags up to their Accounts" },
  { name: 'AggregateScores', since: '2.62', deprecated: false, summary: "Roll contacts' scores up to their Accounts" },
  { name: 'AggregateTemperature', since: '2.80', deprecated: false, summary: "Set each Account's temperature to the median of its contacts'" },
  { name: 'CreateOpportunityTags', since: '2.71', deprecated: false, summary: "Copy each Account's tags to its Opportunities" },
  { name: 'CreateOpportunityScores', since: '2.71', deprecated: false, summary: "Copy each Account's scores to its Opportunities" },
  { name: 'DeleteProspectScores', since: '2.62', deprecated: false, summary: 'Delete orphaned prospect scores' },
  { name: 'DeleteProspectPages', since: '2.62', deprecated: false, summary: 'Delete orphaned prospect pages' },
  { name: 'DeleteRecordPages', since: '2.119', deprecated: false, summary: 'Delete orphaned Lead/Contact pages' },
  { name: 'DeleteContactPages', since: '2.119', deprecated: true, summary: 'Deprecated: delete orphaned Contact/Lead pages' },
  { name: 'DeletePages', since: '2.119', deprecated: true, summary: 'Deprecated: delete orphaned legacy Page__c records' },
  { name: 'CountRecords', since: '2.118', deprecated: true, summary: 'Deprecated: send record counts per SalesWings object to SalesWings' },
  { name: PUSH_STEP, since: '2.62', deprecated: false, summary: 'Send changed matched Leads/Contacts to SalesWings' },
];

export const STEP_NAMES: readonly StepName[] = STEP_CATALOGUE.map((s) => s.name);

export function stepInfo(name: StepName): StepInfo {
  const info = STEP_CATALOGUE.find((s) => s.name === name);
  if (!info) throw new Error(`Unknown step ${name}`);
  return info;
}
