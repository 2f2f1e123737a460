/**
 * The first activity of a run: the SyncOptions it will use (read now, so edits to the options
 * file apply from the next run, and recorded in the run's history), checked against the org.
 * Field mappings and the package's own fields are checked with describe once per worker process
 * and configuration, listing every problem at once (non-retryable ConfigError).
 */
import { type SyncOptions } from '../../config/sync-options';
import { ConfigError, type ConfigProblem } from '../../errors';
import { type ActivityDeps } from '../deps';
import { type PrepareRunInput, type PrepareRunResult } from '../types';

/** Fields every run relies on; a missing one means the package (or namespace) is wrong. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  Prospect__c: ['SW_Id__c', 'Sync_Status__c', 'Lead_Sync_Attempts__c', 'Contact_Sync_Attempts__c', 'Lead_Sync_Run__c', 'Contact_Sync_Run__c'],
  Lead: ['Prospect_Id__c', 'SW_Sync_Fingerprint__c'],
  Contact: ['Prospect_Id__c', 'SW_Sync_Fingerprint__c'],
};

const PROBLEM_TEXT = {
  missing: 'no such field, or the integration user cannot see it (field-level security)',
  'not-updateable': 'the integration user cannot edit this field',
  'not-createable': 'the integration user cannot set this field on new records',
} as const;

function fieldsToCheck(options: SyncOptions): Record<string, string[]> {
  const fields: Record<string, Set<string>> = {};
  const add = (object: string, names: readonly string[]) => {
    fields[object] ??= new Set();
    for (const n of names) fields[object].add(n);
  };
  for (const [object, names] of Object.entries(REQUIRED_FIELDS)) add(object, names);
  add('Lead', options.fieldMappings.Lead.map((m) => m.target));
  add('Contact', options.fieldMappings.Contact.map((m) => m.target));
  add('Account', options.fieldMappings.Account.map((m) => m.target));
  if (options.studio.opportunityTags || options.studio.opportunityScores) add('Opportunity', options.fieldMappings.Opportunity.map((m) => m.target));
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [...v]]));
}

export function createPrepareRun(deps: ActivityDeps) {
  const checked = new Set<string>();
  return async function prepareRun(_input: PrepareRunInput): Promise<PrepareRunResult> {
    const options = deps.syncOptions();
    const toCheck = fieldsToCheck(options);
    const key = JSON.stringify(toCheck);
    if (!checked.has(key)) {
      const problems: ConfigProblem[] = [];
      for (const [object, names] of Object.entries(toCheck)) {
        for (const problem of await deps.salesforce.checkFields(object, names)) {
          problems.push({ path: `${object}.${problem.field}`, message: PROBLEM_TEXT[problem.problem] });
        }
      }
      if (problems.length > 0) {
        throw new ConfigError('The org does not have the fields this configuration writes (check SALESFORCE_NAMESPACE and the field mappings):', problems);
      }
      checked.add(key);
    }
    return { options };
  };
}
