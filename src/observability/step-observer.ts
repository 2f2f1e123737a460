/**
 * An activity interceptor that makes every step activity observable without touching the
 * steps: a log line when it starts and when it ends (with its figures — counts only, never
 * record data), its duration in the step histogram, the run outcome when the run is booked,
 * and a hook after each activity (the worker flushes API call counts there).
 *
 * Log lines go through the activity's own logger, so they carry what Temporal attaches:
 * `workflowId` (the run id), `activityType` (the step's activity), `attempt`, `taskQueue`.
 */
import { CancelledFailure, type Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type ActivityInterceptorsFactory } from '@temporalio/worker';
import { type StepOutcome, type SyncMetrics } from './metrics';

export interface StepObserverOptions {
  /** Where durations and run outcomes are recorded; none when absent. */
  metrics?: SyncMetrics;
  /** Runs after every activity, whatever its outcome (e.g. `ApiCallMeter.flush`). */
  afterActivity?: () => void;
  /**
   * Activities logged at debug level instead of info: per-prospect matching runs once per
   * prospect and side, thousands of lines per run at info.
   */
  quietActivities?: ReadonlySet<string>;
}

export const DEFAULT_QUIET_ACTIVITIES: ReadonlySet<string> = new Set(['matchProspect']);

/**
 * The step an activity works for: the step name its input carries (`GetProspects`), else the
 * activity type (`prepareRun`, `matchProspect`).
 */
export function stepOf(activityType: string, args: readonly unknown[]): string {
  const input = args[0] as { step?: unknown } | undefined;
  return typeof input?.step === 'string' ? input.step : activityType;
}

/**
 * The figures of an activity result that are safe to log: top-level numbers (`examined`,
 * `created`, `failed`, `attempts` …), step-specific `details` numbers, and the length of lists
 * (`prospects: 120`) — never their content, strings or ids.
 */
export function figuresOf(result: unknown): Record<string, number> | undefined {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
  const figures: Record<string, number> = {};
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'number' && Number.isFinite(value)) figures[key] = value;
    else if (Array.isArray(value)) figures[key] = value.length;
    else if (key === 'details' && value && typeof value === 'object') {
      for (const [detail, n] of Object.entries(value)) if (typeof n === 'number' && Number.isFinite(n)) figures[detail] = n;
    }
  }
  return Object.keys(figures).length > 0 ? figures : undefined;
}

/** Error type and code only: messages may quote record values. */
function failureFields(error: unknown): Record<string, unknown> {
  if (error instanceof ApplicationFailure) return { errorType: error.type ?? 'ApplicationFailure', nonRetryable: error.nonRetryable };
  const typed = error as { type?: unknown; code?: unknown; name?: unknown } | undefined;
  return {
    errorType: typeof typed?.type === 'string' ? typed.type : typeof typed?.name === 'string' ? typed.name : 'Error',
    ...(typeof typed?.code === 'string' ? { code: typed.code } : {}),
  };
}

function outcomeOf(error: unknown, ctx: Context): StepOutcome {
  return error instanceof CancelledFailure || ctx.cancellationSignal.aborted ? 'cancelled' : 'failed';
}

/** The interceptor factory for `WorkerOptions.interceptors.activity`. */
export function stepObserver(options: StepObserverOptions = {}): ActivityInterceptorsFactory {
  const quiet = options.quietActivities ?? DEFAULT_QUIET_ACTIVITIES;
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt } = ctx.info;
        const step = stepOf(activityType, input.args);
        const log = quiet.has(activityType) ? ctx.log.debug.bind(ctx.log) : ctx.log.info.bind(ctx.log);
        const started = performance.now();
        const elapsed = () => (performance.now() - started) / 1000;
        log('step started', { step, attempt });
        try {
          const result = await next(input);
          const seconds = elapsed();
          options.metrics?.step(step, 'completed', seconds);
          if (activityType === 'finishRun') {
            const status = (input.args[0] as { report?: { status?: unknown } } | undefined)?.report?.status;
            if (typeof status === 'string') options.metrics?.run(status);
          }
          log('step finished', { step, attempt, status: 'completed', durationMs: Math.round(seconds * 1000), figures: figuresOf(result) });
          return result;
        } catch (error) {
          const seconds = elapsed();
          const status = outcomeOf(error, ctx);
          options.metrics?.step(step, status, seconds);
          ctx.log.warn('step failed', { step, attempt, status, durationMs: Math.round(seconds * 1000), ...failureFields(error) });
          throw error;
        } finally {
          options.afterActivity?.();
        }
      },
    },
  });
}
