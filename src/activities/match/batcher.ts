/**
 * Coalesces concurrent per-prospect calls into batches (DataLoader style). Each match workflow
 * asks for one prospect; the worker holds the call until the batch is full, or holds every call
 * it was told to expect, or `waitMs` has passed since the first call of the batch, then runs one
 * batch function for all of them — so a prospect costs a share of a collection call, not calls
 * of its own.
 */

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Batch<Item, Result> {
  pending: Pending<Item, Result>[];
  timer?: NodeJS.Timeout;
  /** When the first item arrived (ms since epoch). */
  openedAt: number;
  /** Items the batch waits for (from the first item that said), if known. */
  expected?: number;
}

export interface BatcherOptions {
  maxBatchSize: number;
  waitMs: number;
  /** Items known to be on their way under this key: the batch runs once they are all in. */
  expected?: number;
}

/**
 * While expected items are still arriving, a pause of this many `waitMs` ends the batch: on a
 * busy server a few workflows of a wave start a second or more after the others (measured with
 * 100 at once on 2 cores). A batch never waits longer than `MAX_WAITS` × `waitMs` in all.
 */
const IDLE_WAITS = 3;
const MAX_WAITS = 10;

export class Batcher<Item, Result> {
  private readonly batches = new Map<string, Batch<Item, Result>>();
  private flushes = 0;
  private items = 0;

  /**
   * @param run runs one batch; must return one result per item, in the same order.
   */
  constructor(private readonly run: (key: string, items: Item[]) => Promise<Result[]>) {}

  /**
   * Queues one item under `key` (items with different keys never share a batch). The batch
   * runs when it is full, when every expected item is in, or after `waitMs` from the first item —
   * or, while expected items are still arriving, after a pause of `IDLE_WAITS` × `waitMs` (at
   * most `MAX_WAITS` × `waitMs` in all): a hundred workflows starting one after the other on a busy
   * worker still share one batch.
   */
  load(key: string, item: Item, options: BatcherOptions): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const now = Date.now();
      let batch = this.batches.get(key);
      if (!batch) {
        batch = { pending: [], openedAt: now };
        this.batches.set(key, batch);
      }
      batch.expected ??= options.expected;
      batch.pending.push({ item, resolve, reject });
      const target = Math.min(options.maxBatchSize, batch.expected ?? Infinity);
      if (batch.pending.length >= target) {
        this.flush(key);
        return;
      }
      const waitingForMore = batch.expected !== undefined;
      if (batch.timer && !waitingForMore) return;
      clearTimeout(batch.timer);
      const deadline = waitingForMore ? Math.min(now + IDLE_WAITS * options.waitMs, batch.openedAt + MAX_WAITS * options.waitMs) : now + options.waitMs;
      batch.timer = setTimeout(() => this.flush(key), Math.max(0, deadline - now));
    });
  }

  /** Batches run and items handled so far (for tests and benchmarks). */
  stats(): { batches: number; items: number } {
    return { batches: this.flushes, items: this.items };
  }

  private flush(key: string): void {
    const batch = this.batches.get(key);
    if (!batch) return;
    this.batches.delete(key);
    clearTimeout(batch.timer);
    this.flushes += 1;
    this.items += batch.pending.length;
    const items = batch.pending.map((p) => p.item);
    this.run(key, items).then(
      (results) => {
        if (results.length !== items.length) {
          const error = new Error(`batch returned ${results.length} results for ${items.length} items`);
          batch.pending.forEach((p) => p.reject(error));
          return;
        }
        batch.pending.forEach((p, i) => p.resolve(results[i]));
      },
      (error: unknown) => batch.pending.forEach((p) => p.reject(error)),
    );
  }
}
