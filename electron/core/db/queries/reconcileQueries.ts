import type { Db } from '../database';

/** One 户类型 of a snapshot: its households and the Σ家庭人口数 of 户信息. */
export interface TypeCountRow {
  readonly type: string;
  readonly households: number;
  readonly persons: number;
  /** Of these households, those with a 监测对象类别. */
  readonly monitored: number;
}

/** 户信息 by 户类型 (脱贫户 = 建档立卡, 普通农户 = a monitored household never registered). */
export function selectHouseholdsByType(db: Db, snapshotId: number): TypeCountRow[] {
  return db.prepare(
    `SELECT type, COUNT(*) AS households, COALESCE(SUM(size), 0) AS persons,
       COALESCE(SUM(mon_category IS NOT NULL), 0) AS monitored
     FROM household WHERE snapshot_id = ? GROUP BY type ORDER BY type`,
  ).all(snapshotId) as TypeCountRow[];
}

/** 家庭人口数 against the member rows, over every household of the snapshot. */
export interface SizeMemberRow {
  readonly sizeSum: number;
  readonly memberRows: number;
  /** Households whose 家庭人口数 is larger than their member rows, and by how many persons in all. */
  readonly overHouseholds: number;
  readonly overPersons: number;
  /** Households whose 家庭人口数 is smaller than their member rows, and by how many persons in all. */
  readonly underHouseholds: number;
  readonly underPersons: number;
}

export function selectSizeAgainstMembers(db: Db, snapshotId: number): SizeMemberRow {
  return db.prepare(
    `WITH m AS (SELECT household_id, COUNT(*) AS n FROM person WHERE snapshot_id = ? GROUP BY household_id),
     d AS (SELECT h.size AS size, COALESCE(m.n, 0) AS n FROM household h LEFT JOIN m ON m.household_id = h.id
           WHERE h.snapshot_id = ?)
     SELECT COALESCE(SUM(size), 0) AS sizeSum,
       (SELECT COUNT(*) FROM person WHERE snapshot_id = ?) AS memberRows,
       COALESCE(SUM(size > n), 0) AS overHouseholds, COALESCE(SUM(MAX(size - n, 0)), 0) AS overPersons,
       COALESCE(SUM(size < n), 0) AS underHouseholds, COALESCE(SUM(MAX(n - size, 0)), 0) AS underPersons
     FROM d`,
  ).get(snapshotId, snapshotId, snapshotId) as SizeMemberRow;
}
