import { packCalls, planChunks, runWithLocks } from '../../src/salesforce/write-plan';

const range = (n: number): number[] => Array.from({ length: n }, (_v, i) => i);

describe('planning chunks', () => {
  it('cuts plain writes into chunks of the chunk size, in order', () => {
    const chunks = planChunks(range(450), 200);
    expect(chunks.map((c) => c.indexes.length)).toEqual([200, 200, 50]);
    expect(chunks.flatMap((c) => c.indexes)).toEqual(range(450));
  });

  it('keeps all records of a parent in one chunk', () => {
    // 3 parents, interleaved: A has 120 records, B 90, C 60.
    const parents = range(270).map((i) => (i < 120 ? 'A' : i < 210 ? 'B' : 'C'));
    const shuffled = range(270).sort((a, b) => ((a * 7919) % 270) - ((b * 7919) % 270));
    const chunks = planChunks(shuffled, 200, (i) => parents[i]);
    for (const chunk of chunks) {
      for (const key of chunk.keys) {
        const members = shuffled.filter((i) => parents[i] === key);
        expect(members.every((m) => chunk.indexes.includes(m))).toBe(true);
      }
    }
    expect(chunks.flatMap((c) => c.indexes).sort((a, b) => a - b)).toEqual(range(270));
    expect(chunks.every((c) => c.indexes.length <= 200)).toBe(true);
  });

  it('spreads a parent with more records than a chunk over consecutive chunks', () => {
    const chunks = planChunks(range(450), 200, () => 'big');
    expect(chunks.map((c) => c.indexes.length)).toEqual([200, 200, 50]);
    expect(chunks.every((c) => c.keys.has('big'))).toBe(true);
  });

  it('packs consecutive chunks into composite calls of five', () => {
    const calls = packCalls(planChunks(range(1300), 200), 5);
    expect(calls.map((c) => c.chunks.length)).toEqual([5, 2]);
  });
});

describe('running calls with parent locks', () => {
  it('never runs two calls sharing a parent at the same time, but runs others in parallel', async () => {
    const calls = [
      { name: 'a1', keys: new Set(['A']) },
      { name: 'a2', keys: new Set(['A']) },
      { name: 'b', keys: new Set(['B']) },
      { name: 'ab', keys: new Set(['A', 'B']) },
      { name: 'c', keys: new Set(['C']) },
    ];
    const active = new Set<string>();
    const overlaps: string[] = [];
    let peak = 0;
    const finished: string[] = [];
    await runWithLocks(calls, 3, async (call) => {
      for (const other of active) {
        const otherKeys = calls.find((c) => c.name === other)?.keys ?? new Set<string>();
        if ([...call.keys].some((k) => otherKeys.has(k))) overlaps.push(`${call.name}/${other}`);
      }
      active.add(call.name);
      peak = Math.max(peak, active.size);
      await new Promise((r) => setTimeout(r, 15));
      active.delete(call.name);
      finished.push(call.name);
    });
    expect(overlaps).toEqual([]);
    expect(finished.sort()).toEqual(['a1', 'a2', 'ab', 'b', 'c']);
    expect(peak).toBeGreaterThan(1);
  });

  it('rejects with the first failure', async () => {
    const calls = [{ keys: new Set<string>() }, { keys: new Set<string>() }];
    await expect(
      runWithLocks(calls, 2, async (call) => {
        if (call === calls[1]) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
