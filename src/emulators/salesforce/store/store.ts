/**
 * All tables of the org plus a transaction log. DML runs synchronously inside a transaction;
 * savepoints give per-record atomicity and `allOrNone` rollback, and platform events published
 * inside a transaction are released only when it commits (PublishAfterCommit).
 */
import type { Schema } from '../schema/schema';
import type { ObjectDef } from '../schema/model';
import { IdFactory } from '../schema/ids';
import { Table, type Row } from './table';

/** A platform event accepted by DML, waiting for its transaction to commit. */
export interface PendingEvent {
  sobject: string;
  id: string;
  uuid: string;
  payload: Record<string, unknown>;
}

interface UndoEntry {
  table: Table;
  id: string;
  previous: Row | undefined;
  autoNumber: number;
}

export interface Savepoint {
  undo: number;
  events: number;
}

export class Transaction {
  readonly undo: UndoEntry[] = [];
  readonly events: PendingEvent[] = [];

  savepoint(): Savepoint {
    return { undo: this.undo.length, events: this.events.length };
  }
}

export class Store {
  readonly tables = new Map<string, Table>();
  readonly ids = new IdFactory();
  private current: Transaction | undefined;
  /** Called after every committed change (persistence hook). */
  onChange: () => void = () => undefined;

  constructor(readonly schema: Schema) {
    for (const obj of schema.objects.values()) {
      if (obj.kind !== 'event') this.tables.set(obj.name, new Table(obj));
    }
  }

  table(obj: ObjectDef | string): Table {
    const name = typeof obj === 'string' ? obj : obj.name;
    const table = this.tables.get(name);
    if (!table) throw new Error(`no table for ${name}`);
    return table;
  }

  /** The row with this id in whatever table holds it (deleted rows included). */
  findById(id: string): { table: Table; row: Row } | undefined {
    const obj = this.schema.objectForId(id);
    if (!obj) return undefined;
    const table = this.tables.get(obj.name);
    const row = table?.rows.get(id);
    return table && row ? { table, row } : undefined;
  }

  get tx(): Transaction {
    if (!this.current) throw new Error('no open transaction');
    return this.current;
  }

  put(table: Table, row: Row): void {
    this.tx.undo.push({ table, id: row.Id as string, previous: table.rows.get(row.Id as string), autoNumber: table.autoNumber });
    table.put(row);
  }

  remove(table: Table, id: string): void {
    this.tx.undo.push({ table, id, previous: table.rows.get(id), autoNumber: table.autoNumber });
    table.remove(id);
  }

  rollbackTo(savepoint: Savepoint): void {
    const tx = this.tx;
    while (tx.undo.length > savepoint.undo) {
      const entry = tx.undo.pop()!;
      if (entry.previous) entry.table.put(entry.previous);
      else entry.table.remove(entry.id);
      entry.table.autoNumber = entry.autoNumber;
    }
    tx.events.length = savepoint.events;
  }

  /**
   * Runs `fn` in a transaction (or joins the open one). Returns the events to publish when
   * this call owns the transaction and it committed; rolls back everything if `fn` throws.
   */
  transaction<T>(fn: (tx: Transaction) => T): { result: T; events: PendingEvent[] } {
    if (this.current) return { result: fn(this.current), events: [] };
    const tx = new Transaction();
    this.current = tx;
    try {
      const result = fn(tx);
      this.current = undefined;
      if (tx.undo.length > 0) this.onChange();
      return { result, events: tx.events };
    } catch (error) {
      this.rollbackTo({ undo: 0, events: 0 });
      this.current = undefined;
      throw error;
    }
  }

  clear(): void {
    for (const table of this.tables.values()) table.clear();
  }
}
