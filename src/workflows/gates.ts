/**
 * Why a step does not run in this configuration (SW Studio Options and Workflow Options), or
 * `undefined` when it runs. The reason is what the report and the Web UI show for a Skipped step.
 */
import { type StepName } from '../config/steps';
import { type SyncOptions } from '../config/sync-options';

export function gateReason(step: StepName, options: SyncOptions): string | undefined {
  const { studio } = options;
  if (!options.steps[step].enabled) return `disabled in Workflow Options (steps.${step}.enabled = false)`;
  switch (step) {
    case 'GetProspectPages':
      return studio.pageVisitSync ? undefined : 'page visit sync is off (studio.pageVisitSync = false, the package default)';
    case 'AggregateTags':
    case 'AggregateScores':
      return studio.accountAggregation ? undefined : 'Account Aggregation is off (studio.accountAggregation = false)';
    case 'CreateOpportunityTags':
      if (!studio.accountAggregation) return 'Account Aggregation is off (studio.accountAggregation = false)';
      return studio.opportunityTags ? undefined : 'Opportunity Tags is off (studio.opportunityTags = false)';
    case 'CreateOpportunityScores':
      if (!studio.accountAggregation) return 'Account Aggregation is off (studio.accountAggregation = false)';
      return studio.opportunityScores ? undefined : 'Opportunity Scores is off (studio.opportunityScores = false)';
    case 'DeleteProspects':
      // The deprecated step never ran when either side matched through platform events.
      return studio.matchLeadsViaEvents || studio.matchContactsViaEvents
        ? 'matching via platform events is on (studio.matchLeadsViaEvents / matchContactsViaEvents)'
        : undefined;
    case 'SendRecordUpdates':
      return studio.disableTriggers ? 'Disable Triggers is on (studio.disableTriggers = true)' : undefined;
    default:
      return undefined;
  }
}
