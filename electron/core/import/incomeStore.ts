/** The amount fields of an income row, in the order they are stored. */
export const INCOME_AMOUNTS = [
  'wage', 'business', 'businessCost', 'property', 'transfer', 'familyPlanning', 'dibao', 'tekun', 'pension', 'eco', 'otherTransfer',
] as const;
export type IncomeAmount = (typeof INCOME_AMOUNTS)[number];

const CHUNK = 65_536;
const AMOUNTS = INCOME_AMOUNTS.length;

/**
 * Income rows held column-wise in typed arrays until the write: a large county has two million of
 * them, and an object per row would cost several times the memory. A blank amount is NaN here
 * (null in the database); household size 0 means "not given, use the household's".
 */
export class IncomeStore {
  private readonly ints: Int32Array[] = [];
  private readonly amounts: Float64Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  /** `values` in INCOME_AMOUNTS order. */
  push(household: number, year: number, size: number, sourceRow: number, values: ArrayLike<number>): void {
    const chunk = Math.floor(this.n / CHUNK);
    const at = this.n % CHUNK;
    if (at === 0) {
      this.ints.push(new Int32Array(CHUNK * 4));
      this.amounts.push(new Float64Array(CHUNK * AMOUNTS));
    }
    const ints = this.ints[chunk] as Int32Array;
    const amounts = this.amounts[chunk] as Float64Array;
    ints[at * 4] = household;
    ints[at * 4 + 1] = year;
    ints[at * 4 + 2] = size;
    ints[at * 4 + 3] = sourceRow;
    for (let k = 0; k < AMOUNTS; k++) amounts[at * AMOUNTS + k] = values[k] as number;
    this.n++;
  }

  household(i: number): number {
    return this.int(i, 0);
  }

  year(i: number): number {
    return this.int(i, 1);
  }

  size(i: number): number {
    return this.int(i, 2);
  }

  sourceRow(i: number): number {
    return this.int(i, 3);
  }

  /** The k-th amount (INCOME_AMOUNTS order) of row i, NaN when blank. */
  amount(i: number, k: number): number {
    return (this.amounts[Math.floor(i / CHUNK)] as Float64Array)[(i % CHUNK) * AMOUNTS + k] as number;
  }

  private int(i: number, field: number): number {
    return (this.ints[Math.floor(i / CHUNK)] as Int32Array)[(i % CHUNK) * 4 + field] as number;
  }
}
