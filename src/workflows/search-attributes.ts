/**
 * Custom search attributes: indexed, filterable columns in the Temporal Web UI and CLI.
 * Values are stored unencrypted by Temporal, so they carry ids, modes and counts, never
 * PII such as emails or names. Every key is registered on the dev server (src/dev) and in
 * the compose setup (docker/) before workers start.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Which Salesforce org / SalesWings account the workflow serves (`default` by default). */
export const SyncConnectionKey = defineSearchAttributeKey('SyncConnection', SearchAttributeType.KEYWORD);
/** `Full` or `Incremental`. */
export const SyncModeKey = defineSearchAttributeKey('SyncMode', SearchAttributeType.KEYWORD);
/** The step a sync run is executing (last step once finished). */
export const SyncStepKey = defineSearchAttributeKey('SyncStep', SearchAttributeType.KEYWORD);
/** `Running`, `Completed`, `CompletedWithErrors` or `Failed`. */
export const SyncOutcomeKey = defineSearchAttributeKey('SyncOutcome', SearchAttributeType.KEYWORD);
/** Records that failed in the run (validation rules, locks, …). */
export const SyncFailedRecordsKey = defineSearchAttributeKey('SyncFailedRecords', SearchAttributeType.INT);
/** SalesWings prospect id, on per-prospect match workflows. */
export const ProspectIdKey = defineSearchAttributeKey('ProspectId', SearchAttributeType.KEYWORD);
/** Outcome of a match workflow's attempt: Matched, No Match, Failed, Gave Up, Pending, None. */
export const MatchStatusKey = defineSearchAttributeKey('MatchStatus', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [
  SyncConnectionKey,
  SyncModeKey,
  SyncStepKey,
  SyncOutcomeKey,
  SyncFailedRecordsKey,
  ProspectIdKey,
  MatchStatusKey,
] as const;
