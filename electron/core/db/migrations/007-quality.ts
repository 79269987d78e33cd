import type { Migration } from './migration';

/**
 * What the data-quality check (数据质量) keeps so that a county-wide call reads a few thousand rows
 * instead of every member, income row and measure of a million-member county:
 * - quality_value: the distinct non-blank values of every coded column of a snapshot (one pass per
 *   table, once per snapshot); each call compares these few hundred values with the code lists of
 *   the running program, so a changed code list is seen without a rebuild of the values;
 * - quality_finding: the households each snapshot-wide rule points at (因病无患病成员, 低保无低保金,
 *   收入公式, 人口数, 同一人两户, 校验位, 代码值), in the order they are listed (seq), with the figures
 *   their message needs. A call counts them by rule and reads only the rows it lists; the scope's
 *   filter is applied by joining the household.
 * - exit_attribution_check: the exits flagged by the income method (收入未达线, 无收入记录) are a few
 *   per cent of all exits; the partial index finds them without reading every exit of the line set,
 *   counts them per verdict without the table and holds what their message needs.
 * Both tables are stamped in derived_stamp and rebuilt when stale.
 */
export const migration007: Migration = {
  version: 7,
  name: 'quality',
  sql: `
CREATE TABLE quality_value (
  snapshot_id  INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  tbl          TEXT NOT NULL,
  col          TEXT NOT NULL,
  value        TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, tbl, col, value)
) WITHOUT ROWID;

CREATE TABLE quality_finding (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  rule          TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  household_id  INTEGER NOT NULL,
  -- No declared type: the figures keep the type they were computed with (text stays text).
  a,
  b,
  PRIMARY KEY (snapshot_id, rule, seq)
) WITHOUT ROWID;

CREATE INDEX exit_attribution_check ON exit_attribution(snapshot_id, line_set, income_method, year, household_id, per_capita, line)
  WHERE income_method IN ('收入未达线', '无收入记录');
`,
};
