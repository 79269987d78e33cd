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

export function selectReturnEvents(db: Db, households: HouseholdScope, from: number | null, to: number | null): ReturnEventRow[] {
  return db.prepare(
    `SELECT h.id AS householdId, h.code AS householdCode, h.township AS township, h.village AS village, h.size AS persons,
       e.year AS year, coalesce(nullif(trim(e.reason), ''), nullif(trim(h.return_cause), '')) AS cause
     FROM event e JOIN household h ON h.id = e.household_id
     WHERE e.snapshot_id = ? AND e.type = '返贫' AND (? IS NULL OR e.year >= ?) AND (? IS NULL OR e.year <= ?)
       AND ${households.where.sql}
     ORDER BY e.year, h.id, e.id`,
  ).all(households.snapshotId, from, from, to, to, ...households.where.params) as ReturnEventRow[];
}

export interface IncomeRiskRow {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly persons: number;
  readonly year: number;
  readonly perCapita: number;
  readonly lastExitYear: number;
  readonly returnRecorded: number;
  readonly monitored: number;
}

/**
 * Income rows of households that exited before the row's year and whose 人均纯收入 is below the
 * year's limit (the higher of the line and the monitoring threshold; the caller tells which).
 */
export function selectIncomeRisk(
  db: Db, households: HouseholdScope, limits: readonly { year: number; limit: number }[],
): IncomeRiskRow[] {
  if (limits.length === 0) return [];
  const values = limits.map(() => '(?, ?)').join(', ');
  return db.prepare(
    `WITH lim(year, lim) AS (VALUES ${values}),
     risk AS (
       SELECT i.household_id AS hid, i.year AS year, i.per_capita AS per_capita,
         (SELECT MAX(e.year) FROM event e WHERE e.household_id = i.household_id AND e.type = '脱贫' AND e.year < i.year) AS last_exit
       FROM lim JOIN income i ON i.snapshot_id = ? AND i.year = lim.year AND i.per_capita < lim.lim)
     SELECT h.code AS householdCode, h.township AS township, h.village AS village, h.size AS persons, r.year AS year,
       r.per_capita AS perCapita, r.last_exit AS lastExitYear,
       EXISTS (SELECT 1 FROM event x WHERE x.household_id = h.id AND x.type = '返贫'
               AND x.year >= r.last_exit AND x.year <= r.year) AS returnRecorded,
       (h.mon_category IS NOT NULL) AS monitored
     FROM risk r JOIN household h ON h.id = r.hid
     WHERE r.last_exit IS NOT NULL AND ${households.where.sql}
     ORDER BY r.year, h.township, h.village, h.code`,
  ).all(...limits.flatMap((l) => [l.year, l.limit]), households.snapshotId, ...households.where.params) as IncomeRiskRow[];
}
