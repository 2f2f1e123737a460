/**
 * Per-record DML: insert, update, upsert by external id, delete (soft, with master-detail
 * cascade, lookup SetNull and the recycle bin) and hard delete. Every API that writes —
 * single-record REST, sObject Collections, Composite, Bulk API 2.0, the Apex-equivalent event
 * subscriber and the admin surface — goes through these functions, so the same write leaves
 * the same org state and the same per-record errors whatever API carried it.
 *
 * Each operation validates completely before it changes anything, so a failed record leaves
 * no trace; `allOrNone` batches are rolled back by the caller through the store's savepoints.
 */
import { randomUUID } from 'node:crypto';
import { toId18 } from '../schema/ids';
import type { FieldDef, ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import { CLOSED_STAGES } from '../schema/standard-objects';
import { RecordErrors, failure, type RecordError, type RecordResult } from './record-error';
import type { Store } from './store';
import type { Row, Table } from './table';
import { coerceValue } from './values';

/** Who is writing: the API (integration user), a person in the org, or platform automation. */
export type Actor = 'api' | 'admin' | 'apex';

export interface DmlContext {
  userId: string;
  actor: Actor;
  /** Current time in the stored DateTime format. */
  now: string;
}

/** One record as a caller sent it. */
export interface RecordInput {
  /** Field values keyed by the names the caller used (matched case-insensitively). */
  values: Record<string, unknown>;
  /** Parents referenced by external id: relationship name → `{ ExtField: value }`. */
  refs?: Record<string, Record<string, unknown>>;
}

/** The key of `input.values` that names `fieldName` (case-insensitively), if any. */
export function inputKey(input: RecordInput, fieldName: string): string | undefined {
  const lower = fieldName.toLowerCase();
  return Object.keys(input.values).find((k) => k.toLowerCase() === lower);
}

export interface CompiledRule {
  name: string;
  message: string;
  field?: string;
  /** True when the record violates the rule (Salesforce rules fire when the condition is true). */
  violated(row: Row): boolean;
}

export interface DmlHooks {
  validationRules(obj: ObjectDef): CompiledRule[];
  /** Returns the first id that is locked (fault injection), consuming the fault. */
  lockedId(ids: string[]): string | undefined;
}

const COMPOUND_NAME_OBJECTS = new Set(['Lead', 'Contact', 'User']);

function formatAutoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}

export class Dml {
  constructor(
    private readonly schema: Schema,
    private readonly store: Store,
    private readonly hooks: DmlHooks,
  ) {}

  /** Resolves names, external-id references and values; fails on the first bad field. */
  private resolve(obj: ObjectDef, input: RecordInput, ctx: DmlContext, mode: 'insert' | 'update', current?: Row): Map<FieldDef, unknown> | RecordError {
    const out = new Map<FieldDef, unknown>();
    const notWritable: string[] = [];
    const raw = new Map<FieldDef, unknown>();
    for (const [key, value] of Object.entries(input.values)) {
      if (key === 'attributes') continue;
      const f = this.schema.field(obj, key);
      if (!f) return RecordErrors.unknownField(key, obj.name);
      if (f.type === 'id') continue;
      raw.set(f, value);
    }
    for (const [relationship, ref] of Object.entries(input.refs ?? {})) {
      const hop = this.schema.parentRelationship(obj, relationship);
      if (!hop || !hop.referenceTo?.length) return RecordErrors.unknownField(relationship, obj.name);
      const resolved = this.resolveRef(hop, ref);
      if (typeof resolved !== 'string' && resolved !== null) return resolved;
      raw.set(hop, resolved);
    }
    for (const [f, value] of raw) {
      const allowed = ctx.actor === 'admin' || (mode === 'insert' ? f.createable : f.updateable);
      if (!allowed) {
        // A non-reparentable master-detail field may be sent again with its current value.
        const unchanged = mode === 'update' && f.masterDetail && current && toId18(String(value)) === current[f.name];
        if (!unchanged) notWritable.push(f.name);
        continue;
      }
      const coerced = coerceValue(f, value, this.schema, this.store);
      if (!coerced.ok) return coerced.error;
      out.set(f, coerced.value);
    }
    if (notWritable.length > 0) return RecordErrors.notWritable(notWritable);
    return out;
  }

  /** `"Prospect__r": {"SW_Id__c": "p1"}` → the parent's id. */
  private resolveRef(hop: FieldDef, ref: Record<string, unknown>): string | null | RecordError {
    const target = this.schema.get(hop.referenceTo![0])!;
    const keys = Object.keys(ref).filter((k) => k !== 'attributes');
    if (keys.length !== 1) return RecordErrors.unknownField(hop.relationshipName ?? hop.name, target.name);
    const extField = this.schema.field(target, keys[0]);
    if (!extField) return RecordErrors.unknownField(keys[0], target.name);
    const value = ref[keys[0]];
    if (value === null || value === undefined || value === '') return null;
    if (extField.type === 'id') {
      const id = toId18(String(value));
      return id ?? RecordErrors.malformedReference(hop, value);
    }
    if (!extField.externalId && !extField.idLookup) return RecordErrors.notAnExternalId(extField, target.name);
    const matches = this.store.table(target).liveMatches(extField, value);
    if (matches.length === 0) return RecordErrors.foreignKeyNotFound(value, extField, target.name);
    if (matches.length > 1) return RecordErrors.foreignKeyAmbiguous(value, extField, target.name);
    return matches[0].Id as string;
  }

  private derive(obj: ObjectDef, row: Record<string, unknown>): void {
    if (COMPOUND_NAME_OBJECTS.has(obj.name)) {
      row.Name = [row.FirstName, row.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ') || null;
    }
    if (obj.name === 'Opportunity') {
      const closed = CLOSED_STAGES.get(String(row.StageName));
      row.IsClosed = closed !== undefined;
      row.IsWon = closed?.won ?? false;
    }
  }

  private requiredMissing(obj: ObjectDef, row: Row, only?: Set<FieldDef>): RecordError | undefined {
    const missing: string[] = [];
    for (const f of obj.fields.values()) {
      if (!f.required || (only && !only.has(f))) continue;
      if (row[f.name] === null || row[f.name] === undefined) missing.push(f.name);
    }
    return missing.length > 0 ? RecordErrors.requiredMissing(missing) : undefined;
  }

  private uniqueClash(table: Table, row: Row): RecordError | undefined {
    for (const f of table.obj.fields.values()) {
      if (!f.unique || row[f.name] === null || row[f.name] === undefined) continue;
      const clash = table.liveMatches(f, row[f.name]).find((r) => r.Id !== row.Id);
      if (clash) return RecordErrors.duplicateValue(f, clash.Id as string);
    }
    return undefined;
  }

  private ruleViolation(obj: ObjectDef, row: Row): RecordError | undefined {
    for (const rule of this.hooks.validationRules(obj)) {
      if (rule.violated(row)) return RecordErrors.validation(rule.message, rule.field);
    }
    return undefined;
  }

  /** Ids whose lock a write of `row` needs: the row itself and its master-detail parents. */
  private lockIds(obj: ObjectDef, row: Row, includeSelf: boolean): string[] {
    const ids = includeSelf ? [row.Id as string] : [];
    for (const f of obj.fields.values()) {
      if (f.masterDetail && typeof row[f.name] === 'string') ids.push(row[f.name] as string);
    }
    return ids;
  }

  insert(obj: ObjectDef, input: RecordInput, ctx: DmlContext): RecordResult {
    if (obj.readOnly && ctx.actor !== 'admin') return failure(RecordErrors.readOnlyObject(obj.name));
    const values = this.resolve(obj, input, ctx, 'insert');
    if (!(values instanceof Map)) return failure(values);

    const row: Record<string, unknown> = {};
    for (const f of obj.fields.values()) row[f.name] = f.defaultValue ?? null;
    const id = this.store.ids.next(obj.keyPrefix);
    if (obj.kind === 'event') {
      row.CreatedDate = ctx.now;
      row.CreatedById = ctx.userId;
    } else {
      Object.assign(row, { Id: id, IsDeleted: false, CreatedDate: ctx.now, CreatedById: ctx.userId, LastModifiedDate: ctx.now, LastModifiedById: ctx.userId, SystemModstamp: ctx.now });
      if (obj.fields.has('OwnerId')) row.OwnerId = ctx.userId;
    }
    for (const [f, v] of values) row[f.name] = v;
    this.derive(obj, row);

    const missing = this.requiredMissing(obj, row);
    if (missing) return failure(missing);

    if (obj.kind === 'event') {
      const violation = this.ruleViolation(obj, row);
      if (violation) return failure(violation);
      const uuid = randomUUID();
      const payload: Record<string, unknown> = {};
      for (const f of obj.fields.values()) if (f.custom) payload[f.name] = row[f.name];
      this.store.tx.events.push({ sobject: obj.name, id, uuid, payload: { ...payload, EventUuid: uuid, CreatedDate: ctx.now, CreatedById: ctx.userId } });
      // High-volume events report success plus an OPERATION_ENQUEUED entry carrying the event UUID.
      return { id, success: true, errors: [RecordErrors.enqueued(uuid)] };
    }

    const table = this.store.table(obj);
    const nameField = obj.fields.get('Name');
    if (nameField?.autoNumberFormat) row.Name = formatAutoNumber(nameField.autoNumberFormat, table.autoNumber + 1);
    else if (obj.kind === 'custom' && (row.Name === null || row.Name === undefined)) row.Name = id;

    const locked = this.hooks.lockedId(this.lockIds(obj, row, false));
    if (locked) return failure(RecordErrors.lockedRow(locked));
    const clash = this.uniqueClash(table, row);
    if (clash) return failure(clash);
    const violation = this.ruleViolation(obj, row);
    if (violation) return failure(violation);

    if (nameField?.autoNumberFormat) table.autoNumber += 1;
    this.store.put(table, row);
    return { id, success: true, errors: [] };
  }

  /** Finds a live row of `obj` for update/delete, or the error Salesforce reports. */
  private target(obj: ObjectDef | undefined, rawId: unknown): { table: Table; row: Row } | RecordError {
    const id = typeof rawId === 'string' ? toId18(rawId) : undefined;
    if (!id) return RecordErrors.malformedId(rawId);
    const found = this.store.findById(id);
    if (!found || (obj && found.table.obj !== obj)) return RecordErrors.invalidCrossReference();
    if (found.row.IsDeleted === true) return RecordErrors.entityDeleted();
    return found;
  }

  update(obj: ObjectDef, rawId: unknown, input: RecordInput, ctx: DmlContext): RecordResult {
    if (obj.readOnly && ctx.actor !== 'admin') return failure(RecordErrors.readOnlyObject(obj.name));
    const found = this.target(obj, rawId);
    if (!('table' in found)) return failure(found);
    const { table, row: current } = found;
    const id = current.Id as string;
    if (obj.name === 'Lead' && current.IsConverted === true) return { id, ...failure(RecordErrors.convertedLead()) };

    const values = this.resolve(obj, input, ctx, 'update', current);
    if (!(values instanceof Map)) return { id, ...failure(values) };
    const row: Record<string, unknown> = { ...current };
    for (const [f, v] of values) row[f.name] = v;
    this.derive(obj, row);
    row.LastModifiedDate = ctx.now;
    row.LastModifiedById = ctx.userId;
    row.SystemModstamp = ctx.now;
    if (ctx.actor === 'admin') {
      // A person (or a test) may back-date audit fields explicitly.
      for (const name of ['LastModifiedDate', 'SystemModstamp', 'CreatedDate']) {
        const f = [...values.keys()].find((k) => k.name === name);
        if (f) row[name] = values.get(f);
      }
    }

    const missing = this.requiredMissing(obj, row, new Set(values.keys()));
    if (missing) return { id, ...failure(missing) };
    const locked = this.hooks.lockedId(this.lockIds(obj, row, true));
    if (locked) return { id, ...failure(RecordErrors.lockedRow(locked)) };
    const clash = this.uniqueClash(table, row);
    if (clash) return { id, ...failure(clash) };
    const violation = this.ruleViolation(obj, row);
    if (violation) return { id, ...failure(violation) };

    this.store.put(table, row);
    return { id, success: true, errors: [] };
  }

  upsert(obj: ObjectDef, extField: FieldDef, input: RecordInput, ctx: DmlContext): RecordResult {
    const key = inputKey(input, extField.name);
    const value = key === undefined ? undefined : input.values[key];
    if (extField.type === 'id') {
      if (value === undefined || value === null || value === '') {
        const values = { ...input.values };
        if (key) delete values[key];
        return { ...this.insert(obj, { ...input, values }, ctx), created: true };
      }
      const result = this.update(obj, value, input, ctx);
      return { ...result, created: false };
    }
    if (value === undefined || value === null || value === '') return failure(RecordErrors.missingExternalId(extField));
    const matches = this.store.table(obj).liveMatches(extField, value);
    if (matches.length > 1) {
      const ids = matches.map((m) => m.Id as string);
      return { ...failure(RecordErrors.ambiguousExternalId(extField, value, ids)), matchedIds: ids };
    }
    if (matches.length === 0) {
      const result = this.insert(obj, input, ctx);
      return result.success ? { ...result, created: true } : result;
    }
    const result = this.update(obj, matches[0].Id, input, ctx);
    return result.success ? { ...result, created: false } : result;
  }

  delete(obj: ObjectDef | undefined, rawId: unknown, ctx: DmlContext, options: { hard?: boolean } = {}): RecordResult {
    const hard = options.hard === true;
    let found: { table: Table; row: Row } | RecordError;
    if (hard) {
      // Hard delete also purges rows that already sit in the recycle bin.
      const id = typeof rawId === 'string' ? toId18(rawId) : undefined;
      const hit = id ? this.store.findById(id) : undefined;
      found = !id ? RecordErrors.malformedId(rawId) : !hit || (obj && hit.table.obj !== obj) ? RecordErrors.invalidCrossReference() : hit;
    } else {
      found = this.target(obj, rawId);
    }
    if (!('table' in found)) return failure(found);
    const { table, row } = found;
    const id = row.Id as string;
    if (table.obj.readOnly && ctx.actor !== 'admin') return { id, ...failure(RecordErrors.readOnlyObject(table.obj.name)) };
    const locked = this.hooks.lockedId([id]);
    if (locked) return { id, ...failure(RecordErrors.lockedRow(locked)) };

    // Collect the cascade first so a restricted child blocks the whole delete.
    const doomed = new Map<string, { table: Table; row: Row }>([[id, { table, row }]]);
    const setNull: Array<{ table: Table; id: string; field: string }> = [];
    const queue = [{ table, row }];
    while (queue.length > 0) {
      const parent = queue.shift()!;
      for (const rel of this.schema.childRelationships(parent.table.obj)) {
        const childTable = this.store.tables.get(rel.childSObject);
        if (!childTable) continue;
        const field = childTable.obj.fields.get(rel.field)!;
        for (const childId of childTable.lookup(field, parent.row.Id)) {
          const child = childTable.rows.get(childId)!;
          if (doomed.has(childId) || (!hard && child.IsDeleted === true)) continue;
          if (rel.cascadeDelete) {
            doomed.set(childId, { table: childTable, row: child });
            queue.push({ table: childTable, row: child });
          } else if (rel.restrictedDelete && child.IsDeleted !== true) {
            return { id, ...failure(RecordErrors.deleteRestricted(childTable.obj.label)) };
          } else {
            setNull.push({ table: childTable, id: childId, field: rel.field });
          }
        }
      }
    }
    for (const { table: t, id: childId, field } of setNull) {
      if (doomed.has(childId)) continue;
      const child = t.rows.get(childId)!;
      this.store.put(t, { ...child, [field]: null, SystemModstamp: ctx.now });
    }
    for (const [doomedId, { table: t, row: r }] of doomed) {
      if (hard) this.store.remove(t, doomedId);
      else this.store.put(t, { ...r, IsDeleted: true, LastModifiedDate: ctx.now, LastModifiedById: ctx.userId, SystemModstamp: ctx.now });
    }
    return { id, success: true, errors: [] };
  }
}
