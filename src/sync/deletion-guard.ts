/**
 * The deletion guard: a step may not delete more than a configured share of a table in one run
 * unless forced. It exists for the failure no per-record check catches — an outage upstream that
 * returns an empty or truncated list, which a naive "delete what is missing" would turn into a
 * wiped table.
 */
import { DeletionGuardError } from '../errors';

export interface DeletionCheck {
  /** Object API name, for the message. */
  readonly table: string;
  /** Rows the table holds now. */
  readonly total: number;
  /** Rows the step wants to delete. */
  readonly toDelete: number;
  /**
   * Size of the source list the deletions were derived from (e.g. tags SalesWings returned).
   * Omit for steps that delete orphans, which have no source list.
   */
  readonly sourceCount?: number;
  /** Largest share of the table one run may delete. Default 0.2. */
  readonly maxShare?: number;
  /** Tables up to this size may lose any share (small tables churn legitimately). Default 100. */
  readonly minTableSize?: number;
  /** Operator override. */
  readonly force?: boolean;
}

export type DeletionVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export const DEFAULT_MAX_DELETE_SHARE = 0.2;
export const DEFAULT_MIN_GUARDED_TABLE_SIZE = 100;

const FORCE_HINT = 'if the deletions are intended, run once with force (`saleswings-sync sync run --force`)';

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Whether the planned deletions may go ahead. */
export function checkDeletion(check: DeletionCheck): DeletionVerdict {
  const { table, total, toDelete } = check;
  const maxShare = check.maxShare ?? DEFAULT_MAX_DELETE_SHARE;
  const minTableSize = check.minTableSize ?? DEFAULT_MIN_GUARDED_TABLE_SIZE;
  if (toDelete <= 0 || check.force) return { allowed: true };

  // An empty source with a non-empty table is an outage signature, whatever the table's size.
  if (check.sourceCount === 0 && total > 0) {
    return {
      allowed: false,
      reason:
        `refusing to delete ${toDelete} of ${total} ${table} records (${percent(toDelete / total)}): ` +
        `the source returned no records while the table is not empty; ${FORCE_HINT}`,
    };
  }

  const share = total > 0 ? toDelete / total : 1;
  if (total > minTableSize && share > maxShare) {
    return {
      allowed: false,
      reason:
        `refusing to delete ${toDelete} of ${total} ${table} records (${percent(share)}, ` +
        `limit ${percent(maxShare)} for tables over ${minTableSize} rows); ${FORCE_HINT}`,
    };
  }
  return { allowed: true };
}

/** @throws DeletionGuardError (code `DELETION_GUARD`) with the verdict's reason when refused. */
export function assertDeletionAllowed(check: DeletionCheck): void {
  const verdict = checkDeletion(check);
  if (!verdict.allowed) throw new DeletionGuardError(verdict.reason, { code: 'DELETION_GUARD' });
}
