import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

export interface RegisterStatusRow {
  readonly status: string | null;
  readonly households: number;
  readonly persons: number;
}

/** Households of the register (户类型 脱贫户) and their current persons, by 脱贫状态. */
export function selectRegisterByStatus(db: Db, households: HouseholdScope): RegisterStatusRow[] {
  return db.prepare(
    `SELECT h.status AS status, COUNT(*) AS households, COALESCE(SUM(h.size), 0) AS persons
     FROM household h WHERE ${households.where.sql} AND h.type = '脱贫户' GROUP BY 1 ORDER BY 1`,
  ).all(...households.where.params) as RegisterStatusRow[];
}

/** The snapshot's 贫困村 and how many of them were delisted (出列) by the given year (null: ever). */
export function selectPoorVillages(
  db: Db, snapshotId: number, byYear: number | null,
): { villages: number; delisted: number } {
  return db.prepare(
    `SELECT COUNT(*) AS villages,
       COALESCE(SUM(delisted_year IS NOT NULL AND (? IS NULL OR delisted_year <= ?)), 0) AS delisted
     FROM area WHERE snapshot_id = ? AND level = 'village' AND poor_village = 1`,
  ).get(byYear, byYear, snapshotId) as { villages: number; delisted: number };
}
