import type { Db } from '../db/database';
import { selectStamp } from '../db/queries/derivedTables';
import { selectTownships } from '../db/queries/areaQueries';
import { householdScope } from '../db/queries/householdScope';
import {
  clearAreaIncomeCells, insertAreaIncomeCells, selectAreaIncomeCells, townshipBuilt, writeAreaStamp,
  type AreaIncomeCell,
} from '../db/queries/incomeAreaQueries';
import { selectIncomeYears, streamIncomeRows, type IncomeRowTuple } from '../db/queries/incomeQueries';
import type { IncomeYear } from '../../../shared/api/income';
import type { GroupDimension, MetricFilter } from '../../../shared/api/metricScope';
import { incomeYear } from './incomeGrowth';
import { CellWriter, cellMedian, type Cells, type PopulationFigures } from './incomeRows';
import type { MetricScope } from './scope';

/**
 * Income figures of single townships and villages, kept per snapshot (income_area_total): the
 * cells a township- or village-filtered read would add up, computed township by township with the
 * same cell code and the same row order (incomeRows.ts), so the figures read back are those the
 * rows give, to the last bit. prepareDerived builds every township, one step each; meanwhile a
 * request reads the cells of the townships already built and the rows of the others (building on
 * request would cost the first view more than its rows do).
 */

/** Bump when the cells' definition changes, so they are rebuilt. */
const AREA_VERSION = 1;
const PARTIAL = JSON.stringify({ v: AREA_VERSION, complete: false });
const COMPLETE = JSON.stringify({ v: AREA_VERSION, complete: true });
const AREA_KIND = 'income_area_total';

type AreaState = 'none' | 'partial' | 'complete';

function areaState(db: Db, snapshotId: number): AreaState {
  const stamp = selectStamp(db, snapshotId, AREA_KIND);
  return stamp === COMPLETE ? 'complete' : stamp === PARTIAL ? 'partial' : 'none';
}

/** True when every township's cells are built. */
export function incomeAreaReady(db: Db, snapshotId: number): boolean {
  return areaState(db, snapshotId) === 'complete';
}

/** The townships whose cells the preparation builds, one step each. */
export function incomeAreaTownships(db: Db, snapshotId: number): string[] {
  return selectTownships(db, snapshotId).map((t) => t.township);
}

/** Builds every township's cells that is not built yet, then marks the set complete. */
export function ensureIncomeAreaTotals(db: Db, snapshotId: number): void {
  if (incomeAreaReady(db, snapshotId)) return;
  for (const township of incomeAreaTownships(db, snapshotId)) ensureTownshipCells(db, snapshotId, township);
  markIncomeAreaComplete(db, snapshotId);
}

export function markIncomeAreaComplete(db: Db, snapshotId: number): void {
  if (areaState(db, snapshotId) === 'none') clearAreaIncomeCells(db, snapshotId, AREA_KIND, PARTIAL);
  writeAreaStamp(db, snapshotId, AREA_KIND, COMPLETE);
}

/**
 * Builds one township's cells unless they are there: one read of its income rows in household
 * order (the filtered read's), each row added to the township's cell and its village's (and to the
 * panel's when the household has a row in every income year of the snapshot).
 */
export function ensureTownshipCells(db: Db, snapshotId: number, township: string): void {
  const state = areaState(db, snapshotId);
  if (state === 'complete') return;
  // Cells of another definition (or none at all): start afresh.
  if (state === 'none') clearAreaIncomeCells(db, snapshotId, AREA_KIND, PARTIAL);
  else if (townshipBuilt(db, snapshotId, township)) return;
  const years = selectIncomeYears(db, snapshotId);
  const panelKey = years.join(',');
  const townshipCross = new CellWriter(new Map());
  const townshipPanel = new CellWriter(new Map());
  const villageCross = new CellWriter(new Map());
  const villagePanel = new CellWriter(new Map());
  const household: IncomeRowTuple[] = [];
  const flushHousehold = (): void => {
    const complete = household.length === years.length;
    for (const r of household) {
      townshipCross.addFields(null, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]);
      villageCross.add(r);
      if (complete) {
        townshipPanel.addFields(null, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]);
        villagePanel.add(r);
      }
    }
    household.length = 0;
  };
  streamIncomeRows(db, householdScope(snapshotId, { townships: [township] }), { sql: 'h.village', params: [] }, years, (row) => {
    const first = household[0];
    if (first && first[0] !== row[0]) flushHousehold();
    household.push(row);
  });
  flushHousehold();

  const out: AreaIncomeCell[] = [];
  const ofTownship = (): Pick<AreaIncomeCell, 'township' | 'village'> => ({ township, village: '' });
  const ofVillage = (group: string | null): Pick<AreaIncomeCell, 'township' | 'village'> => ({ township, village: group ?? '' });
  pushCells(out, townshipCross.cells, 'township', '', ofTownship);
  pushCells(out, townshipPanel.cells, 'township', panelKey, ofTownship);
  pushCells(out, villageCross.cells, 'village', '', ofVillage);
  pushCells(out, villagePanel.cells, 'village', panelKey, ofVillage);
  insertAreaIncomeCells(db, snapshotId, out);
}

function pushCells(
  out: AreaIncomeCell[], cells: Cells, level: AreaIncomeCell['level'], panelYears: string,
  areaOf: (group: string | null) => Pick<AreaIncomeCell, 'township' | 'village'>,
): void {
  for (const [group, byYear] of cells) {
    const area = areaOf(group);
    for (const [year, c] of byYear) {
      out.push({
        level, ...area, panelYears, year, households: c.households, persons: c.persons, net: c.net, wage: c.wage,
        netBusiness: c.netBusiness, property: c.property, transfer: c.transfer, support: c.support,
        median: cellMedian(c),
      });
    }
  }
}

const OTHER_FILTERS: readonly (keyof MetricFilter)[] = ['attributes', 'householdTypes', 'mainCauses', 'exitCohorts'];

/**
 * The figures of a scope read from the stored cells, when each group of the answer is exactly one
 * stored area: a filter by townships and/or villages only, and no grouping (one area selected),
 * grouping by township (no village filter) or by village. Null when the cells cannot answer (not
 * built, another filter or grouping, a panel over a narrowed year range): the caller reads the rows.
 */
export function figuresFromAreaCells(
  scope: MetricScope, groupBy: GroupDimension | undefined, years: readonly number[], wantPanel: boolean,
): { cross: PopulationFigures; panel: PopulationFigures } | null {
  const { db, filter } = scope;
  const snapshotId = scope.snapshot.id;
  if (groupBy !== undefined && groupBy !== 'township' && groupBy !== 'village') return null;
  if (OTHER_FILTERS.some((k) => (filter[k]?.length ?? 0) > 0)) return null;
  const townships = filter.townships ?? [];
  const villages = filter.villages ?? [];
  if (groupBy === 'township' && villages.length > 0) return null;
  const state = areaState(db, snapshotId);
  if (state === 'none') return null;
  // While the preparation is under way, the townships it has built already answer for themselves.
  if (state === 'partial' && (townships.length === 0 || !townships.every((t) => townshipBuilt(db, snapshotId, t)))) return null;
  const allYears = selectIncomeYears(db, snapshotId);
  const panelKey = allYears.join(',');
  if (wantPanel && years.join(',') !== panelKey) return null;

  const level = groupBy === 'village' || villages.length > 0 ? 'village' : 'township';
  const groupOf = (c: AreaIncomeCell): string | null =>
    groupBy === 'township' ? c.township : groupBy === 'village' ? `${c.township}/${c.village}` : null;
  const cross = selectAreaIncomeCells(db, snapshotId, level, '', townships, villages);
  const panel = wantPanel ? selectAreaIncomeCells(db, snapshotId, level, panelKey, townships, villages) : [];

  // Each group must be one area: two areas' medians do not make the median of both.
  const areaOf = new Map<string | null, string>();
  for (const c of [...cross, ...panel]) {
    const area = `${c.township}\u0000${c.village}`;
    const g = groupOf(c);
    const seen = areaOf.get(g);
    if (seen !== undefined && seen !== area) return null;
    areaOf.set(g, area);
  }
  const wanted = new Set(years);
  return { cross: figuresOf(cross, wanted, groupOf, false), panel: figuresOf(panel, wanted, groupOf, true) };
}

function figuresOf(
  cells: readonly AreaIncomeCell[], wanted: ReadonlySet<number>, groupOf: (c: AreaIncomeCell) => string | null,
  isPanel: boolean,
): PopulationFigures {
  const years = new Map<string | null, IncomeYear[]>();
  const households = new Map<string | null, number>();
  for (const c of cells) {
    if (!wanted.has(c.year)) continue;
    const g = groupOf(c);
    let list = years.get(g);
    if (!list) {
      list = [];
      years.set(g, list);
    }
    list.push(incomeYear(c, c.median));
    // In a balanced panel every household has a row in every year: the count of any year is the panel's.
    if (isPanel) households.set(g, c.households);
  }
  for (const list of years.values()) list.sort((a, b) => a.year - b.year);
  return { years, households };
}
