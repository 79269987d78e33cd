import type { Db } from '../../db/database';
import { decodeKey, type Radix } from './cubes';
import { GroupSums } from './groupSums';
import { RowBatch } from '../../db/queries/batchInsert';
import type { HouseholdTable } from './householdTable';

/**
 * Ranges of 人均纯收入 per income year (pivot_bucket) and the persons of each range over a few
 * household dimension sets (pivot_median_cube, migration 008). A weighted median of a group then
 * reads the group's persons per range (a few hundred cube rows), finds the range that holds its
 * half, and reads only that range's income rows: about 1/MEDIAN_BUCKETS of a year, instead of
 * every row up to the median (bucketMedians.ts).
 */
export const MEDIAN_BUCKETS = 256;

export interface MedianCubeDef {
  readonly id: number;
  readonly columns: readonly string[];
}

/**
 * The county, townships (the commonest median pivots: by year, by township), and the register's
 * household type, attribute and status in the county and by township; each level reads the
 * smallest that covers it. A median pivot outside these, or one with a level that pools several
 * years, reads the income rows in order as before.
 */
export const MEDIAN_CUBES: readonly MedianCubeDef[] = [
  { id: 1, columns: ['county'] },
  { id: 2, columns: ['county', 'township'] },
  { id: 3, columns: ['county', 'household_type', 'attribute', 'status'] },
  { id: 4, columns: ['county', 'township', 'household_type', 'attribute', 'status'] },
];

/** The median cube with the fewest columns that has every needed one (MEDIAN_CUBES is in that order). */
export function medianCubeFor(needed: Iterable<string>): MedianCubeDef | undefined {
  const cols = [...needed].filter((c) => c !== 'year');
  return MEDIAN_CUBES.find((c) => cols.every((col) => c.columns.includes(col)));
}

/** Rows out of the (year, 人均纯收入) order the ranges are cut in: a broken build, not a data problem. */
class IncomeOrderBroken extends Error {}

/**
 * The ranges and median cubes, fed the income rows in the order of their primary key (year,
 * 人均纯收入) by the income cubes' pass (incomeCubes.ts), a year's rows kept until the year ends: the
 * rank of a row within its year gives its range (rows of one value stay in the range of the first),
 * and each row adds its persons to its range in every median cube. Ranges come in order, so a
 * range's groups are summed by array index and handed over when the next range begins.
 */
export class MedianCubeSums {
  private readonly ranges: [number, number, number][] = [];
  private readonly sums: GroupSums[];
  /** Each household's group in each median cube, side by side: one memory line per income row, not one per cube. */
  private readonly groups: Int32Array;
  private readonly radix: readonly (readonly Radix[])[];
  private readonly minYear: number;
  private year = -Infinity;
  private bucket = -1;
  /** The year's rows until it ends (its number of rows cuts its ranges): 人均纯收入, persons, household. */
  private values = new Float64Array(1024);
  private sizes = new Float64Array(1024);
  private households = new Int32Array(1024);
  private buffered = 0;

  /** `years`: the first and last income year (MIN and MAX of pivot_income's year), or null for none. */
  constructor(households: HouseholdTable, years: readonly [number, number] | null) {
    this.minYear = years ? years[0] : 0;
    const periods = years ? (years[1] - this.minYear + 1) * MEDIAN_BUCKETS : 1;
    this.sums = MEDIAN_CUBES.map((cube) => {
      const grouping = households.group(cube.columns);
      const span = grouping.span * periods;
      if (!Number.isSafeInteger(span)) throw new Error(`median cube key does not fit a number (${span})`);
      return new GroupSums(grouping, 1);
    });
    const groupings = MEDIAN_CUBES.map((cube) => households.group(cube.columns));
    this.groups = new Int32Array(Math.max(1, households.count * groupings.length));
    groupings.forEach((g, c) => g.groupOf.forEach((group, h) => { this.groups[h * groupings.length + c] = group; }));
    this.radix = MEDIAN_CUBES.map((cube) => cube.columns.map((c) => households.radixOf(c)));
  }

  /** One income row: its year, 人均纯收入, persons and household (HouseholdTable's number). */
  add(year: number, value: number, size: number, h: number): void {
    if (year !== this.year) {
      if (year < this.year) throw new IncomeOrderBroken();
      this.endYear();
      this.year = year;
    }
    if (this.buffered === this.values.length) this.grow();
    this.values[this.buffered] = value;
    this.sizes[this.buffered] = size;
    this.households[this.buffered++] = h;
  }

  /** After the last row. */
  finish(): void {
    this.endYear();
  }

  private endYear(): void {
    const rows = this.buffered;
    if (rows === 0) return;
    let rank = 0;
    let last = -Infinity;
    this.bucket = -1;
    const cubes = this.sums.length;
    for (let i = 0; i < rows; i++) {
      const value = this.values[i] as number;
      if (value < last) throw new IncomeOrderBroken();
      if (value !== last) {
        const b = Math.floor((rank * MEDIAN_BUCKETS) / rows);
        if (b !== this.bucket) {
          this.flush();
          this.bucket = b;
          this.ranges.push([this.year, b, value]);
        }
        last = value;
      }
      rank++;
      const at = (this.households[i] as number) * cubes;
      const size = this.sizes[i] as number;
      for (let c = 0; c < cubes; c++) (this.sums[c] as GroupSums).addToGroup(this.groups[at + c] as number, size);
    }
    this.flush();
    this.buffered = 0;
  }

  private grow(): void {
    const grown = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.values = grown(this.values, (n) => new Float64Array(n));
    this.sizes = grown(this.sizes, (n) => new Float64Array(n));
    this.households = grown(this.households, (n) => new Int32Array(n));
  }

  write(db: Db, snapshotId: number): void {
    const insertRange = db.prepare(`INSERT INTO pivot_bucket(snapshot_id, year, bucket, lo) VALUES (?, ?, ?, ?)`);
    for (const [y, b, lo] of this.ranges) insertRange.run(snapshotId, y, b, lo);
    MEDIAN_CUBES.forEach((cube, c) => this.writeCube(db, snapshotId, cube, c));
  }

  private flush(): void {
    if (this.bucket < 0) return;
    const period = (this.year - this.minYear) * MEDIAN_BUCKETS + this.bucket;
    for (const sums of this.sums) sums.flush(period);
  }

  private writeCube(db: Db, snapshotId: number, cube: MedianCubeDef, c: number): void {
    const width = 6 + cube.columns.length;
    const batch = new RowBatch(db, `INSERT INTO pivot_median_cube(snapshot_id, cube, year, bucket, ${cube.columns.join(', ')}, seq, size)`,
      `(${new Array(width).fill('?').join(', ')})`, width);
    const params = batch.params;
    const radix = this.radix[c] as readonly Radix[];
    const pos = cube.columns.map((_, i) => i);
    const values = new Array<number | null>(pos.length);
    const { keys, sums } = (this.sums[c] as GroupSums).sorted();
    let seq = 0;
    // The periods came in increasing order and each in key order: seq numbers the keys in that order.
    for (let r = 0; r < keys.length; r++) {
      const rest = decodeKey(keys[r] as number, pos, radix, values);
      const b = rest % MEDIAN_BUCKETS;
      const base = batch.slot();
      params[base] = snapshotId;
      params[base + 1] = cube.id;
      params[base + 2] = (rest - b) / MEDIAN_BUCKETS + this.minYear;
      params[base + 3] = b;
      for (let j = 0; j < pos.length; j++) params[base + 4 + j] = values[j] ?? null;
      params[base + 4 + pos.length] = seq++;
      params[base + 5 + pos.length] = sums[r] as number;
    }
    batch.end();
  }
}
