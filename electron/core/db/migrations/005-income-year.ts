import type { Migration } from './migration';

/**
 * income_year (snapshot_id, year) is a prefix of income_year_cover (migration 002), which serves
 * every query it served (year lists, county-wide sums, the snapshot delete) at the same cost. It
 * only took room (≈ 30 MB on a 2-million-row county) and time at each import, where it is built
 * again with the others.
 */
export const migration005: Migration = {
  version: 5,
  name: 'income-year',
  sql: `
DROP INDEX IF EXISTS income_year;
`,
};
