import type { Db } from '../database';

/**
 * One 户类型 of a snapshot: its households, the Σ家庭人口数 of 户信息, and its 家庭人口数 against the
 * household's rows of 家庭成员.
 */
export interface TypeCountRow {
  readonly type: string;
  readonly households: number;
  readonly persons: number;
  /** Of these households, those with a 监测对象类别. */
  readonly monitored: number;
  /** Households whose 家庭人口数 is larger than their member rows, and by how many persons in all. */
  readonly overHouseholds: number;
  readonly overPersons: number;
  /** Households whose 家庭人口数 is smaller than their member rows, and by how many persons in all. */
  readonly underHouseholds: number;
  readonly underPersons: number;
}

/**
 * 户信息 by 户类型 (脱贫户 = 建档立卡, 普通农户 = a monitored household never registered), in one pass
 * over the snapshot's households. Each household's member rows are counted through the
 * person(household_id) index, one probe per household: grouping the snapshot's person rows instead
 * sorted them all (5.6 s against 0.43 s on 300,000 households). MATERIALIZED keeps SQLite from
 * counting again for each SUM that reads n.
 */
export function selectHouseholdsByType(db: Db, snapshotId: number): TypeCountRow[] {
  return db.prepare(
    `WITH d AS MATERIALIZED (
       SELECT h.type AS type, h.size AS size, h.mon_category IS NOT NULL AS monitored,
         (SELECT COUNT(*) FROM person p WHERE p.household_id = h.id) AS n
       FROM household h WHERE h.snapshot_id = ?)
     SELECT type, COUNT(*) AS households, COALESCE(SUM(size), 0) AS persons, SUM(monitored) AS monitored,
       SUM(size > n) AS overHouseholds, SUM(MAX(size - n, 0)) AS overPersons,
       SUM(size < n) AS underHouseholds, SUM(MAX(n - size, 0)) AS underPersons
     FROM d GROUP BY type ORDER BY type`,
  ).all(snapshotId) as TypeCountRow[];
}

/** The rows of 家庭成员 of the snapshot (the top bar's 人). */
export function countMemberRows(db: Db, snapshotId: number): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM person WHERE snapshot_id = ?').get(snapshotId) as { n: number };
  return row.n;
}
