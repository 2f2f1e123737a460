/**
 * Optional persistence for the demo stack: a JSON snapshot of every table (users excepted:
 * they come from the options) written shortly after changes and loaded at start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Org } from './org';
import type { Row } from './store/table';

interface Snapshot {
  format: 1;
  namespace: string;
  ids: Record<string, number>;
  autoNumbers: Record<string, number>;
  tables: Record<string, Row[]>;
}

/** Debounce so a burst of writes produces one file write. */
const WRITE_DELAY_MS = 250;

export class Persistence {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly org: Org,
  ) {}

  /** Loads the snapshot if the file exists; returns whether it did. */
  load(): boolean {
    if (!fs.existsSync(this.file)) return false;
    const snapshot = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Snapshot;
    if (snapshot.format !== 1) throw new Error(`${this.file}: unknown snapshot format`);
    if (snapshot.namespace !== this.org.schema.namespace) {
      throw new Error(`${this.file} was written with namespace '${snapshot.namespace}', the emulator runs with '${this.org.schema.namespace}'`);
    }
    const { store } = this.org;
    const counters = store.ids.snapshot();
    for (const [prefix, n] of Object.entries(snapshot.ids)) counters[prefix] = Math.max(counters[prefix] ?? 0, n);
    store.ids.restore(counters);
    for (const [name, rows] of Object.entries(snapshot.tables)) {
      const table = store.tables.get(name);
      if (!table || name === 'User') continue;
      table.clear();
      for (const row of rows) table.put(row);
      table.autoNumber = snapshot.autoNumbers[name] ?? 0;
    }
    return true;
  }

  schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { store } = this.org;
    const snapshot: Snapshot = { format: 1, namespace: this.org.schema.namespace, ids: store.ids.snapshot(), autoNumbers: {}, tables: {} };
    for (const [name, table] of store.tables) {
      if (name === 'User') continue;
      snapshot.tables[name] = [...table.rows.values()];
      snapshot.autoNumbers[name] = table.autoNumber;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snapshot));
    fs.renameSync(tmp, this.file);
  }
}
