import type { Migration } from './migration';

/**
 * Narrower indexes, so that a county of a million members fits in its 600 MB (each built again
 * by the import writer from sqlite_master, sorted and packed):
 * - income_year_cover keeps only what is read in 人均纯收入 order — the weighted median, the
 *   distribution of one year, "below the line" — (year, 人均纯收入, 人口). The county-wide sums of
 *   the amounts read the table itself in its (household, year) order, one pass for every year,
 *   which costs about what the eight amount columns cost as index entries (≈ 44 MB on 2 million rows).
 * - measure_household: measures are found by household only (the foreign key, a household's own
 *   list); nothing reads them in (household, year) order.
 * - event_type_year: only the flow types' first and last years and the 返贫 events are looked up by
 *   type. Two partial (snapshot, year) indexes hold them without the type text in every entry; the
 *   queries name the same condition, literally, so that the planner can use them.
 * - household_area: the township finds the scope's households; a village is a few per cent of its
 *   township's rows, checked on the rows themselves.
 */
export const migration009: Migration = {
  version: 9,
  name: 'narrow-indexes',
  sql: `
DROP INDEX IF EXISTS income_year_cover;
CREATE INDEX income_year_cover ON income(snapshot_id, year, per_capita, size);

DROP INDEX IF EXISTS measure_household;
CREATE INDEX measure_household ON measure(household_id);

DROP INDEX IF EXISTS event_type_year;
CREATE INDEX event_flow_year ON event(snapshot_id, year) WHERE type IN ('识别', '返贫', '脱贫', '自然减少', '清退');
CREATE INDEX event_return_year ON event(snapshot_id, year) WHERE type = '返贫';

DROP INDEX IF EXISTS household_area;
CREATE INDEX household_area ON household(snapshot_id, township);
`,
};
