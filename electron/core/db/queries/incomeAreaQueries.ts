import type { Db } from '../database';
import { insertRows } from './batchInsert';
import { writeStamp } from './derivedTables';
import type { IncomeSumRow } from './incomeQueries';

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/** One stored cell: an area (township, or village within it) and year, cross-section or balanced panel. */
export interface AreaIncomeCell extends IncomeSumRow {
  readonly level: 'township' | 'village';
  readonly township: string;
  /** '' for a township. */
  readonly village: string;
  /** The income years the panel is balanced over (comma-separated); '' for the cross-section. */
  readonly panelYears: string;
  readonly median: number | null;
}

/** Forgets the snapshot's cells and stamps the set as begun afresh. */
export function clearAreaIncomeCells(db: Db, snapshotId: number, kind: string, stamp: string): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM income_area_total WHERE snapshot_id = ?`).run(snapshotId);
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

export function writeAreaStamp(db: Db, snapshotId: number, kind: string, stamp: string): void {
  writeStamp(db, snapshotId, kind, stamp);
}

/** Adds one township's cells (in one transaction: a township's cells are there whole or not at all). */
export function insertAreaIncomeCells(db: Db, snapshotId: number, cells: readonly AreaIncomeCell[]): void {
  db.transaction(() => {
    insertRows(db,
      `INSERT INTO income_area_total(snapshot_id, level, township, village, panel_years, year, households, persons, net, wage,
         net_business, property, transfer, support, median)`, 15,
      cells.map((c) => [snapshotId, c.level, c.township, c.village, c.panelYears, c.year, c.households, c.persons,
        c.net, c.wage,
        c.netBusiness, c.property, c.transfer, c.support, c.median]));
  })();
}

/** Whether a township's cells are stored (a township without income rows has none, and is read from its rows). */
export function townshipBuilt(db: Db, snapshotId: number, township: string): boolean {
  return db.prepare(
    `SELECT 1 FROM income_area_total WHERE snapshot_id = ? AND level = 'township' AND panel_years = '' AND township = ? LIMIT 1`,
  ).get(snapshotId, township) !== undefined;
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
