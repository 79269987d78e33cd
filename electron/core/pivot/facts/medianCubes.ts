import type { Db } from '../../db/database';
import { decodeKey, factRadices, type Radix } from './cubes';
import { FACT_TABLES } from './factColumns';
import { KeySums } from './keySums';
import { feedRows } from '../../db/rowFeed';

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
 * One pass over the income rows in the order of their primary key (year, 人均纯收入): the rank of a
 * row within its year gives its range (rows of one value stay in the range of the first), and each
 * row adds its persons to its range in every median cube.
 */
export function buildMedianCubes(db: Db, snapshotId: number): void {
  const table = FACT_TABLES.income;
  const rowsOfYear = new Map(
    (db.prepare(`SELECT year, COUNT(*) FROM ${table} WHERE snapshot_id = ? GROUP BY year`).raw().all(snapshotId) as [number, number][]),
  );
  if (rowsOfYear.size === 0) return;
  const columns = [...new Set(MEDIAN_CUBES.flatMap((c) => c.columns))];
  const radix = factRadices(db, snapshotId, columns);
  const minYear = Math.min(...rowsOfYear.keys());
  const positions = MEDIAN_CUBES.map((c) => c.columns.map((col) => columns.indexOf(col)));
  for (const p of positions) {
    const span = p.reduce(
      (s, i) => s * (radix[i] as Radix).size, (Math.max(...rowsOfYear.keys()) - minYear + 1) * MEDIAN_BUCKETS,
    );
    if (!Number.isSafeInteger(span)) throw new Error(`median cube key does not fit a number (${span})`);
  }
  const sums = MEDIAN_CUBES.map(() => new KeySums(1));
  const ranges: [number, number, number][] = [];
  const width = columns.length;
  const index = new Array<number>(width).fill(0);
  let year = -Infinity;
  let rows = 0;
  let rank = 0;
  let bucket = -1;
  let last = -Infinity;
  const feedSql = `SELECT SUM(pivot_median_cube_feed(year, per_capita, size, ${columns.join(', ')})) FROM ${table} WHERE snapshot_id = ?`;
  feedRows(db, 'pivot_median_cube_feed', feedSql, [snapshotId], (row) => {
    const y = row[0] as number;
    const value = row[1] as number;
    const size = row[2] as number;
    if (y !== year) {
      if (y < year) throw new IncomeOrderBroken();
      year = y;
      rows = rowsOfYear.get(y) ?? 1;
      rank = 0;
      bucket = -1;
      last = -Infinity;
    }
    if (value < last) throw new IncomeOrderBroken();
    if (value !== last) {
      const b = Math.floor((rank * MEDIAN_BUCKETS) / rows);
      if (b !== bucket) {
        bucket = b;
        ranges.push([y, b, value]);
      }
      last = value;
    }
    rank++;
    for (let i = 0; i < width; i++) {
      const v = row[3 + i] as number | null;
      index[i] = v === null ? 0 : v - (radix[i] as Radix).min + 1;
    }
    const base = (y - minYear) * MEDIAN_BUCKETS + bucket;
    for (let c = 0; c < MEDIAN_CUBES.length; c++) {
      let key = base;
      for (const i of positions[c] as number[]) key = key * (radix[i] as Radix).size + (index[i] as number);
      (sums[c] as KeySums).add(key, 0, size);
    }
  });
  const insertRange = db.prepare(`INSERT INTO pivot_bucket(snapshot_id, year, bucket, lo) VALUES (?, ?, ?, ?)`);
  for (const [y, b, lo] of ranges) insertRange.run(snapshotId, y, b, lo);

  MEDIAN_CUBES.forEach((cube, c) => {
    const pos = positions[c] as number[];
    const insert = db.prepare(
      `INSERT INTO pivot_median_cube(snapshot_id, cube, year, bucket, ${cube.columns.join(', ')}, seq, size)
       VALUES (?, ?, ?, ?, ${cube.columns.map(() => '?').join(', ')}, ?, ?)`,
    );
    const values = new Array<number | null>(pos.length);
    const map = (sums[c] as KeySums).toMap();
    let seq = 0;
    for (const key of [...map.keys()].sort((a, b) => a - b)) {
      const rest = decodeKey(key, pos, radix, values);
      const b = rest % MEDIAN_BUCKETS;
      const y = (rest - b) / MEDIAN_BUCKETS + minYear;
      insert.run(snapshotId, cube.id, y, b, ...values, seq++, (map.get(key) as Float64Array)[0] as number);
    }
  });
}
