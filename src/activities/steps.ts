/**
 * The steps after matching: clean-up, roll-ups, orphan deletion, deprecated steps and the
 * Salesforce → SalesWings direction, each group in its own folder.
 */
import { type ActivityDeps } from './deps';
import { type SyncActivities } from './types';

type RemainingSteps = Pick<
  SyncActivities,
  | 'cleanLeads'
  | 'cleanContacts'
  | 'deleteProspects'
  | 'aggregateTags'
  | 'aggregateScores'
  | 'aggregateTemperature'
  | 'createOpportunityTags'
  | 'createOpportunityScores'
  | 'deleteProspectScores'
  | 'deleteProspectPages'
  | 'deleteRecordPages'
  | 'deleteContactPages'
  | 'deletePages'
  | 'countRecords'
  | 'sendRecordUpdates'
>;

export function createRemainingStepActivities(_deps: ActivityDeps): RemainingSteps {
  return {} as RemainingSteps;
}
