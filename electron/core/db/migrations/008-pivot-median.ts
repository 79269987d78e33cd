import { HOUSEHOLD_DIMS } from './003-pivot';
import type { Migration } from './migration';

/**
 * What the pivot engine keeps for weighted medians of 人均纯收入 (electron/core/pivot/facts/medianCubes.ts):
 * - pivot_bucket: each income year's rows cut into about a hundred ranges of 人均纯收入 with equal
 *   numbers of rows (a value never straddles two), by the lowest value of each range;
 * - pivot_median_cube: the persons (Σ人口) of each range over chosen household dimension sets.
 *   Persons are additive, so a group's persons per range tell which range holds its median and how
 *   many persons lie below it; only that range's income rows are then read, in order, to find the
 *   exact value, instead of every row up to the median.
 * Both key on snapshot_id first, so deleting a snapshot cascades through an index. A cube's rows
 * of a year lie together (seq numbers them in key order, the dimension columns may be blank), so a
 * median reads them in one range of the table.
 */
export const migration008: Migration = {
  version: 8,
  name: 'pivot-median',
  sql: `
CREATE TABLE pivot_bucket (
  snapshot_id  INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  year         INTEGER NOT NULL,
  bucket       INTEGER NOT NULL,
  lo           REAL NOT NULL,
  PRIMARY KEY (snapshot_id, year, bucket)
) WITHOUT ROWID;

CREATE TABLE pivot_median_cube (
  snapshot_id      INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
  cube             INTEGER NOT NULL,
  year             INTEGER NOT NULL,
  bucket           INTEGER NOT NULL,${HOUSEHOLD_DIMS},
  seq              INTEGER NOT NULL,
  size             INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, cube, year, seq)
) WITHOUT ROWID;
`,
};
