/**
 * A small seeded PRNG (mulberry32) so the demo county is the same on every machine and every run:
 * Math.random and the clock never reach the data. Each household draws from its own stream derived
 * from (seed, index), so one household's draws never shift another's.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream keyed by several integers (seed, purpose, index …). */
  static derive(...parts: readonly number[]): Random {
    return new Random(hash32(parts));
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value of a list of [value, weight] pairs, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (let i = 0; i < entries.length; i++) total += (entries[i] as readonly [T, number])[1];
    let x = this.next() * total;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as readonly [T, number];
      x -= e[1];
      if (x < 0) return e[0];
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** One value of a prepared table (the fast path for the fixed distributions of the county). */
  from<T>(table: WeightedTable<T>): T {
    const x = this.next() * table.total;
    const c = table.cumulative;
    for (let i = 0; i < c.length; i++) if (x < (c[i] as number)) return table.values[i] as T;
    return table.values[table.values.length - 1] as T;
  }

  /** Normal draw by Box–Muller (one of the pair; simplicity over speed). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** k distinct items in random order (k ≤ items.length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    for (let i = 0; i < k && copy.length > 0; i++) {
      const j = Math.floor(this.next() * copy.length);
      out.push(copy[j] as T);
      copy.splice(j, 1);
    }
    return out;
  }
}

/** A fixed distribution, prepared once: values and their cumulative weights. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach((e, i) => {
    total += e[1];
    cumulative[i] = total;
  });
  return { values: entries.map((e) => e[0]), cumulative, total };
}

/** Mixes integers into one 32-bit seed (murmur3 finaliser per step). */
export function hash32(parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Seeds may be negative or beyond 32 bits: fold both halves in.
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = mix(h ^ lo);
    h = mix(h ^ hi);
  }
  return h >>> 0;
}

function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Rounds to whole 元 (amounts in the demo are integers, like most county exports). */
export function yuan(x: number): number {
  return Math.round(x);
}
