/**
 * The worker-wide coalescing of per-prospect match calls: when a batch runs, and that every
 * caller gets its own result.
 */
import { Batcher } from '../../../src/activities/match/batcher';

function recordingBatcher() {
  const runs: Array<{ key: string; items: number[]; at: number }> = [];
  const started = Date.now();
  const batcher = new Batcher<number, string>(async (key, items) => {
    runs.push({ key, items, at: Date.now() - started });
    return items.map((i) => `${key}:${i}`);
  });
  return { batcher, runs };
}

test('calls under one key share a batch that runs after the wait; each caller gets its own result', async () => {
  const { batcher, runs } = recordingBatcher();
  const results = await Promise.all([1, 2, 3].map((i) => batcher.load('a', i, { maxBatchSize: 10, waitMs: 50 })));
  expect(results).toEqual(['a:1', 'a:2', 'a:3']);
  expect(runs).toHaveLength(1);
  expect(runs[0].items).toEqual([1, 2, 3]);
  expect(runs[0].at).toBeGreaterThanOrEqual(45);
  expect(batcher.stats()).toEqual({ batches: 1, items: 3 });
});

test('a full batch runs at once; different keys never share a batch', async () => {
  const { batcher, runs } = recordingBatcher();
  const results = await Promise.all([
    ...[1, 2].map((i) => batcher.load('a', i, { maxBatchSize: 2, waitMs: 10_000 })),
    batcher.load('b', 3, { maxBatchSize: 2, waitMs: 20 }),
  ]);
  expect(results).toEqual(['a:1', 'a:2', 'b:3']);
  expect(runs.map((r) => [r.key, r.items])).toEqual([['a', [1, 2]], ['b', [3]]]);
  expect(runs[0].at).toBeLessThan(1_000);
});

test('a batch runs as soon as every expected caller has arrived, without waiting out the timer', async () => {
  const { batcher, runs } = recordingBatcher();
  const results = await Promise.all([1, 2, 3].map((i) => batcher.load('a', i, { maxBatchSize: 1000, waitMs: 10_000, expected: 3 })));
  expect(results).toEqual(['a:1', 'a:2', 'a:3']);
  expect(runs).toHaveLength(1);
  expect(runs[0].at).toBeLessThan(1_000);
});

test('a batch function that fails, or answers with the wrong number of results, fails every caller of the batch', async () => {
  const failing = new Batcher<number, string>(async () => {
    throw new Error('Salesforce is down');
  });
  const calls = [1, 2].map((i) => failing.load('a', i, { maxBatchSize: 2, waitMs: 10 }));
  for (const call of calls) await expect(call).rejects.toThrow('Salesforce is down');

  const short = new Batcher<number, string>(async () => ['only one']);
  const shortCalls = [1, 2].map((i) => short.load('a', i, { maxBatchSize: 2, waitMs: 10 }));
  for (const call of shortCalls) await expect(call).rejects.toThrow('batch returned 1 results for 2 items');
});

test('while expected callers are still arriving, only a pause of three waits ends the batch, and never beyond ten waits in all', async () => {
  const { batcher, runs } = recordingBatcher();
  const calls: Promise<string>[] = [];
  // Four callers 60 ms apart with a 50 ms wait: one batch, although the last comes 180 ms after the first.
  for (let i = 1; i <= 4; i += 1) {
    calls.push(batcher.load('a', i, { maxBatchSize: 1000, waitMs: 50, expected: 10 }));
    await new Promise((r) => setTimeout(r, 60));
  }
  expect(await Promise.all(calls)).toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
  expect(runs.map((r) => r.items)).toEqual([[1, 2, 3, 4]]);

  // A trickle that never pauses for a whole wait is cut after ten waits (10 × 10 ms here).
  const trickle: Promise<string>[] = [];
  for (let i = 1; i <= 40; i += 1) {
    trickle.push(batcher.load('b', i, { maxBatchSize: 1000, waitMs: 10, expected: 1000 }));
    await new Promise((r) => setTimeout(r, 5));
  }
  const answers = await Promise.all(trickle);
  expect(answers).toEqual(Array.from({ length: 40 }, (_v, i) => `b:${i + 1}`));
  expect(runs.filter((r) => r.key === 'b').length).toBeGreaterThanOrEqual(2);
});
