/**
 * A small seeded PRNG (mulberry32) and the helpers the catalogue generator draws with. The same seed gives
 * the same catalogue, ids included, so re-running the seed finds the rows it made before.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `weight(item)` ≥ 0, at least one > 0. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** `n` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A version-4-shaped UUID made from the stream (deterministic, not secret). */
  uuid(): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const rng: Rng = {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items, weight) => {
      const total = items.reduce((sum, it) => sum + weight(it), 0);
      if (!(total > 0)) throw new Error('weighted pick with no positive weight');
      let r = next() * total;
      for (const it of items) {
        r -= weight(it);
        if (r < 0) return it;
      }
      return items[items.length - 1];
    },
    sample: (items, n) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
    uuid: () => {
      const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
  return rng;
}

/** Rounds fen to a price a farmer would write: whole jiao below ¥20, whole yuan (often …8 or …9.9) above. */
export function roundPrice(fen: number, rng: Rng): number {
  if (fen < 2000) return Math.max(10, Math.round(fen / 10) * 10);
  if (fen < 10_000) return Math.round(fen / 100) * 100 - (rng.chance(0.3) ? 10 : 0);
  const yuan = Math.round(fen / 100);
  const tidy = rng.chance(0.6) ? Math.floor(yuan / 10) * 10 + 8 : yuan;
  return tidy * 100;
}
