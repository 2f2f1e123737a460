/**
 * How a Collections write is cut into calls and run: records → chunks of ≤200 (one sObject
 * Collections request each) → calls (one chunk, or up to five chunks in one `/composite` request,
 * which counts as one API call) → run with bounded concurrency.
 *
 * Row locks (reference §4.2): writing a child locks its master-detail parent, so two requests
 * touching children of one Account at the same time fail with UNABLE_TO_LOCK_ROW. With a
 * `groupBy` key, all records of a parent go into the same chunk (or consecutive chunks when a
 * parent has more than 200), and two calls sharing a key never run at the same time.
 */

export interface Chunk {
  /** Input positions, in sending order. */
  indexes: number[];
  /** Parent keys the chunk touches. */
  keys: Set<string>;
}

export interface PlannedCall<C extends Chunk = Chunk> {
  chunks: C[];
  keys: Set<string>;
}

/**
 * Splits `indexes` into chunks of at most `chunkSize`. With `keyOf`, records are grouped by key
 * (groups in first-seen order) and groups are packed whole; a group larger than a chunk is
 * split over consecutive chunks.
 */
export function planChunks(
  indexes: readonly number[],
  chunkSize: number,
  keyOf?: (index: number) => string | undefined,
): Chunk[] {
  if (!keyOf) {
    const chunks: Chunk[] = [];
    for (let i = 0; i < indexes.length; i += chunkSize) chunks.push({ indexes: indexes.slice(i, i + chunkSize), keys: new Set() });
    return chunks;
  }
  const groups = new Map<string, number[]>();
  const loose: number[] = [];
  for (const index of indexes) {
    const key = keyOf(index);
    if (key === undefined) {
      loose.push(index);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  }
  const chunks: Chunk[] = [];
  let current: Chunk = { indexes: [], keys: new Set() };
  const flush = (): void => {
    if (current.indexes.length > 0) chunks.push(current);
    current = { indexes: [], keys: new Set() };
  };
  for (const [key, members] of groups) {
    if (current.indexes.length + members.length > chunkSize) flush();
    for (let i = 0; i < members.length; i += chunkSize) {
      const part = members.slice(i, i + chunkSize);
      if (current.indexes.length + part.length > chunkSize) flush();
      current.indexes.push(...part);
      current.keys.add(key);
    }
  }
  for (const index of loose) {
    if (current.indexes.length >= chunkSize) flush();
    current.indexes.push(index);
  }
  flush();
  return chunks;
}

/** Packs consecutive chunks into calls of at most `perCall` chunks. */
export function packCalls<C extends Chunk>(chunks: readonly C[], perCall: number): PlannedCall<C>[] {
  const calls: PlannedCall<C>[] = [];
  for (let i = 0; i < chunks.length; i += perCall) {
    const group = chunks.slice(i, i + perCall);
    calls.push({ chunks: group, keys: new Set(group.flatMap((c) => [...c.keys])) });
  }
  return calls;
}

/**
 * Runs every call with at most `concurrency` in flight, never two sharing a key at once. Calls
 * start in order unless blocked by a key, in which case a later free call goes first. The first
 * failure rejects; calls already running finish on their own.
 */
export function runWithLocks<T extends { keys: Set<string> }>(
  calls: readonly T[],
  concurrency: number,
  run: (call: T) => Promise<void>,
): Promise<void> {
  const pending = [...calls];
  const held = new Set<string>();
  let running = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (failed) return;
      if (pending.length === 0 && running === 0) {
        resolve();
        return;
      }
      for (let i = 0; i < pending.length && running < Math.max(1, concurrency); ) {
        const call = pending[i];
        if ([...call.keys].some((k) => held.has(k))) {
          i += 1;
          continue;
        }
        pending.splice(i, 1);
        for (const k of call.keys) held.add(k);
        running += 1;
        run(call).then(
          () => {
            running -= 1;
            for (const k of call.keys) held.delete(k);
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
}
