import { WeightedMedian } from '../metrics/weightedMedian';
import { groupKey, type Group, type KeyCode } from './groups';
import type { Level } from './levels';

/** Where the median rows go: key codes, then 人均纯收入 and 人口; true once every median is known. */
export interface MedianSink {
  add(row: readonly unknown[]): boolean;
}

/** The rows arrived out of the order the sink was promised: the caller re-feeds them to a sorting sink. */
export class MedianOrderBroken extends Error {}

class Collected {
  values: number[] = [];
  weights: number[] = [];
}

interface LevelFeed {
  readonly level: Level;
  readonly groups: ReadonlyMap<string, Group>;
  /** Streamed when the rows arrive in ascending 人均纯收入 within each group; collected and sorted otherwise. */
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
  private open: number;
  private readonly ordered: boolean;
  private lastYear = -Infinity;
  private lastValue = -Infinity;

  constructor(
    private readonly feeds: readonly LevelFeed[],
    private readonly rowDims: number,
    private readonly dims: number,
    /** Position of the year among the key codes when the rows span several years, else null. */
    private readonly yearPosition: number | null,
    sizeIndex: number,
    /** False for the fallback that sorts everything: then the arrival order does not matter. */
    ordered = true,
  ) {
    for (const f of feeds) {
      for (const g of f.groups.values()) {
        const total = g.sums[sizeIndex] ?? 0;
        if (total <= 0) continue;
        if (f.streamed) this.streaming.set(g, new WeightedMedian(total));
        else this.collected.set(g, new Collected());
      }
    }
    this.open = this.collected.size > 0 ? Infinity : this.streaming.size;
    this.ordered = ordered && feeds.some((f) => f.streamed);
  }

  add(row: readonly unknown[]): boolean {
    const codes: KeyCode[] = [];
    for (let i = 0; i < this.dims; i++) {
      const v = row[i];
      codes.push(v === null || v === undefined ? null : Number(v));
    }
    const value = Number(row[this.dims]);
    const weight = Number(row[this.dims + 1]);
    if (this.ordered) this.checkOrder(codes, value);
    for (const f of this.feeds) {
      const g = f.groups.get(groupKey(codes.slice(0, f.level.rows), codes.slice(this.rowDims, this.rowDims + f.level.cols)));
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

  private checkOrder(codes: readonly KeyCode[], value: number): void {
    const year = this.yearPosition === null ? 0 : codes[this.yearPosition] ?? 0;
    if (year < this.lastYear || (year === this.lastYear && value < this.lastValue)) throw new MedianOrderBroken();
    this.lastYear = year;
    this.lastValue = value;
  }

  /** Writes every median into its group. */
  finish(): void {
    for (const [g, m] of this.streaming) g.median = m.value;
    for (const [g, c] of this.collected) {
      const order = c.values.map((_, i) => i).sort((a, b) => (c.values[a] as number) - (c.values[b] as number));
      const total = c.weights.reduce((s, w) => s + w, 0);
      const m = new WeightedMedian(total);
      for (const i of order) if (m.add(c.values[i] as number, c.weights[i] as number)) break;
      g.median = m.value;
    }
  }
}

/** A sink that accepts rows in any order: every level collects and sorts (the fallback). */
export function sortingFeeds(feeds: readonly LevelFeed[]): LevelFeed[] {
  return feeds.map((f) => ({ ...f, streamed: false }));
}
