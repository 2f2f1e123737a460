/**
 * Where SendRecordUpdates' window comes from: the SW Apex Job log (one record per run, written
 * by writeApexJob with every step's status). Reading it is one small query; the decision itself
 * is `pushWindow` in src/sync/push-window.ts.
 */
import { z } from 'zod';
import { PUSH_STEP } from '../../config/steps';
import { type SalesforceGateway } from '../../salesforce/gateway';
import { ApexJob } from '../../salesforce/names';
import { pushWindow, type PushRunRecord, type PushWindow } from '../../sync/push-window';
import { type StepInput } from '../types';

/**
 * How many recent runs are looked at. A push that has not completed in the last 50 runs (Disable
 * Triggers was on, or every attempt failed) leads to a full scan, which is what catching up
 * after such a pause needs anyway.
 */
export const RECENT_RUNS = 50;

/** `Steps__c` as writeApexJob stores it; other keys are ignored. */
const stepsSchema = z.array(z.object({ step: z.string(), status: z.string() }));

const jobSchema = z.object({
  [ApexJob.StartedAt]: z.string().nullish(),
  [ApexJob.Steps]: z.string().nullish(),
});

/** The push step's status in one job's `Steps__c`; undefined when absent or unreadable (a truncated log). */
function pushStatusOf(steps: string | null | undefined): string | undefined {
  if (!steps) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(steps);
  } catch {
    return undefined;
  }
  const checked = stepsSchema.safeParse(parsed);
  return checked.success ? checked.data.find((s) => s.step === PUSH_STEP)?.status : undefined;
}

/** Recent runs as the log shows them, newest first. A row that does not fit is skipped, never trusted. */
export async function readRecentPushRuns(gateway: SalesforceGateway): Promise<PushRunRecord[]> {
  const rows = await gateway.queryAll(
    `SELECT ${ApexJob.StartedAt}, ${ApexJob.Steps} FROM ${ApexJob.object} ` +
      `WHERE ${ApexJob.StartedAt} != null ORDER BY ${ApexJob.StartedAt} DESC LIMIT ${RECENT_RUNS}`,
  );
  const runs: PushRunRecord[] = [];
  for (const row of rows) {
    const checked = jobSchema.safeParse(row);
    if (!checked.success) continue;
    runs.push({ startedAt: checked.data[ApexJob.StartedAt] ?? null, pushStatus: pushStatusOf(checked.data[ApexJob.Steps]) });
  }
  return runs;
}

/** The window of this attempt: everything on a full sync, else since the last completed push. */
export async function readPushWindow(gateway: SalesforceGateway, input: StepInput): Promise<PushWindow> {
  if (input.run.mode === 'Full') return pushWindow({ full: true, runs: [], overlapSeconds: 0 });
  return pushWindow({ full: false, runs: await readRecentPushRuns(gateway), overlapSeconds: input.options.incremental.overlapSeconds });
}
