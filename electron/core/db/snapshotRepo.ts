import type { Db } from './database';

export interface SnapshotRecord {
  readonly id: number;
  readonly countyCode: string | null;
  readonly countyName: string;
  readonly asOf: string;
  readonly sourceName: string;
  readonly sourceSha256: string;
  readonly importedAt: string;
  readonly keepNames: boolean;
  readonly eventsDerived: boolean;
  readonly lineSet: string;
  readonly households: number;
  readonly persons: number;
  readonly incomeRows: number;
  readonly measureRows: number;
  readonly eventRows: number;
  readonly warningCount: number;
}

interface SnapshotSqlRow {
  id: number; county_code: string | null; county_name: string; as_of: string; source_name: string;
  source_sha256: string; imported_at: string; keep_names: number; events_derived: number; line_set: string;
  households: number; persons: number; income_rows: number; measure_rows: number; event_rows: number;
  warning_count: number;
}

function toRecord(r: SnapshotSqlRow): SnapshotRecord {
  return {
    id: r.id, countyCode: r.county_code, countyName: r.county_name, asOf: r.as_of, sourceName: r.source_name,
    sourceSha256: r.source_sha256, importedAt: r.imported_at, keepNames: r.keep_names === 1,
    eventsDerived: r.events_derived === 1, lineSet: r.line_set, households: r.households, persons: r.persons,
    incomeRows: r.income_rows, measureRows: r.measure_rows, eventRows: r.event_rows, warningCount: r.warning_count,
  };
}

export function listSnapshots(db: Db): SnapshotRecord[] {
  const rows = db.prepare(`SELECT * FROM snapshot ORDER BY as_of DESC, id DESC`).all() as SnapshotSqlRow[];
  return rows.map(toRecord);
}

export function getSnapshot(db: Db, id: number): SnapshotRecord | null {
  const row = db.prepare(`SELECT * FROM snapshot WHERE id = ?`).get(id) as SnapshotSqlRow | undefined;
  return row ? toRecord(row) : null;
}

/** The newest snapshot (the default for every analysis when none is named). */
export function latestSnapshotId(db: Db): number | null {
  const row = db.prepare(`SELECT id FROM snapshot ORDER BY as_of DESC, id DESC LIMIT 1`).get() as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Deletes a snapshot and every row of it. Children go first, table by table, so the cascade has
 * nothing left to walk (a cascade row by row over a million persons is slow).
 */
export function deleteSnapshot(db: Db, id: number): boolean {
  return db.transaction(() => {
    for (const table of ['import_issue', 'income', 'measure', 'event', 'person', 'village_year', 'household', 'area'] as const) {
      db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(id);
    }
    return db.prepare(`DELETE FROM snapshot WHERE id = ?`).run(id).changes > 0;
  })();
}

export function setSnapshotLineSet(db: Db, id: number, lineSet: string): void {
  db.prepare(`UPDATE snapshot SET line_set = ? WHERE id = ?`).run(lineSet, id);
}

export interface StoredIssueRecord {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly expected: string | null;
}

export function listSnapshotIssues(db: Db, id: number, limit = 10000): StoredIssueRecord[] {
  return db.prepare(
    `SELECT severity, code, message, file, sheet, row, col AS "column", value, expected
     FROM import_issue WHERE snapshot_id = ? ORDER BY id LIMIT ?`,
  ).all(id, limit) as StoredIssueRecord[];
}
