/**
 * The roll-up steps: contacts' tags, scores and temperatures rolled up to their Accounts, and the
 * Account roll-ups copied to Opportunities. Gates (Account Aggregation, the opportunity options)
 * are the workflow's; each activity does its step whenever it is called.
 */
import { type ActivityDeps } from '../deps';
import { type SyncActivities } from '../types';
import { aggregateScores } from './aggregate-scores';
import { aggregateTags } from './aggregate-tags';
import { aggregateTemperature } from './aggregate-temperature';
import { createOpportunityCopies, OPPORTUNITY_SCORES, OPPORTUNITY_TAGS } from './opportunity-copies';

export type RollupActivities = Pick<
  SyncActivities,
  'aggregateTags' | 'aggregateScores' | 'aggregateTemperature' | 'createOpportunityTags' | 'createOpportunityScores'
>;

/** AggregateTags, AggregateScores, AggregateTemperature, CreateOpportunityTags and CreateOpportunityScores. */
export function createRollupActivities(deps: ActivityDeps): RollupActivities {
  return {
    aggregateTags: (input) => aggregateTags(deps, input),
    aggregateScores: (input) => aggregateScores(deps, input),
    aggregateTemperature: (input) => aggregateTemperature(deps, input),
    createOpportunityTags: (input) => createOpportunityCopies(deps, OPPORTUNITY_TAGS, input),
    createOpportunityScores: (input) => createOpportunityCopies(deps, OPPORTUNITY_SCORES, input),
  };
}
