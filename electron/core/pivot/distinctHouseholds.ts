import type { Db } from '../db/database';
import { levelId } from './levels';
import type { PivotPlan } from './plan';
import { feedRows } from '../db/rowFeed';

/**
 * Distinct households behind member groups, for the levels no distinct-household cube answers
 * (plan.ts), in one pass: the member rows are
 * handed to pivot_distinct_feed(key…, household_id) and each group keeps the set of its
 * households. (COUNT(DISTINCT …) GROUP BY per level read the million members once per level.)
 * Returns the rows the per-level SQL would: the level's key codes, then the count.
 */
export function countDistinctHouseholds(db: Db, plan: PivotPlan): Map<string, unknown[][]> {
  const feed = plan.distinctFeed;
  const out = new Map<string, unknown[][]>();
  for (const { level, part } of plan.distinctCubes) {
    out.set(levelId(level), db.prepare(part.sql).raw().all(...part.params) as unknown[][]);
  }
  if (!feed) return out;
  const rowDims = plan.spec.rows.length;
  const keyDims = plan.dims.length;
  const levels = feed.levels.map((level) => ({
    level,
    positions: [...Array(level.rows).keys(), ...Array.from({ length: level.cols }, (_, j) => rowDims + j)],
    sets: new Map<string, { codes: unknown[]; households: Set<number> }>(),
  }));
  feedRows(db, 'pivot_distinct_feed', feed.part.sql, feed.part.params, (row) => {
    const household = row[keyDims] as number;
    for (const l of levels) {
      const codes = l.positions.map((i) => row[i] ?? null);
      const key = codes.join(',');
      let entry = l.sets.get(key);
      if (!entry) {
        entry = { codes, households: new Set() };
        l.sets.set(key, entry);
      }
      entry.households.add(household);
    }
  });
  for (const l of levels) out.set(levelId(l.level), [...l.sets.values()].map((e) => [...e.codes, e.households.size]));
  return out;
}
