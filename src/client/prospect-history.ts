/**
 * A prospect's match workflow in Temporal: its id (`saleswings-match-<connection>-<prospectId>`,
 * reused by every run and both sides, so its list of runs is the prospect's match history), the
 * Web UI link, and its latest runs from visibility (search attribute `ProspectId`) with each
 * run's outcome.
 */
import { type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import { type MatchProspectResult } from '../activities/types';
import { matchProspectWorkflowId } from '../workflows/ids';
import { describeProblem, listExecutions, mapLimit, visibilityString } from './visibility';

export const DEFAULT_UI_URL = 'http://localhost:8233';

/** How many of the match workflow's runs `prospect` shows. */
export const MATCH_RUNS_SHOWN = 5;

/** `<ui>/namespaces/<ns>/workflows/<id>`: the Web UI page listing the workflow's runs. */
export function workflowUrl(uiBase: string, namespace: string, workflowId: string): string {
  return `${uiBase.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export interface MatchRun {
  runId: string;
  executionStatus: WorkflowExecutionStatusName;
  startedAt: string;
  closedAt: string | null;
  url: string;
  side: 'Lead' | 'Contact' | null;
  /** Side status after the attempt (Matched, No Match, Failed, Gave Up, Pending), or null when nothing was left to do. */
  outcome: string | null;
  attempts: number | null;
  error: string | null;
  matchedRecordIds: string[];
  problem?: string;
}

export interface MatchHistory {
  workflowId: string;
  url: string;
  runs: MatchRun[];
  /** Why the history could not be read (Temporal unreachable, …). */
  problem?: string;
}

/** Visibility filter for a prospect's match workflow runs. */
export function matchRunsQuery(connection: string, prospectId: string): string {
  return `ProspectId = ${visibilityString(prospectId)} AND SyncConnection = ${visibilityString(connection)}`;
}

/** The latest runs of the prospect's match workflow, newest first, with their outcomes. */
export async function matchHistory(
  client: Client,
  options: { connection: string; prospectId: string; namespace: string; uiBase: string; limit?: number },
): Promise<MatchHistory> {
  const workflowId = matchProspectWorkflowId(options.connection, options.prospectId);
  const url = workflowUrl(options.uiBase, options.namespace, workflowId);
  const infos = await listExecutions(client, matchRunsQuery(options.connection, options.prospectId), options.limit ?? MATCH_RUNS_SHOWN);
  infos.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
  const runs = await mapLimit(infos, 5, async (info): Promise<MatchRun> => {
    const run: MatchRun = {
      runId: info.runId,
      executionStatus: info.status.name,
      startedAt: info.startTime.toISOString(),
      closedAt: info.closeTime?.toISOString() ?? null,
      url: `${url}/${encodeURIComponent(info.runId)}/history`,
      side: null,
      outcome: null,
      attempts: null,
      error: null,
      matchedRecordIds: [],
    };
    if (info.status.name !== 'COMPLETED') return run;
    try {
      const result = (await client.workflow.getHandle(info.workflowId, info.runId, { followRuns: false }).result()) as MatchProspectResult;
      return { ...run, side: result.side, outcome: result.status, attempts: result.attempts, error: result.error ?? null, matchedRecordIds: result.matchedRecordIds };
    } catch (error) {
      return { ...run, problem: describeProblem(error) };
    }
  });
  return { workflowId, url, runs };
}
