import { WeightedMedian } from '../metrics/weightedMedian';
import type { Group, KeyCode } from './group';
import type { Level } from './levels';

/** Where the median rows go: key codes, then 人均纯收入 and 人口; true once every median is known. */
export interface MedianSink {
  add(row: readonly unknown[]): boolean;
}

/** The rows arrived out of the order the sink was promised: the caller re-feeds them to a sorting sink. */
export class MedianOrderBroken extends Error {}

/**
 * Packs a group's key codes into one number (mixed radix over the code ranges seen in the sums),
 * so that each income row finds its groups without building strings.
 */
export class KeyPacker {
  private readonly min: number[];
  private readonly size: number[];

  constructor(groups: Iterable<Group>, rowDims: number, dims: number) {
    this.min = new Array<number>(dims).fill(Infinity);
    const max = new Array<number>(dims).fill(-Infinity);
    for (const g of groups) {
      const codes = [...g.rowCodes, ...new Array<KeyCode>(rowDims - g.rowCodes.length).fill(null), ...g.colCodes];
      codes.forEach((c, i) => {
        if (c === null || c === undefined) return;
        if (c < (this.min[i] as number)) this.min[i] = c;
        if (c > (max[i] as number)) max[i] = c;
      });
    }
    this.size = this.min.map((m, i) => (m === Infinity ? 1 : (max[i] as number) - m + 2));
    for (let i = 0; i < dims; i++) if (this.min[i] === Infinity) this.min[i] = 0;
  }

  /** Code index of one position: 0 for a blank, −1 for a code outside the groups (no group). */
  index(i: number, code: KeyCode): number {
    if (code === null) return 0;
    const k = code - (this.min[i] as number) + 1;
    return k >= 1 && k < (this.size[i] as number) ? k : -1;
  }

  pack(positions: readonly number[], codes: readonly KeyCode[]): number {
    let key = 0;
    for (const i of positions) {
      const k = this.index(i, codes[i] ?? null);
      if (k < 0) return -1;
      key = key * (this.size[i] as number) + k;
    }
    return key;
  }

  fits(positions: readonly number[]): boolean {
    return Number.isSafeInteger(positions.reduce((s, i) => s * (this.size[i] as number), 1));
  }
}

interface Collected {
  readonly values: number[];
  readonly weights: number[];
}

export interface LevelFeed {
  readonly level: Level;
  readonly groups: readonly Group[];
  /** Streamed when the rows arrive in ascending 人均纯收入 within each group; collected and sorted otherwise. */
  readonly streamed: boolean;
}

interface FeedIndex {
  readonly positions: readonly number[];
  readonly byKey: ReadonlyMap<number, Group>;
  readonly streamed: boolean;
}

/**
 * Weighted medians (metrics/weightedMedian.ts: the smallest v whose persons at or below reach half)
 * for the groups of several levels from one pass over the income rows. The rows come in
 * (year, 人均纯收入) order, so a level whose groups lie within one year streams and settles early;
 * a level that pools years (a total across years) collects its values and sorts them at the end.
 */
export class LevelMedians implements MedianSink {
  private readonly streaming = new Map<Group, WeightedMedian>();
  private readonly collected = new Map<Group, Collected>();
  private readonly feeds: FeedIndex[];
  private readonly codes: KeyCode[];
  private readonly ordered: boolean;
  private open: number;
  private lastYear = -Infinity;
  private lastValue = -Infinity;

  constructor(
    feeds: readonly LevelFeed[],
    private readonly packer: KeyPacker,
    rowDims: number,
    private readonly dims: number,
    /** Position of the year among the key codes when the rows span several years, else null. */
    private readonly yearPosition: number | null,
    sizeIndex: number,
    /** False for the fallback that sorts everything: then the arrival order does not matter. */
    ordered = true,
  ) {
    this.codes = new Array<KeyCode>(dims).fill(null);
    this.feeds = feeds.map((f) => {
      const positions = [...Array(f.level.rows).keys(), ...Array.from({ length: f.level.cols }, (_, j) => rowDims + j)];
      if (!packer.fits(positions)) throw new Error('median group keys do not fit a number');
      const byKey = new Map<number, Group>();
      for (const g of f.groups) {
        const total = g.sums[sizeIndex] ?? 0;
        if (total <= 0) continue;
        const codes = [...g.rowCodes, ...new Array<KeyCode>(rowDims - g.rowCodes.length).fill(null), ...g.colCodes];
        byKey.set(packer.pack(positions, codes), g);
        if (f.streamed) this.streaming.set(g, new WeightedMedian(total));
        else this.collected.set(g, { values: [], weights: [] });
      }
      return { positions, byKey, streamed: f.streamed };
    });
    this.open = this.collected.size > 0 ? Infinity : this.streaming.size;
    this.ordered = ordered && feeds.some((f) => f.streamed);
  }

  add(row: readonly unknown[]): boolean {
    const codes = this.codes;
    for (let i = 0; i < this.dims; i++) {
      const v = row[i];
      codes[i] = v === null || v === undefined ? null : (v as number);
    }
    const value = row[this.dims] as number;
    const weight = row[this.dims + 1] as number;
    if (this.ordered) this.checkOrder(value);
    for (const f of this.feeds) {
      const g = f.byKey.get(this.packer.pack(f.positions, codes));
      if (!g) continue;
      if (f.streamed) {
        const m = this.streaming.get(g);
        if (m && m.value === null && m.add(value, weight)) this.open--;
      } else {
        const c = this.collected.get(g);
        c?.values.push(value);
        c?.weights.push(weight);
      }
    }
    return this.open <= 0;
  }

  private checkOrder(value: number): void {
    const year = this.yearPosition === null ? 0 : this.codes[this.yearPosition] ?? 0;
    if (year < this.lastYear || (year === this.lastYear && value < this.lastValue)) throw new MedianOrderBroken();
    this.lastYear = year;
    this.lastValue = value;
  }

  /** Writes every median into its group. */
  finish(): void {
    for (const [g, m] of this.streaming) g.median = m.value;
    for (const [g, c] of this.collected) {
      const order = c.values.map((_, i) => i).sort((a, b) => (c.values[a] as number) - (c.values[b] as number));
      const m = new WeightedMedian(c.weights.reduce((s, w) => s + w, 0));
      for (const i of order) if (m.add(c.values[i] as number, c.weights[i] as number)) break;
      g.median = m.value;
    }
  }
}
