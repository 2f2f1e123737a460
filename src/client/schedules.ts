/**
 * The connection's Temporal Schedule: created or updated idempotently from configuration,
 * paused/unpaused with a note, triggered now, described. Overlap policy SKIP: a tick that finds
 * the previous run still going is skipped, so two syncs of one org never run at once.
 */
import {
  type Client,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleDescription,
  type ScheduleOptions,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import { type Config } from '../config/load';
import { scheduleId } from '../workflows/ids';
import { SyncConnectionKey } from '../workflows/search-attributes';
import { type SyncInput } from '../workflows/sync-workflow';
import { runDetailsText } from './run-details-text';

export interface ScheduleSettings {
  connection: string;
  taskQueue: string;
  intervalMinutes: number;
  /** Defaults to one interval: after an outage at most one missed run is caught up. */
  catchupWindowMinutes?: number;
  pauseOnFailure: boolean;
}

/** The schedule as configured: connection and task queue from the settings, the rest from SyncOptions. */
export function scheduleSettingsOf(config: Pick<Config, 'settings' | 'syncOptions'>): ScheduleSettings {
  const { settings, syncOptions } = config;
  return {
    connection: settings.connection,
    taskQueue: settings.temporal.taskQueue,
    intervalMinutes: syncOptions.schedule.intervalMinutes,
    catchupWindowMinutes: syncOptions.schedule.catchupWindowMinutes,
    pauseOnFailure: syncOptions.schedule.pauseOnFailure,
  };
}

function scheduleOptions(settings: ScheduleSettings): ScheduleOptions {
  const input: SyncInput = { connection: settings.connection };
  return {
    scheduleId: scheduleId(settings.connection),
    spec: { intervals: [{ every: `${settings.intervalMinutes}m` }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'syncWorkflow',
      taskQueue: settings.taskQueue,
      args: [input],
      // The server appends the scheduled time: saleswings-sync-<connection>-<time>.
      workflowId: scheduleId(settings.connection),
      staticSummary: `SalesWings ⇄ Salesforce sync of ${settings.connection}`,
      staticDetails: runDetailsText(settings.connection, 'scheduled'),
      typedSearchAttributes: [{ key: SyncConnectionKey, value: settings.connection }],
    },
    // Lets operators filter schedules by connection too.
    typedSearchAttributes: [{ key: SyncConnectionKey, value: settings.connection }],
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: `${settings.catchupWindowMinutes ?? settings.intervalMinutes}m`,
      pauseOnFailure: settings.pauseOnFailure,
    },
    state: { note: 'created by saleswings-sync schedule apply' },
  };
}

export interface ApplyResult {
  scheduleId: string;
  created: boolean;
}

/** Creates the schedule, or updates it to match the configuration (keeping its paused state). */
export async function applySchedule(client: Client, settings: ScheduleSettings): Promise<ApplyResult> {
  const options = scheduleOptions(settings);
  const handle = client.schedule.getHandle(options.scheduleId);
  try {
    await handle.update((previous): ScheduleUpdateOptions => ({
      spec: options.spec,
      action: options.action,
      policies: options.policies,
      state: previous.state,
    }));
    return { scheduleId: options.scheduleId, created: false };
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  await client.schedule.create(options);
  return { scheduleId: options.scheduleId, created: true };
}

export async function describeSchedule(client: Client, connection: string): Promise<ScheduleDescription | undefined> {
  try {
    return await client.schedule.getHandle(scheduleId(connection)).describe();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
}

export async function pauseSchedule(client: Client, connection: string, note = 'paused with saleswings-sync schedule pause'): Promise<void> {
  await client.schedule.getHandle(scheduleId(connection)).pause(note);
}

export async function unpauseSchedule(client: Client, connection: string, note = 'unpaused with saleswings-sync schedule unpause'): Promise<void> {
  await client.schedule.getHandle(scheduleId(connection)).unpause(note);
}

/** Starts a run now, unless one is running (overlap SKIP applies to triggers too). */
export async function triggerSchedule(client: Client, connection: string): Promise<void> {
  await client.schedule.getHandle(scheduleId(connection)).trigger(ScheduleOverlapPolicy.SKIP);
}

export async function deleteSchedule(client: Client, connection: string): Promise<void> {
  await client.schedule.getHandle(scheduleId(connection)).delete();
}
