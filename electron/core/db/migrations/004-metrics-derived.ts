import type { Migration } from './migration';

/**
 * Derived tables that let the county-wide metrics be summed by SQL over covering indexes instead of
 * being pulled row by row into JavaScript (a million-member county: 600,000 events, 2,000,000
 * income rows). All are computed from an immutable snapshot by the metrics engine on first use
 * (or right after an import) and stamped in derived_stamp.
 * - flow_event: every event the 动态调整 ledger counts, with the household's persons and, for an
 *   event that does not fit the household's state, its contribution to the identity gap and why;
 * - income_year_total / income_panel_total: county-wide income sums and weighted medians per year
 *   and the balanced panel's end-year sums (filtered and grouped figures are always computed afresh);
 * - income_risk: under each line set, the income rows of exited households in later years below
 *   the year's line or monitoring threshold (refreshed with exit_attribution, which it derives from);
 * - exit_attribution_cube: the exits cube (year × three methods) read in index order, no sort.
 */
export const migration004: Migration = {
  version: 4,
  name: 'metrics-derived',
  sql: `
CREATE TABLE flow_event (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id  INTEGER NOT NULL,
  year          INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('identified', 'returned', 'exited', 'naturalDecrease', 'removed')),
  persons       INTEGER NOT NULL,
  gap           INTEGER NOT NULL,
  event_type    TEXT NOT NULL,
  problem       TEXT
);
CREATE INDEX flow_event_year ON flow_event(snapshot_id, year, kind, persons, gap);
CREATE INDEX flow_event_household ON flow_event(household_id);
CREATE INDEX flow_event_problem ON flow_event(snapshot_id, year) WHERE problem IS NOT NULL;

CREATE TABLE income_year_total (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  year          INTEGER NOT NULL,
  households    INTEGER NOT NULL,
  persons       INTEGER NOT NULL,
  net           REAL NOT NULL,
  wage          REAL NOT NULL,
  net_business  REAL NOT NULL,
  property      REAL NOT NULL,
  transfer      REAL NOT NULL,
  support       REAL NOT NULL,
  median        REAL,
  PRIMARY KEY (snapshot_id, year)
);

CREATE TABLE income_panel_total (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  years         TEXT NOT NULL,
  households    INTEGER NOT NULL,
  net0          REAL NOT NULL,
  persons0      REAL NOT NULL,
  net1          REAL NOT NULL,
  persons1      REAL NOT NULL,
  PRIMARY KEY (snapshot_id, years)
);

CREATE TABLE income_risk (
  snapshot_id      INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  line_set         TEXT NOT NULL,
  year             INTEGER NOT NULL,
  household_id     INTEGER NOT NULL,
  persons          INTEGER NOT NULL,
  per_capita       REAL NOT NULL,
  last_exit_year   INTEGER NOT NULL,
  below_line       INTEGER NOT NULL,
  below_threshold  INTEGER NOT NULL,
  return_recorded  INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, line_set, year, household_id)
) WITHOUT ROWID;
CREATE INDEX income_risk_household ON income_risk(household_id, line_set);

CREATE INDEX exit_attribution_cube ON exit_attribution(snapshot_id, line_set, year, income_method, structural_method,
  recorded_method, persons, first_in_year, prev_exit_year, exit_seq);
`,
};
