import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

export interface ReturnEventRow {
  readonly householdId: number;
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly persons: number;
  readonly year: number;
  /** The 返贫 event's reason, else the household's 返贫原因 (raw text, blank as null). */
  readonly cause: string | null;
}

export function selectReturnEvents(
  db: Db, households: HouseholdScope, from: number | null, to: number | null,
): ReturnEventRow[] {
  // Townships named: their households drive, each finding its events by key (a few thousand seeks
  // instead of every 返贫 event of the county with its household row).
  const source = households.byArea
    ? `FROM household h CROSS JOIN event e ON e.household_id = h.id WHERE +e.snapshot_id = ?`
    : `FROM event e JOIN household h ON h.id = e.household_id WHERE e.snapshot_id = ?`;
  return db.prepare(
    `SELECT h.id AS householdId, h.code AS householdCode, h.township AS township, h.village AS village, h.size AS persons,
       e.year AS year, coalesce(nullif(trim(e.reason), ''), nullif(trim(h.return_cause), '')) AS cause
     ${source} AND e.type = '返贫' AND (? IS NULL OR e.year >= ?) AND (? IS NULL OR e.year <= ?)
       AND ${households.where.sql}
     ORDER BY e.year, h.id, e.id`,
  ).all(households.snapshotId, from, from, to, to, ...households.where.params) as ReturnEventRow[];
}

export interface IncomeRiskYearRow {
  readonly year: number;
  readonly households: number;
  readonly persons: number;
  readonly belowLine: number;
  readonly belowThreshold: number;
  readonly returnRecorded: number;
}

function riskSource(households: HouseholdScope, lineSet: string): { sql: string; params: unknown[] } {
  if (!households.filtered) {
    return { sql: `FROM income_risk r WHERE r.snapshot_id = ? AND r.line_set = ?`, params: [households.snapshotId, lineSet] };
  }
  // Filtered: the scope's households drive, each finding its rows through the household index.
  return {
    sql: `FROM household h CROSS JOIN income_risk r ON r.household_id = h.id AND r.line_set = ?
      WHERE ${households.where.sql} AND +r.snapshot_id = ?`,
    params: [lineSet, ...households.where.params, households.snapshotId],
  };
}

/** Counts of the income-risk rows (derived with the exit attribution) per year. */
export function selectIncomeRiskByYear(db: Db, households: HouseholdScope, lineSet: string): IncomeRiskYearRow[] {
  const s = riskSource(households, lineSet);
  return db.prepare(
    `SELECT r.year AS year, COUNT(*) AS households, SUM(r.persons) AS persons, SUM(r.below_line) AS belowLine,
       SUM(r.below_threshold) AS belowThreshold, SUM(r.return_recorded) AS returnRecorded
     ${s.sql} GROUP BY r.year ORDER BY r.year`,
  ).all(...s.params) as IncomeRiskYearRow[];
}

export interface IncomeRiskRow {
  readonly householdCode: string;
  readonly headIdMasked: string | null;
  readonly township: string;
  readonly village: string;
  readonly persons: number;
  readonly year: number;
  readonly perCapita: number;
  readonly lastExitYear: number;
  readonly belowLine: number;
  readonly belowThreshold: number;
  readonly returnRecorded: number;
  readonly monitored: number;
}

/** The first `limit` income-risk rows in (year, household) order, with the household's labels. */
export function selectIncomeRiskList(
  db: Db, households: HouseholdScope, lineSet: string, from: number | null, to: number | null, limit: number,
): IncomeRiskRow[] {
  const s = riskSource(households, lineSet);
  const join = households.filtered ? '' : 'JOIN household h ON h.id = r.household_id';
  return db.prepare(
    `SELECT h.code AS householdCode, h.head_id_masked AS headIdMasked, h.township AS township, h.village AS village,
       r.persons AS persons, r.year AS year,
       r.per_capita AS perCapita, r.last_exit_year AS lastExitYear, r.below_line AS belowLine,
       r.below_threshold AS belowThreshold, r.return_recorded AS returnRecorded, (h.mon_category IS NOT NULL) AS monitored
     ${s.sql.replace('FROM income_risk r', `FROM income_risk r ${join}`)}
       AND (? IS NULL OR r.year >= ?) AND (? IS NULL OR r.year <= ?)
     ORDER BY r.year, r.household_id LIMIT ?`,
  ).all(...s.params, from, from, to, to, limit) as IncomeRiskRow[];
}
