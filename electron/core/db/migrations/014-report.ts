import type { Migration } from './migration';

/**
 * The briefing report's stored parts: the user's wording of each section (a missing row means the
 * default wording), and the export log, which the app can only append to (report.md, Privacy): the
 * triggers refuse an UPDATE or DELETE from any caller.
 */
export const migration014: Migration = {
  version: 14,
  name: 'report',
  sql: `
CREATE TABLE report_template (
  section    TEXT PRIMARY KEY,
  text       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE report_export_log (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'xlsx')),
  mode        TEXT NOT NULL CHECK (mode IN ('circulation', 'internal')),
  snapshot_id INTEGER NOT NULL,
  sections    TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  host        TEXT NOT NULL
);

CREATE TRIGGER report_export_log_no_update BEFORE UPDATE ON report_export_log
BEGIN SELECT RAISE(ABORT, '导出记录只能追加，不能修改'); END;
CREATE TRIGGER report_export_log_no_delete BEFORE DELETE ON report_export_log
BEGIN SELECT RAISE(ABORT, '导出记录只能追加，不能删除'); END;
`,
};
