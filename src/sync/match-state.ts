/**
 * The per-side match state of a prospect (Lead side, Contact side) as data: explicit statuses,
 * the outcomes that move them, and the transitions that are allowed.
 *
 * Seed rule: a successful update counts an attempt and ends the side; a failed one counts an
 * attempt and leaves the prospect Not Processed so the next run tries again, until 30 attempts
 * are spent. Only GetProspects resets a side (when the prospect changes in SalesWings).
 */
import { ValidationError } from '../errors';
import type { Lifecycle } from '../saleswings/contract';
import { truncateText, type FieldValues, type ReadonlyFieldValues } from './values';

export const SIDE_STATUSES = ['Pending', 'Matched', 'No Match', 'Failed', 'Gave Up'] as const;
/** Picklist values of `Lead_Sync_Status__c` / `Contact_Sync_Status__c`. */
export type SideStatus = (typeof SIDE_STATUSES)[number];

export interface SideState {
  /** null: the side is not in play (the prospect is Merged or Deleted). */
  readonly status: SideStatus | null;
  readonly attempts: number;
  /** Last failure as `CODE: message (record id)`. */
  readonly error: string | null;
}

/** Seed: "till the Processed Attempts field reaches the value of 30". */
export const DEFAULT_MAX_ATTEMPTS = 30;

/** `Sync_Status__c` values. */
export type SyncStatus = 'Not Processed' | 'Processed';

export type MatchOutcome =
  /** The Lead/Contact update succeeded. */
  | { readonly kind: 'matched' }
  /** No Lead/Contact carries the prospect's email: nothing was attempted. */
  | { readonly kind: 'no-match' }
  /** The update failed (validation rule, lock, …). */
  | { readonly kind: 'failed'; readonly error: string }
  /** Platform-event mode: the update was handed to the org-side subscriber. */
  | { readonly kind: 'published' };

/** What the org-side event subscriber reports back (the publisher already counted the attempt). */
export type EventReport = { readonly kind: 'matched' } | { readonly kind: 'failed'; readonly error: string };

type From = SideStatus | 'none';

/**
 * Every legal status change. Outcomes only apply to a side that still needs an attempt
 * (Pending, Failed); Matched, No Match and Gave Up are final until GetProspects resets the side,
 * and a reset to Pending (or to none, for a prospect that stopped being Active) is legal from
 * anywhere.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<From, readonly (SideStatus | 'none')[]>> = {
  none: ['Pending', 'none'],
  Pending: ['Pending', 'Matched', 'No Match', 'Failed', 'Gave Up', 'none'],
  Failed: ['Pending', 'Matched', 'No Match', 'Failed', 'Gave Up', 'none'],
  Matched: ['Pending', 'none'],
  'No Match': ['Pending', 'none'],
  'Gave Up': ['Pending', 'none'],
};

/** Whether a side may move from one status to another. */
export function isAllowedTransition(from: SideStatus | null, to: SideStatus | null): boolean {
  return ALLOWED_TRANSITIONS[from ?? 'none'].includes(to ?? 'none');
}

/**
 * @throws ValidationError (`ILLEGAL_TRANSITION`) when the change is not in the table: an outcome
 * applied to a side that was already settled is a bug upstream, never silently absorbed.
 */
export function assertTransition(from: SideStatus | null, to: SideStatus | null): void {
  if (!isAllowedTransition(from, to)) {
    throw new ValidationError(`illegal match-state transition ${from ?? 'none'} → ${to ?? 'none'}`, {
      code: 'ILLEGAL_TRANSITION',
    });
  }
}

/** The state GetProspects (re)sets: Active prospects wait for matching, others are out of play. */
export function initialSide(lifecycle: Lifecycle): SideState {
  return { status: lifecycle === 'Active' ? 'Pending' : null, attempts: 0, error: null };
}

/** Whether the side should be tried in this run: Pending or Failed, with attempts left. */
export function needsAttempt(side: SideState, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): boolean {
  return (side.status === 'Pending' || side.status === 'Failed') && side.attempts < maxAttempts;
}

function move(side: SideState, next: SideState): SideState {
  assertTransition(side.status, next.status);
  return next;
}

/** The side after one match attempt's outcome. */
export function applyOutcome(side: SideState, outcome: MatchOutcome, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): SideState {
  switch (outcome.kind) {
    case 'matched':
      return move(side, { status: 'Matched', attempts: side.attempts + 1, error: null });
    case 'no-match':
      // Nothing was written, so no attempt is spent; a later email change re-ingests the prospect.
      return move(side, { status: 'No Match', attempts: side.attempts, error: null });
    case 'failed': {
      const attempts = side.attempts + 1;
      return move(side, { status: attempts >= maxAttempts ? 'Gave Up' : 'Failed', attempts, error: outcome.error });
    }
    case 'published':
      // The subscriber in the org reports the verdict; until then the side stays Pending.
      return move(side, { status: 'Pending', attempts: side.attempts + 1, error: side.error });
  }
}

/** The side after the event subscriber's verdict (attempts already counted at publish time). */
export function applyEventReport(side: SideState, report: EventReport, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): SideState {
  if (report.kind === 'matched') return move(side, { status: 'Matched', attempts: side.attempts, error: null });
  const status = side.attempts >= maxAttempts ? 'Gave Up' : 'Failed';
  return move(side, { status, attempts: side.attempts, error: report.error });
}

/**
 * A Failed side with no attempts left is Gave Up. Repairs state written by an older subscriber
 * or a lowered cap, so such a prospect does not stay Not Processed forever.
 */
export function settleSide(side: SideState, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): SideState {
  return side.status === 'Failed' && side.attempts >= maxAttempts ? { ...side, status: 'Gave Up' } : side;
}

/** `Processed` once neither side is Pending nor Failed; `Not Processed` otherwise. */
export function overallStatus(lead: SideState, contact: SideState): SyncStatus {
  const open = (s: SideState): boolean => s.status === 'Pending' || s.status === 'Failed';
  return open(lead) || open(contact) ? 'Not Processed' : 'Processed';
}

/** `*_Sync_Error__c` is LongTextArea(32768). */
export const MAX_ERROR_LENGTH = 32_768;

/** An error as kept on the prospect: `CODE: message (record id)`. */
export function formatRecordError(code: string, message: string, recordId: string | null | undefined): string {
  const base = `${code || 'UNKNOWN'}: ${message.trim()}`;
  const text = recordId ? `${base} (${recordId})` : base;
  return truncateText(text, MAX_ERROR_LENGTH);
}

export type Side = 'Lead' | 'Contact';

/** API names of one side's fields on `Prospect__c`. */
export const SIDE_FIELDS: Readonly<Record<Side, { status: string; attempts: string; error: string }>> = {
  Lead: { status: 'Lead_Sync_Status__c', attempts: 'Lead_Sync_Attempts__c', error: 'Lead_Sync_Error__c' },
  Contact: { status: 'Contact_Sync_Status__c', attempts: 'Contact_Sync_Attempts__c', error: 'Contact_Sync_Error__c' },
};

/** Read one side from a `Prospect__c` record; unknown statuses and missing counters read as none/0. */
export function readSide(record: ReadonlyFieldValues, side: Side): SideState {
  const f = SIDE_FIELDS[side];
  const status = record[f.status];
  const attempts = record[f.attempts];
  const error = record[f.error];
  return {
    status: typeof status === 'string' && (SIDE_STATUSES as readonly string[]).includes(status) ? (status as SideStatus) : null,
    attempts: typeof attempts === 'number' && Number.isFinite(attempts) ? attempts : Number(attempts ?? 0) || 0,
    error: typeof error === 'string' && error !== '' ? error : null,
  };
}

/** One side as `Prospect__c` field values. */
export function sideFields(side: Side, state: SideState): FieldValues {
  const f = SIDE_FIELDS[side];
  return { [f.status]: state.status, [f.attempts]: state.attempts, [f.error]: state.error };
}

/** Both sides plus the `Sync_Status__c` derived from them, ready to write on the prospect. */
export function prospectStateFields(lead: SideState, contact: SideState): FieldValues {
  return { ...sideFields('Lead', lead), ...sideFields('Contact', contact), Sync_Status__c: overallStatus(lead, contact) };
}
