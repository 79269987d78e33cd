import type { Migration } from './migration';

/**
 * The dimension columns every pivot fact table carries (dictionary codes, years as numbers). Later
 * migrations reuse it for tables of the same grain: this text is part of migration 3 and never changes.
 */
export const HOUSEHOLD_DIMS = `
  county           INTEGER,
  township         INTEGER,
  village          INTEGER,
  poor_village     INTEGER,
  household_type   INTEGER,
  attribute        INTEGER,
  main_cause       INTEGER,
  status           INTEGER,
  identified_year  INTEGER,
  exit_year        INTEGER,
  return_year      INTEGER,
  return_cause     INTEGER,
  exit_income      INTEGER,
  exit_structural  INTEGER,
  relocated        INTEGER,
  mon_category     INTEGER,
  main_risk        INTEGER,
  risk_eliminated  INTEGER`;

const PERSON_DIMS = `
  sex              INTEGER,
  age_group        INTEGER,
  health           INTEGER,
  labour           INTEGER,
  work_status      INTEGER`;

/**
 * The pivot engine's summary tables, derived per snapshot (electron/core/pivot/facts/):
 * - pivot_dict: each category value of each dimension as a small integer code whose order is the
 *   value order of the catalogue (code-list order, area codes), so that GROUP BY and ORDER BY work
 *   on integers and labels are decoded once per result;
 * - pivot_household / pivot_person / pivot_income: narrow, denormalised copies of the household,
 *   member and income rows with every household dimension as a code, so that no pivot needs a
 *   join; income rows are clustered by (year, 人均纯收入) so that a weighted median streams in order
 *   without sorting;
 * - pivot_cube: pre-aggregated sums over chosen dimension sets (households, persons and income sums
 *   are additive), which answer most pivots from a few thousand rows instead of 300,000;
 * - pivot_build: what the tables of a snapshot were built from (engine version, line set and
 *   exit-attribution stamp), to know when they are stale.
 * Each table keys on snapshot_id first, so deleting a snapshot cascades through an index.
 */
export const migration003: Migration = {
  version: 3,
  name: 'pivot',
  sql: `
CREATE TABLE pivot_build (
  snapshot_id   INTEGER PRIMARY KEY REFERENCES snapshot(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  line_set      TEXT NOT NULL,
  exit_stamp    TEXT NOT NULL,
  income_years  TEXT NOT NULL,
  cube_rows     TEXT NOT NULL,
  built_at      TEXT NOT NULL,
  build_ms      INTEGER NOT NULL
);

CREATE TABLE pivot_dict (
  snapshot_id  INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  dimension    TEXT NOT NULL,
  code         INTEGER NOT NULL,
  label        TEXT NOT NULL,
  name         TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, dimension, code)
) WITHOUT ROWID;

CREATE TABLE pivot_household (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id  INTEGER NOT NULL,${HOUSEHOLD_DIMS},
  n             INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, household_id)
) WITHOUT ROWID;

CREATE TABLE pivot_person (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL,
  household_id  INTEGER NOT NULL,${PERSON_DIMS},${HOUSEHOLD_DIMS},
  members       INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, person_id)
) WITHOUT ROWID;

CREATE TABLE pivot_income (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  year          INTEGER NOT NULL,
  per_capita    REAL NOT NULL,
  household_id  INTEGER NOT NULL,${HOUSEHOLD_DIMS},
  n             INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  net           REAL NOT NULL,
  wage          REAL NOT NULL,
  net_business  REAL NOT NULL,
  property      REAL NOT NULL,
  transfer      REAL NOT NULL,
  support       REAL NOT NULL,
  PRIMARY KEY (snapshot_id, year, per_capita, household_id)
) WITHOUT ROWID;

CREATE TABLE pivot_cube (
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  cube          INTEGER NOT NULL,
  year          INTEGER NOT NULL,${PERSON_DIMS},${HOUSEHOLD_DIMS},
  n             INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  net           REAL NOT NULL,
  wage          REAL NOT NULL,
  net_business  REAL NOT NULL,
  property      REAL NOT NULL,
  transfer      REAL NOT NULL,
  support       REAL NOT NULL,
  members       INTEGER NOT NULL
);
CREATE INDEX pivot_cube_key ON pivot_cube(snapshot_id, cube, year);
`,
};
