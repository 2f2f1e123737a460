/**
 * The steps after matching: clean-up, roll-ups, orphan deletion, deprecated steps and the
 * Salesforce → SalesWings direction, each group in its own folder.
 */
import { createCleanActivities } from './clean';
import { type ActivityDeps } from './deps';
import { createOrphanActivities } from './orphans';
import { createPushActivities } from './push';
import { createRollupActivities } from './rollups';
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

export function createRemainingStepActivities(deps: ActivityDeps): RemainingSteps {
  return {
    ...createCleanActivities(deps),
    ...createOrphanActivities(deps),
    ...createRollupActivities(deps),
    ...createPushActivities(deps),
  };
}
