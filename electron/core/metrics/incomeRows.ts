import type { Db } from '../db/database';
import type { HouseholdScope, SqlPart } from '../db/queries/householdScope';
import { streamIncomeRows, type IncomeRowTuple } from '../db/queries/incomeQueries';
import type { IncomeYear } from '../../../shared/api/metrics';
import { incomeYear } from './incomeGrowth';
import { weightedMedian } from './weightedMedian';

/** Per (group, year): the sums of metrics.md and the (人均纯收入, 人口) pairs for the median. */
interface Cell {
  households: number;
  persons: number;
  net: number;
  wage: number;
  netBusiness: number;
  property: number;
  transfer: number;
  support: number;
  readonly values: { value: number; weight: number }[];
}

export interface PopulationFigures {
  readonly years: Map<string | null, IncomeYear[]>;
  /** Households of the population per group (for the panel: present in every year). */
  readonly households: Map<string | null, number>;
}

function emptyCell(): Cell {
  return { households: 0, persons: 0, net: 0, wage: 0, netBusiness: 0, property: 0, transfer: 0, support: 0, values: [] };
}

function add(cells: Map<string, { grp: string | null; year: number; cell: Cell }>, r: IncomeRowTuple): void {
  const k = `${r[1] ?? '\u0000'}|${r[2]}`;
  let entry = cells.get(k);
  if (!entry) {
    entry = { grp: r[1], year: r[2], cell: emptyCell() };
    cells.set(k, entry);
  }
  const c = entry.cell;
  c.households += 1;
  c.persons += r[3];
  c.net += r[4];
  c.wage += r[5];
  c.netBusiness += r[6];
  c.property += r[7];
  c.transfer += r[8];
  c.support += r[9];
  c.values.push({ value: r[10], weight: r[3] });
}

function figuresOf(cells: Map<string, { grp: string | null; year: number; cell: Cell }>, householdsPerGroup: Map<string | null, number>): PopulationFigures {
  const years = new Map<string | null, IncomeYear[]>();
  for (const { grp, year, cell } of [...cells.values()].sort((a, b) => a.year - b.year)) {
    const list = years.get(grp) ?? [];
    list.push(incomeYear({ year, ...cell }, weightedMedian(cell.values)));
    years.set(grp, list);
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
  const cross = new Map<string, { grp: string | null; year: number; cell: Cell }>();
  const panel = new Map<string, { grp: string | null; year: number; cell: Cell }>();
  const crossHouseholds = new Map<string | null, number>();
  const panelHouseholds = new Map<string | null, number>();
  const seen = new Set<number>();
  let buffer: IncomeRowTuple[] = [];
  const flush = (): void => {
    const first = buffer[0];
    if (!first) return;
    if (seen.has(first[0])) throw new Error(`内部错误：户 ${first[0]} 的收入记录没有连续读出`);
    seen.add(first[0]);
    crossHouseholds.set(first[1], (crossHouseholds.get(first[1]) ?? 0) + 1);
    for (const r of buffer) add(cross, r);
    if (wantPanel && buffer.length === years.length) {
      panelHouseholds.set(first[1], (panelHouseholds.get(first[1]) ?? 0) + 1);
      for (const r of buffer) add(panel, r);
    }
    buffer = [];
  };
  streamIncomeRows(db, households, group, years, (row) => {
    if (buffer.length && (buffer[0] as IncomeRowTuple)[0] !== row[0]) flush();
    buffer.push(row);
  });
  flush();
  return { cross: figuresOf(cross, crossHouseholds), panel: figuresOf(panel, panelHouseholds) };
}
