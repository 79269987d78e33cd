import type { Grouping } from './householdTable';
import type { SortedSums } from './keySums';

/**
 * Sums of a cube per household group over one period of the rows (an income year, a median
 * range, or all of them), added by array index; `flush` hands the period's groups over as cube
 * keys (period above the group's key) in key order and starts the next period.
 */
export class GroupSums {
  /** The groups handed over, in increasing key order when the periods come in increasing order. */
  private readonly keysOut: number[] = [];
  private readonly sumsOut: number[] = [];
  private readonly acc: Float64Array;
  private readonly touched: Uint8Array;
  private readonly order: Int32Array;

  constructor(private readonly grouping: Grouping, readonly width: number) {
    const groups = grouping.keys.length;
    this.acc = new Float64Array(Math.max(1, groups * width));
    this.touched = new Uint8Array(groups);
    const keys = grouping.keys;
    this.order = Int32Array.from(keys.keys()).sort((a, b) => (keys[a] as number) - (keys[b] as number));
  }

  /** Adds `width` values from `values` at `from` to household h's group. */
  addAll(h: number, values: Float64Array, from = 0): void {
    this.addToGroupAll(this.grouping.groupOf[h] as number, values, from);
  }

  /** Adds `width` values from `values` at `from` to group g. */
  addToGroupAll(g: number, values: ArrayLike<number>, from: number): void {
    const at = g * this.width;
    const acc = this.acc;
    this.touched[g] = 1;
    for (let k = 0; k < this.width; k++) acc[at + k] = (acc[at + k] as number) + (values[from + k] as number);
  }

  /**
   * Adds this period's groups to a cube of fewer columns (before this one's flush): `into` maps
   * each group of this cube to the group of the other that holds it.
   */
  rollUp(target: GroupSums, into: Int32Array): void {
    for (let g = 0; g < this.touched.length; g++) {
      if (this.touched[g] === 1) target.addToGroupAll(into[g] as number, this.acc, g * this.width);
    }
  }

  /** Adds one value to group g (a group number, not a household: see Grouping.groupOf). */
  addToGroup(g: number, value: number): void {
    this.touched[g] = 1;
    this.acc[g * this.width] = (this.acc[g * this.width] as number) + value;
  }

  /** Ends a period: its groups go out under keys period × span + group key. */
  flush(period: number): void {
    const { keys, span } = this.grouping;
    const w = this.width;
    for (const g of this.order) {
      if (this.touched[g] === 0) continue;
      this.keysOut.push(period * span + (keys[g] as number));
      for (let k = g * w; k < (g + 1) * w; k++) {
        this.sumsOut.push(this.acc[k] as number);
        this.acc[k] = 0;
      }
      this.touched[g] = 0;
    }
  }

  /** What was handed over (periods must have come in increasing order). */
  sorted(): SortedSums {
    return { keys: this.keysOut, sums: this.sumsOut };
  }
}

/**
 * For each cube, the cube it can be summed from instead of from the households: among the cubes
 * that hold no other's columns plus more (summed from the households themselves), the one with
 * fewest groups whose columns include all of this cube's; -1 for those summed from households.
 */
export function rollUpSources(columns: readonly (readonly string[])[], groups: readonly number[]): number[] {
  const within = (a: readonly string[], b: readonly string[]): boolean => a.every((c) => b.includes(c));
  const base = columns.map((cols, i) => !columns.some((other, j) => j !== i && within(cols, other)
    && (other.length > cols.length || j < i)));
  return columns.map((cols, i) => {
    if (base[i]) return -1;
    let best = -1;
    columns.forEach((other, j) => {
      if (base[j] && within(cols, other) && (best < 0 || (groups[j] as number) < (groups[best] as number))) best = j;
    });
    return best;
  });
}

/** Each group of `from` mapped to the group of `to` that holds it (to's columns are some of from's). */
export function groupsWithin(from: Grouping, to: Grouping): Int32Array {
  const into = new Int32Array(from.keys.length);
  for (let h = 0; h < from.groupOf.length; h++) into[from.groupOf[h] as number] = to.groupOf[h] as number;
  return into;
}
