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

interface WeightList {
  data: Float64Array;
  n: number;
}

/**
 * Values with their weights, kept as one list of values per weight (the weights are household
 * sizes: a handful of small integers), for the weighted median of a group read in no particular
 * order. Each list sorts natively and the median walks them merged; the result is the rule above.
 */
export class WeightedValues {
  private readonly lists = new Map<number, WeightList>();

  add(value: number, weight: number): void {
    let l = this.lists.get(weight);
    if (!l) {
      l = { data: new Float64Array(8), n: 0 };
      this.lists.set(weight, l);
    }
    if (l.n === l.data.length) {
      const grown = new Float64Array(l.n * 2);
      grown.set(l.data);
      l.data = grown;
    }
    l.data[l.n++] = value;
  }

  /** The weighted median when the weights add up to `total`. */
  median(total: number): number | null {
    if (total <= 0) return null;
    const lists = [...this.lists].map(([weight, l]) => ({ weight, data: l.data.subarray(0, l.n).sort(), k: 0 }));
    let cumulative = 0;
    for (;;) {
      let v = Number.NaN;
      for (const l of lists) {
        const head = l.data[l.k];
        if (head !== undefined && !(head >= v)) v = head;
      }
      if (Number.isNaN(v)) return null;
      // Every row of this value counts before the check, as in the definition.
      for (const l of lists) {
        while (l.data[l.k] === v) {
          cumulative += l.weight;
          l.k++;
        }
      }
      if (cumulative * 2 >= total) return v;
    }
  }
}
