import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';
import { writeStamp } from './derivedTables';
import { insertRows } from './batchInsert';
import { visitRows } from './rowVisitor';

const FLOW_TYPES = ['识别', '返贫', '脱贫', '自然减少', '清退'] as const;

/** [householdId, year, type, persons, ordinary (1 = 普通农户)], ordered by household. */
export type FlowEventTuple = [number, number, string, number, number];

/** Every flow event of the snapshot, walked in household order (event_household), so no sort. */
export function selectFlowEvents(db: Db, snapshotId: number): FlowEventTuple[] {
  const rows: FlowEventTuple[] = [];
  visitRows<FlowEventTuple>(db, {
    columns: `e.household_id, e.year, e.type, h.size, (h.type = '普通农户')`,
    rest: `FROM event e INDEXED BY event_household JOIN household h ON h.id = e.household_id
      WHERE e.snapshot_id = ? AND e.type IN (${FLOW_TYPES.map(() => '?').join(', ')})`,
  }, [snapshotId, ...FLOW_TYPES], (row) => rows.push(row));
  return rows;
}

export interface FlowEventRow {
  readonly householdId: number;
  readonly year: number;
  readonly kind: 'identified' | 'returned' | 'exited' | 'naturalDecrease' | 'removed';
  readonly persons: number;
  readonly gap: number;
  readonly eventType: string;
  readonly problem: string | null;
}

/** Replaces the snapshot's classified flow events and records what they were computed from. */
export function replaceFlowEvents(
  db: Db, snapshotId: number, rows: readonly FlowEventRow[], kind: string, stamp: string,
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM flow_event WHERE snapshot_id = ?`).run(snapshotId);
    insertRows(db, `INSERT INTO flow_event(snapshot_id, household_id, year, kind, persons, gap, event_type, problem)`, 8,
      rows.map((r) => [snapshotId, r.householdId, r.year, r.kind, r.persons, r.gap, r.eventType, r.problem]));
    writeStamp(db, snapshotId, kind, stamp);
  })();
}

/** Per year and flow column: events, persons, and their parts of the identity gap. */
export interface FlowTotalRow {
  readonly year: number;
  readonly kind: FlowEventRow['kind'];
  readonly households: number;
  readonly persons: number;
  readonly gapHouseholds: number;
  readonly gapPersons: number;
}

export function selectFlowTotals(db: Db, households: HouseholdScope): FlowTotalRow[] {
  const columns = `f.year AS year, f.kind AS kind, COUNT(*) AS households, SUM(f.persons) AS persons,
       SUM(f.gap) AS gapHouseholds, SUM(f.gap * f.persons) AS gapPersons`;
  if (!households.filtered) {
    return db.prepare(
      `SELECT ${columns} FROM flow_event f WHERE f.snapshot_id = ? GROUP BY f.year, f.kind ORDER BY f.year`,
    ).all(households.snapshotId) as FlowTotalRow[];
  }
  // Filtered: the scope's households drive, each finding its events through the household index.
  return db.prepare(
    `SELECT ${columns} FROM household h CROSS JOIN flow_event f ON f.household_id = h.id
     WHERE ${households.where.sql} AND +f.snapshot_id = ?
     GROUP BY f.year, f.kind ORDER BY f.year`,
  ).all(...households.where.params, households.snapshotId) as FlowTotalRow[];
}

export interface FlowBreakRow {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly year: number;
  readonly eventType: string;
  readonly detail: string;
}

export function selectFlowBreaks(
  db: Db, households: HouseholdScope, from: number | null, to: number | null,
): FlowBreakRow[] {
  return db.prepare(
    `SELECT h.code AS householdCode, h.township AS township, h.village AS village, f.year AS year,
       f.event_type AS eventType, f.problem AS detail
     FROM flow_event f JOIN household h ON h.id = f.household_id
     WHERE f.snapshot_id = ? AND f.problem IS NOT NULL AND (? IS NULL OR f.year >= ?) AND (? IS NULL OR f.year <= ?)
       AND ${households.where.sql}
     ORDER BY f.year, h.township, h.code`,
  ).all(households.snapshotId, from, from, to, to, ...households.where.params) as FlowBreakRow[];
}

/** The flow types as the condition of the partial index event_flow_year (migration 009), text for text. */
const FLOW_TYPE_CONDITION = `type IN (${FLOW_TYPES.map((t) => `'${t}'`).join(', ')})`;

/**
 * First and last year of the snapshot's flow events (county-wide, so every filter gets the same
 * table years): the condition names event_flow_year's own, so each end is a single seek on it.
 */
export function selectFlowYearSpan(db: Db, snapshotId: number): { first: number | null; last: number | null } {
  const first = db.prepare(`SELECT MIN(year) FROM event WHERE snapshot_id = ? AND ${FLOW_TYPE_CONDITION}`).raw().get(snapshotId) as [number | null];
  const last = db.prepare(`SELECT MAX(year) FROM event WHERE snapshot_id = ? AND ${FLOW_TYPE_CONDITION}`).raw().get(snapshotId) as [number | null];
  return { first: first[0], last: last[0] };
}
