import type { Db } from '../db/database';
import { selectStamp } from '../db/queries/derivedTables';
import {
  replaceAreaIncomeCells, selectAreaIncomeCells, selectHouseholdAreas, streamIncomeRowsInKeyOrder, type AreaIncomeCell,
} from '../db/queries/incomeAreaQueries';
import { selectIncomeYears } from '../db/queries/incomeQueries';
import type { GroupDimension, IncomeYear, MetricFilter } from '../../../shared/api/metrics';
import { incomeYear } from './incomeGrowth';
import { CellWriter, cellMedian, type Cells, type PopulationFigures } from './incomeRows';
import type { MetricScope } from './scope';

/**
 * Income figures of single townships and villages, kept per snapshot (income_area_total): the
 * cells a township- or village-filtered read would add up, computed in one ordered pass over the
 * county with the same cell code (incomeRows.ts), so the figures read back are those the rows give.
 * Built by prepareDerived; until then (or for any other filter) the figures come from the rows.
 */

/** Bump when the cells' definition changes, so they are rebuilt. */
const AREA_STAMP = JSON.stringify({ v: 1 });
const AREA_KIND = 'income_area_total';

export function incomeAreaReady(db: Db, snapshotId: number): boolean {
  return selectStamp(db, snapshotId, AREA_KIND) === AREA_STAMP;
}

interface Area {
  readonly township: string;
  readonly village: string;
  /** The village writer's group key. */
  readonly key: string;
}

/**
 * Builds the township and village cells of a snapshot unless they are current: one pass over the
 * income table in key order, each row added to its township's and its village's cell (and to the
 * panel's when the household has a row in every income year). Rows reach every cell in household
 * order, the order a filtered read adds them in (streamIncomeRows), so the sums are the same to the
 * last bit.
 */
export function ensureIncomeAreaTotals(db: Db, snapshotId: number): void {
  if (incomeAreaReady(db, snapshotId)) return;
  const years = selectIncomeYears(db, snapshotId);
  const panelKey = years.join(',');
  const areas = new Map<string, Area>();
  const areaOfHousehold = new Map<number, Area>();
  for (const [id, township, village] of selectHouseholdAreas(db, snapshotId)) {
    const key = `${township}\u0000${village}`;
    let area = areas.get(key);
    if (!area) {
      area = { township, village, key };
      areas.set(key, area);
    }
    areaOfHousehold.set(id, area);
  }

  const townshipCross = new CellWriter(new Map());
  const townshipPanel = new CellWriter(new Map());
  const villageCross = new CellWriter(new Map());
  const villagePanel = new CellWriter(new Map());
  // The current household's rows, ten numbers each (the visit's arguments), reused from row to row.
  const width = 10;
  let buffer = new Float64Array(width * Math.max(1, years.length));
  let rows = 0;
  let householdId = -1;
  const flushHousehold = (): void => {
    const area = areaOfHousehold.get(householdId);
    if (area && rows > 0) {
      const complete = rows === years.length;
      for (let k = 0; k < rows; k++) {
        const o = k * width;
        const b = buffer;
        const y = b[o + 1] as number;
        const s = b[o + 2] as number;
        const net = b[o + 3] as number;
        const w = b[o + 4] as number;
        const nb = b[o + 5] as number;
        const p = b[o + 6] as number;
        const t = b[o + 7] as number;
        const su = b[o + 8] as number;
        const pc = b[o + 9] as number;
        townshipCross.addFields(area.township, y, s, net, w, nb, p, t, su, pc);
        villageCross.addFields(area.key, y, s, net, w, nb, p, t, su, pc);
        if (complete) {
          townshipPanel.addFields(area.township, y, s, net, w, nb, p, t, su, pc);
          villagePanel.addFields(area.key, y, s, net, w, nb, p, t, su, pc);
        }
      }
    }
    rows = 0;
  };
  streamIncomeRowsInKeyOrder(db, snapshotId, (h, y, s, net, w, nb, p, t, su, pc) => {
    if (h !== householdId) {
      flushHousehold();
      householdId = h;
    }
    if ((rows + 1) * width > buffer.length) {
      const grown = new Float64Array(buffer.length * 2);
      grown.set(buffer);
      buffer = grown;
    }
    const o = rows * width;
    buffer[o] = h;
    buffer[o + 1] = y;
    buffer[o + 2] = s;
    buffer[o + 3] = net;
    buffer[o + 4] = w;
    buffer[o + 5] = nb;
    buffer[o + 6] = p;
    buffer[o + 7] = t;
    buffer[o + 8] = su;
    buffer[o + 9] = pc;
    rows++;
  });
  flushHousehold();

  const out: AreaIncomeCell[] = [];
  const township = (group: string | null): Pick<AreaIncomeCell, 'township' | 'village'> => ({ township: group ?? '', village: '' });
  const village = (group: string | null): Pick<AreaIncomeCell, 'township' | 'village'> => {
    const area = areas.get(group ?? '');
    return { township: area?.township ?? '', village: area?.village ?? '' };
  };
  pushCells(out, townshipCross.cells, 'township', '', township);
  pushCells(out, townshipPanel.cells, 'township', panelKey, township);
  pushCells(out, villageCross.cells, 'village', '', village);
  pushCells(out, villagePanel.cells, 'village', panelKey, village);
  replaceAreaIncomeCells(db, snapshotId, out, AREA_KIND, AREA_STAMP);
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
        netBusiness: c.netBusiness, property: c.property, transfer: c.transfer, support: c.support, median: cellMedian(c),
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
  if (!incomeAreaReady(db, snapshotId)) return null;
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
  cells: readonly AreaIncomeCell[], wanted: ReadonlySet<number>, groupOf: (c: AreaIncomeCell) => string | null, isPanel: boolean,
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
