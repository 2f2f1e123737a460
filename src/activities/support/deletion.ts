/**
 * The deletion guard in front of every step that deletes: it refuses (DeletionGuardError, not
 * retried) to remove more than the configured share of a table in one run, or to empty a table
 * because a source returned nothing, unless the run was started with force.
 */
import { type SyncOptions } from '../../config/sync-options';
import { assertDeletionAllowed } from '../../sync/deletion-guard';
import { type RunContext } from '../types';

export function guardDeletion(
  run: RunContext,
  options: SyncOptions,
  check: { table: string; total: number; toDelete: number; sourceCount?: number },
): void {
  assertDeletionAllowed({
    ...check,
    maxShare: options.deletionGuard.maxShare,
    minTableSize: options.deletionGuard.minTableSize,
    force: run.force,
  });
}
