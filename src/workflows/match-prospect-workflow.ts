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
import { proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import { type MatchProspectInput, type MatchProspectResult, type SyncActivities } from '../activities/types';
import { NON_RETRYABLE_ERROR_TYPES } from '../errors';

const { matchProspect } = proxyActivities<SyncActivities>({
  // The worker holds a call up to `coalesceWaitMs` to fill a batch, then runs it.
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '2s',
    maximumInterval: '1m',
    maximumAttempts: 10,
    nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
  },
});

export async function matchProspectWorkflow(input: MatchProspectInput): Promise<MatchProspectResult> {
  const objects = input.side === 'Lead' ? 'Leads' : 'Contacts';
  setCurrentDetails(`Matching prospect \`${input.prospectId}\` to ${objects} (run \`${input.run.runId}\`)…`);
  const result = await matchProspect(input);
  const lines = [
    `**${objects}**: ${result.status ?? 'nothing to do'} — attempts ${result.attempts}/${input.settings.maxAttempts}`,
    result.matchedRecordIds.length > 0 ? `Matched: ${result.matchedRecordIds.map((id) => `\`${id}\``).join(', ')}` : 'No matching record.',
    result.error ? `Last error: ${result.error}` : '',
    result.alreadyAttempted ? 'This run had already attempted it; nothing was counted twice.' : '',
  ];
  setCurrentDetails(lines.filter(Boolean).join('\n\n'));
  return result;
}
