import type { Db } from '../database';
import { insertRows } from './batchInsert';
import { visitRows } from './rowVisitor';
import { writeStamp } from './derivedTables';

/** Re-exported for the pivot engine, which keys its facts on the attribution's stamp. */
export { selectStamp } from './derivedTables';

/**
 * One 脱贫 event with what the three attribution methods need:
 * [eventId, householdId, year, persons, attribute, hasLabour (0/1), incomeSize (null: no income
 * row), net, perCapita, wage, business, businessCost, property, transfer, dibao, tekun] — amounts
 * with blanks as 0.
 */
export type ExitEventTuple = [
  number, number, number, number, string | null, number, number | null, number | null, number | null,
  number, number, number, number, number, number, number,
];

/**
 * Every 脱贫 event of the snapshot, walked in household order (event_household) so that the
 * household, income and member lookups move forward through the file instead of jumping.
 */
export function selectExitEvents(db: Db, snapshotId: number, labourLabels: readonly string[]): ExitEventTuple[] {
  const rows: ExitEventTuple[] = [];
  visitRows<ExitEventTuple>(db, {
    columns: `e.id, e.household_id, e.year, h.size, h.attribute,
      EXISTS (SELECT 1 FROM person p WHERE p.household_id = e.household_id
              AND p.labour IN (${labourLabels.map(() => '?').join(', ')})),
      i.size, i.net, i.per_capita,
      coalesce(i.wage, 0), coalesce(i.business, 0), coalesce(i.business_cost, 0),
      coalesce(i.property, 0), coalesce(i.transfer, 0), coalesce(i.dibao, 0), coalesce(i.tekun, 0)`,
    // event_household orders by (household, year, rowid): the order the attribution walks in.
    rest: `FROM event e INDEXED BY event_household
      JOIN household h ON h.id = e.household_id
      LEFT JOIN income i ON i.household_id = e.household_id AND i.year = e.year
      WHERE e.snapshot_id = ? AND e.type = '脱贫'`,
  }, [...labourLabels, snapshotId], (row) => rows.push(row));
  return rows;
}

/** [householdId, year, stored class, measure name] of every measure of the snapshot (table order). */
export type MeasureTuple = [number, number | null, string | null, string];

export function selectMeasures(db: Db, snapshotId: number, visit: (row: MeasureTuple) => void): void {
  visitRows<MeasureTuple>(db, { columns: 'household_id, year, class, name', rest: 'FROM measure WHERE +snapshot_id = ?' }, [snapshotId], visit);
}

export interface AttributionRow {
  readonly eventId: number;
  readonly householdId: number;
  readonly year: number;
  readonly exitSeq: number;
  readonly prevExitYear: number | null;
  readonly isLatest: boolean;
  /** 1 for the household's first exit event in that year (distinct households per year). */
  readonly firstInYear: boolean;
  readonly persons: number;
  readonly perCapita: number | null;
  readonly line: number | null;
  readonly incomeMethod: string;
  readonly structuralMethod: string;
  readonly recordedMethod: string;
}

/** The year's line L(Y), monitoring threshold and the limit "below either" for the income-risk rows. */
export interface RiskLimit {
  readonly year: number;
  readonly line: number | null;
  readonly threshold: number | null;
  readonly limit: number;
}

/** Replaces the attribution of one snapshot under one line set and records what it was computed from. */
export function replaceExitAttribution(
  db: Db, snapshotId: number, lineSet: string, rows: readonly AttributionRow[], kind: string, stamp: string,
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM exit_attribution WHERE snapshot_id = ? AND line_set = ?`).run(snapshotId, lineSet);
    insertRows(db,
      `INSERT INTO exit_attribution(snapshot_id, line_set, event_id, household_id, year, exit_seq, prev_exit_year, is_latest,
         first_in_year, persons, per_capita, line, income_method, structural_method, recorded_method)`, 15,
      rows.map((r) => [snapshotId, lineSet, r.eventId, r.householdId, r.year, r.exitSeq, r.prevExitYear,
        r.isLatest ? 1 : 0,
        r.firstInYear ? 1 : 0, r.persons, r.perCapita, r.line, r.incomeMethod, r.structuralMethod, r.recordedMethod]));
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

/** Replaces the income-risk rows of one snapshot under one line set (derived from its exit attribution). */
export function replaceIncomeRisk(
  db: Db, snapshotId: number, lineSet: string, limits: readonly RiskLimit[], kind: string, stamp: string,
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM income_risk WHERE snapshot_id = ? AND line_set = ?`).run(snapshotId, lineSet);
    if (limits.length > 0) insertIncomeRisk(db, snapshotId, lineSet, limits);
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

/**
 * Income-risk rows: for each household from its first exit on, the income rows of later years
 * below the year's limit, with the last exit before that year and whether a 返贫 was recorded
 * since then. The exited households drive (household order), each reading its later rows by key.
 */
function insertIncomeRisk(db: Db, snapshotId: number, lineSet: string, limits: readonly RiskLimit[]): void {
  const values = limits.map(() => '(?, ?, ?, ?)').join(', ');
  db.prepare(
    `INSERT INTO income_risk(snapshot_id, line_set, year, household_id, persons, per_capita, last_exit_year, below_line,
       below_threshold, return_recorded)
     WITH lim(year, line, threshold, lim) AS (VALUES ${values}),
     first AS MATERIALIZED (
       SELECT household_id AS hid, year AS first_exit, persons FROM exit_attribution
       WHERE snapshot_id = ? AND line_set = ? AND exit_seq = 1),
     low AS (
       SELECT f.hid, f.persons, i.year, i.per_capita, lim.line, lim.threshold,
         (SELECT MAX(a.year) FROM exit_attribution a WHERE a.household_id = f.hid AND a.line_set = ? AND a.year < i.year) AS last_exit
       FROM first f CROSS JOIN income i ON i.household_id = f.hid AND i.year > f.first_exit
       JOIN lim ON lim.year = i.year
       WHERE i.per_capita < lim.lim)
     SELECT ?, ?, low.year, low.hid, low.persons, low.per_capita, low.last_exit,
       (low.line IS NOT NULL AND low.per_capita < low.line), (low.threshold IS NOT NULL AND low.per_capita < low.threshold),
       EXISTS (SELECT 1 FROM event x WHERE x.household_id = low.hid AND x.year >= low.last_exit AND x.year <= low.year
               AND x.type = '返贫')
     FROM low`,
  ).run(
    ...limits.flatMap((l) => [l.year, l.line, l.threshold, l.limit]), snapshotId, lineSet, lineSet, snapshotId, lineSet,
  );
}
