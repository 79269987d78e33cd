import type { Db } from '../database';

export interface LineRow {
  readonly year: number;
  readonly povertyLine: number | null;
  readonly monitoringThreshold: number | null;
}

export function selectLines(db: Db, lineSet: string): LineRow[] {
  return db.prepare(
    `SELECT year, poverty_line AS povertyLine, monitoring_threshold AS monitoringThreshold
     FROM poverty_line WHERE line_set = ? ORDER BY year`,
  ).all(lineSet) as LineRow[];
}

export function upsertLines(db: Db, lineSet: string, rows: readonly LineRow[]): void {
  const stmt = db.prepare(
    `INSERT INTO poverty_line(line_set, year, poverty_line, monitoring_threshold) VALUES (?, ?, ?, ?)
     ON CONFLICT(line_set, year) DO UPDATE SET poverty_line = excluded.poverty_line,
       monitoring_threshold = excluded.monitoring_threshold`,
  );
  db.transaction(() => {
    for (const r of rows) stmt.run(lineSet, r.year, r.povertyLine, r.monitoringThreshold);
  })();
}

export function deleteLineYear(db: Db, lineSet: string, year: number): void {
  db.prepare(`DELETE FROM poverty_line WHERE line_set = ? AND year = ?`).run(lineSet, year);
}

export interface LineSetRow {
  readonly name: string;
  readonly years: number;
}

export function selectLineSets(db: Db): LineSetRow[] {
  return db.prepare(
    `SELECT line_set AS name, COUNT(*) AS years FROM poverty_line GROUP BY line_set ORDER BY line_set`,
  ).all() as LineSetRow[];
}

export function selectSnapshotsUsingLineSets(db: Db): { id: number; lineSet: string }[] {
  return db.prepare(`SELECT id, line_set AS lineSet FROM snapshot ORDER BY id`).all() as { id: number; lineSet: string }[];
}
