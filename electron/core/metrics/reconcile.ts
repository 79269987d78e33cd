import type { Db } from '../db/database';
import { getSnapshot } from '../db/snapshotRepo';
import { Refusal } from '../refusal';
import { countMemberRows, selectHouseholdsByType, type TypeCountRow } from '../db/queries/reconcileQueries';
import type { Reconciliation } from '../../../shared/api/reconcile';

const REGISTERED_TYPE = '脱贫户';
const ORDINARY_TYPE = '普通农户';

/**
 * The one home of the reconciliation lines (#13): 户信息 = 建档立卡 + 普通农户 + other types, and
 * Σ家庭人口数 = member rows + the households whose 家庭人口数 is larger − those whose is smaller.
 * The parts come from GROUP BYs over the same rows, so they sum to the totals by construction;
 * a unit test checks that against counts taken independently.
 */
export function reconcileSnapshot(db: Db, snapshotId: number): Reconciliation {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new Refusal('not_found', `没有找到快照 #${snapshotId}`);
  // A snapshot never changes once written, and the pivot asks on every run that shows 人数: one
  // count per snapshot (the import time tells a reused id apart).
  const key = `${snapshotId}|${snapshot.importedAt}|${snapshot.sourceSha256}`;
  const perDb = CACHE.get(db) ?? new Map<string, Reconciliation>();
  CACHE.set(db, perDb);
  const kept = perDb.get(key);
  if (kept) return kept;
  const counted = countReconciliation(db, snapshotId);
  perDb.set(key, counted);
  return counted;
}

const CACHE = new WeakMap<Db, Map<string, Reconciliation>>();

function countReconciliation(db: Db, snapshotId: number): Reconciliation {
  const types = selectHouseholdsByType(db, snapshotId);
  const total = (keep: (type: string) => boolean, field: keyof Omit<TypeCountRow, 'type'>): number =>
    types.filter((t) => keep(t.type)).reduce((s, t) => s + t[field], 0);
  const count = (keep: (type: string) => boolean): { households: number; persons: number } =>
    ({ households: total(keep, 'households'), persons: total(keep, 'persons') });
  const any = (): boolean => true;
  const other = (t: string): boolean => t !== REGISTERED_TYPE && t !== ORDINARY_TYPE;
  return {
    snapshotId,
    all: count(any),
    registered: count((t) => t === REGISTERED_TYPE),
    ordinary: { ...count((t) => t === ORDINARY_TYPE), monitored: total((t) => t === ORDINARY_TYPE, 'monitored') },
    otherTypes: count(other),
    members: {
      memberRows: countMemberRows(db, snapshotId),
      overHouseholds: total(any, 'overHouseholds'),
      overPersons: total(any, 'overPersons'),
      underHouseholds: total(any, 'underHouseholds'),
      underPersons: total(any, 'underPersons'),
    },
  };
}
