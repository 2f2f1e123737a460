/**
 * SyncOptions used across workflow tests.
 */
import { type SyncOptionsInput } from '../../src/config/sync-options';
import { STEP_CATALOGUE } from '../../src/config/steps';

/** Emulator counter kinds that write data. */
export const WRITE_KINDS = ['collections-create', 'collections-update', 'collections-upsert', 'collections-delete', 'composite', 'sobject-create', 'sobject-update', 'sobject-upsert', 'sobject-delete', 'bulk-ingest'];

const INGEST_AND_MATCH = new Set(['GetTags', 'GetScores', 'GetProspects', 'GetProspectPages', 'MatchProspectsToLeads', 'MatchProspectsToContacts']);

/** Only the SalesWings → Salesforce ingest and matching steps, plus `extra`. */
export function onlyIngestAndMatch(extra: SyncOptionsInput = {}): SyncOptionsInput {
  const steps: Record<string, { enabled: boolean }> = {};
  for (const step of STEP_CATALOGUE) if (!INGEST_AND_MATCH.has(step.name)) steps[step.name] = { enabled: false };
  return { ...extra, steps: { ...steps, ...(extra.steps as object | undefined) } } as SyncOptionsInput;
}
