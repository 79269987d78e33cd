import type { Migration } from './migration';

/**
 * What the metrics engine keeps besides the snapshot rows:
 * - cpi_index: user-entered rural CPI series (previous year = 100) for 实际增长;
 * - exit_attribution: the method of every 脱贫 event under each line set, derived once from the
 *   snapshot (it is immutable after import) and refreshed when the line values change, so that
 *   the pivot engine can join exitMethodIncome / exitMethodStructural as plain columns;
 * - derived_stamp: what a derived table was computed from (line set and its values), to know when
 *   it is stale.
 * - income_year_cover: income read year by year, in 人均纯收入 order, without touching the table
 *   (whose key is household, year): county-wide sums per year, the weighted median (stops half way),
 *   and "below the line" lists all become index range scans. Without it a county-wide sum per year
 *   seeks the table once per row (5 s on a million-member county instead of 0.3 s).
 * No foreign key points at event or household: deleting a snapshot removes children table by table
 * and a per-row cascade into a table without a matching index would be quadratic. The snapshot
 * key cascades through the (snapshot_id, …) indexes.
 */
export const migration002: Migration = {
  version: 2,
  name: 'metrics',
  sql: `
CREATE TABLE cpi_index (
  series  TEXT NOT NULL,
  year    INTEGER NOT NULL,
  value   REAL NOT NULL,
  PRIMARY KEY (series, year)
);

CREATE TABLE exit_attribution (
  snapshot_id        INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  line_set           TEXT NOT NULL,
  event_id           INTEGER NOT NULL,
  household_id       INTEGER NOT NULL,
  year               INTEGER NOT NULL,
  exit_seq           INTEGER NOT NULL,
  prev_exit_year     INTEGER,
  is_latest          INTEGER NOT NULL,
  first_in_year      INTEGER NOT NULL,
  persons            INTEGER NOT NULL,
  per_capita         REAL,
  line               REAL,
  income_method      TEXT NOT NULL,
  structural_method  TEXT NOT NULL,
  recorded_method    TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, line_set, event_id)
);
CREATE INDEX exit_attribution_year ON exit_attribution(snapshot_id, line_set, year);
CREATE INDEX exit_attribution_household ON exit_attribution(household_id, line_set, is_latest);

CREATE INDEX income_year_cover ON income(snapshot_id, year, per_capita, size, net, wage, business, business_cost,
  property, transfer, dibao, tekun);

-- 防返贫监测 figures read only the monitored households (a few per cent of the register).
CREATE INDEX household_monitored ON household(snapshot_id, township) WHERE mon_category IS NOT NULL;

CREATE TABLE derived_stamp (
  snapshot_id  INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  stamp        TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, kind)
);
`,
};
