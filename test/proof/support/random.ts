/**
 * The one source of randomness of the proof suite: a small seeded generator (mulberry32), so
 * a failing run prints its seed and replays with `npm run proof -- --seed=N`.
 */
export interface Random {
  readonly seed: number;
  /** [0, 1) */
  next(): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A child generator, so one part's draws do not shift another's. */
  fork(label: string): Random;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const random: Random = {
    seed,
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    fork: (label) => {
      let h = seed >>> 0;
      for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
      return seededRandom(h);
    },
  };
  return random;
}

/** `--seed=N` from argv, else PROOF_SEED, else a fresh one (printed by the caller). */
export function seedFrom(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const arg = argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
  const text = arg ?? env.PROOF_SEED;
  if (text !== undefined && text !== '') {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--seed must be a whole number: ${text}`);
    return n >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
