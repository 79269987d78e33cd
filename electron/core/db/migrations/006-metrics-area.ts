import type { Migration } from './migration';

/**
 * Income figures per township and per village (migration 004 keeps the county's): the sums and the
 * weighted median of every area and income year, for the cross-section and for the balanced panel
 * over all the snapshot's income years. Built by the metrics engine right after an import (the
 * derived-data job) in one ordered pass; a view asking for one township, or grouping by township or
 * village, reads a few rows instead of passing the township's income rows through JavaScript. Until
 * it is built (stamp in derived_stamp) the figures are computed from the rows as before.
 *
 * exit_attribution_year goes: exit_attribution_cube (004) begins with the same columns, and every
 * index costs the preparation after an import 300,000 inserts on a large county.
 */
export const migration006: Migration = {
  version: 6,
  name: 'metrics-area',
  sql: `
CREATE TABLE income_area_total (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  level         TEXT NOT NULL CHECK (level IN ('township', 'village')),
  township      TEXT NOT NULL,
  village       TEXT NOT NULL,
  panel_years   TEXT NOT NULL,
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
  PRIMARY KEY (snapshot_id, level, panel_years, township, village, year)
) WITHOUT ROWID;

DROP INDEX IF EXISTS exit_attribution_year;
`,
};
