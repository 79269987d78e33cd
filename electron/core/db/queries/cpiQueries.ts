import type { Db } from '../database';

export interface CpiRow {
  readonly year: number;
  /** Previous year = 100. */
  readonly index: number;
}

export function selectCpi(db: Db, series: string): CpiRow[] {
  return db.prepare(`SELECT year, value AS "index" FROM cpi_index WHERE series = ? ORDER BY year`).all(series) as CpiRow[];
}

/** Replaces the whole series: the user edits it as one table. */
export function replaceCpi(db: Db, series: string, rows: readonly CpiRow[]): void {
  const insert = db.prepare(`INSERT INTO cpi_index(series, year, value) VALUES (?, ?, ?)`);
  db.transaction(() => {
    db.prepare(`DELETE FROM cpi_index WHERE series = ?`).run(series);
    for (const r of rows) insert.run(series, r.year, r.index);
  })();
}
