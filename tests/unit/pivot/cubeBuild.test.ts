import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { aggregateCubes, CUBES } from '../../../electron/core/pivot/facts/cubes';
import { FACT_TABLES } from '../../../electron/core/pivot/facts/factColumns';
import { MEDIAN_BUCKETS, MEDIAN_CUBES } from '../../../electron/core/pivot/facts/medianCubes';
import { ensurePivotFacts } from '../../../electron/core/pivot/facts/pivotFacts';

/**
 * The build's cubes (cubeBuild.ts: households read once, each member and income row summed
 * through its household's groups) against cubes made straight from the detail rows: the lazy
 * cubes' pass (aggregateCubes) for the additive cubes, COUNT(DISTINCT) for the distinct-household
 * cubes, and the median ranges cut here from the income rows in key order.
 */
let dir: string;
let db: Db;
let snapshotId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-cube-build-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 1500, seed: 11 });
  snapshotId = ensurePivotFacts(db).scope.snapshot.id;
  db.exec(`CREATE TEMP TABLE straight_cube AS SELECT * FROM main.pivot_cube WHERE 0`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const AMOUNTS = ['net', 'wage', 'net_business', 'property', 'transfer', 'support'];
const COUNTS = ['n', 'size', 'members'];

function cubeRows(table: string, cube: number, columns: readonly string[]): Record<string, number | null>[] {
  const order = ['year', ...columns].join(', ');
  return db.prepare(`SELECT year, ${columns.join(', ')}, ${[...COUNTS, ...AMOUNTS].join(', ')} FROM ${table}
    WHERE snapshot_id = ? AND cube = ? ORDER BY ${order}`).all(snapshotId, cube) as Record<string, number | null>[];
}

/** Counts and keys equal, amounts to 1e-9 relative (summed in another order); mismatches listed. */
type Row = Record<string, number | null>;

function expectSameRows(got: readonly Row[], want: readonly Row[]): void {
  expect(got.length).toBe(want.length);
  const differ: string[] = [];
  got.forEach((row, i) => {
    const other = want[i] ?? {};
    for (const [col, v] of Object.entries(row)) {
      const w = other[col];
      const close = AMOUNTS.includes(col) && typeof v === 'number' && typeof w === 'number'
        && Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(w));
      if (v !== w && !close) differ.push(`row ${i} ${col}: ${String(v)} ≠ ${String(w)}`);
    }
  });
  expect(differ.slice(0, 5)).toEqual([]);
}

describe('the cubes of the build', () => {
  it('hold the sums of the detail rows (households, members, income)', () => {
    const checked: number[] = [];
    for (const grain of ['household', 'person', 'income'] as const) {
      const cubes = CUBES.filter((c) => c.grain === grain && !c.distinct);
      db.prepare(`DELETE FROM temp.straight_cube`).run();
      db.exec(`CREATE TEMP TABLE IF NOT EXISTS pivot_lazy_cube AS SELECT * FROM main.pivot_cube WHERE 0`);
      db.prepare(`DELETE FROM temp.pivot_lazy_cube`).run();
      aggregateCubes(db, snapshotId, grain, cubes, { table: 'temp.pivot_lazy_cube', year: null });
      for (const cube of cubes) {
        const want = cubeRows('temp.pivot_lazy_cube', cube.id, cube.columns);
        expect(want.length).toBeGreaterThan(0);
        expectSameRows(cubeRows('main.pivot_cube', cube.id, cube.columns), want);
        checked.push(cube.id);
      }
    }
    expect(checked.length).toBe(CUBES.filter((c) => !c.distinct).length);
  });

  it('count the distinct households of members per value', () => {
    for (const cube of CUBES.filter((c) => c.distinct)) {
      const want = db.prepare(`SELECT ${cube.columns.join(', ')}, COUNT(DISTINCT household_id) AS n FROM ${FACT_TABLES.person}
        WHERE snapshot_id = ? GROUP BY ${cube.columns.join(', ')} ORDER BY ${cube.columns.join(', ')}`).all(snapshotId);
      const got = db.prepare(`SELECT ${cube.columns.join(', ')}, n FROM pivot_cube WHERE snapshot_id = ? AND cube = ?
        ORDER BY ${cube.columns.join(', ')}`).all(snapshotId, cube.id);
      expect(want.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    }
  });

  it('cut the median ranges by rank in each year and sum their persons per group', () => {
    const rows = db.prepare(`SELECT year, per_capita, size, county, township, household_type, attribute, status
      FROM ${FACT_TABLES.income} WHERE snapshot_id = ? ORDER BY year, per_capita, household_id`).all(snapshotId) as
      Record<string, number | null>[];
    const perYear = new Map<number, number>();
    for (const r of rows) perYear.set(r.year as number, (perYear.get(r.year as number) ?? 0) + 1);
    const ranges: [number, number, number][] = [];
    const sums = MEDIAN_CUBES.map(() => new Map<string, number>());
    let year = -1;
    let rank = 0;
    let bucket = -1;
    let last = -Infinity;
    for (const r of rows) {
      if (r.year !== year) {
        year = r.year as number;
        rank = 0;
        bucket = -1;
        last = -Infinity;
      }
      if (r.per_capita !== last) {
        const b = Math.floor((rank * MEDIAN_BUCKETS) / (perYear.get(year) as number));
        if (b !== bucket) ranges.push([year, b, r.per_capita as number]);
        bucket = b;
        last = r.per_capita as number;
      }
      rank++;
      MEDIAN_CUBES.forEach((cube, c) => {
        const key = JSON.stringify([year, bucket, ...cube.columns.map((col) => r[col])]);
        const groups = sums[c] as Map<string, number>;
        groups.set(key, (groups.get(key) ?? 0) + (r.size as number));
      });
    }
    expect(rows.length).toBeGreaterThan(0);
    const gotRanges = db.prepare(`SELECT year, bucket, lo FROM pivot_bucket WHERE snapshot_id = ? ORDER BY year, bucket`)
      .raw().all(snapshotId);
    expect(gotRanges).toEqual(ranges);
    MEDIAN_CUBES.forEach((cube, c) => {
      const got = db.prepare(`SELECT year, bucket, ${cube.columns.join(', ')}, seq, size FROM pivot_median_cube
        WHERE snapshot_id = ? AND cube = ? ORDER BY year, bucket, ${cube.columns.join(', ')}`).raw().all(snapshotId, cube.id) as
        (number | null)[][];
      const want = new Map(sums[c]);
      expect(got.length).toBe(want.size);
      got.forEach((row, i) => {
        const seq = row[row.length - 2];
        const size = row[row.length - 1];
        expect(seq).toBe(i);
        expect(size).toBe(want.get(JSON.stringify(row.slice(0, -2))));
      });
    });
  });
});
