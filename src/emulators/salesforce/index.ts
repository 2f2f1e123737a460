/**
 * A local Salesforce org that speaks Salesforce's wire protocols over HTTP: OAuth, REST
 * (describe, query, sObject rows, sObject Collections, Composite, limits) and Bulk API 2.0
 * ingest, with the object model loaded from the project's SFDX source. jsforce talks to it
 * exactly as to a real org. See docs/emulators/salesforce.md.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdmin, type SalesforceEmulatorAdmin } from './admin';
import { IngestJobs } from './bulk/ingest-jobs';
import { bulkRoutes } from './http/bulk-routes';
import { bulkQueryRoutes } from './http/bulk-query-routes';
import { QueryJobs } from './bulk/query-jobs';
import { collectionRoutes } from './http/collections';
import { handleComposite } from './http/composite';
import { createAdminHandler } from './http/admin-routes';
import { limitsRoutes } from './http/limits-routes';
import type { OAuthClient } from './http/oauth';
import { QueryCursors, queryRoutes } from './http/query-routes';
import { createHttpServer, internalDispatch } from './http/server';
import { sobjectRoutes } from './http/sobject-routes';
import type { Route } from './http/api-types';
import { DEFAULT_PASSWORD, Org } from './org';
import { Persistence } from './persistence';
import { Sessions } from './sessions';

export type { SalesforceEmulatorAdmin, AdminRecord } from './admin';
export type { FaultSpec } from './faults';
export type { ValidationRule } from './validation-rules';
export type { PublishedEvent } from './events';
export type { CounterSnapshot } from './counters';

export interface SalesforceEmulatorOptions {
  /** TCP port; a free one when omitted. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Expose every custom object and field of the SFDX source as `<namespace>__X__c`. */
  namespace?: string;
  /** SFDX project root; default the repository's `salesforce/`. */
  sfdxPath?: string;
  /** JSON snapshot written on change and loaded at start (demo stack). */
  persistFile?: string;
  /** Latency added to every REST request. */
  latencyMs?: number;
  /** Daily API request allocation (`DailyApiRequests.Max`); default 100,000. */
  dailyApiLimit?: number;
  /** Delay before a closed Bulk API 2.0 job starts processing; default 50 ms. */
  bulkProcessingDelayMs?: number;
  /** Delay before published platform events reach their subscriber; default 10 ms. */
  eventDeliveryDelayMs?: number;
  /**
   * Child sub-query rows returned with their parent; beyond it the child result has `done: false`
   * and a `nextRecordsUrl` to read the rest with queryMore. Default 200.
   */
  childBatchSize?: number;
  /** Connected apps; a default client is always present. */
  clients?: Array<{ clientId: string; clientSecret?: string; jwtPublicKeyPem?: string }>;
  /** Users; the first is the integration user. Default: one integration user. */
  users?: Array<{ username: string; password?: string; email?: string }>;
}

export interface SalesforceEmulator {
  /** Instance URL = login URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** A valid token of the integration user (a fresh one after `admin.expireSessions()`). */
  readonly accessToken: string;
  integrationUserId: string;
  orgId: string;
  namespace: string;
  credentials: { clientId: string; clientSecret: string; username: string; password: string };
  admin: SalesforceEmulatorAdmin;
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'saleswings-emulator-client';
export const DEFAULT_CLIENT_SECRET = 'saleswings-emulator-secret';
export const DEFAULT_DAILY_API_LIMIT = 100_000;

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const org = new Org({
    sfdxPath: options.sfdxPath ?? path.resolve(__dirname, '../../../salesforce'),
    namespace: options.namespace ?? '',
    dailyApiLimit: options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT,
    eventDeliveryDelayMs: options.eventDeliveryDelayMs ?? 10,
    users: options.users ?? [],
  });
  org.faults.baseLatencyMs = options.latencyMs ?? 0;

  const persistence = options.persistFile ? new Persistence(options.persistFile, org) : undefined;
  persistence?.load();
  if (persistence) org.store.onChange = () => persistence.schedule();

  const sessions = new Sessions(org.orgId);
  const clients = new Map<string, OAuthClient>([[DEFAULT_CLIENT_ID, { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }]]);
  for (const c of options.clients ?? []) clients.set(c.clientId, c);
  const cursors = new QueryCursors(options.childBatchSize);
  const bulkDelay = options.bulkProcessingDelayMs ?? 50;
  const jobs = new IngestJobs(org, () => bulkDelay);
  const queryJobs = new QueryJobs(org, () => bulkDelay);

  let url = '';
  let defaultToken = sessions.issue(org.integrationUser.id, DEFAULT_CLIENT_ID).token;
  const admin = createAdmin({
    org,
    sessions,
    jobs,
    queryJobs,
    cursors,
    defaultClientId: DEFAULT_CLIENT_ID,
    onExpire: () => {
      sessions.expireAll();
      defaultToken = sessions.issue(org.integrationUser.id, DEFAULT_CLIENT_ID).token;
    },
  });

  const routes: Route[] = [];
  routes.push(
    ...limitsRoutes(org, () => url),
    ...sobjectRoutes(org),
    ...queryRoutes(org, cursors),
    ...collectionRoutes(org),
    ...bulkRoutes(org, jobs),
    ...bulkQueryRoutes(org, queryJobs),
  );
  const dispatch = internalDispatch(routes);
  routes.push({ method: 'POST', pattern: /^\/composite\/?$/, kind: 'composite', handler: (req) => handleComposite(org, dispatch, req) });

  const credentials = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, username: org.integrationUser.username, password: org.integrationUser.password ?? DEFAULT_PASSWORD };
  const server = createHttpServer({
    org,
    sessions,
    clients,
    routes,
    baseUrl: () => url,
    admin: createAdminHandler(admin, () => ({ url, orgId: org.orgId, namespace: org.schema.namespace, credentials, integrationUserId: org.integrationUser.id })),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url,
    get accessToken() {
      return defaultToken;
    },
    integrationUserId: org.integrationUser.id,
    orgId: org.orgId,
    namespace: org.schema.namespace,
    credentials,
    admin,
    async stop() {
      jobs.stop();
      queryJobs.stop();
      org.events.stop();
      persistence?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
