import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';
import { visitRows } from './rowVisitor';

/**
 * (人均纯收入, 家庭人口数) of every income row of one year for the scope's households. County-wide,
 * the income table's (snapshot, year) index reads the year alone; a filtered scope goes household
 * by household, so a township reads only its own rows.
 */
export function visitYearPerCapita(
  db: Db, households: HouseholdScope, year: number, visit: (row: [number, number]) => void,
): number {
  if (!households.filtered) {
    return visitRows<[number, number]>(db, {
      columns: 'i.per_capita, i.size',
      rest: 'FROM income i WHERE i.snapshot_id = ? AND i.year = ?',
    }, [households.snapshotId, year], visit);
  }
  return visitRows<[number, number]>(db, {
    with: `WITH hh AS MATERIALIZED (SELECT h.id AS id FROM household h WHERE ${households.where.sql})`,
    columns: 'i.per_capita, i.size',
    rest: 'FROM hh CROSS JOIN income i ON i.household_id = hh.id WHERE +i.snapshot_id = ? AND i.year = ?',
  }, [...households.where.params, households.snapshotId, year], visit);
}
