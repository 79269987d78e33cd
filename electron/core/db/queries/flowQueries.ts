import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

const FLOW_TYPES = ['识别', '返贫', '脱贫', '自然减少', '清退'] as const;

/** [householdId, year, type, persons, ordinary (1 = 普通农户)], ordered by household. */
export type FlowEventTuple = [number, number, string, number, number];

export function selectFlowEvents(db: Db, households: HouseholdScope): FlowEventTuple[] {
  return db.prepare(
    `SELECT e.household_id, e.year, e.type, h.size, (h.type = '普通农户')
     FROM event e JOIN household h ON h.id = e.household_id
     WHERE e.snapshot_id = ? AND e.type IN (${FLOW_TYPES.map(() => '?').join(', ')}) AND ${households.where.sql}
     ORDER BY e.household_id`,
  ).raw().all(households.snapshotId, ...FLOW_TYPES, ...households.where.params) as FlowEventTuple[];
}

/** First and last year of the snapshot's flow events (county-wide, so every filter gets the same table years). */
export function selectFlowYearSpan(db: Db, snapshotId: number): { first: number | null; last: number | null } {
  return db.prepare(
    `SELECT MIN(year) AS first, MAX(year) AS last FROM event
     WHERE snapshot_id = ? AND type IN (${FLOW_TYPES.map(() => '?').join(', ')})`,
  ).get(snapshotId, ...FLOW_TYPES) as { first: number | null; last: number | null };
}

export interface HouseholdLabelRow {
  readonly id: number;
  readonly code: string;
  readonly township: string;
  readonly village: string;
}

export function selectHouseholdLabels(db: Db, ids: readonly number[]): Map<number, HouseholdLabelRow> {
  const out = new Map<number, HouseholdLabelRow>();
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500);
    const rows = db.prepare(
      `SELECT id, code, township, village FROM household WHERE id IN (${chunk.map(() => '?').join(', ')})`,
    ).all(...chunk) as HouseholdLabelRow[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
