import type { Db } from '../database';
import type { HouseholdRecord } from '../../../../shared/api/evaluation';

/** One household's record in a snapshot (found by its 户编号): what the history drawer shows. */
export function selectHouseholdRecord(db: Db, snapshotId: number, code: string): HouseholdRecord | null {
  const h = db.prepare(`SELECT id, code, township, village, head_id_masked AS headIdMasked, attribute, status, size
    FROM household WHERE snapshot_id = ? AND code = ?`).get(snapshotId, code) as (Omit<HouseholdRecord, 'incomes' | 'events'> & { id: number }) | undefined;
  if (!h) return null;
  const incomes = db.prepare(`SELECT year, size, net, per_capita AS perCapita, transfer, other_transfer AS otherTransfer
    FROM income WHERE household_id = ? ORDER BY year`).all(h.id) as HouseholdRecord['incomes'];
  const events = db.prepare(`SELECT year, type, reason FROM event WHERE household_id = ? ORDER BY year, id`).all(h.id) as HouseholdRecord['events'];
  return {
    code: h.code, township: h.township, village: h.village, headIdMasked: h.headIdMasked, attribute: h.attribute,
    status: h.status,
    size: h.size, incomes, events,
  };
}
