import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

export interface MonitoredHouseholdRow {
  readonly code: string;
  readonly township: string;
  readonly village: string;
  readonly persons: number;
  /** 户类型: 脱贫户 (建档立卡) or 普通农户 (monitored, never registered). */
  readonly type: string;
  readonly category: string;
  readonly monitoringDate: string | null;
  readonly risk1: string | null;
  readonly risk2: string | null;
  readonly risk3: string | null;
  readonly risk4: string | null;
  readonly risk5: string | null;
  readonly eliminated: number | null;
  readonly eliminationMethod: string | null;
  readonly eliminationDate: string | null;
}

/**
 * Households with a 监测对象类别 (the 户信息 fields are the monitoring record of the snapshot). Named
 * index: household_monitored holds only the monitored few per cent, and household_area (snapshot,
 * township) has the same columns, which the planner would otherwise take as just as good.
 */
export function selectMonitoredHouseholds(db: Db, households: HouseholdScope): MonitoredHouseholdRow[] {
  return db.prepare(
    `SELECT h.code AS code, h.township AS township, h.village AS village, h.size AS persons, h.mon_category AS category, h.mon_date AS monitoringDate,
       h.risk1 AS risk1, h.risk2 AS risk2, h.risk3 AS risk3, h.risk4 AS risk4, h.risk5 AS risk5,
       h.risk_eliminated AS eliminated, h.type AS type, h.elim_method AS eliminationMethod, h.elim_date AS eliminationDate
     FROM household h INDEXED BY household_monitored
     WHERE ${households.where.sql} AND h.mon_category IS NOT NULL AND trim(h.mon_category) <> ''`,
  ).all(...households.where.params) as MonitoredHouseholdRow[];
}
