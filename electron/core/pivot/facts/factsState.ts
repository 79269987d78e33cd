import type { Db } from '../../db/database';
import { countCubeRows, type CubeRows } from './cubes';
import { incomeYearsOf } from './incomeFacts';

/** Bump when the fact tables, cubes or dictionaries change shape or meaning: they are rebuilt. */
export const FACTS_VERSION = 9;

export interface FactsState {
  readonly version: number;
  readonly lineSet: string;
  readonly exitStamp: string;
  readonly incomeYears: readonly number[];
  /** Empty until the cubes are built: no cube is read before (cubesReady). */
  readonly cubeRows: CubeRows;
  /**
   * False while the background build is still making the cubes: the detail tables are complete
   * and answer every pivot (slower); the cubes, the median cubes and the distinct-household cubes
   * are read only once true (migration 015).
   */
  readonly cubesReady: boolean;
  readonly builtAt: string;
  readonly buildMs: number;
}

export const PIVOT_TABLES = [
  'pivot_median_cube', 'pivot_bucket', 'pivot_cube', 'pivot_income', 'pivot_person', 'pivot_household', 'pivot_dict', 'pivot_build',
] as const;

export function readState(db: Db, snapshotId: number): FactsState | null {
  const row = db.prepare(
    `SELECT version, line_set, exit_stamp, income_years, cube_rows, cubes_ready, built_at, build_ms FROM pivot_build WHERE snapshot_id = ?`,
  ).get(snapshotId) as {
    version: number; line_set: string; exit_stamp: string; income_years: string; cube_rows: string; cubes_ready: number;
    built_at: string; build_ms: number;
  } | undefined;
  if (!row) return null;
  return {
    version: row.version, lineSet: row.line_set, exitStamp: row.exit_stamp,
    incomeYears: JSON.parse(row.income_years) as number[],
    cubeRows: row.cubes_ready ? JSON.parse(row.cube_rows) as CubeRows : {}, cubesReady: row.cubes_ready === 1,
    builtAt: row.built_at, buildMs: row.build_ms,
  };
}

/** Whether a state answers pivots under this exit attribution (the cubes may still be on their way). */
export function isCurrent(state: FactsState | null, exitStamp: string): state is FactsState {
  return state !== null && state.version === FACTS_VERSION && state.exitStamp === exitStamp;
}

/** Removes everything of a snapshot's pivot tables (a rebuild, or a build given up). */
export function clearFacts(db: Db, snapshotId: number): void {
  for (const table of PIVOT_TABLES) db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(snapshotId);
}

/** Marks the detail tables complete: from now on pivots read them, while the cubes are being made. */
export function writeFactsReady(db: Db, snapshotId: number, lineSet: string, exitStamp: string, buildMs: number): void {
  db.prepare(
    `INSERT INTO pivot_build(snapshot_id, version, line_set, exit_stamp, income_years, cube_rows, cubes_ready, built_at, build_ms)
     VALUES (?, ?, ?, ?, ?, '{}', 0, ?, ?)`,
  ).run(snapshotId, FACTS_VERSION, lineSet, exitStamp, JSON.stringify(incomeYearsOf(db, snapshotId)),
    new Date().toISOString(), Math.round(buildMs));
}

/** Marks the cubes complete (built_at stays: the detail rows, dictionaries and session cubes are the same). */
export function writeCubesReady(db: Db, snapshotId: number, buildMs: number): void {
  db.prepare(`UPDATE pivot_build SET cube_rows = ?, cubes_ready = 1, build_ms = ? WHERE snapshot_id = ?`)
    .run(JSON.stringify(countCubeRows(db, snapshotId)), Math.round(buildMs), snapshotId);
}
