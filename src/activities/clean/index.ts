/**
 * `createCleanActivities(deps)`: CleanLeads, CleanContacts and the deprecated DeleteProspects,
 * one implementation (`cleanLinkedRecords`) with two scopes. DeleteProspects (retired in 2.119,
 * succeeded by the clean steps) only knew prospects marked Merged or Deleted, and handled Leads
 * and Contacts in one pass. Its gate (skipped when matching runs through platform events) lives
 * in the workflow.
 */
import { CLEAN_SCOPE, MARKED_ONLY_SCOPE } from '../../sync/clean-plan';
import { type ActivityDeps } from '../deps';
import { type SyncActivities } from '../types';
import { cleanLinkedRecords } from './clean-records';

export type CleanActivities = Pick<SyncActivities, 'cleanLeads' | 'cleanContacts' | 'deleteProspects'>;

export function createCleanActivities(deps: ActivityDeps): CleanActivities {
  return {
    cleanLeads: (input) => cleanLinkedRecords(deps, input, ['Lead'], CLEAN_SCOPE),
    cleanContacts: (input) => cleanLinkedRecords(deps, input, ['Contact'], CLEAN_SCOPE),
    deleteProspects: (input) => cleanLinkedRecords(deps, input, ['Lead', 'Contact'], MARKED_ONLY_SCOPE),
  };
}
