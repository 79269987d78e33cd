import type { Db } from '../db/database';
import type { HouseholdScope, SqlPart } from '../db/queries/householdScope';
import { streamIncomeRows, type IncomeRowTuple } from '../db/queries/incomeQueries';
import type { IncomeYear } from '../../../shared/api/metrics';
import { incomeYear } from './incomeGrowth';

/** Per (group, year): the sums of metrics.md and, for the median, 人均纯收入 values and persons per value. */
interface Cell {
  households: number;
  persons: number;
  net: number;
  wage: number;
  netBusiness: number;
  property: number;
  transfer: number;
  support: number;
  readonly values: number[];
  readonly personsAt: Map<number, number>;
}

export interface PopulationFigures {
  readonly years: Map<string | null, IncomeYear[]>;
  /** Households of the population per group (for the panel: present in every year). */
  readonly households: Map<string | null, number>;
}

type Cells = Map<string | null, Map<number, Cell>>;

function newCell(): Cell {
  return { households: 0, persons: 0, net: 0, wage: 0, netBusiness: 0, property: 0, transfer: 0, support: 0, values: [], personsAt: new Map() };
}

/** Adds rows to the cells; remembers the last group's cells, since a household's rows share its group. */
class CellWriter {
  private lastGroup: string | null | undefined = undefined;
  private lastCells: Map<number, Cell> = new Map();

  constructor(readonly cells: Cells) {}

  add(r: IncomeRowTuple): void {
    if (r[1] !== this.lastGroup) {
      let byYear = this.cells.get(r[1]);
      if (!byYear) {
        byYear = new Map();
        this.cells.set(r[1], byYear);
      }
      this.lastGroup = r[1];
      this.lastCells = byYear;
    }
    let c = this.lastCells.get(r[2]);
    if (!c) {
      c = newCell();
      this.lastCells.set(r[2], c);
    }
    c.households += 1;
    c.persons += r[3];
    c.net += r[4];
    c.wage += r[5];
    c.netBusiness += r[6];
    c.property += r[7];
    c.transfer += r[8];
    c.support += r[9];
    c.values.push(r[10]);
    c.personsAt.set(r[10], (c.personsAt.get(r[10]) ?? 0) + r[3]);
  }
}

/** The weighted median of weightedMedian.ts, over a native numeric sort of the values. */
function cellMedian(c: Cell): number | null {
  if (c.persons <= 0) return null;
  const sorted = Float64Array.from(c.values).sort();
  let cumulative = 0;
  let last = Number.NaN;
  for (const v of sorted) {
    if (v === last) continue;
    last = v;
    cumulative += c.personsAt.get(v) ?? 0;
    if (cumulative * 2 >= c.persons) return v;
  }
  return null;
}

function figuresOf(cells: Cells, householdsPerGroup: Map<string | null, number>): PopulationFigures {
  const years = new Map<string | null, IncomeYear[]>();
  for (const [grp, byYear] of cells) {
    years.set(grp, [...byYear].sort((a, b) => a[0] - b[0]).map(([year, cell]) => incomeYear({ year, ...cell }, cellMedian(cell))));
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
