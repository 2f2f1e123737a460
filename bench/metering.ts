/**
 * Where the Salesforce calls go. The emulator counts calls by kind; this module tells which
 * step made them and what each read and write carried:
 *
 * - every activity is wrapped so its work runs inside an AsyncLocalStorage scope naming the
 *   step (the worker's match batcher flushes on a timer created inside the first caller's scope,
 *   so coalesced per-prospect batches are attributed to their match step too);
 * - the gateway's usage tracker attributes each call it sends to the current scope;
 * - the gateway itself records, per logical read (one `queryAll`, one `queryByIn`, …), the
 *   statement shape, the rows returned, the pages and the API calls it took (not the same: an
 *   IN-list read packs up to five chunks' first pages into one composite call), and per write
 *   the object, operation and records sent.
 *
 * Everything here observes; nothing changes what the sync does or which calls it makes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type SyncActivities } from '../src/activities/types';
import { createSalesforceConnection } from '../src/salesforce/connection';
import { SalesforceGateway, type SalesforceGatewayOptions } from '../src/salesforce/gateway';
import { ApiUsageTracker, type CallKind } from '../src/salesforce/limits';
import { type SalesforceRecord } from '../src/salesforce/namespace';
import { type QueryOptions, type QueryPage } from '../src/salesforce/reader';
import { type ChunkInClauseOptions, type SoqlValue } from '../src/salesforce/soql';
import { type WriteOptions } from '../src/salesforce/writer';
import { type RecordResult, type WriteRequest } from '../src/salesforce/write-result';

/** COUNT() queries answered by one composite call (at most 5 queries per composite request). */
export const COUNTS_PER_COMPOSITE = 5;

/** Scope label of calls made outside any activity (none are expected). */
export const OUTSIDE_ACTIVITIES = '(outside activities)';

interface Scope {
  step: string;
  /** The read whose next page is being fetched: the calls made meanwhile are its calls. */
  read?: ReadRecord;
}

const scopes = new AsyncLocalStorage<Scope>();

const currentStep = (): string => scopes.getStore()?.step ?? OUTSIDE_ACTIVITIES;

/** Activities that are run bookkeeping rather than a step of the catalogue. */
const BOOKKEEPING = new Set(['prepareRun', 'beginRun', 'planProspects', 'finishRun', 'writeApexJob']);

/** The report step (or bookkeeping activity) an activity call works for. */
export function stepOfActivity(name: string, input: unknown): string {
  if (BOOKKEEPING.has(name)) return `(${name})`;
  const given = input as { step?: string; side?: string } | undefined;
  if (given?.step) return given.step;
  if (given?.side === 'Lead') return 'MatchProspectsToLeads';
  if (given?.side === 'Contact') return 'MatchProspectsToContacts';
  return `(${name})`;
}

/** Wraps every activity so the calls it makes are attributed to its step. */
export function attributeActivities<T extends SyncActivities>(activities: T): T {
  const wrapped: Record<string, unknown> = { ...(activities as object) };
  for (const [name, fn] of Object.entries(activities)) {
    if (typeof fn !== 'function') continue;
    wrapped[name] = (input: unknown) => scopes.run({ step: stepOfActivity(name, input) }, () => (fn as (i: unknown) => unknown)(input));
  }
  return wrapped as T;
}

/** API calls per step and kind, as the gateway sent them. */
export class AttributedUsage extends ApiUsageTracker {
  private byStep = new Map<string, Map<CallKind, number>>();

  override recordCall(kind: CallKind): void {
    super.recordCall(kind);
    const read = scopes.getStore()?.read;
    if (read) read.calls += 1;
    const step = currentStep();
    const kinds = this.byStep.get(step) ?? new Map<CallKind, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    this.byStep.set(step, kinds);
  }

  /** Calls per step and kind since the last reset. */
  callsByStep(): Record<string, Partial<Record<CallKind, number>>> {
    return Object.fromEntries([...this.byStep].map(([step, kinds]) => [step, Object.fromEntries(kinds)]));
  }

  resetAttribution(): void {
    this.byStep = new Map();
  }
}

/** One logical read: a `queryAll`, `queryRecords`, `queryPages`, `queryByIn` or `count` call. */
export interface ReadRecord {
  step: string;
  method: 'queryAll' | 'queryRecords' | 'queryPages' | 'queryByIn' | 'count' | 'countMany';
  /** The statement with literals, numbers and IN lists replaced by `?`. */
  shape: string;
  /** Rows returned (0 for `count`: a COUNT() transfers no rows). */
  rows: number;
  /** Pages fetched. */
  pages: number;
  /** API calls made to fetch them. */
  calls: number;
}

/** One write request as an activity made it (the gateway may split it into many calls). */
export interface WriteRecord {
  step: string;
  object: string;
  operation: WriteRequest['operation'] | 'publish';
  records: number;
}

/** `SELECT Id FROM Lead WHERE Email IN ('a','b') LIMIT 200` → `SELECT Id FROM Lead WHERE Email IN ? LIMIT ?`. */
export function soqlShape(soql: string): string {
  return (
    soql
      .replace(/'(?:[^'\\]|\\.)*'/g, '?')
      .replace(/\bIN\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/gi, 'IN ?')
      .replace(/\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/g, '?')
      .replace(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w])/g, '?')
      // A keyset cursor (`Id > ?`) pages one scan: its pages are the same query.
      .replace(/\bWHERE\s+Id\s*>\s*\?\s+AND\b/gi, 'WHERE')
      .replace(/\s+AND\s+Id\s*>\s*\?/gi, '')
      .replace(/\s+WHERE\s+Id\s*>\s*\?(?=\s+ORDER\b|\s+LIMIT\b|\s*$)/gi, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * The production gateway with its reads and writes recorded. Subclassing (not wrapping) keeps
 * the object the activities receive a real `SalesforceGateway`.
 */
export class MeteredGateway extends SalesforceGateway {
  reads: ReadRecord[] = [];
  writes: WriteRecord[] = [];

  resetRecords(): void {
    this.reads = [];
    this.writes = [];
  }

  override queryPages<T = SalesforceRecord>(soql: string, options?: QueryOptions): AsyncGenerator<QueryPage<T>> {
    return this.meterPages('queryPages', soqlShape(soql), super.queryPages<T>(soql, options));
  }

  override async *queryRecords<T = SalesforceRecord>(soql: string, options?: QueryOptions): AsyncGenerator<T> {
    // Through queryPages of the parent, so pages are visible; same calls as queryRecords.
    for await (const page of this.meterPages('queryRecords', soqlShape(soql), super.queryPages<T>(soql, options))) yield* page.records;
  }

  override async queryAll<T = SalesforceRecord>(soql: string, options?: QueryOptions): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.meterPages('queryAll', soqlShape(soql), super.queryPages<T>(soql, options))) out.push(...page.records);
    return out;
  }

  override queryByIn<T = SalesforceRecord, V extends SoqlValue = string>(
    values: readonly V[],
    build: (chunk: V[]) => string,
    options?: QueryOptions & ChunkInClauseOptions,
  ): AsyncGenerator<QueryPage<T>> {
    const shape = values.length > 0 ? soqlShape(build(values.slice(0, 1))) : '(no values)';
    return this.meterPages('queryByIn', shape, super.queryByIn<T, V>(values, build, options));
  }

  override async count(soql: string, options?: { includeDeleted?: boolean }): Promise<number> {
    const step = currentStep();
    const n = await super.count(soql, options);
    this.reads.push({ step, method: 'count', shape: soqlShape(soql), rows: 0, pages: 1, calls: 1 });
    return n;
  }

  override async countMany(queries: readonly { soql: string; includeDeleted?: boolean }[]): Promise<number[]> {
    const step = currentStep();
    const counts = await super.countMany(queries);
    // Five COUNT() subrequests per composite call (Salesforce's cap on queries in one composite).
    const shape = `COUNT() ×${queries.length} in composite: ${queries.map((q) => soqlShape(q.soql).replace(/^SELECT COUNT\(\) /, '')).join(' | ')}`;
    const calls = Math.ceil(queries.length / COUNTS_PER_COMPOSITE);
    this.reads.push({ step, method: 'countMany', shape, rows: 0, pages: calls, calls });
    return counts;
  }

  override write(request: WriteRequest, options?: WriteOptions): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object: request.object, operation: request.operation, records: request.records.length });
    return super.write(request, options);
  }

  override writeAll(items: readonly { request: WriteRequest; options?: WriteOptions }[]): Promise<RecordResult[][]> {
    const step = currentStep();
    for (const { request } of items) this.writes.push({ step, object: request.object, operation: request.operation, records: request.records.length });
    return super.writeAll(items);
  }

  override create(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object, operation: 'create', records: records.length });
    return super.create(object, records, options);
  }

  override update(object: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object, operation: 'update', records: records.length });
    return super.update(object, records, options);
  }

  override upsert(object: string, externalIdField: string, records: readonly SalesforceRecord[], options?: WriteOptions): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object, operation: 'upsert', records: records.length });
    return super.upsert(object, externalIdField, records, options);
  }

  override delete(object: string, ids: readonly string[], options?: WriteOptions): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object, operation: 'delete', records: ids.length });
    return super.delete(object, ids, options);
  }

  override publish(eventObject: string, events: readonly SalesforceRecord[], options?: Omit<WriteOptions, 'path'>): Promise<RecordResult[]> {
    this.writes.push({ step: currentStep(), object: eventObject, operation: 'publish', records: events.length });
    return super.publish(eventObject, events, options);
  }

  private async *meterPages<T>(method: ReadRecord['method'], shape: string, pages: AsyncGenerator<QueryPage<T>>): AsyncGenerator<QueryPage<T>> {
    const record: ReadRecord = { step: currentStep(), method, shape, rows: 0, pages: 0, calls: 0 };
    this.reads.push(record);
    const scope = scopes.getStore();
    for (;;) {
      if (scope) scope.read = record;
      let next: IteratorResult<QueryPage<T>>;
      try {
        next = await pages.next();
      } finally {
        if (scope) scope.read = undefined;
      }
      if (next.done) return;
      record.pages += 1;
      record.rows += next.value.records.length;
      yield next.value;
    }
  }
}

/** Opens the connection (OAuth grant) and builds a metered gateway, as `createSalesforceGateway` does. */
export async function createMeteredGateway(options: SalesforceGatewayOptions): Promise<{ gateway: MeteredGateway; usage: AttributedUsage }> {
  const usage = new AttributedUsage(options.budget);
  const connection = await createSalesforceConnection(options.connection, { onTokenRequest: () => usage.recordCall('auth') });
  return { gateway: new MeteredGateway(connection, { ...options, usage }), usage };
}
