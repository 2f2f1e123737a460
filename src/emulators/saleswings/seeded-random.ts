/**
 * A small seeded pseudo-random generator for the emulators' data sets: the same seed gives
 * the same sequence on every machine and Node version, which `Math.random` cannot.
 * (mulberry32 over a string/number seed hashed with FNV-1a; quality is ample for test data.)
 */

export type Seed = number | string;

export interface SeededRandom {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Key chosen with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** `count` distinct items in random order (all of them when fewer exist). */
  sample<T>(items: readonly T[], count: number): T[];
  /** An independent generator derived from this seed and a label. */
  fork(label: string): SeededRandom;
}

function hashSeed(seed: Seed): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

interface WeightTable {
  entries: [string, number][];
  total: number;
}

/** Weight objects are usually module constants: their tables are computed once. */
const weightTables = new WeakMap<object, WeightTable>();

function weightTable(weights: Readonly<Record<string, number>>): WeightTable {
  let table = weightTables.get(weights);
  if (!table) {
    const entries = Object.entries(weights).map(([key, w]): [string, number] => [key, Math.max(0, w)]);
    table = { entries, total: entries.reduce((sum, [, w]) => sum + w, 0) };
    weightTables.set(weights, table);
  }
  return table;
}

export function seededRandom(seed: Seed): SeededRandom {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: SeededRandom = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: <K extends string>(weights: Readonly<Record<K, number>>): K => {
      const { entries, total } = weightTable(weights);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key as K;
      }
      return entries[entries.length - 1][0] as K;
    },
    sample: (items, count) => {
      const copy = [...items];
      const n = Math.min(count, copy.length);
      // Partial Fisher–Yates: only the first n positions are drawn.
      for (let i = 0; i < n; i += 1) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
    fork: (label) => seededRandom(`${seed}/${label}`),
  };
  return random;
}
