import type { Db } from '../database';

/** Townships of a snapshot with their household counts, largest first. */
export function selectTownships(db: Db, snapshotId: number): { township: string; households: number }[] {
  return db.prepare(
    `SELECT township, COUNT(*) AS households FROM household WHERE snapshot_id = ? GROUP BY township ORDER BY 2 DESC, 1`,
  ).all(snapshotId) as { township: string; households: number }[];
}
