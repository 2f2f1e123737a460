/**
 * Temporal visibility queries of the CLI: list filters built from values an operator typed
 * (escaped, so a quote in a prospect id cannot change the filter), a bounded listing, and
 * queries and history reads under a deadline — a query waits for a worker, and a CLI must answer
 * "no worker is answering" rather than hang.
 */
import { type Client, type WorkflowExecutionInfo } from '@temporalio/client';

/** A quoted string literal for a visibility list filter. */
export function visibilityString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Every execution matching `query`, in the server's order (most recently closed first), at most `limit`. */
export async function listExecutions(client: Client, query: string, limit: number): Promise<WorkflowExecutionInfo[]> {
  const found: WorkflowExecutionInfo[] = [];
  if (limit <= 0) return found;
  for await (const info of client.workflow.list({ query, pageSize: Math.min(Math.max(limit, 10), 100) })) {
    found.push(info);
    if (found.length >= limit) break;
  }
  return found;
}

/** How long a query may wait for a worker before the CLI reports it unanswered. */
export const QUERY_DEADLINE_MS = 5_000;

/** Runs `fn` (a query, a history read) with a deadline on its RPCs. */
export function withDeadline<T>(client: Client, fn: () => Promise<T>, ms = QUERY_DEADLINE_MS): Promise<T> {
  return client.connection.withDeadline(Date.now() + ms, fn);
}

/** Maps with at most `limit` calls in flight, keeping the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** A one-line reason for an error from a query or a history read. */
export function describeProblem(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  if (/deadline/i.test(message)) return 'no worker answered in time (is a worker running on the task queue?)';
  return message.split('\n')[0];
}
