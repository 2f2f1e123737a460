/**
 * `createActivities(deps)`: every activity of the sync, built from injected dependencies. The
 * worker passes clients for the real org and SalesWings account; tests and the embedded stack
 * pass clients pointed at the emulators. Classified errors leave as typed ApplicationFailures.
 */
import { type ActivityDeps } from './deps';
import { alignDefinitions, SCORE_DEFINITIONS, TAG_DEFINITIONS } from './definitions/align-definitions';
import { classifyFailures } from './failures';
import { listProspectsToMatch } from './match/list-prospects-to-match';
import { createMatchActivities } from './match/match-activities';
import { getProspectPages } from './prospects/get-prospect-pages';
import { getProspects } from './prospects/get-prospects';
import { createPrepareRun } from './run/prepare-run';
import { createProbeChanges } from './run/probe-changes';
import { createRunStateActivities } from './run/run-state';
import { createWriteApexJob } from './run/write-apex-job';
import { createRemainingStepActivities } from './steps';
import { type SyncActivities } from './types';

export type { ActivityDeps } from './deps';

export interface SyncActivityInternals {
  /** Coalescing figures of per-prospect matching (benchmarks, tests). */
  matchBatcherStats(): { batches: number; items: number };
}

export function createActivities(deps: ActivityDeps): SyncActivities & SyncActivityInternals {
  const { matchBatcherStats, ...match } = createMatchActivities(deps);
  const activities: SyncActivities = {
    prepareRun: createPrepareRun(deps),
    ...createRunStateActivities(deps),
    writeApexJob: createWriteApexJob(deps),
    probeChanges: createProbeChanges(deps),
    getTags: (input) => alignDefinitions(deps, TAG_DEFINITIONS, input),
    getScores: (input) => alignDefinitions(deps, SCORE_DEFINITIONS, input),
    getProspects: (input) => getProspects(deps, input),
    getProspectPages: (input) => getProspectPages(deps, input),
    listProspectsToMatch: (input) => listProspectsToMatch(deps, input),
    ...match,
    ...createRemainingStepActivities(deps),
  };
  return { ...classifyFailures(activities as unknown as Record<string, (...args: never[]) => Promise<unknown>>) as unknown as SyncActivities, matchBatcherStats };
}
