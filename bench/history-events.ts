/**
 * Temporal history events of one sync run: the run's own history plus, recursively, every child
 * workflow it started (match steps, per-prospect match workflows) and every continue-as-new run
 * of those. Histories are fetched and counted, so the figure is exact, not sampled.
 */
import { type Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { type temporal } from '@temporalio/proto';

/** Tasks of one kind: how many, time queued (scheduled → started) and running (started → closed). */
export interface TaskTimes {
  count: number;
  queuedMs: number;
  runningMs: number;
}

/** Where a workflow type's time went, summed over its executions. */
export interface WorkflowTimes {
  activities: TaskTimes;
  workflowTasks: TaskTimes;
}

export interface HistoryFigures {
  /** All events of the run and its descendants. */
  total: number;
  /** Events per workflow type. */
  byType: Record<string, number>;
  /** Executions (runs) per workflow type, continue-as-new runs included. */
  executions: Record<string, number>;
  /** Per match step workflow id: how it matched (`per-prospect` children or `batch` activities). */
  matchStrategies: Record<string, 'per-prospect' | 'batch' | 'none'>;
  /** Activity and workflow task times per workflow type (sums; children overlap in time). */
  times: Record<string, WorkflowTimes>;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const emptyTimes = (): WorkflowTimes => ({ activities: { count: 0, queuedMs: 0, runningMs: 0 }, workflowTasks: { count: 0, queuedMs: 0, runningMs: 0 } });

/** Adds the activity and workflow task times of one history to `into`. */
export function addTaskTimes(events: readonly HistoryEvent[], into: WorkflowTimes): void {
  const at = new Map<string, number>();
  for (const event of events) {
    const time = optionalTsToMs(event.eventTime);
    if (event.eventId !== null && event.eventId !== undefined && time !== undefined) at.set(String(event.eventId), time);
  }
  const span = (from: unknown, to: unknown): number => {
    const a = at.get(String(from));
    const b = at.get(String(to));
    return a !== undefined && b !== undefined ? Math.max(0, b - a) : 0;
  };
  for (const event of events) {
    const activityClosed =
      event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes ?? event.activityTaskCanceledEventAttributes;
    if (activityClosed?.scheduledEventId && activityClosed.startedEventId) {
      into.activities.count += 1;
      into.activities.queuedMs += span(activityClosed.scheduledEventId, activityClosed.startedEventId);
      into.activities.runningMs += span(activityClosed.startedEventId, event.eventId);
    }
    const taskClosed = event.workflowTaskCompletedEventAttributes ?? event.workflowTaskFailedEventAttributes;
    if (taskClosed?.scheduledEventId && taskClosed.startedEventId) {
      into.workflowTasks.count += 1;
      into.workflowTasks.queuedMs += span(taskClosed.scheduledEventId, taskClosed.startedEventId);
      into.workflowTasks.runningMs += span(taskClosed.startedEventId, event.eventId);
    }
  }
}

interface Execution {
  workflowId: string;
  runId?: string;
  type: string;
}

/** Children fetched at once (the dev server is on the same 2-core machine). */
const CONCURRENCY = 8;

export async function countHistoryEvents(client: Client, root: Execution): Promise<HistoryFigures> {
  const figures: HistoryFigures = { total: 0, byType: {}, executions: {}, matchStrategies: {}, times: {} };
  const queue: Execution[] = [root];

  const visit = async (execution: Execution): Promise<void> => {
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const events = history.events ?? [];
    figures.total += events.length;
    figures.byType[execution.type] = (figures.byType[execution.type] ?? 0) + events.length;
    figures.executions[execution.type] = (figures.executions[execution.type] ?? 0) + 1;
    figures.times[execution.type] ??= emptyTimes();
    addTaskTimes(events, figures.times[execution.type]);
    let strategy: 'per-prospect' | 'batch' | 'none' = 'none';
    for (const event of events) {
      if (event.activityTaskScheduledEventAttributes?.activityType?.name === 'matchProspectsBatch') strategy = 'batch';
      const started = event.childWorkflowExecutionStartedEventAttributes;
      if (started?.workflowExecution?.workflowId) {
        queue.push({ workflowId: started.workflowExecution.workflowId, runId: started.workflowExecution.runId ?? undefined, type: started.workflowType?.name ?? 'child' });
        if (started.workflowType?.name === 'matchProspectWorkflow') strategy = 'per-prospect';
      }
      const continued = event.workflowExecutionContinuedAsNewEventAttributes;
      if (continued?.newExecutionRunId) queue.push({ workflowId: execution.workflowId, runId: continued.newExecutionRunId, type: execution.type });
    }
    if (execution.type === 'matchStepWorkflow' && (strategy !== 'none' || !figures.matchStrategies[execution.workflowId])) {
      figures.matchStrategies[execution.workflowId] = strategy;
    }
  };

  const drain = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await visit(next);
  };
  // A drainer that finds the queue empty stops, even while another is still fetching a parent
  // whose children are yet to be queued: rounds repeat until a round leaves nothing queued.
  while (queue.length > 0) await Promise.all(Array.from({ length: CONCURRENCY }, drain));
  return figures;
}

/** Length of one execution's history (the sync state workflow's growth over a run). */
export async function historyLength(client: Client, workflowId: string): Promise<{ runId: string; length: number } | undefined> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    return { runId: description.runId, length: description.historyLength };
  } catch {
    return undefined;
  }
}
