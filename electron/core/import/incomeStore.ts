import { INCOME_AMOUNTS } from '../columns/incomeColumns';
import type { IncomeRow } from '../db/snapshotRows';

/** An income row being filled field by field (one reused for a pass over millions of rows). */
export type IncomeRowDraft = { -readonly [K in keyof IncomeRow]: IncomeRow[K] };

export function emptyIncomeRow(): IncomeRowDraft {
  return {
    householdCode: '', year: 0, size: 0, wage: null, business: null, businessCost: null, property: null, transfer: null,
    familyPlanning: null, dibao: null, tekun: null, pension: null, eco: null, otherTransfer: null, sourceRow: null,
  };
}

/**
 * Sets the row's amounts from `at(k)`, k in INCOME_AMOUNTS order; NaN (blank) becomes null. Written
 * out field by field for the two million rows of a large county; a test holds it to the table's order.
 */
export function fillIncomeAmounts(row: IncomeRowDraft, at: (k: number) => number): void {
  const a = (k: number): number | null => {
    const v = at(k);
    return Number.isNaN(v) ? null : v;
  };
  row.wage = a(0);
  row.business = a(1);
  row.businessCost = a(2);
  row.property = a(3);
  row.transfer = a(4);
  row.familyPlanning = a(5);
  row.dibao = a(6);
  row.tekun = a(7);
  row.pension = a(8);
  row.eco = a(9);
  row.otherTransfer = a(10);
}

const CHUNK = 65_536;
const AMOUNTS = INCOME_AMOUNTS.length;

/**
 * Income rows held column-wise in typed arrays until the write: a large county has two million of
 * them, and an object per row would cost several times the memory. A blank amount is NaN here
 * (null in the database); household size 0 means "not given, use the household's".
 */
export class IncomeStore {
  private readonly ints: Int32Array[] = [];
  /**
   * Single precision holds every whole-yuan amount below 16.7 million (and halves, quarters…)
   * exactly, in half the memory; a chunk meeting an amount it cannot hold (分, a typo in the
   * billions) turns to double precision, so no value is ever rounded.
   */
  private readonly amounts: (Float32Array | Float64Array)[] = [];
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
      this.amounts.push(new Float32Array(CHUNK * AMOUNTS));
    }
    const ints = this.ints[chunk] as Int32Array;
    let amounts = this.amounts[chunk] as Float32Array | Float64Array;
    ints[at * 4] = household;
    ints[at * 4 + 1] = year;
    ints[at * 4 + 2] = size;
    ints[at * 4 + 3] = sourceRow;
    for (let k = 0; k < AMOUNTS; k++) {
      const v = values[k] as number;
      if (amounts instanceof Float32Array && Math.fround(v) !== v && !Number.isNaN(v)) {
        amounts = Float64Array.from(amounts);
        this.amounts[chunk] = amounts;
      }
      amounts[at * AMOUNTS + k] = v;
    }
    this.n++;
  }

  /** Lets the rows go (after the write): the typed arrays of a large county run to hundreds of MB. */
  clear(): void {
    this.ints.length = 0;
    this.amounts.length = 0;
    this.n = 0;
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
    return (this.amounts[Math.floor(i / CHUNK)] as Float32Array | Float64Array)[(i % CHUNK) * AMOUNTS + k] as number;
  }

  private int(i: number, field: number): number {
    return (this.ints[Math.floor(i / CHUNK)] as Int32Array)[(i % CHUNK) * 4 + field] as number;
  }
}
