import type { Db } from '../database';
import type { HouseholdScope, SqlPart } from './householdScope';
import { writeStamp } from './derivedTables';
import { insertRows } from './batchInsert';
import { visitRows } from './rowVisitor';

/** Sums of one year over income rows; blank amounts count as 0 (TOTAL ignores NULL). */
export interface IncomeSumRow {
  readonly year: number;
  readonly households: number;
  readonly persons: number;
  readonly net: number;
  readonly wage: number;
  readonly netBusiness: number;
  readonly property: number;
  readonly transfer: number;
  readonly support: number;
}

/** County-wide income (no filter, no grouping): the years to read, and optionally the balanced panel. */
export interface CountyIncomeQuery {
  readonly snapshotId: number;
  /** Income years to read (already limited to the requested range). */
  readonly years: readonly number[];
  /** Balanced panel: only households with a row in every one of these years. */
  readonly panelYears: readonly number[] | null;
}

/** The snapshot's income years, one index seek per year (a DISTINCT would read every row). */
export function selectIncomeYears(db: Db, snapshotId: number): number[] {
  const next = db.prepare(`SELECT MIN(year) FROM income WHERE snapshot_id = ? AND year > ?`).raw();
  const years: number[] = [];
  let year = -1;
  for (;;) {
    const row = next.get(snapshotId, year) as [number | null];
    if (row[0] === null) return years;
    year = row[0];
    years.push(year);
  }
}

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/** The balanced panel's households, materialised once: those with a row in every one of the years. */
function panelWith(q: CountyIncomeQuery): SqlPart {
  if (!q.panelYears) return { sql: '', params: [] };
  // Unary + keeps the planner off the covering index: the table's own (household, year) order
  // lets the grouping by household stream instead of sorting two million index entries.
  return {
    sql: `WITH panel AS MATERIALIZED (SELECT p.household_id FROM income p
      WHERE +p.snapshot_id = ? AND +p.year IN (${marks(q.panelYears.length)})
      GROUP BY p.household_id HAVING COUNT(*) = ?)`,
    params: [q.snapshotId, ...q.panelYears, q.panelYears.length],
  };
}

const IN_PANEL = 'AND i.household_id IN (SELECT household_id FROM panel)';

/**
 * TOTAL() as SQLite computes it (Kahan–Babuška–Neumaier): sums added up in JavaScript equal the
 * SQL aggregate over the same rows in the same order, blanks skipped.
 */
class Total {
  private sum = 0;
  private err = 0;

  add(value: number | null): void {
    if (value === null) return;
    const s = this.sum;
    const t = s + value;
    this.err += Math.abs(s) > Math.abs(value) ? (s - t) + value : (value - t) + s;
    this.sum = t;
  }

  get value(): number {
    return Number.isFinite(this.err) ? this.sum + this.err : this.sum;
  }
}

interface YearSums {
  households: number;
  persons: number;
  readonly amounts: Total[];
}

/** [year, size, net, wage, business, business_cost, property, transfer, dibao, tekun] */
type SumTuple = [number, number, number, ...(number | null)[]];

/**
 * Sums per year, in one pass over the table in its own (household, year) order. The covering
 * index holds only (year, 人均纯收入, 人口) (migration 009): reading the amounts in its order would
 * seek the table once per row, and grouping the table's rows by year in SQL would sort them all;
 * each row is instead added to its year's sums as it passes (TOTAL's own summation).
 */
export function selectCountyIncomeSums(db: Db, q: CountyIncomeQuery): IncomeSumRow[] {
  if (q.years.length === 0) return [];
  const panel = panelWith(q);
  const sums = new Map<number, YearSums>();
  visitRows<SumTuple>(db, {
    with: panel.sql,
    columns: 'i.year, i.size, i.net, i.wage, i.business, i.business_cost, i.property, i.transfer, i.dibao, i.tekun',
    rest: `FROM income i WHERE +i.snapshot_id = ? AND +i.year IN (${marks(q.years.length)}) ${q.panelYears ? IN_PANEL : ''}`,
  }, [...panel.params, q.snapshotId, ...q.years], (row) => {
    let y = sums.get(row[0]);
    if (!y) {
      y = { households: 0, persons: 0, amounts: Array.from({ length: 8 }, () => new Total()) };
      sums.set(row[0], y);
    }
    y.households += 1;
    y.persons += row[1];
    for (let k = 0; k < 8; k++) (y.amounts[k] as Total).add(row[k + 2] ?? null);
  });
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([year, y]) => {
    const [net, wage, business, businessCost, property, transfer, dibao, tekun] = y.amounts.map((t) => t.value) as
      [number, number, number, number, number, number, number, number];
    return {
      year, households: y.households, persons: y.persons, net, wage, netBusiness: business - businessCost, property,
      transfer,
      support: dibao + tekun,
    };
  });
}

/**
 * Streams (year, 人均纯收入, 人口) ordered by year and 人均纯收入 (the panel's medians): the covering
 * index holds the three, and the household that the panel test needs.
 */
export function streamCountyPerCapita(
  db: Db, q: CountyIncomeQuery, visit: (year: number, perCapita: number, size: number) => void,
): void {
  if (q.years.length === 0) return;
  const panel = panelWith(q);
  const sql = `${panel.sql}
    SELECT i.year, i.per_capita, i.size FROM income i
    WHERE i.snapshot_id = ? AND i.year IN (${marks(q.years.length)}) ${q.panelYears ? IN_PANEL : ''}
    ORDER BY 1, 2`;
  for (const row of db.prepare(sql).raw().iterate(
    ...panel.params, q.snapshotId, ...q.years,
  ) as IterableIterator<[number, number, number]>) {
    visit(row[0], row[1], row[2]);
  }
}

/*
 * County-wide access to one year in 人均纯收入 order through income_year_cover (no filter, no
 * grouping): the weighted median starts from the unweighted one and walks only the rows between.
 */

/** 人均纯收入 of the row at `offset` (0-based) in ascending order. */
export function perCapitaAtOffset(db: Db, snapshotId: number, year: number, offset: number): number | null {
  const row = db.prepare(
    `SELECT per_capita FROM income WHERE snapshot_id = ? AND year = ? ORDER BY per_capita LIMIT 1 OFFSET ?`,
  ).raw().get(snapshotId, year, offset) as [number] | undefined;
  return row ? row[0] : null;
}

/** Σ 人口 of the rows with 人均纯收入 ≤ value. */
export function personsAtOrBelow(db: Db, snapshotId: number, year: number, value: number): number {
  const row = db.prepare(
    `SELECT TOTAL(size) FROM income WHERE snapshot_id = ? AND year = ? AND per_capita <= ?`,
  ).raw().get(snapshotId, year, value) as [number];
  return row[0];
}

/** Streams (人均纯收入, 人口) from `value` upwards (exclusive) or downwards (inclusive); visit returns false to stop. */
export function streamFrom(
  db: Db, snapshotId: number, year: number, value: number, direction: 'up' | 'down',
  visit: (perCapita: number, size: number) => boolean,
): void {
  const sql = direction === 'up'
    ? `SELECT per_capita, size FROM income WHERE snapshot_id = ? AND year = ? AND per_capita > ? ORDER BY per_capita`
    : `SELECT per_capita, size FROM income WHERE snapshot_id = ? AND year = ? AND per_capita <= ? ORDER BY per_capita DESC`;
  const iterator = db.prepare(sql).raw().iterate(snapshotId, year, value) as IterableIterator<[number, number]>;
  for (const [v, w] of iterator) {
    if (!visit(v, w)) {
      iterator.return?.();
      return;
    }
  }
}

/** Σ纯收入 and Σ人口 of the balanced panel in its first and last year, and its households (one pass). */
export interface PanelEnds {
  readonly households: number;
  readonly net0: number;
  readonly persons0: number;
  readonly net1: number;
  readonly persons1: number;
}

export function selectPanelEnds(db: Db, households: HouseholdScope, years: readonly number[]): PanelEnds {
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  // Filtered: the scope's households drive (CROSS JOIN), each reading its own rows by key.
  const from = households.filtered ? 'household h CROSS JOIN income i ON i.household_id = h.id' : 'income i';
  const where = households.filtered ? `AND ${households.where.sql}` : '';
  return db.prepare(
    `SELECT COUNT(*) AS households, TOTAL(n0) AS net0, TOTAL(s0) AS persons0, TOTAL(n1) AS net1, TOTAL(s1) AS persons1
     FROM (SELECT COUNT(*) AS c,
             TOTAL(CASE WHEN i.year = ? THEN i.net END) AS n0, TOTAL(CASE WHEN i.year = ? THEN i.size END) AS s0,
             TOTAL(CASE WHEN i.year = ? THEN i.net END) AS n1, TOTAL(CASE WHEN i.year = ? THEN i.size END) AS s1
           FROM ${from}
           WHERE +i.snapshot_id = ? AND +i.year IN (${marks(years.length)}) ${where}
           GROUP BY i.household_id HAVING c = ?)`,
  ).get(
    first, first, last, last, households.snapshotId, ...years, ...(households.filtered ? households.where.params : []),
    years.length,
  ) as PanelEnds;
}

/* County-wide income sums kept per snapshot (income_year_total, income_panel_total, migration 004). */

/** A county-wide year with its stored weighted median. */
export interface IncomeYearTotal extends IncomeSumRow {
  readonly median: number | null;
}

export function selectIncomeYearTotals(db: Db, snapshotId: number): IncomeYearTotal[] {
  return db.prepare(
    `SELECT year, households, persons, net, wage, net_business AS netBusiness, property, transfer, support, median
     FROM income_year_total WHERE snapshot_id = ? ORDER BY year`,
  ).all(snapshotId) as IncomeYearTotal[];
}

export function replaceIncomeYearTotals(
  db: Db, snapshotId: number, rows: readonly IncomeYearTotal[], kind: string, stamp: string,
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM income_year_total WHERE snapshot_id = ?`).run(snapshotId);
    db.prepare(`DELETE FROM income_panel_total WHERE snapshot_id = ?`).run(snapshotId);
    insertRows(db,
      `INSERT INTO income_year_total(snapshot_id, year, households, persons, net, wage, net_business, property, transfer, support, median)`,
      11, rows.map((r) => [
        snapshotId, r.year, r.households, r.persons, r.net, r.wage, r.netBusiness, r.property, r.transfer, r.support,
        r.median,
      ]));
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

export function selectPanelTotal(db: Db, snapshotId: number, yearsKey: string): PanelEnds | null {
  return (db.prepare(
    `SELECT households, net0, persons0, net1, persons1 FROM income_panel_total WHERE snapshot_id = ? AND years = ?`,
  ).get(snapshotId, yearsKey) as PanelEnds | undefined) ?? null;
}

export function insertPanelTotal(db: Db, snapshotId: number, yearsKey: string, p: PanelEnds): void {
  db.prepare(
    `INSERT OR REPLACE INTO income_panel_total(snapshot_id, years, households, net0, persons0, net1, persons1) VALUES (?,?,?,?,?,?,?)`,
  ).run(snapshotId, yearsKey, p.households, p.net0, p.persons0, p.net1, p.persons1);
}

/**
 * [householdId, group, year, size, net, wage, netBusiness, property, transfer, support, perCapita]
 * (blank amounts as 0).
 */
export type IncomeRowTuple = [
  number, string | null, number, number, number, number, number, number, number, number, number,
];

/**
 * The income rows of the scope's households, household by household: the households (with their
 * group value, computed once each) are the outer loop of the join, so each household's rows arrive
 * together and a township reads only its own rows, by key.
 */
export function streamIncomeRows(
  db: Db, households: HouseholdScope, group: SqlPart | null, years: readonly number[],
  visit: (row: IncomeRowTuple) => void,
): void {
  if (years.length === 0) return;
  visitRows<IncomeRowTuple>(db, {
    // In household order, whatever index finds them: every cell then adds its rows in the order the
    // stored township and village cells (incomeArea.ts) were added up in, to the last bit.
    with: `WITH hh AS MATERIALIZED (SELECT h.id AS id, ${group ? group.sql : 'NULL'} AS grp FROM household h WHERE ${households.where.sql}
      ORDER BY h.id)`,
    columns: `hh.id, hh.grp, i.year, i.size, i.net, coalesce(i.wage, 0), coalesce(i.business, 0) - coalesce(i.business_cost, 0),
      coalesce(i.property, 0), coalesce(i.transfer, 0), coalesce(i.dibao, 0) + coalesce(i.tekun, 0), i.per_capita`,
    rest: `FROM hh CROSS JOIN income i ON i.household_id = hh.id
      WHERE +i.snapshot_id = ? AND +i.year IN (${marks(years.length)})`,
  }, [...(group?.params ?? []), ...households.where.params, households.snapshotId, ...years], visit);
}
