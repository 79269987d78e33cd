import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

export interface ExitQuery {
  readonly households: HouseholdScope;
  readonly lineSet: string;
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * exit_attribution rows of the scope. The household table is joined only when the filter needs it:
 * the attribution rows carry the household's persons, so the county-wide figures read one table.
 */
function source(q: ExitQuery): { sql: string; params: unknown[] } {
  if (!q.households.filtered) {
    return {
      sql: `FROM exit_attribution a
        WHERE a.snapshot_id = ? AND a.line_set = ? AND (? IS NULL OR a.year >= ?) AND (? IS NULL OR a.year <= ?)`,
      params: [q.households.snapshotId, q.lineSet, q.from, q.from, q.to, q.to],
    };
  }
  // Filtered: the scope's households drive, each finding its exits through the household index.
  return {
    sql: `FROM household h CROSS JOIN exit_attribution a ON a.household_id = h.id AND a.line_set = ?
      WHERE ${q.households.where.sql} AND +a.snapshot_id = ? AND (? IS NULL OR a.year >= ?) AND (? IS NULL OR a.year <= ?)`,
    params: [q.lineSet, ...q.households.where.params, q.households.snapshotId, q.from, q.from, q.to, q.to],
  };
}

/**
 * Exit events and their persons by year and by the three methods: the cube every exits table is cut
 * from. `households`/`householdPersons` count each household once per year; `distinctInRange` counts
 * it once over the whole range (its first exit event inside the range).
 */
export interface ExitCubeRow {
  readonly year: number;
  readonly incomeMethod: string;
  readonly structuralMethod: string;
  readonly recordedMethod: string;
  readonly events: number;
  readonly persons: number;
  readonly households: number;
  readonly householdPersons: number;
  readonly distinctInRange: number;
  readonly distinctPersonsInRange: number;
}

export function selectExitCube(db: Db, q: ExitQuery): ExitCubeRow[] {
  const s = source(q);
  const firstInRange = `(a.prev_exit_year IS NULL OR (? IS NOT NULL AND a.prev_exit_year < ?))`;
  return db.prepare(
    `SELECT a.year AS year, a.income_method AS incomeMethod, a.structural_method AS structuralMethod,
       a.recorded_method AS recordedMethod, COUNT(*) AS events, SUM(a.persons) AS persons,
       SUM(a.first_in_year) AS households, SUM(a.first_in_year * a.persons) AS householdPersons,
       SUM(${firstInRange}) AS distinctInRange, SUM(${firstInRange} * a.persons) AS distinctPersonsInRange
     ${s.sql} GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  ).all(q.from, q.from, q.from, q.from, ...s.params) as ExitCubeRow[];
}

export interface ExitCheckRow {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly year: number;
  readonly method: '收入未达线' | '无收入记录';
  readonly persons: number;
  readonly perCapita: number | null;
  readonly line: number | null;
}

export function selectExitsToCheck(db: Db, q: ExitQuery): ExitCheckRow[] {
  const s = source(q);
  const join = q.households.filtered ? '' : 'JOIN household h ON h.id = a.household_id';
  return db.prepare(
    `SELECT h.code AS householdCode, h.township AS township, h.village AS village, a.year AS year,
       a.income_method AS method, a.persons AS persons, a.per_capita AS perCapita, a.line AS line
     ${s.sql.replace('FROM exit_attribution a', `FROM exit_attribution a ${join}`)}
       AND a.income_method IN ('收入未达线', '无收入记录')
     ORDER BY a.year, h.township, h.village, h.code`,
  ).all(...s.params) as ExitCheckRow[];
}

/** Households by the year of their first 脱贫 event, with their persons (the 返贫率 denominators). */
export function selectFirstExitCohorts(db: Db, households: HouseholdScope, lineSet: string): {
  firstExit: number; households: number; persons: number;
}[] {
  const s = source({ households, lineSet, from: null, to: null });
  return db.prepare(
    `SELECT a.year AS firstExit, COUNT(*) AS households, SUM(a.persons) AS persons
     ${s.sql} AND a.exit_seq = 1
     GROUP BY 1 ORDER BY 1`,
  ).all(...s.params) as { firstExit: number; households: number; persons: number }[];
}

/**
 * The exits of some households, in order (for the method of the exit a return followed). The unary
 * plus keeps SQLite on the household index rather than scanning the snapshot's part of the key.
 */
export interface HouseholdExitRow {
  readonly householdId: number;
  readonly year: number;
  readonly exitSeq: number;
  readonly incomeMethod: string;
  readonly structuralMethod: string;
}

export function selectExitsOfHouseholds(
  db: Db, snapshotId: number, lineSet: string, householdIds: readonly number[],
): HouseholdExitRow[] {
  const out: HouseholdExitRow[] = [];
  const statements = new Map<number, Statement<unknown[]>>();
  for (let k = 0; k < householdIds.length; k += 500) {
    const chunk = householdIds.slice(k, k + 500);
    let stmt = statements.get(chunk.length);
    if (!stmt) {
      stmt = db.prepare(
        `SELECT household_id AS householdId, year, exit_seq AS exitSeq, income_method AS incomeMethod,
           structural_method AS structuralMethod
         FROM exit_attribution WHERE +snapshot_id = ? AND +line_set = ? AND household_id IN (${chunk.map(() => '?').join(', ')})
         ORDER BY household_id, exit_seq`,
      );
      statements.set(chunk.length, stmt);
    }
    out.push(...(stmt.all(snapshotId, lineSet, ...chunk) as HouseholdExitRow[]));
  }
  return out;
}

/** Exit events and persons by township and income-method class (the 兜底 share of each township). */
export function selectExitMethodsByTownship(db: Db, q: ExitQuery): {
  township: string; method: string; events: number; persons: number;
}[] {
  const s = source(q);
  const join = q.households.filtered ? '' : 'JOIN household h ON h.id = a.household_id';
  return db.prepare(
    `SELECT h.township AS township, a.income_method AS method, COUNT(*) AS events, SUM(a.persons) AS persons
     ${s.sql.replace('FROM exit_attribution a', `FROM exit_attribution a ${join}`)}
     GROUP BY 1, 2 ORDER BY 1, 2`,
  ).all(...s.params) as { township: string; method: string; events: number; persons: number }[];
}
