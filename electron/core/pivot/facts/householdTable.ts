import type { Db } from '../../db/database';
import type { Radix } from './cubes';
import { FACT_TABLES } from './factColumns';
import { KeyIndex } from './keySums';
import { feedRows } from '../../db/rowFeed';

/** A blank code while the households are read (codes are small integers). */
const BLANK = -2147483648;

/** The households of a cube's dimension set in groups: a household's group, and each group's packed key. */
export interface Grouping {
  /** Per household (HouseholdTable's numbering), its group 0 … keys.length − 1. */
  readonly groupOf: Int32Array;
  /** The mixed-radix key of the set's codes of each group (cubes.ts decodeKey). */
  readonly keys: readonly number[];
  /** Π of the set's radix sizes: a key of more columns packs this set's key below them. */
  readonly span: number;
}

/**
 * The snapshot's households, read once, with their dimension codes as radix indices (0 blank).
 * Every member and income row carries its household's codes (they were joined from
 * pivot_household), so the cube passes over those rows read only the household id and their own
 * values, and find a household's group in each cube by array index instead of hashing each row's
 * key once per cube: that hashing was most of the 9 s income pass on the 300,000-household county.
 */
export class HouseholdTable {
  readonly count: number;
  readonly radix: readonly Radix[];
  /** count × columns.length radix indices. */
  readonly codes: Int32Array;
  readonly n: Float64Array;
  readonly size: Float64Array;
  private readonly denseIds: Int32Array | null;
  private readonly idMap: Map<number, number> | null;
  private readonly minId: number;
  private readonly groupings = new Map<string, Grouping>();

  constructor(db: Db, snapshotId: number, readonly columns: readonly string[]) {
    const table = FACT_TABLES.household;
    const [count, minId, maxId] = db.prepare(
      `SELECT COUNT(*), MIN(household_id), MAX(household_id) FROM ${table} WHERE snapshot_id = ?`,
    ).raw().get(snapshotId) as [number, number | null, number | null];
    this.count = count;
    this.minId = minId ?? 0;
    const width = columns.length;
    this.codes = new Int32Array(Math.max(1, count * width));
    this.n = new Float64Array(count);
    this.size = new Float64Array(count);
    // Ids are usually dense (1 … households): an array lookup; a Map when they are sparse.
    const span = (maxId ?? 0) - this.minId + 1;
    this.denseIds = span <= 4 * count + 1024 ? new Int32Array(span).fill(-1) : null;
    this.idMap = this.denseIds ? null : new Map();
    // The codes' ranges are taken in the same pass (a MIN and MAX of each column cost another scan).
    const mins = new Array<number>(width).fill(Infinity);
    const maxes = new Array<number>(width).fill(-Infinity);
    let h = 0;
    const sql = `SELECT SUM(pivot_household_feed(household_id, ${[...columns, 'n', 'size'].join(', ')})) FROM ${table} WHERE snapshot_id = ?`;
    feedRows(db, 'pivot_household_feed', sql, [snapshotId], (row) => {
      if (h >= count) throw new Error('more households than counted');
      const id = row[0] as number;
      if (this.denseIds) this.denseIds[id - this.minId] = h;
      else this.idMap?.set(id, h);
      for (let j = 0; j < width; j++) {
        const v = row[1 + j] as number | null;
        if (v === null) {
          this.codes[h * width + j] = BLANK;
          continue;
        }
        if ((v | 0) !== v || v === BLANK) throw new Error(`code ${v} of ${columns[j] ?? ''} is not a small integer`);
        this.codes[h * width + j] = v;
        if (v < (mins[j] as number)) mins[j] = v;
        if (v > (maxes[j] as number)) maxes[j] = v;
      }
      this.n[h] = row[1 + width] as number;
      this.size[h] = row[2 + width] as number;
      h++;
    });
    // As radices() (cubes.ts) gives them: a column of blanks only has min 0 and size 2.
    this.radix = columns.map((_, j) => {
      const min = Number.isFinite(mins[j]) ? mins[j] as number : 0;
      const max = Number.isFinite(maxes[j]) ? maxes[j] as number : 0;
      return { min, size: max - min + 2 };
    });
    for (let i = 0; i < h * width; i++) {
      const v = this.codes[i] as number;
      this.codes[i] = v === BLANK ? 0 : v - (this.radix[i % width] as Radix).min + 1;
    }
  }

  /** A household's number 0 … count − 1 (every member and income row's household is here). */
  indexOf(householdId: number): number {
    const h = this.denseIds ? this.denseIds[householdId - this.minId] : this.idMap?.get(householdId);
    if (h === undefined || h < 0) throw new Error(`household ${householdId} missing from ${FACT_TABLES.household}`);
    return h;
  }

  /** The radix of one of the table's columns. */
  radixOf(column: string): Radix {
    const at = this.columns.indexOf(column);
    if (at < 0) throw new Error(`household column ${column} not read`);
    return this.radix[at] as Radix;
  }

  /**
   * Σ code × weight over the given columns of each household: its part of a packed cube key whose
   * other columns (a member's own codes, the year) are added per row.
   */
  partialKeys(weights: ReadonlyMap<string, number>): Float64Array {
    const at = Int32Array.from(weights.keys(), (col) => this.columns.indexOf(col));
    if (at.some((i) => i < 0)) throw new Error('household column not read');
    const w = Float64Array.from(weights.values());
    const width = this.columns.length;
    const codes = this.codes;
    const out = new Float64Array(this.count);
    for (let h = 0; h < this.count; h++) {
      let key = 0;
      for (let j = 0; j < at.length; j++) key += (codes[h * width + (at[j] as number)] as number) * (w[j] as number);
      out[h] = key;
    }
    return out;
  }

  /** The households grouped by a dimension set (the key packs the columns in the given order). */
  group(columns: readonly string[]): Grouping {
    const name = columns.join(',');
    let grouping = this.groupings.get(name);
    if (!grouping) {
      grouping = this.makeGroups(columns);
      this.groupings.set(name, grouping);
    }
    return grouping;
  }

  private makeGroups(columns: readonly string[]): Grouping {
    const at = columns.map((c) => this.columns.indexOf(c));
    if (at.some((i) => i < 0)) throw new Error('household column not read');
    const sizes = at.map((i) => (this.radix[i] as Radix).size);
    const span = sizes.reduce((s, x) => s * x, 1);
    if (!Number.isSafeInteger(span)) throw new Error(`cube key does not fit a number (${span})`);
    const width = this.columns.length;
    const index = new KeyIndex();
    const groupOf = new Int32Array(this.count);
    for (let h = 0; h < this.count; h++) {
      let key = 0;
      for (let j = 0; j < at.length; j++) {
        key = key * (sizes[j] as number) + (this.codes[h * width + (at[j] as number)] as number);
      }
      groupOf[h] = index.idOf(key);
    }
    return { groupOf, keys: index.keyOf, span };
  }
}
