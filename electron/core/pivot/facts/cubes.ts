import type { Db } from '../../db/database';
import type { Component, Grain } from '../../../../shared/semantic/types';
import { KeySums, type SortedSums } from './keySums';
import {
  COMPONENT_COLUMNS, COMPONENTS_OF_GRAIN, FACT_TABLES, HOUSEHOLD_DIM_COLUMNS, PERSON_DIM_COLUMNS, type PersonDimColumn,
} from './factColumns';
import { feedRows } from '../../db/rowFeed';
import { RowBatch } from '../../db/queries/batchInsert';

/**
 * A pre-aggregated summary of a fact table over a set of dimension columns. Households, persons,
 * members and income sums are additive, so any pivot whose rows, columns and filters all lie in a
 * cube's dimensions reads the cube (a few thousand rows) and gets the same figures as from the
 * detail rows. Medians and distinct household counts of members are not additive: they always read
 * the detail tables.
 */
export interface CubeDef {
  readonly id: number;
  readonly grain: Grain;
  readonly columns: readonly string[];
  /**
   * Set on the distinct-household cubes of members (pairCubes.ts): n counts distinct pairs of
   * (household, value of this member dimension), or households with members ('households').
   * Not additive sums of members: the planner reads them only for 户数 of member pivots.
   */
  readonly distinct?: PersonDimColumn | 'households';
}

const TOWNSHIP = ['county', 'township'];
const VILLAGE = ['county', 'township', 'village', 'poor_village'];

/**
 * Dimension sets, chosen from the questions of the issue and the built-in analyses and sized on the
 * 300,000-household bench county (each a few thousand rows per year): register and exits, causes,
 * returns, monitoring, exit methods, poor villages at township level, the commonest village
 * breakdowns, and members by their own and their household's attributes. A pivot outside every
 * cube reads the detail table: still right, only slower.
 */
const HOUSEHOLD_SETS: readonly (readonly string[])[] = [
  [...TOWNSHIP, 'household_type', 'attribute', 'status', 'exit_year'],
  [...TOWNSHIP, 'household_type', 'attribute', 'status', 'identified_year', 'exit_year', 'relocated'],
  [...TOWNSHIP, 'household_type', 'attribute', 'main_cause', 'status'],
  [...TOWNSHIP, 'household_type', 'status', 'exit_year', 'return_year', 'return_cause'],
  [...TOWNSHIP, 'household_type', 'status', 'mon_category', 'main_risk', 'risk_eliminated'],
  [...TOWNSHIP, 'attribute', 'status', 'exit_year', 'exit_income', 'exit_structural'],
  [...TOWNSHIP, 'poor_village', 'household_type', 'attribute', 'status', 'exit_year', 'relocated'],
  ['county', 'township', 'village', 'status', 'exit_year'],
  [...VILLAGE, 'household_type', 'status', 'exit_year'],
  [...VILLAGE, 'household_type', 'attribute', 'status'],
  // The county's register, exit cohorts and exit methods without townships (a few hundred to a
  // thousand rows), and villages by exit year alone: county-wide pivots and village rankings read a
  // fraction of the rows of the township sets above.
  ['county', 'poor_village', 'household_type', 'attribute', 'status', 'identified_year', 'exit_year', 'relocated'],
  ['county', 'attribute', 'status', 'exit_year', 'exit_income', 'exit_structural'],
  ['county', 'township', 'village', 'exit_year'],
  // Townships by status alone (乡镇×年度 人均纯收入, a built-in analysis): 2,855 income rows, not 27,516.
  ['county', 'township', 'household_type', 'status'],
];

const PERSON_SETS: readonly (readonly string[])[] = [
  [...TOWNSHIP, 'sex', 'age_group', 'health', 'labour', 'work_status'],
  ['county', 'sex', 'age_group', 'health', 'labour', 'work_status', 'household_type', 'attribute', 'status'],
  [...TOWNSHIP, 'sex', 'age_group', 'household_type', 'attribute', 'status'],
  [...TOWNSHIP, 'health', 'labour', 'household_type', 'status'],
  ['county', 'township', 'village', 'sex', 'age_group'],
  // Work status by township and age (务工 of the working-age members): 2,640 rows, not 16,850.
  [...TOWNSHIP, 'sex', 'age_group', 'work_status'],
  // Villages by age group alone (行政村 × 年龄组, one of the issue's many-group pivots): 8,604 rows on
  // the large county instead of the 17,208 of the set above with 性别, half the rows to read per answer.
  ['county', 'township', 'village', 'age_group'],
];

/**
 * Household dimension sets of the distinct-household cubes of members: each is built once per
 * member dimension (the dimension's value joins the key) and once without one.
 */
const PAIR_SETS: readonly (readonly string[])[] = [
  [...TOWNSHIP, 'household_type', 'attribute', 'status'],
  ['county', 'township', 'village'],
];

function cubeList(): CubeDef[] {
  const out: CubeDef[] = [];
  for (const grain of ['household', 'income'] as const) {
    for (const columns of HOUSEHOLD_SETS) out.push({ id: out.length + 1, grain, columns });
  }
  for (const columns of PERSON_SETS) out.push({ id: out.length + 1, grain: 'person', columns });
  for (const distinct of ['households', ...PERSON_DIM_COLUMNS] as const) {
    for (const set of PAIR_SETS) {
      out.push({ id: out.length + 1, grain: 'person', columns: distinct === 'households' ? set : [distinct, ...set], distinct });
    }
  }
  return out;
}

export const CUBES: readonly CubeDef[] = cubeList();

/** Rows of each cube per year (0 for cubes without years): the planner reads the smallest. */
export type CubeRows = Record<string, Record<string, number>>;

/** A column's values mapped to 0 (null) … max − min + 1, for packing a row's cube key in one number. */
export interface Radix {
  readonly min: number;
  readonly size: number;
}

/** Where cube rows go: the snapshot's own cubes, or the session's cubes made for a pivot (lazyCubes.ts). */
export interface CubeTarget {
  readonly table: 'pivot_cube' | 'temp.pivot_lazy_cube';
  /** Aggregate only this income year's rows (a lazy cube is built year by year), or all rows. */
  readonly year: number | null;
}

/**
 * Writes the dimension values packed in a mixed-radix key into `values` (null for blank) and
 * returns what is left above them (e.g. a bucket and year packed further up).
 */
export function decodeKey(
  key: number, pos: readonly number[], radix: readonly Radix[], values: (number | null)[],
): number {
  let rest = key;
  for (let j = pos.length - 1; j >= 0; j--) {
    const r = radix[pos[j] as number] as Radix;
    const idx = rest % r.size;
    rest = (rest - idx) / r.size;
    values[j] = idx === 0 ? null : idx - 1 + r.min;
  }
  return rest;
}

export function radices(
  db: Db, table: string, where: string, params: readonly number[], columns: readonly string[],
): Radix[] {
  const row = db.prepare(`SELECT ${columns.map((c) => `MIN(${c}), MAX(${c})`).join(', ')} FROM ${table} WHERE ${where}`)
    .raw().get(...params) as (number | null)[];
  return columns.map((_, i) => {
    const min = row[2 * i] ?? 0;
    const max = row[2 * i + 1] ?? 0;
    return { min, size: max - min + 2 };
  });
}

/**
 * The code ranges of fact columns without scanning the large tables: a household dimension's
 * range in pivot_household (every member and income row carries its household's codes, so its
 * range lies within), a member dimension's in pivot_person, the income years at the two ends of
 * pivot_income's key. Wider than a part's own range at most, which only widens the packed keys.
 */
export function factRadices(db: Db, snapshotId: number, columns: readonly string[]): Radix[] {
  const known = new Map<string, Radix>();
  const fill = (table: string, cols: readonly string[]): void => {
    if (cols.length) radices(db, table, 'snapshot_id = ?', [snapshotId], cols).forEach((r, i) => known.set(cols[i] as string, r));
  };
  fill(FACT_TABLES.household, columns.filter((c) => (HOUSEHOLD_DIM_COLUMNS as readonly string[]).includes(c)));
  fill(FACT_TABLES.person, columns.filter((c) => (PERSON_DIM_COLUMNS as readonly string[]).includes(c)));
  if (columns.includes('year')) {
    // One MIN and one MAX each: SQLite answers either from the key's end, not both in one scan.
    const end = (fn: 'MIN' | 'MAX'): number | null =>
      db.prepare(`SELECT ${fn}(year) FROM ${FACT_TABLES.income} WHERE snapshot_id = ?`).pluck().get(snapshotId) as number | null;
    const min = end('MIN') ?? 0;
    known.set('year', { min, size: (end('MAX') ?? 0) - min + 2 });
  }
  return columns.map((c) => {
    const r = known.get(c);
    if (!r) throw new Error(`no range for fact column ${c}`);
    return r;
  });
}

/**
 * Aggregates cubes of one grain in a single pass over its detail table: each row adds its sums
 * to one accumulator per cube, keyed by the packed codes of the cube's columns. (One GROUP BY per
 * cube over 2.7 million income rows took 15–20 s each; the pass takes a few seconds in all.)
 */
export function aggregateCubes(
  db: Db, snapshotId: number, grain: Grain, cubes: readonly CubeDef[], target: CubeTarget,
): void {
  sumCubes(db, snapshotId, grain, cubes, target.year)(target.table)();
}

/** The pass of aggregateCubes; what it returns writes the sums (nothing is written before). */
function sumCubes(
  db: Db, snapshotId: number, grain: Grain, cubes: readonly CubeDef[], year: number | null,
): (table: CubeTarget['table']) => () => void {
  if (cubes.length === 0) return () => () => undefined;
  const table = FACT_TABLES[grain];
  const where = year === null ? 'snapshot_id = ?' : 'snapshot_id = ? AND year = ?';
  const params = year === null ? [snapshotId] : [snapshotId, year];
  const columns = [...new Set([...(grain === 'income' ? ['year'] : []), ...cubes.flatMap((c) => c.columns)])];
  const components = COMPONENTS_OF_GRAIN[grain] as readonly Component[];
  const radix = factRadices(db, snapshotId, columns);
  const positions = cubes.map((c) => [...(grain === 'income' ? ['year'] : []), ...c.columns].map((col) => columns.indexOf(col)));
  for (const p of positions) {
    const span = p.reduce((s, i) => s * (radix[i]?.size ?? 1), 1);
    if (!Number.isSafeInteger(span)) throw new Error(`cube key does not fit a number (${span})`);
  }
  const sums = cubes.map(() => new KeySums(components.length));
  const width = columns.length;
  const mins = Float64Array.from(radix, (r) => r.min);
  const sizes = Float64Array.from(radix, (r) => r.size);
  const flatPositions = positions.map((p) => Int32Array.from(p));
  // Typed scratch arrays: the row's codes and amounts are read once, whatever the number of cubes.
  const index = new Float64Array(width);
  const amounts = new Float64Array(components.length);
  const accumulate = (row: readonly unknown[]): void => {
    for (let i = 0; i < width; i++) {
      const v = row[i] as number | null;
      index[i] = v === null ? 0 : v - (mins[i] as number) + 1;
    }
    for (let k = 0; k < amounts.length; k++) amounts[k] = (row[width + k] as number | null) ?? 0;
    for (let c = 0; c < cubes.length; c++) {
      const pos = flatPositions[c] as Int32Array;
      let key = 0;
      for (let j = 0; j < pos.length; j++) {
        const i = pos[j] as number;
        key = key * (sizes[i] as number) + (index[i] as number);
      }
      (sums[c] as KeySums).addAll(key, amounts);
    }
  };
  const amountColumns = components.map((c) => COMPONENT_COLUMNS[c]).join(', ');
  feedRows(db, 'pivot_cube_feed', `SELECT SUM(pivot_cube_feed(${columns.join(', ')}, ${amountColumns})) FROM ${table} WHERE ${where}`, params,
    (row) => accumulate(row));
  return (target) => () => cubes.forEach((cube, c) => {
    const rows = (sums[c] as KeySums).toSorted();
    insertCube(db, target, snapshotId, cube, positions[c] as number[], columns, radix, components, rows);
  });
}

/** Writes a cube's rows; `sums` in increasing key order (the order the rows are inserted in, as before). */
export function insertCube(
  db: Db, table: CubeTarget['table'], snapshotId: number, cube: CubeDef, pos: readonly number[], columns: readonly string[],
  radix: readonly Radix[], components: readonly Component[], sums: SortedSums,
): void {
  const keyColumns = pos.map((i) => columns[i] as string);
  const allComponents = Object.keys(COMPONENT_COLUMNS) as Component[];
  const withYear = cube.grain !== 'income';
  // Sums the grain has not are 0 in the statement, not bound per row.
  const present = allComponents.filter((c) => components.includes(c));
  const tuple = `(?, ?, ${keyColumns.map(() => '?').join(', ')}${withYear ? ', 0' : ''}, ${
    allComponents.map((c) => (components.includes(c) ? '?' : '0')).join(', ')})`;
  const batch = new RowBatch(db, `INSERT INTO ${table}(snapshot_id, cube, ${keyColumns.join(', ')}${withYear ? ', year' : ''},
       ${allComponents.map((c) => COMPONENT_COLUMNS[c]).join(', ')})`, tuple, 2 + pos.length + present.length);
  const { keys } = sums;
  const width = components.length;
  const values = new Array<number | null>(pos.length);
  const params = batch.params;
  const at = present.map((c) => components.indexOf(c));
  for (let r = 0; r < keys.length; r++) {
    decodeKey(keys[r] as number, pos, radix, values);
    const base = batch.slot();
    params[base] = snapshotId;
    params[base + 1] = cube.id;
    for (let j = 0; j < pos.length; j++) params[base + 2 + j] = values[j] ?? null;
    for (let k = 0; k < at.length; k++) {
      const i = at[k] as number;
      params[base + 2 + pos.length + k] = sums.sums[r * width + i] as number;
    }
  }
  batch.end();
}

export function countCubeRows(db: Db, snapshotId: number): CubeRows {
  const out: CubeRows = {};
  for (const [cube, year, rows] of db.prepare(`SELECT cube, year, COUNT(*) FROM pivot_cube WHERE snapshot_id = ? GROUP BY cube, year`)
    .raw().all(snapshotId) as [number, number, number][]) {
    (out[String(cube)] ??= {})[String(year)] = rows;
  }
  return out;
}
