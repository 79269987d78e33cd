import type { Db } from '../database';

/**
 * What each derived table of a snapshot was computed from (derived_stamp): a metric recomputes a
 * table when its stamp differs (rules changed, line values edited).
 */
export function selectStamp(db: Db, snapshotId: number, kind: string): string | null {
  const row = db.prepare(`SELECT stamp FROM derived_stamp WHERE snapshot_id = ? AND kind = ?`).get(snapshotId, kind) as
    { stamp: string } | undefined;
  return row?.stamp ?? null;
}

export function writeStamp(db: Db, snapshotId: number, kind: string, stamp: string): void {
  db.prepare(
    `INSERT INTO derived_stamp(snapshot_id, kind, stamp) VALUES (?, ?, ?)
     ON CONFLICT(snapshot_id, kind) DO UPDATE SET stamp = excluded.stamp`,
  ).run(snapshotId, kind, stamp);
}

/** Forgets every derived table of a snapshot (they are rebuilt on the next metric call). */
export function clearDerived(db: Db, snapshotId: number): void {
  db.transaction(() => {
    for (const table of ['exit_attribution', 'income_risk', 'flow_event', 'income_year_total', 'income_panel_total', 'income_area_total', 'quality_value', 'quality_finding', 'derived_stamp'] as const) {
      db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(snapshotId);
    }
  })();
}
