import type { Migration } from './migration';

/**
 * 标准设置: each year of a line set says where its value comes from (a document, 国家统计局, a
 * provincial notice), and a set has a Chinese name and a region of its own, so that a user can keep
 * a provincial set (江苏省 6000) or a county's own beside the national one. The three shipped sets
 * get their names here; the values stay where they were.
 */
export const migration012: Migration = {
  version: 12,
  name: 'standards',
  sql: `
ALTER TABLE poverty_line ADD COLUMN source TEXT;

CREATE TABLE line_set (
  name     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  region   TEXT,
  builtin  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO line_set(name, label, builtin) VALUES ('national', '国家标准', 1), ('provincial', '省定标准', 1), ('custom', '自定义', 1);
INSERT OR IGNORE INTO line_set(name, label) SELECT DISTINCT line_set, line_set FROM poverty_line;
`,
};
