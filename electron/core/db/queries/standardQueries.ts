import type { Db } from '../database';

/** The rows of 标准设置: a line set's own name and region, and its years with their sources. */
export interface LineSetInfoRow {
  readonly name: string;
  readonly label: string;
  readonly region: string | null;
  readonly builtin: boolean;
}

export interface StandardYearRow {
  readonly year: number;
  readonly povertyLine: number | null;
  readonly monitoringThreshold: number | null;
  readonly source: string | null;
}

/** Every set that has a name or a year (a set written by an older version has only years). */
export function selectLineSetInfos(db: Db): LineSetInfoRow[] {
  const rows = db.prepare(
    `SELECT s.name, COALESCE(i.label, s.name) AS label, i.region, COALESCE(i.builtin, 0) AS builtin
     FROM (SELECT name FROM line_set UNION SELECT DISTINCT line_set FROM poverty_line) s
     LEFT JOIN line_set i ON i.name = s.name
     ORDER BY COALESCE(i.builtin, 0) DESC, s.name`,
  ).all() as { name: string; label: string; region: string | null; builtin: number }[];
  return rows.map((r) => ({ ...r, builtin: r.builtin === 1 }));
}

export function selectLineSetLabel(db: Db, name: string): string | null {
  const row = db.prepare(`SELECT label FROM line_set WHERE name = ?`).get(name) as { label: string } | undefined;
  return row?.label ?? null;
}

export function selectStandardYears(db: Db, lineSet: string): StandardYearRow[] {
  return db.prepare(
    `SELECT year, poverty_line AS povertyLine, monitoring_threshold AS monitoringThreshold, source
     FROM poverty_line WHERE line_set = ? ORDER BY year`,
  ).all(lineSet) as StandardYearRow[];
}

/** Replaces a set's years (and its name and region when given) in one transaction. */
export function replaceStandardYears(
  db: Db, lineSet: string, info: { label?: string; region?: string | null }, years: readonly StandardYearRow[],
): void {
  const insert = db.prepare(
    `INSERT INTO poverty_line(line_set, year, poverty_line, monitoring_threshold, source) VALUES (?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(`INSERT OR IGNORE INTO line_set(name, label) VALUES (?, ?)`).run(lineSet, info.label ?? lineSet);
    if (info.label !== undefined) db.prepare(`UPDATE line_set SET label = ? WHERE name = ?`).run(info.label, lineSet);
    if (info.region !== undefined) db.prepare(`UPDATE line_set SET region = ? WHERE name = ?`).run(info.region, lineSet);
    db.prepare(`DELETE FROM poverty_line WHERE line_set = ?`).run(lineSet);
    for (const y of years) insert.run(lineSet, y.year, y.povertyLine, y.monitoringThreshold, y.source);
  })();
}

export function insertLineSet(db: Db, info: { name: string; label: string; region: string | null }): void {
  db.prepare(`INSERT INTO line_set(name, label, region) VALUES (?, ?, ?)`).run(info.name, info.label, info.region);
}

export function deleteLineSet(db: Db, name: string): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM poverty_line WHERE line_set = ?`).run(name);
    db.prepare(`DELETE FROM line_set WHERE name = ?`).run(name);
  })();
}
