import type { Migration } from './migration';

/**
 * The county snapshot schema. Never edit a released migration: add the next number.
 *
 * Every row carries its snapshot_id so that deleting a snapshot is one DELETE per table, and
 * so that several exports (2020, 2023) live side by side in one file. Code-list values are stored
 * as their canonical Chinese labels: the statistician reading the SQL sees what the export said.
 * Amounts are REAL (SQLite writes integral REALs as integers, so whole-yuan data stays small);
 * a blank amount is NULL (missing, counted as 0 in sums, reported at import).
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE app_setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE snapshot (
  id             INTEGER PRIMARY KEY,
  county_code    TEXT,
  county_name    TEXT NOT NULL,
  as_of          TEXT NOT NULL,
  source_name    TEXT NOT NULL,
  source_sha256  TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  keep_names     INTEGER NOT NULL DEFAULT 1,
  events_derived INTEGER NOT NULL DEFAULT 0,
  line_set       TEXT NOT NULL DEFAULT 'national',
  households     INTEGER NOT NULL DEFAULT 0,
  persons        INTEGER NOT NULL DEFAULT 0,
  income_rows    INTEGER NOT NULL DEFAULT 0,
  measure_rows   INTEGER NOT NULL DEFAULT 0,
  event_rows     INTEGER NOT NULL DEFAULT 0,
  warning_count  INTEGER NOT NULL DEFAULT 0
);

-- Warnings kept with the snapshot they belong to (errors never reach the database).
CREATE TABLE import_issue (
  id          INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  file        TEXT,
  sheet       TEXT,
  row         INTEGER,
  col         TEXT,
  value       TEXT,
  expected    TEXT
);
CREATE INDEX import_issue_snapshot ON import_issue(snapshot_id, code);

CREATE TABLE area (
  id            INTEGER PRIMARY KEY,
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  level         TEXT NOT NULL CHECK (level IN ('township', 'village')),
  code          TEXT,
  township      TEXT NOT NULL,
  name          TEXT NOT NULL,
  poor_village  INTEGER,
  delisted_year INTEGER,
  UNIQUE (snapshot_id, level, township, name)
);

CREATE TABLE village_year (
  snapshot_id        INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  area_id            INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  year               INTEGER NOT NULL,
  collective_income  REAL,
  PRIMARY KEY (area_id, year)
);

CREATE TABLE household (
  id               INTEGER PRIMARY KEY,
  snapshot_id      INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  code             TEXT NOT NULL,
  county           TEXT NOT NULL,
  township         TEXT NOT NULL,
  village          TEXT NOT NULL,
  area_code        TEXT,
  poor_village     INTEGER,
  head_name        TEXT,
  head_id_hash     BLOB,
  head_id_masked   TEXT,
  size             INTEGER NOT NULL,
  type             TEXT NOT NULL,
  attribute        TEXT,
  standard         TEXT,
  main_cause       TEXT,
  other_causes     TEXT,
  identified_year  INTEGER,
  status           TEXT,
  exit_year        INTEGER,
  return_year      INTEGER,
  return_cause     TEXT,
  relocated        INTEGER,
  housing          TEXT,
  safe_water       INTEGER,
  mon_category     TEXT,
  mon_date         TEXT,
  risk1            TEXT,
  risk2            TEXT,
  risk3            TEXT,
  risk4            TEXT,
  risk5            TEXT,
  risk_eliminated  INTEGER,
  elim_method      TEXT,
  elim_date        TEXT,
  source_row       INTEGER,
  UNIQUE (snapshot_id, code)
);
CREATE INDEX household_area ON household(snapshot_id, township, village);

CREATE TABLE person (
  id            INTEGER PRIMARY KEY,
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id  INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  name          TEXT,
  id_hash       BLOB,
  id_masked     TEXT,
  id_kind       TEXT,
  id_valid      INTEGER,
  sex           TEXT,
  birth_date    TEXT,
  relation      TEXT,
  ethnicity     TEXT,
  education     TEXT,
  schooling     TEXT,
  health        TEXT,
  labour        TEXT,
  work_status   TEXT,
  work_months   INTEGER,
  ins_medical   INTEGER,
  ins_serious   INTEGER,
  ins_pension   INTEGER,
  dibao         INTEGER,
  tekun         INTEGER,
  source_row    INTEGER
);
CREATE INDEX person_household ON person(household_id);
CREATE INDEX person_id_hash ON person(snapshot_id, id_hash);

-- One row per household and year. net and per_capita are derived at write time from the formula
-- in domain.md so that every reader uses the same figure.
CREATE TABLE income (
  snapshot_id     INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id    INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL,
  size            INTEGER NOT NULL,
  wage            REAL,
  business        REAL,
  business_cost   REAL,
  property        REAL,
  transfer        REAL,
  family_planning REAL,
  dibao           REAL,
  tekun           REAL,
  pension         REAL,
  eco             REAL,
  other_transfer  REAL,
  net             REAL NOT NULL,
  per_capita      REAL NOT NULL,
  source_row      INTEGER,
  PRIMARY KEY (household_id, year)
) WITHOUT ROWID;
CREATE INDEX income_year ON income(snapshot_id, year);

CREATE TABLE measure (
  id            INTEGER PRIMARY KEY,
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id  INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  year          INTEGER,
  name          TEXT NOT NULL,
  class         TEXT,
  content       TEXT,
  amount        REAL,
  source_row    INTEGER
);
CREATE INDEX measure_household ON measure(household_id, year);

CREATE TABLE event (
  id            INTEGER PRIMARY KEY,
  snapshot_id   INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  household_id  INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  year          INTEGER NOT NULL,
  type          TEXT NOT NULL,
  reason        TEXT,
  date          TEXT,
  derived       INTEGER NOT NULL DEFAULT 0,
  source_row    INTEGER
);
CREATE INDEX event_type_year ON event(snapshot_id, type, year);
CREATE INDEX event_household ON event(household_id, year);

-- Named line sets (national, provincial, custom); a snapshot names the set it uses.
CREATE TABLE poverty_line (
  line_set              TEXT NOT NULL,
  year                  INTEGER NOT NULL,
  poverty_line          REAL,
  monitoring_threshold  REAL,
  PRIMARY KEY (line_set, year)
);

-- Saved pivot analyses and their JSON spec.
CREATE TABLE saved_analysis (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  spec_json    TEXT NOT NULL,
  snapshot_id  INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
  line_set     TEXT,
  builtin      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
`,
};
