/**
 * Coalesces concurrent per-prospect calls into batches (DataLoader style). Each match workflow
 * asks for one prospect; the worker holds the call until the batch is full or `waitMs` has passed
 * since the first call of the batch, then runs one batch function for all of them — so a
 * prospect costs a share of a collection call, not calls of its own.
 */

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Batch<Item, Result> {
  pending: Pending<Item, Result>[];
  timer?: NodeJS.Timeout;
}

export interface BatcherOptions {
  maxBatchSize: number;
  waitMs: number;
}

export class Batcher<Item, Result> {
  private readonly batches = new Map<string, Batch<Item, Result>>();
  private flushes = 0;
  private items = 0;

  /**
   * @param run runs one batch; must return one result per item, in the same order.
   */
  constructor(private readonly run: (key: string, items: Item[]) => Promise<Result[]>) {}

  /** Queues one item under `key` (items with different keys never share a batch). */
  load(key: string, item: Item, options: BatcherOptions): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      let batch = this.batches.get(key);
      if (!batch) {
        batch = { pending: [] };
        this.batches.set(key, batch);
        batch.timer = setTimeout(() => this.flush(key), options.waitMs);
      }
      batch.pending.push({ item, resolve, reject });
      if (batch.pending.length >= options.maxBatchSize) this.flush(key);
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
