import type { Db } from '../../db/database';
import { HOUSEHOLD_DIM_COLUMNS } from './factColumns';

/**
 * Writes pivot_income: every income row with its household's dimension codes, in (year, 人均纯收入)
 * order. The amounts follow domain.md and the metrics engine: blanks count as 0, 净经营性 =
 * 生产经营性收入 − 生产经营性支出, 兜底性 = 低保金 + 特困供养金; 纯收入 and 人均纯收入 are the values the
 * snapshot writer derived, so every reader uses the same figure. A span of years at a time (the
 * build commits each: incomeYearSpans). The rows are read in household order, pivot_household's and
 * income's own (CROSS JOIN fixes that order: each lookup lands next to the last), and sorted once
 * into the table's order; read through the (year, 人均纯收入) index instead, every row was two lookups
 * at random places, twice the time on the large county.
 */
export function buildIncomeFacts(db: Db, snapshotId: number, years: readonly [number, number]): number {
  const dims = HOUSEHOLD_DIM_COLUMNS.map((c) => `h.${c}`).join(', ');
  return db.prepare(
    `INSERT INTO pivot_income(snapshot_id, year, per_capita, household_id, ${HOUSEHOLD_DIM_COLUMNS.join(', ')},
       n, size, net, wage, net_business, property, transfer, support)
     SELECT i.snapshot_id, i.year, i.per_capita, i.household_id, ${dims},
       1, i.size, i.net, coalesce(i.wage, 0), coalesce(i.business, 0) - coalesce(i.business_cost, 0), coalesce(i.property, 0),
       coalesce(i.transfer, 0), coalesce(i.dibao, 0) + coalesce(i.tekun, 0)
     FROM pivot_household h CROSS JOIN income i ON i.household_id = h.household_id AND i.year BETWEEN ? AND ?
     WHERE h.snapshot_id = ? AND +i.snapshot_id = h.snapshot_id
     ORDER BY i.year, i.per_capita, i.household_id`,
  ).run(years[0], years[1], snapshotId).changes;
}

/**
 * The snapshot's income years in spans of at most about `rows` income rows (a year with more is a
 * span alone): each span is one pass over the households, so the early years with few rows share
 * one instead of paying a pass each (on the large county 2014–2016 hold 76,000 rows of 2.07 M).
 */
export function incomeYearSpans(db: Db, snapshotId: number, rows: number): [number, number][] {
  const counts = db.prepare(`SELECT year, COUNT(*) FROM income WHERE snapshot_id = ? GROUP BY year ORDER BY year`).raw()
    .all(snapshotId) as [number, number][];
  const spans: [number, number][] = [];
  let inSpan = 0;
  for (const [year, count] of counts) {
    const last = spans[spans.length - 1];
    if (last && inSpan + count <= rows) {
      last[1] = year;
      inSpan += count;
    } else {
      spans.push([year, year]);
      inSpan = count;
    }
  }
  return spans;
}

/** The income years of the snapshot (kept with the build, so that no query scans for them). */
export function incomeYearsOf(db: Db, snapshotId: number): number[] {
  return (db.prepare(`SELECT DISTINCT year FROM income WHERE snapshot_id = ? ORDER BY year`).raw().all(snapshotId) as [number][])
    .map((r) => r[0]);
}
