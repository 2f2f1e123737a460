/**
 * One prospect, one side (Leads or Contacts), one attempt: the unit an operator looks at when
 * asking "why did this lead not update?". The workflow id is `saleswings-match-<connection>-
 * <prospectId>` for every run and side, so the Web UI lists the prospect's attempts together.
 *
 * The durable retry counter lives on the prospect record (Lead/Contact Sync Attempts, reset when
 * the prospect changes in SalesWings); this workflow's input and result record the attempt and
 * the counter after it. The Salesforce reads and writes of concurrent match workflows are
 * coalesced by the worker into collection calls (src/activities/match/batcher.ts), so a prospect
 * does not cost its own API calls.
 */
import { patched, proxyActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { type MatchProspectInput, type MatchProspectResult, type SyncActivities } from '../activities/types';
import { toActivityOptions } from './activity-options';
import { MatchStatusKey } from './search-attributes';

export async function matchProspectWorkflow(input: MatchProspectInput): Promise<MatchProspectResult> {
  const objects = input.side === 'Lead' ? 'Leads' : 'Contacts';
  setCurrentDetails(`Matching prospect \`${input.prospectId}\` to ${objects} (run \`${input.run.runId}\`)…`);
  // The match step's own Workflow Options; the activity heartbeats while it waits for its batch.
  const { matchProspect } = proxyActivities<SyncActivities>(toActivityOptions(input.stepOptions, `Match ${input.prospectId} to ${objects}`));
  const result = await matchProspect(input);
  const lines = [
    `**${objects}**: ${result.status ?? 'nothing to do'} — attempt ${result.attempts} of ${input.settings.maxAttempts}`,
    result.error ? `Last error: ${result.error}` : '',
    result.matchedRecordIds.length > 0 ? `Matched: ${result.matchedRecordIds.map((id) => `\`${id}\``).join(', ')}` : 'No matching record.',
    result.alreadyAttempted ? 'This run had already attempted it; nothing was counted twice.' : '',
    // The Web UI may clip the last line: keep a hint there, never the outcome.
    `_Run \`${input.run.runId}\`._`,
  ];
  setCurrentDetails(lines.filter(Boolean).join('\n\n'));
  if (patched('match-status-attribute')) {
    // Searchable outcome: `MatchStatus = "Failed"` finds the prospects whose records reject updates.
    upsertSearchAttributes([{ key: MatchStatusKey, value: result.status ?? 'None' }]);
  }
  return result;
}
