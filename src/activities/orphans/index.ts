/**
 * `createOrphanActivities(deps)`: the orphan-deletion steps. Each is one rule of
 * src/sync/orphan-rules.ts run by `deleteOrphans`; the deprecated DeleteContactPages is the
 * pre-2.119 name of DeleteRecordPages and applies the same rule.
 */
import { LEGACY_PAGE_ORPHANS, PROSPECT_PAGE_ORPHANS, PROSPECT_SCORE_ORPHANS, RECORD_PAGE_ORPHANS } from '../../sync/orphan-rules';
import { type ActivityDeps } from '../deps';
import { type SyncActivities } from '../types';
import { deleteOrphans } from './delete-orphans';

export type OrphanActivities = Pick<SyncActivities, 'deleteProspectScores' | 'deleteProspectPages' | 'deleteRecordPages' | 'deleteContactPages' | 'deletePages'>;

export function createOrphanActivities(deps: ActivityDeps): OrphanActivities {
  return {
    deleteProspectScores: (input) => deleteOrphans(deps, PROSPECT_SCORE_ORPHANS, input),
    deleteProspectPages: (input) => deleteOrphans(deps, PROSPECT_PAGE_ORPHANS, input),
    deleteRecordPages: (input) => deleteOrphans(deps, RECORD_PAGE_ORPHANS, input),
    deleteContactPages: (input) => deleteOrphans(deps, RECORD_PAGE_ORPHANS, input),
    deletePages: (input) => deleteOrphans(deps, LEGACY_PAGE_ORPHANS, input),
  };
}
