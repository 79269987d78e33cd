import type { Db } from '../database';

export interface StoredTemplate {
  readonly section: string;
  readonly text: string;
}

export function selectReportTemplates(db: Db): StoredTemplate[] {
  return db.prepare(`SELECT section, text FROM report_template ORDER BY section`).all() as StoredTemplate[];
}

export function upsertReportTemplate(db: Db, section: string, text: string, at: string): void {
  db.prepare(
    `INSERT INTO report_template (section, text, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
  ).run(section, text, at);
}

export function deleteReportTemplate(db: Db, section: string): void {
  db.prepare(`DELETE FROM report_template WHERE section = ?`).run(section);
}

export interface ExportLogRow {
  readonly id: number;
  readonly createdAt: string;
  readonly format: string;
  readonly mode: string;
  readonly snapshotId: number;
  readonly sections: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly host: string;
}

export function insertExportLog(db: Db, row: Omit<ExportLogRow, 'id'>): number {
  return Number(db.prepare(
    `INSERT INTO report_export_log (created_at, format, mode, snapshot_id, sections, file_name, sha256, host)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.createdAt, row.format, row.mode, row.snapshotId, row.sections, row.fileName, row.sha256, row.host,
  ).lastInsertRowid);
}

export function selectExportLog(db: Db, limit: number): ExportLogRow[] {
  return db.prepare(
    `SELECT id, created_at AS createdAt, format, mode, snapshot_id AS snapshotId, sections, file_name AS fileName, sha256, host
     FROM report_export_log ORDER BY id DESC LIMIT ?`,
  ).all(limit) as ExportLogRow[];
}
