/**
 * The in-process admin surface: what a person (or a test) does in the org outside the API —
 * edit records (as the admin user, not counted as API calls), read without counting, convert
 * Leads, configure faults and validation rules, expire sessions, inspect events and counters.
 */
import type { IngestJobs } from './bulk/ingest-jobs';
import type { QueryJobs } from './bulk/query-jobs';
import type { CounterSnapshot } from './counters';
import type { FaultSpec } from './faults';
import type { PublishedEvent } from './events';
import { describeSObject } from './schema/describe';
import type { Org } from './org';
import type { Sessions } from './sessions';
import { runQuery } from './soql/query-engine';
import { runRecords } from './store/batch';
import type { RecordResult } from './store/record-error';
import type { ValidationRule } from './validation-rules';
import { toRecordInput } from './http/records';
import { jobInfo } from './http/bulk-routes';
import type { QueryCursors } from './http/query-routes';

export type AdminRecord = Record<string, unknown>;

export interface SalesforceEmulatorAdmin {
  /** Inserts as the admin user; returns the new id (ids for an array). Throws when a record fails. */
  insert(sobject: string, record: AdminRecord): string;
  insert(sobject: string, records: AdminRecord[]): string[];
  /** Updates records by their `Id` as the admin user. Throws when a record fails. */
  update(sobject: string, records: AdminRecord | AdminRecord[]): void;
  /** Upserts by external id as the admin user; returns ids. */
  upsert(sobject: string, externalIdField: string, records: AdminRecord[]): string[];
  /** Deletes (recycle bin, with cascade) or, with `hard`, purges records. */
  delete(ids: string | string[], options?: { hard?: boolean }): void;
  /** Runs SOQL without counting an API call; all rows, REST record shapes. */
  query(soql: string, options?: { includeDeleted?: boolean }): AdminRecord[];
  /** Stored rows of an object (every field). */
  records(sobject: string, options?: { includeDeleted?: boolean }): AdminRecord[];
  convertLead(leadId: string, options?: { accountId?: string }): { contactId: string; accountId: string };
  counters(): CounterSnapshot;
  resetCounters(): void;
  setFaults(spec: FaultSpec): void;
  clearFaults(): void;
  addValidationRule(rule: ValidationRule): void;
  removeValidationRules(): void;
  /** Every access token stops working (401 INVALID_SESSION_ID); refresh tokens stay valid. */
  expireSessions(): void;
  publishedEvents(sobject?: string): PublishedEvent[];
  /** Delivers every published event to its subscriber now. */
  flushEvents(): Promise<void>;
  /** Empties all data (users stay), events, rules, counters, faults, jobs and cursors. */
  reset(): void;
  describe(sobject: string): ReturnType<typeof describeSObject>;
  /** A new access token (integration user unless a username is given). */
  issueToken(username?: string): string;
  /** A refresh token for the refresh_token grant (as a web-server flow would have issued). */
  createRefreshToken(username?: string, clientId?: string): string;
  /** Bulk API 2.0 ingest jobs with their state and counts. */
  bulkJobs(): Array<Record<string, unknown>>;
}

export interface AdminDeps {
  org: Org;
  sessions: Sessions;
  jobs: IngestJobs;
  queryJobs: QueryJobs;
  cursors: QueryCursors;
  defaultClientId: string;
  onExpire(): void;
}

function describeFailures(results: RecordResult[]): string {
  return results
    .map((r, i) => (r.success ? undefined : `#${i} ${r.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`))
    .filter(Boolean)
    .join(', ');
}

export function createAdmin(deps: AdminDeps): SalesforceEmulatorAdmin {
  const { org } = deps;
  const obj = (sobject: string) => {
    const found = org.schema.get(sobject);
    if (!found) throw new Error(`unknown sObject ${sobject}`);
    return found;
  };
  const write = (sobject: string, ops: Array<() => RecordResult>): RecordResult[] => {
    const results = org.transaction(() => runRecords(org.store, true, ops));
    if (results.some((r) => !r.success)) throw new Error(`${sobject}: ${describeFailures(results)}`);
    return results;
  };
  const userId = (username?: string) => {
    if (!username) return org.integrationUser.id;
    const user = org.users.get(username.toLowerCase());
    if (!user) throw new Error(`unknown user ${username}`);
    return user.id;
  };

  const admin = {
    insert(sobject: string, records: AdminRecord | AdminRecord[]): string | string[] {
      const o = obj(sobject);
      const list = Array.isArray(records) ? records : [records];
      const ctx = org.context('admin');
      const results = write(o.name, list.map((r) => () => org.dml.insert(o, toRecordInput(org.schema, o, r), ctx)));
      const ids = results.map((r) => r.id!);
      return Array.isArray(records) ? ids : ids[0];
    },
    update(sobject: string, records: AdminRecord | AdminRecord[]): void {
      const o = obj(sobject);
      const list = Array.isArray(records) ? records : [records];
      const ctx = org.context('admin');
      write(o.name, list.map((r) => () => org.dml.update(o, r.Id ?? r.id, toRecordInput(org.schema, o, r, ['Id', 'id']), ctx)));
    },
    upsert(sobject: string, externalIdField: string, records: AdminRecord[]): string[] {
      const o = obj(sobject);
      const f = org.schema.field(o, externalIdField);
      if (!f) throw new Error(`unknown field ${externalIdField} on ${o.name}`);
      const ctx = org.context('admin');
      return write(o.name, records.map((r) => () => org.dml.upsert(o, f, toRecordInput(org.schema, o, r), ctx))).map((r) => r.id!);
    },
    delete(ids: string | string[], options: { hard?: boolean } = {}): void {
      const ctx = org.context('admin');
      write('delete', (Array.isArray(ids) ? ids : [ids]).map((id) => () => org.dml.delete(undefined, id, ctx, options)));
    },
    query(soql: string, options: { includeDeleted?: boolean } = {}): AdminRecord[] {
      const outcome = runQuery(org.queryEnv('62.0'), soql, { includeDeleted: options.includeDeleted === true });
      if (outcome.kind === 'count') return [{ totalSize: outcome.totalSize }];
      if (outcome.kind === 'aggregate') return outcome.records;
      return outcome.rows.map(outcome.project);
    },
    records(sobject: string, options: { includeDeleted?: boolean } = {}): AdminRecord[] {
      return [...org.store.table(obj(sobject)).rows.values()].filter((r) => options.includeDeleted || r.IsDeleted !== true).map((r) => ({ ...r }));
    },
    convertLead: (leadId: string, options?: { accountId?: string }) => org.convertLead(leadId, options),
    counters: () => org.counters.snapshot(),
    resetCounters: () => org.counters.reset(),
    setFaults: (spec: FaultSpec) => org.faults.set(spec),
    clearFaults: () => org.faults.clear(),
    addValidationRule: (rule: ValidationRule) => org.rules.add(rule),
    removeValidationRules: () => org.rules.clear(),
    expireSessions: () => deps.onExpire(),
    publishedEvents: (sobject?: string) => org.events.published(sobject),
    flushEvents: () => org.events.flush(),
    reset(): void {
      deps.jobs.clear();
      deps.queryJobs.clear();
      deps.cursors.clear();
      org.reset();
    },
    describe: (sobject: string) => describeSObject(org.schema, obj(sobject), '62.0'),
    issueToken: (username?: string) => deps.sessions.issue(userId(username), deps.defaultClientId).token,
    createRefreshToken: (username?: string, clientId?: string) => deps.sessions.issueRefreshToken(userId(username), clientId ?? deps.defaultClientId).token,
    bulkJobs: () => [...deps.jobs.jobs.values()].map((j) => jobInfo(j, true)),
  };
  return admin as SalesforceEmulatorAdmin;
}
