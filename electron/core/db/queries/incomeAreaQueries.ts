import type { Db } from '../database';
import { insertRows } from './batchInsert';
import { writeStamp } from './derivedTables';

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/** [householdId, township, village] of every household of the snapshot. */
export function selectHouseholdAreas(db: Db, snapshotId: number): [number, string, string][] {
  // The area index covers the three columns: the wide household rows are not read.
  return db.prepare(`SELECT id, township, village FROM household INDEXED BY household_area WHERE snapshot_id = ?`)
    .raw().all(snapshotId) as [number, string, string][];
}

/**
 * Visits every income row of the snapshot in key order (household, year), read straight through
 * the table instead of seeking it household by household, as (householdId, year, size, net, wage,
 * netBusiness, property, transfer, support, perCapita) with blank amounts as 0. Two million rows:
 * a function of fixed arity (rowVisitor.ts takes any) so that no array is made per row.
 */
export type KeyOrderIncomeVisit = (
  householdId: number, year: number, size: number, net: number, wage: number, netBusiness: number, property: number,
  transfer: number, support: number, perCapita: number,
) => void;

const keyOrderRegistered = new WeakSet<Db>();
let keyOrderVisit: KeyOrderIncomeVisit | null = null;

export function streamIncomeRowsInKeyOrder(db: Db, snapshotId: number, visit: KeyOrderIncomeVisit): void {
  const span = db.prepare(`SELECT MIN(id), MAX(id) FROM household WHERE snapshot_id = ?`).raw().get(snapshotId) as [number | null, number | null];
  if (span[0] === null || span[1] === null) return;
  if (!keyOrderRegistered.has(db)) {
    const step = (n: number, h: number, y: number, s: number, net: number, w: number, b: number, p: number, t: number, su: number, pc: number): number => {
      keyOrderVisit?.(h, y, s, net, w, b, p, t, su, pc);
      return n + 1;
    };
    // The typings know steps of one argument; SQLite passes the ten columns as ten arguments.
    db.aggregate('tuopin_visit_income', { start: 0, step: step as unknown as (n: number, h: number) => number });
    keyOrderRegistered.add(db);
  }
  const previous = keyOrderVisit;
  keyOrderVisit = visit;
  try {
    // The unary plus keeps the planner on the table's own key (household, year), not on the year index.
    db.prepare(
      `SELECT tuopin_visit_income(i.household_id, i.year, i.size, i.net, coalesce(i.wage, 0),
         coalesce(i.business, 0) - coalesce(i.business_cost, 0), coalesce(i.property, 0), coalesce(i.transfer, 0),
         coalesce(i.dibao, 0) + coalesce(i.tekun, 0), i.per_capita)
       FROM income i WHERE i.household_id BETWEEN ? AND ? AND +i.snapshot_id = ?`,
    ).pluck().get(span[0], span[1], snapshotId);
  } finally {
    keyOrderVisit = previous;
  }
}

/** One stored cell: an area (township, or village within it) and year, cross-section or balanced panel. */
export interface AreaIncomeCell {
  readonly level: 'township' | 'village';
  readonly township: string;
  /** '' for a township. */
  readonly village: string;
  /** The income years the panel is balanced over (comma-separated); '' for the cross-section. */
  readonly panelYears: string;
  readonly year: number;
  readonly households: number;
  readonly persons: number;
  readonly net: number;
  readonly wage: number;
  readonly netBusiness: number;
  readonly property: number;
  readonly transfer: number;
  readonly support: number;
  readonly median: number | null;
}

export function replaceAreaIncomeCells(db: Db, snapshotId: number, cells: readonly AreaIncomeCell[], kind: string, stamp: string): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM income_area_total WHERE snapshot_id = ?`).run(snapshotId);
    insertRows(db,
      `INSERT INTO income_area_total(snapshot_id, level, township, village, panel_years, year, households, persons, net, wage,
         net_business, property, transfer, support, median)`, 15,
      cells.map((c) => [snapshotId, c.level, c.township, c.village, c.panelYears, c.year, c.households, c.persons, c.net, c.wage,
        c.netBusiness, c.property, c.transfer, c.support, c.median]));
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

/**
 * The stored cells of some areas of one level: townships by name, villages by township and/or name
 * (a village name alone may name villages of several townships). Empty lists mean "all".
 */
export function selectAreaIncomeCells(
  db: Db, snapshotId: number, level: 'township' | 'village', panelYears: string, townships: readonly string[], villages: readonly string[],
): AreaIncomeCell[] {
  const where: string[] = ['snapshot_id = ?', 'level = ?', 'panel_years = ?'];
  const params: unknown[] = [snapshotId, level, panelYears];
  if (townships.length) {
    where.push(`township IN (${marks(townships.length)})`);
    params.push(...townships);
  }
  if (villages.length) {
    where.push(`village IN (${marks(villages.length)})`);
    params.push(...villages);
  }
  return db.prepare(
    `SELECT level, township, village, panel_years AS panelYears, year, households, persons, net, wage, net_business AS netBusiness,
       property, transfer, support, median
     FROM income_area_total WHERE ${where.join(' AND ')} ORDER BY township, village, year`,
  ).all(...params) as AreaIncomeCell[];
}
