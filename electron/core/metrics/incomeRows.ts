import type { Db } from '../db/database';
import type { HouseholdScope, SqlPart } from '../db/queries/householdScope';
import { streamIncomeRows, type IncomeRowTuple } from '../db/queries/incomeQueries';
import type { IncomeYear } from '../../../shared/api/income';
import { incomeYear } from './incomeGrowth';
import { WeightedValues } from './weightedMedian';

/** Per (group, year): the sums of metrics.md and, for the median, 人均纯收入 values with their persons. */
export interface Cell {
  households: number;
  persons: number;
  net: number;
  wage: number;
  netBusiness: number;
  property: number;
  transfer: number;
  support: number;
  readonly values: WeightedValues;
}

export interface PopulationFigures {
  readonly years: Map<string | null, IncomeYear[]>;
  /** Households of the population per group (for the panel: present in every year). */
  readonly households: Map<string | null, number>;
}

export type Cells = Map<string | null, Map<number, Cell>>;

function newCell(): Cell {
  return {
    households: 0, persons: 0, net: 0, wage: 0, netBusiness: 0, property: 0, transfer: 0, support: 0,
    values: new WeightedValues(),
  };
}

/** Adds rows to the cells; remembers the last group's cells, since a household's rows share its group. */
export class CellWriter {
  private lastGroup: string | null | undefined = undefined;
  private lastCells: Map<number, Cell> = new Map();

  constructor(readonly cells: Cells) {}

  add(r: IncomeRowTuple): void {
    this.addFields(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]);
  }

  /** The fields of an IncomeRowTuple after the household id (no tuple to allocate per row). */
  addFields(
    group: string | null, year: number, size: number, net: number, wage: number, netBusiness: number, property: number,
    transfer: number, support: number, perCapita: number,
  ): void {
    if (group !== this.lastGroup) {
      let byYear = this.cells.get(group);
      if (!byYear) {
        byYear = new Map();
        this.cells.set(group, byYear);
      }
      this.lastGroup = group;
      this.lastCells = byYear;
    }
    let c = this.lastCells.get(year);
    if (!c) {
      c = newCell();
      this.lastCells.set(year, c);
    }
    c.households += 1;
    c.persons += size;
    c.net += net;
    c.wage += wage;
    c.netBusiness += netBusiness;
    c.property += property;
    c.transfer += transfer;
    c.support += support;
    c.values.add(perCapita, size);
  }
}

/** The weighted median of weightedMedian.ts over the cell's values. */
export function cellMedian(c: Cell): number | null {
  return c.values.median(c.persons);
}

function figuresOf(cells: Cells, householdsPerGroup: Map<string | null, number>): PopulationFigures {
  const years = new Map<string | null, IncomeYear[]>();
  for (const [grp, byYear] of cells) {
    years.set(
      grp,
      [...byYear].sort((a, b) => a[0] - b[0]).map(([year, cell]) => incomeYear({ year, ...cell }, cellMedian(cell))),
    );
  }
  return { years, households: householdsPerGroup };
}

/**
 * Cross-section and balanced panel of a filtered or grouped scope from one pass over its income
 * rows: a household is in the panel when it has a row in every one of `years` (the range's income
 * years). Medians use the same rule as the county-wide path (weightedMedian.ts).
 */
export function figuresFromRows(
  db: Db, households: HouseholdScope, group: SqlPart | null, years: readonly number[], wantPanel: boolean,
): { cross: PopulationFigures; panel: PopulationFigures } {
  const cross = new CellWriter(new Map());
  const panel = new CellWriter(new Map());
  const crossHouseholds = new Map<string | null, number>();
  const panelHouseholds = new Map<string | null, number>();
  if (!wantPanel) {
    // The cross-section needs no household boundaries: every row goes straight to its cell.
    streamIncomeRows(db, households, group, years, (row) => cross.add(row));
    return { cross: figuresOf(cross.cells, crossHouseholds), panel: figuresOf(panel.cells, panelHouseholds) };
  }
  const seen = new Set<number>();
  const buffer: IncomeRowTuple[] = [];
  const flush = (): void => {
    const first = buffer[0];
    if (!first) return;
    if (seen.has(first[0])) throw new Error(`内部错误：户 ${first[0]} 的收入记录没有连续读出`);
    seen.add(first[0]);
    crossHouseholds.set(first[1], (crossHouseholds.get(first[1]) ?? 0) + 1);
    for (const r of buffer) cross.add(r);
    if (buffer.length === years.length) {
      panelHouseholds.set(first[1], (panelHouseholds.get(first[1]) ?? 0) + 1);
      for (const r of buffer) panel.add(r);
    }
    buffer.length = 0;
  };
  streamIncomeRows(db, households, group, years, (row) => {
    if (buffer.length && (buffer[0] as IncomeRowTuple)[0] !== row[0]) flush();
    buffer.push(row);
  });
  flush();
  return { cross: figuresOf(cross.cells, crossHouseholds), panel: figuresOf(panel.cells, panelHouseholds) };
}
