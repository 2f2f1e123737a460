/**
 * Prospects by id and in (updatedAt, id) order, the order `GET /prospects` pages in. A page
 * is two binary searches and a slice; a change moves one entry (binary search + splice), so
 * 100,000 prospects page and change without quadratic work.
 */
import { type Prospect } from '../../saleswings/contract';

interface Entry {
  prospect: Prospect;
  /** `updatedAt` in epoch ms: ISO strings with offsets do not sort as text. */
  t: number;
}

/** A position in the order. */
export interface IndexKey {
  t: number;
  id: string;
}

function compare(a: IndexKey, b: IndexKey): number {
  if (a.t !== b.t) return a.t - b.t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function keyOf(entry: Entry): IndexKey {
  return { t: entry.t, id: entry.prospect.id };
}

export class ProspectIndex {
  #byId = new Map<string, Entry>();
  #sorted: Entry[] = [];

  /** Replaces the content. */
  load(prospects: readonly Prospect[]): void {
    this.#byId = new Map(prospects.map((p) => [p.id, { prospect: p, t: Date.parse(p.updatedAt) }]));
    this.#sorted = [...this.#byId.values()].sort((a, b) => compare(keyOf(a), keyOf(b)));
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Prospect | undefined {
    return this.#byId.get(id)?.prospect;
  }

  /** Inserts or replaces a prospect, keeping the order. */
  put(prospect: Prospect): void {
    this.remove(prospect.id);
    const entry: Entry = { prospect, t: Date.parse(prospect.updatedAt) };
    this.#byId.set(prospect.id, entry);
    this.#sorted.splice(this.#firstAtOrAfter(keyOf(entry)), 0, entry);
  }

  /**
   * Inserts or replaces many prospects: one filter, one sort of the newcomers and one merge,
   * O(n + k log k) instead of k splices of the whole order.
   */
  putMany(prospects: readonly Prospect[]): void {
    if (prospects.length < 32) {
      for (const prospect of prospects) this.put(prospect);
      return;
    }
    const incoming = new Map(prospects.map((p) => [p.id, { prospect: p, t: Date.parse(p.updatedAt) }]));
    const kept = this.#sorted.filter((entry) => !incoming.has(entry.prospect.id));
    const added = [...incoming.values()].sort((a, b) => compare(keyOf(a), keyOf(b)));
    const merged: Entry[] = new Array(kept.length + added.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k += 1) {
      merged[k] = j >= added.length || (i < kept.length && compare(keyOf(kept[i]), keyOf(added[j])) < 0) ? kept[i++] : added[j++];
    }
    for (const entry of added) this.#byId.set(entry.prospect.id, entry);
    this.#sorted = merged;
  }

  remove(id: string): boolean {
    const entry = this.#byId.get(id);
    if (!entry) return false;
    this.#byId.delete(id);
    this.#sorted.splice(this.#firstAtOrAfter(keyOf(entry)), 1);
    return true;
  }

  /** Latest `updatedAt` held, epoch ms. */
  maxUpdatedMs(): number | undefined {
    return this.#sorted.length === 0 ? undefined : this.#sorted[this.#sorted.length - 1].t;
  }

  /**
   * All prospects in insertion order (load order, then prospects added later). Unlike the
   * serving order it does not depend on when changes happened, so seeded choices over it repeat.
   */
  inInsertionOrder(): Prospect[] {
    return [...this.#byId.values()].map((e) => e.prospect);
  }

  /** All prospects in order. */
  all(): Prospect[] {
    return this.#sorted.map((e) => e.prospect);
  }

  /**
   * Up to `limit` prospects with `updatedAt >= sinceMs` that come strictly after `after`,
   * and whether more follow.
   */
  page(sinceMs: number | undefined, after: IndexKey | undefined, limit: number): { items: Prospect[]; more: boolean } {
    let start = sinceMs === undefined ? 0 : this.#firstAtOrAfter({ t: sinceMs, id: '' });
    if (after) start = Math.max(start, this.#firstAfter(after));
    const end = Math.min(this.#sorted.length, start + limit);
    return { items: this.#sorted.slice(start, end).map((e) => e.prospect), more: end < this.#sorted.length };
  }

  #firstAtOrAfter(key: IndexKey): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(keyOf(this.#sorted[mid]), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #firstAfter(key: IndexKey): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(keyOf(this.#sorted[mid]), key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
