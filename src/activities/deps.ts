/**
 * What activities are built from (`createActivities(deps)`): the worker passes real clients,
 * tests and the embedded stack pass clients pointed at the emulators.
 */
import { type Client } from '@temporalio/client';
import { type SyncOptions } from '../config/sync-options';
import { type SalesforceGateway } from '../salesforce/gateway';
import { type SalesWingsClient } from '../saleswings/client';

export interface ActivityDeps {
  /** One gateway per worker process: its session is refreshed on expiry. */
  salesforce: SalesforceGateway;
  saleswings: SalesWingsClient;
  /** Temporal client, to reach the connection's sync state workflow. */
  temporal: Client;
  /** Task queue the sync state workflow runs on. */
  taskQueue: string;
  /** The configured SyncOptions, read when a run starts (so edits apply to the next run). */
  syncOptions: () => SyncOptions;
  /** Clock; tests may fix it. */
  now?: () => Date;
}
