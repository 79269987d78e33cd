/** A cube's groups: packed keys in increasing order, and their sums side by side (width per key). */
export interface SortedSums {
  readonly keys: readonly number[];
  readonly sums: ArrayLike<number>;
}

/**
 * Sums per integer key (a cube's packed key, up to 2^53), in one open-addressing table of typed
 * arrays. The cube passes add a row to a dozen cubes each: a Map<number, Float64Array> hashed the
 * keys above 2^31 as heap numbers and allocated an array per group, which made the income cubes of
 * the large county cost ≈ 24 s of CPU; this table does the same additions in a few seconds.
 */
export class KeySums {
  private keys: Float64Array;
  private sums: Float64Array;
  private mask: number;
  private used = 0;

  constructor(readonly width: number, capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.sums = new Float64Array(size * width);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** The slot of a key (made when absent): its sums are at slot × width … + width − 1. */
  slot(key: number): number {
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === key) return i;
      if (k === -1) break;
      i = (i + 1) & this.mask;
    }
    if ((this.used + 1) * 2 > keys.length) {
      this.grow();
      return this.slot(key);
    }
    keys[i] = key;
    this.used++;
    return i;
  }

  /** Adds `value` to the sum at position `k` of a key. */
  add(key: number, k: number, value: number): void {
    const at = this.slot(key) * this.width + k;
    this.sums[at] = (this.sums[at] as number) + value;
  }

  /** Adds `values` (width of them) to a key's sums. */
  addAll(key: number, values: Float64Array): void {
    const at = this.slot(key) * this.width;
    const sums = this.sums;
    for (let k = 0; k < this.width; k++) sums[at + k] = (sums[at + k] as number) + (values[k] as number);
  }

  /** Every key in increasing order with its sums (groups are few beside the rows that made them). */
  toSorted(): SortedSums {
    const slots: number[] = [];
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) slots.push(i);
    slots.sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const sums = new Float64Array(slots.length * this.width);
    slots.forEach((slot, r) => {
      sums.set(this.sums.subarray(slot * this.width, (slot + 1) * this.width), r * this.width);
    });
    return { keys: slots.map((slot) => keys[slot] as number), sums };
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSums = this.sums;
    const size = oldKeys.length * 2;
    this.keys = new Float64Array(size).fill(-1);
    this.sums = new Float64Array(size * this.width);
    this.mask = size - 1;
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k === -1) continue;
      const at = this.slot(k) * this.width;
      for (let j = 0; j < this.width; j++) this.sums[at + j] = oldSums[i * this.width + j] as number;
    }
  }
}

/**
 * Numbers the distinct integer keys (up to 2^53) 0, 1, 2 … in the order they first come: the
 * households' groups of a cube (householdTable.ts), found once per household instead of hashing
 * every detail row.
 */
export class KeyIndex {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  /** The key of each number given. */
  readonly keyOf: number[] = [];

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.keyOf.length;
  }

  /** The number of a key, given now when the key is new. */
  idOf(key: number): number {
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === key) return this.ids[i] as number;
      if (k === -1) break;
      i = (i + 1) & this.mask;
    }
    if ((this.keyOf.length + 1) * 2 > keys.length) {
      this.grow();
      return this.idOf(key);
    }
    const id = this.keyOf.length;
    keys[i] = key;
    this.ids[i] = id;
    this.keyOf.push(key);
    return id;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = new Float64Array(size).fill(-1);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
    this.keyOf.forEach((key, id) => {
      let i = hash(key) & this.mask;
      while (this.keys[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.ids[i] = id;
    });
  }
}

/** Mixes both 32-bit halves of a non-negative integer below 2^53. */
function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}
