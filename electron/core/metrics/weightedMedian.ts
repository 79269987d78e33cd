/**
 * The person-weighted median of household 人均纯收入 (metrics.md): the smallest value v such that
 * the persons of households with 人均纯收入 ≤ v are at least half of all persons. Fed with values
 * in ascending order, it settles as soon as the cumulative persons reach half of the total, so the
 * caller can stop reading the upper half.
 */
export class WeightedMedian {
  private cumulative = 0;
  private result: number | null = null;

  constructor(private readonly totalWeight: number) {}

  /** Adds the next value (ascending); returns true once the median is known. */
  add(value: number, weight: number): boolean {
    if (this.result !== null) return true;
    this.cumulative += weight;
    if (this.cumulative * 2 >= this.totalWeight) this.result = value;
    return this.result !== null;
  }

  get value(): number | null {
    return this.result;
  }
}

/** The same rule over an unordered list (for tests and small groups). */
export function weightedMedian(items: readonly { value: number; weight: number }[]): number | null {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, i) => s + i.weight, 0);
  if (total <= 0) return null;
  const m = new WeightedMedian(total);
  for (const i of sorted) if (m.add(i.value, i.weight)) break;
  return m.value;
}

/** Reads one year of the county in 人均纯收入 order (see incomeQueries). */
export interface OrderedYear {
  /** Value of the row at a 0-based position in ascending order. */
  valueAt(offset: number): number | null;
  /** Σ weight of the rows with value ≤ v. */
  weightAtOrBelow(v: number): number;
  /** Rows from v upwards (exclusive) or downwards (inclusive). */
  stream(v: number, direction: 'up' | 'down', visit: (value: number, weight: number) => boolean): void;
}

/**
 * The same weighted median without reading the lower half row by row: start at the unweighted
 * median v0 (found by the database), and walk from there — down while the persons at or below a
 * smaller value still reach half, or up until they do. Only the rows between the unweighted and the
 * weighted median pass through JavaScript.
 */
export function weightedMedianFromMiddle(year: OrderedYear, rows: number, totalWeight: number): number | null {
  if (rows <= 0 || totalWeight <= 0) return null;
  const v0 = year.valueAt(Math.floor((rows - 1) / 2));
  if (v0 === null) return null;
  const w0 = year.weightAtOrBelow(v0);
  if (w0 * 2 >= totalWeight) {
    // W(u) for the values u ≤ v0, in descending order: W(v0) = w0, and each value's rows leave
    // the cumulative sum once passed. The answer is the last u with 2·W(u) ≥ total.
    let cumulative = w0;
    let answer = v0;
    let current: number | null = null;
    year.stream(v0, 'down', (value, weight) => {
      if (value !== current) {
        if (cumulative * 2 < totalWeight) return false;
        answer = value;
        current = value;
      }
      cumulative -= weight;
      return true;
    });
    return answer;
  }
  let cumulative = w0;
  let answer: number | null = null;
  year.stream(v0, 'up', (value, weight) => {
    cumulative += weight;
    if (cumulative * 2 >= totalWeight) {
      answer = value;
      return false;
    }
    return true;
  });
  return answer;
}

/**
 * Values with their weights (household 人均纯收入 and persons), read in no particular order, for the
 * weighted median of a group: kept in flat typed arrays and resolved by selection (three-way
 * partitions around a pivot, O(n) expected) instead of a sort. Weight sums are exact (integers), so
 * the result is the rule above: the smallest value whose cumulative weight reaches half the total.
 */
export class WeightedValues {
  private values = new Float64Array(8);
  private weights: Int32Array | Float64Array = new Int32Array(8);
  private n = 0;

  add(value: number, weight: number): void {
    if (this.n === this.values.length) {
      const v = new Float64Array(this.n * 2);
      v.set(this.values);
      this.values = v;
      const w = this.weights instanceof Int32Array ? new Int32Array(this.n * 2) : new Float64Array(this.n * 2);
      w.set(this.weights);
      this.weights = w;
    }
    // Household sizes are integers; anything else keeps its exact value.
    if (this.weights instanceof Int32Array && (weight | 0) !== weight) this.weights = Float64Array.from(this.weights);
    this.values[this.n] = value;
    this.weights[this.n] = weight;
    this.n++;
  }

  /** The weighted median when the weights add up to `total` (the arrays are reordered). */
  median(total: number): number | null {
    if (total <= 0 || this.n === 0) return null;
    const v = this.values;
    const w = this.weights;
    let lo = 0;
    let hi = this.n; // the candidates are v[lo, hi)
    let below = 0; // weight of the values known to be below every candidate
    while (lo < hi) {
      const pivot = medianOfThree(v[lo] as number, v[(lo + hi) >>> 1] as number, v[hi - 1] as number);
      // Three-way partition of [lo, hi): < pivot in [lo, lt), == pivot in [lt, gt), > pivot in [gt, hi).
      let lt = lo;
      let i = lo;
      let gt = hi;
      let wLess = 0;
      let wEqual = 0;
      while (i < gt) {
        const x = v[i] as number;
        if (x < pivot) {
          wLess += w[i] as number;
          swap(v, w, lt++, i++);
        } else if (x > pivot) {
          swap(v, w, i, --gt);
        } else {
          wEqual += w[i] as number;
          i++;
        }
      }
      if ((below + wLess) * 2 >= total && lt > lo) {
        hi = lt;
      } else if ((below + wLess + wEqual) * 2 >= total) {
        return pivot;
      } else {
        below += wLess + wEqual;
        lo = gt;
      }
    }
    return null;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

function swap(v: Float64Array, w: Int32Array | Float64Array, i: number, j: number): void {
  const x = v[i] as number;
  v[i] = v[j] as number;
  v[j] = x;
  const y = w[i] as number;
  w[i] = w[j] as number;
  w[j] = y;
}
