import type { Db } from '../db/database';
import type { HouseholdScope } from '../db/queries/householdScope';
import {
  insertPanelTotal, perCapitaAtOffset, type IncomeSumRow, personsAtOrBelow, replaceIncomeYearTotals,
  selectCountyIncomeSums, selectIncomeYearTotals,
  selectIncomeYears, selectPanelEnds, selectPanelTotal, streamCountyPerCapita, streamFrom, type CountyIncomeQuery,
  type PanelEnds,
} from '../db/queries/incomeQueries';
import { selectStamp } from '../db/queries/derivedTables';
import { incomeYear } from './incomeGrowth';
import type { PopulationFigures } from './incomeRows';
import { WeightedMedian, weightedMedianFromMiddle } from './weightedMedian';

/**
 * The county-wide income figures (no filter, no grouping). Per-year sums and weighted medians of
 * the whole county are facts of an immutable snapshot: they are computed once (the same SQL sums
 * as always, the median from the unweighted one through the covering index) and kept in
 * income_year_total; the balanced panel's end-year sums are kept per year range.
 */

/** Bump when the definition changes, so the stored county totals are recomputed. */
const TOTALS_STAMP = JSON.stringify({ v: 2 });
const TOTALS_KIND = 'income_year_total';

function ensureIncomeTotals(db: Db, snapshotId: number): void {
  if (selectStamp(db, snapshotId, TOTALS_KIND) === TOTALS_STAMP) return;
  const query: CountyIncomeQuery = { snapshotId, years: selectIncomeYears(db, snapshotId), panelYears: null };
  const rows = selectCountyIncomeSums(db, query).map((s) => ({
    ...s,
    median: weightedMedianFromMiddle({
      valueAt: (offset) => perCapitaAtOffset(db, snapshotId, s.year, offset),
      weightAtOrBelow: (v) => personsAtOrBelow(db, snapshotId, s.year, v),
      stream: (v, direction, visit) => streamFrom(db, snapshotId, s.year, v, direction, visit),
    }, s.households, s.persons),
  }));
  replaceIncomeYearTotals(db, snapshotId, rows, TOTALS_KIND, TOTALS_STAMP);
}

/** The county-wide sums of every income year (Σ纯收入, Σ人口, … as stored), for pooling several counties. */
export function countyIncomeSums(db: Db, snapshotId: number): IncomeSumRow[] {
  ensureIncomeTotals(db, snapshotId);
  return selectIncomeYearTotals(db, snapshotId);
}

export function countyCrossSection(db: Db, query: CountyIncomeQuery): PopulationFigures {
  ensureIncomeTotals(db, query.snapshotId);
  const wanted = new Set(query.years);
  const list = selectIncomeYearTotals(db, query.snapshotId)
    .filter((r) => wanted.has(r.year))
    .map((r) => incomeYear(r, r.median));
  return { years: new Map([[null, list]]), households: new Map([[null, list[0]?.households ?? 0]]) };
}

/** The county-wide balanced panel by year: summed afresh, medians by one ordered pass. */
export function countyPanel(db: Db, query: CountyIncomeQuery): PopulationFigures {
  const sums = selectCountyIncomeSums(db, query);
  const totals = new Map(sums.map((s) => [s.year, s.persons]));
  const medians = new Map<number, number | null>();
  const state: { year: number | null; median: WeightedMedian | null } = { year: null, median: null };
  streamCountyPerCapita(db, query, (year, v, w) => {
    if (year !== state.year) {
      if (state.median && state.year !== null) medians.set(state.year, state.median.value);
      state.year = year;
      state.median = new WeightedMedian(totals.get(year) ?? 0);
    }
    state.median?.add(v, w);
  });
  if (state.median && state.year !== null) medians.set(state.year, state.median.value);
  const list = sums.map((s) => incomeYear(s, medians.get(s.year) ?? null));
  // In a balanced panel every household appears in every year: its count is that of any year.
  return { years: new Map([[null, list]]), households: new Map([[null, list[0]?.households ?? 0]]) };
}

/** The panel's end-year sums; county-wide they are kept in income_panel_total per year range. */
export function panelEndSums(db: Db, households: HouseholdScope, years: readonly number[]): PanelEnds {
  if (households.filtered) return selectPanelEnds(db, households, years);
  ensureIncomeTotals(db, households.snapshotId);
  const key = years.join(',');
  const stored = selectPanelTotal(db, households.snapshotId, key);
  if (stored) return stored;
  const ends = selectPanelEnds(db, households, years);
  insertPanelTotal(db, households.snapshotId, key, ends);
  return ends;
}
