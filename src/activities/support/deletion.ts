/**
 * The deletion guard in front of every step that deletes: it refuses (DeletionGuardError, not
 * retried) to remove more than the configured share of a table in one run, or to empty a table
 * because a source returned nothing, unless the run was started with force.
 */
import { type SyncOptions } from '../../config/sync-options';
import { assertDeletionAllowed } from '../../sync/deletion-guard';
import { type ActivityDeps } from '../deps';
import { type RunContext, type StepInput } from '../types';

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

/** Deletions allowed so far in this run, per object (the guard counts the whole run). */
export type DeletionState = Record<string, { total: number; deleted: number }>;

/**
 * The deletion guard over a step that deletes in parts (pages, sides): each part's deletions are
 * checked together with those of the earlier parts against the table's size, counted once (a
 * `COUNT()` call) and only when a part first wants to delete — a run that deletes nothing, or
 * one started with force, costs no call.
 */
export class DeletionBudget {
  constructor(
    private readonly deps: ActivityDeps,
    private readonly input: StepInput,
    private readonly state: DeletionState = {},
  ) {}

  /** @throws DeletionGuardError when the run's deletions on `object` would exceed the guard. */
  async allow(object: string, toDelete: number): Promise<void> {
    if (toDelete <= 0 || this.input.run.force) return;
    let entry = this.state[object];
    if (!entry) {
      entry = { total: await this.deps.salesforce.count(`SELECT COUNT() FROM ${object}`), deleted: 0 };
      this.state[object] = entry;
    }
    guardDeletion(this.input.run, this.input.options, { table: object, total: entry.total, toDelete: entry.deleted + toDelete });
    entry.deleted += toDelete;
  }

  snapshot(): DeletionState {
    return JSON.parse(JSON.stringify(this.state)) as DeletionState;
  }
}
