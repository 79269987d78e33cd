import type { Migration } from './migration';

/**
 * The 脱贫 events of a snapshot in household order, covering what the signals of calculated exits
 * read of them (收入测算核查, evaluation.md §2): the household and the exit year. Through
 * event_flow_year the exits came in year order and each needed its event row, then its household's
 * row and income rows in no order at all; in household order those rows are read page by page.
 * One entry per exit (≈ 300,000 on the large county, ≈ 4 MB).
 */
export const migration017: Migration = {
  version: 17,
  name: 'event-exit',
  sql: `CREATE INDEX IF NOT EXISTS event_exit ON event(snapshot_id, household_id, year) WHERE type = '脱贫';`,
};
