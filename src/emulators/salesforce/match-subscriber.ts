/**
 * The org-side subscriber of `SW_Match__e`, doing exactly what the Apex trigger
 * `SWMatchEventTrigger` / class `SWMatchEventHandler` in `salesforce/` does:
 * apply each event's `Fields__c` JSON to its Lead/Contact (partial success), then write the
 * outcome on the prospect found by `SW_Id__c = Prospect_Id__c` — side status `Matched`, or
 * `Failed` with `CODE: message (record id)` — and recompute `Sync_Status__c`.
 * It runs as the Automated Process user, like platform event triggers.
 */
import { toId18 } from './schema/ids';
import type { FieldDef, ObjectDef } from './schema/model';
import type { Schema } from './schema/schema';
import { runRecords } from './store/batch';
import type { Dml, DmlContext } from './store/dml';
import type { RecordResult } from './store/record-error';
import type { Store } from './store/store';
import type { PublishedEvent } from './events';

const DONE = new Set(['Matched', 'No Match', 'Gave Up']);
/** Seed: matching stops once a side's attempts reach 30 (the Apex class's MAX_ATTEMPTS). */
const MAX_ATTEMPTS = 30;
const MAX_ERROR_LENGTH = 32768;

class MatchFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function formatMatchError(code: string, message: string, recordId: unknown): string {
  return `${code}: ${message} (${String(recordId)})`;
}

export function isProcessed(leadStatus: unknown, contactStatus: unknown): boolean {
  return DONE.has(String(leadStatus)) && DONE.has(String(contactStatus));
}

export interface MatchSubscriberDeps {
  schema: Schema;
  store: Store;
  dml: Dml;
  context(): DmlContext;
  /** Runs `fn` in a transaction and publishes its events on commit. */
  transaction<T>(fn: () => T): T;
}

export function createMatchSubscriber(deps: MatchSubscriberDeps): (events: PublishedEvent[]) => void {
  const { schema } = deps;
  const f = (name: string) => schema.ns(name);

  const fieldOf = (obj: ObjectDef, name: string): FieldDef | undefined => schema.field(obj, name) ?? (schema.namespace ? schema.field(obj, f(name)) : undefined);

  const convert = (field: FieldDef, value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    const bad = () => new MatchFailure('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${text}`);
    switch (field.type) {
      case 'boolean':
        if (typeof value === 'boolean') return value;
        if (text.toLowerCase() === 'true' || text.toLowerCase() === 'false') return text.toLowerCase() === 'true';
        throw bad();
      case 'double':
      case 'currency':
      case 'percent':
      case 'int':
        if (typeof value === 'number' || /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
        throw bad();
      default:
        if (typeof value === 'object') throw bad();
        return text;
    }
  };

  const buildInput = (event: PublishedEvent): { obj: ObjectDef; id: string; values: Record<string, unknown> } => {
    const type = event.payload[f('Object_Type__c')];
    const recordId = event.payload[f('Record_Id__c')];
    if (type !== 'Lead' && type !== 'Contact') throw new MatchFailure('INVALID_TYPE', `Unsupported object type: ${String(type)}`);
    const obj = schema.get(type)!;
    const id = typeof recordId === 'string' ? toId18(recordId) : undefined;
    if (!id) throw new MatchFailure('MALFORMED_ID', `Invalid id: ${String(recordId)}`);
    if (schema.objectForId(id) !== obj) throw new MatchFailure('MALFORMED_ID', `Invalid id value for this SObject type: ${String(recordId)}`);
    const rawFields = event.payload[f('Fields__c')];
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof rawFields === 'string' && rawFields.trim() !== '' ? rawFields : '{}');
    } catch (error) {
      throw new MatchFailure('JSON_PARSER_ERROR', error instanceof Error ? error.message : String(error));
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MatchFailure('JSON_PARSER_ERROR', 'Fields__c must be a JSON object');
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      const field = fieldOf(obj, name);
      if (!field) throw new MatchFailure('INVALID_FIELD', `No such column '${name}' on sobject of type ${type}`);
      if (!field.updateable) {
        throw new MatchFailure(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        );
      }
      values[field.name] = convert(field, value);
    }
    return { obj, id, values };
  };

  const sideOf = (event: PublishedEvent): 'Lead' | 'Contact' | undefined => {
    const type = event.payload[f('Object_Type__c')];
    if (type === 'Lead' || type === 'Contact') return type;
    const id = String(event.payload[f('Record_Id__c')] ?? '');
    if (id.startsWith('00Q')) return 'Lead';
    if (id.startsWith('003')) return 'Contact';
    return undefined;
  };

  return (events) => {
    const ctx = deps.context();
    const failures = new Map<number, string>();
    const prepared: Array<{ index: number; obj: ObjectDef; id: string; values: Record<string, unknown> }> = [];
    events.forEach((event, index) => {
      try {
        prepared.push({ index, ...buildInput(event) });
      } catch (error) {
        const code = error instanceof MatchFailure ? error.code : 'UNKNOWN_EXCEPTION';
        failures.set(index, formatMatchError(code, error instanceof Error ? error.message : String(error), event.payload[f('Record_Id__c')]));
      }
    });

    deps.transaction(() => {
      // Database.update(records, false): partial success.
      const results: RecordResult[] = runRecords(
        deps.store,
        false,
        prepared.map((p) => () => deps.dml.update(p.obj, p.id, { values: p.values }, ctx)),
      );
      results.forEach((result, j) => {
        if (result.success) return;
        const p = prepared[j];
        const error = result.errors[0];
        failures.set(p.index, formatMatchError(error.statusCode, error.message, events[p.index].payload[f('Record_Id__c')]));
      });
      recordOutcomes(events, failures, ctx);
    });
  };

  function recordOutcomes(events: PublishedEvent[], failures: Map<number, string>, ctx: DmlContext): void {
    const prospectObj = schema.get(f('Prospect__c'));
    if (!prospectObj) return;
    const table = deps.store.table(prospectObj);
    const swIdField = prospectObj.fields.get(f('SW_Id__c'))!;
    const changed = new Map<string, Record<string, unknown>>();
    const failedSides = new Map<string, Set<string>>();
    events.forEach((event, i) => {
      const swId = event.payload[f('Prospect_Id__c')];
      if (swId === null || swId === undefined) return;
      const side = sideOf(event);
      const live = table.liveMatches(swIdField, swId)[0];
      if (!live || !side) return;
      const prospect = changed.get(live.Id as string) ?? { Id: live.Id, ...pick(live) };
      const failed = failedSides.get(live.Id as string) ?? new Set<string>();
      failedSides.set(live.Id as string, failed);
      const status = f(`${side}_Sync_Status__c`);
      const errorField = f(`${side}_Sync_Error__c`);
      const error = failures.get(i);
      if (error !== undefined) {
        const existing = failed.has(side) ? (prospect[errorField] as string | null) : null;
        const joined = existing ? `${existing}\n${error}` : error;
        prospect[status] = Number(prospect[f(`${side}_Sync_Attempts__c`)] ?? 0) >= MAX_ATTEMPTS ? 'Gave Up' : 'Failed';
        prospect[errorField] = joined.length > MAX_ERROR_LENGTH ? joined.slice(0, MAX_ERROR_LENGTH) : joined;
        failed.add(side);
      } else if (!failed.has(side)) {
        prospect[status] = 'Matched';
        prospect[errorField] = null;
      }
      changed.set(live.Id as string, prospect);
    });
    const updates = [...changed.values()].map((p) => {
      p[f('Sync_Status__c')] = isProcessed(p[f('Lead_Sync_Status__c')], p[f('Contact_Sync_Status__c')]) ? 'Processed' : 'Not Processed';
      const { Id, ...values } = p;
      return () => deps.dml.update(prospectObj, Id, { values }, ctx);
    });
    runRecords(deps.store, false, updates);
  }

  function pick(row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of ['Lead_Sync_Status__c', 'Contact_Sync_Status__c', 'Lead_Sync_Error__c', 'Contact_Sync_Error__c', 'Lead_Sync_Attempts__c', 'Contact_Sync_Attempts__c']) {
      out[f(name)] = row[f(name)] ?? null;
    }
    return out;
  }
}
