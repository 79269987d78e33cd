import type { Db } from '../database';
import type { ChangeField, IncomeField } from '../../../../shared/api/evaluation';

/**
 * The comparison's SQL over the pairing of evaluationMatch.ts (temp tables eval_match, eval_only_a,
 * eval_only_b). Households are aliased ha (in A) and hb (in B); every value is a bound parameter.
 */

/**
 * (NULL-safe: a blank year or status counts as no.) A household only in B is explained when B records its 识别 or 纳入监测
 * after A's as-of year.
 */
export const ADDED_EXPLAINED = `COALESCE(EXISTS (SELECT 1 FROM event e WHERE e.household_id = hb.id AND e.type IN ('识别', '纳入监测') AND e.year > ?)
  OR hb.identified_year > ? OR CAST(substr(hb.mon_date, 1, 4) AS INTEGER) > ?, 0)`;
/** A household only in A is accounted for when A already marked it 自然减少 or 清退. */
export const VANISHED_EXPLAINED = `COALESCE(ha.status IN ('自然减少', '清退')
  OR EXISTS (SELECT 1 FROM event e WHERE e.household_id = ha.id AND e.type IN ('自然减少', '清退')), 0)`;

export interface PresenceCounts {
  both: number; renumbered: number; added: number; addedExplained: number; vanished: number; vanishedExplained: number;
}

export function presenceCounts(db: Db, asOfYearA: number): PresenceCounts {
  const m = db.prepare(`SELECT COUNT(*) AS both, COALESCE(SUM(renumbered), 0) AS renumbered FROM eval_match`).get() as
    { both: number; renumbered: number };
  const added = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(${ADDED_EXPLAINED}), 0) AS explained
    FROM eval_only_b o JOIN household hb ON hb.id = o.b_id`).get(asOfYearA, asOfYearA, asOfYearA) as { n: number; explained: number };
  const vanished = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(${VANISHED_EXPLAINED}), 0) AS explained
    FROM eval_only_a o JOIN household ha ON ha.id = o.a_id`).get() as { n: number; explained: number };
  return {
    both: m.both, renumbered: m.renumbered, added: added.n, addedExplained: added.explained,
    vanished: vanished.n, vanishedExplained: vanished.explained,
  };
}

export interface TransitionRow { from: string | null; to: string | null; households: number; persons: number }

/**
 * A's 脱贫状态 × B's, in households and persons. Persons are B's 家庭人口数 (the newer record),
 * A's for a household that vanished. New and vanished households are marked by `side`.
 */
export function transitionRows(db: Db): { both: TransitionRow[]; added: TransitionRow[]; vanished: TransitionRow[] } {
  const both = db.prepare(`SELECT ha.status AS "from", hb.status AS "to", COUNT(*) AS households, SUM(hb.size) AS persons
    FROM eval_match m JOIN household ha ON ha.id = m.a_id JOIN household hb ON hb.id = m.b_id
    GROUP BY ha.status, hb.status`).all() as TransitionRow[];
  const added = db.prepare(`SELECT NULL AS "from", hb.status AS "to", COUNT(*) AS households, SUM(hb.size) AS persons
    FROM eval_only_b o JOIN household hb ON hb.id = o.b_id GROUP BY hb.status`).all() as TransitionRow[];
  const vanished = db.prepare(`SELECT ha.status AS "from", NULL AS "to", COUNT(*) AS households, SUM(ha.size) AS persons
    FROM eval_only_a o JOIN household ha ON ha.id = o.a_id GROUP BY ha.status`).all() as TransitionRow[];
  return { both, added, vanished };
}

/** The condition under which a field of the record changed, for a matched pair (ha, hb). */
export const CHANGED: Readonly<Record<Exclude<ChangeField, 'membersAdded' | 'membersGone'>, string>> = {
  attribute: 'ha.attribute IS NOT hb.attribute',
  mainCause: 'ha.main_cause IS NOT hb.main_cause',
  size: 'ha.size IS NOT hb.size',
  monitoringCategory: 'ha.mon_category IS NOT hb.mon_category',
  riskEliminated: 'ha.risk_eliminated IS NOT hb.risk_eliminated',
};

export function changeCounts(db: Db): Record<keyof typeof CHANGED, number> {
  const cols = Object.entries(CHANGED).map(([k, cond]) => `COALESCE(SUM(${cond}), 0) AS ${k}`).join(', ');
  return db.prepare(`SELECT ${cols} FROM eval_match m JOIN household ha ON ha.id = m.a_id JOIN household hb ON hb.id = m.b_id`)
    .get() as Record<keyof typeof CHANGED, number>;
}

/** Members of the `from` side's household whose ID hash the partner household does not hold. */
export const MEMBER_GONE = `EXISTS (SELECT 1 FROM person pa WHERE pa.household_id = m.a_id
  AND NOT EXISTS (SELECT 1 FROM person pb WHERE pb.household_id = m.b_id AND pb.id_hash = pa.id_hash))`;
export const MEMBER_ADDED = `EXISTS (SELECT 1 FROM person pb WHERE pb.household_id = m.b_id
  AND NOT EXISTS (SELECT 1 FROM person pa WHERE pa.household_id = m.a_id AND pa.id_hash = pb.id_hash))`;

export function memberChanges(db: Db): {
  added: number; addedHouseholds: number; gone: number; goneHouseholds: number;
} {
  const gone = db.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT m.a_id) AS h FROM eval_match m JOIN person pa ON pa.household_id = m.a_id
    WHERE NOT EXISTS (SELECT 1 FROM person pb WHERE pb.household_id = m.b_id AND pb.id_hash = pa.id_hash)`).get() as { n: number; h: number };
  const added = db.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT m.b_id) AS h FROM eval_match m JOIN person pb ON pb.household_id = m.b_id
    WHERE NOT EXISTS (SELECT 1 FROM person pa WHERE pa.household_id = m.a_id AND pa.id_hash = pb.id_hash)`).get() as { n: number; h: number };
  return { added: added.n, addedHouseholds: added.h, gone: gone.n, goneHouseholds: gone.h };
}

/** Income fields as (contract key, column). */
export const INCOME_COLUMNS: readonly (readonly [IncomeField, string])[] = [
  ['wage', 'wage'], ['business', 'business'], ['businessCost', 'business_cost'], ['property', 'property'],
  ['familyPlanning', 'family_planning'], ['dibao', 'dibao'], ['tekun', 'tekun'], ['pension', 'pension'], ['eco', 'eco'],
  ['otherTransfer', 'other_transfer'], ['size', 'size'],
];

const INCOME_DIFFERS = INCOME_COLUMNS.map(([, c]) => `ia.${c} IS NOT ib.${c}`).join(' OR ');

/** A (household, year) income row present in both snapshots with a difference: both sides' values. */
export interface RetroIncomeRow {
  a_id: number; b_id: number; code: string; township: string; village: string; year: number;
  values: (number | null)[];
}

/** Income rows of years ≤ A's as-of year that differ between the matched households. */
export function retroIncomeRows(db: Db, lastYear: number): RetroIncomeRow[] {
  const cols = INCOME_COLUMNS.map(([, c]) => `ia.${c}, ib.${c}`).join(', ');
  const rows = db.prepare(`SELECT m.a_id, m.b_id, hb.code, hb.township, hb.village, ia.year, ${cols}
    FROM eval_match m JOIN income ia ON ia.household_id = m.a_id AND ia.year <= ?
    JOIN income ib ON ib.household_id = m.b_id AND ib.year = ia.year
    JOIN household hb ON hb.id = m.b_id
    WHERE ${INCOME_DIFFERS} ORDER BY hb.township, hb.village, hb.code, ia.year`).raw().all(lastYear) as unknown[][];
  return rows.map((r) => ({
    a_id: r[0] as number, b_id: r[1] as number, code: r[2] as string, township: r[3] as string, village: r[4] as string,
    year: r[5] as number, values: r.slice(6) as (number | null)[],
  }));
}

export interface RetroEventRow { a_id: number; b_id: number; code: string; township: string; village: string; year: number; type: string; side: 'A' | 'B' }

/** Events of years ≤ A's as-of year present in one matched household and not in its partner. */
export function retroEventRows(db: Db, lastYear: number): RetroEventRow[] {
  return db.prepare(`SELECT m.a_id, m.b_id, hb.code, hb.township, hb.village, ea.year, ea.type, 'A' AS side
      FROM eval_match m JOIN event ea ON ea.household_id = m.a_id AND ea.year <= ?
      JOIN household hb ON hb.id = m.b_id
      WHERE NOT EXISTS (SELECT 1 FROM event eb WHERE eb.household_id = m.b_id AND eb.year = ea.year AND eb.type = ea.type)
    UNION ALL
    SELECT m.a_id, m.b_id, hb.code, hb.township, hb.village, eb.year, eb.type, 'B' AS side
      FROM eval_match m JOIN event eb ON eb.household_id = m.b_id AND eb.year <= ?
      JOIN household hb ON hb.id = m.b_id
      WHERE NOT EXISTS (SELECT 1 FROM event ea WHERE ea.household_id = m.a_id AND ea.year = eb.year AND ea.type = eb.type)
    ORDER BY 4, 5, 3, 6, 7, 8`).all(lastYear, lastYear) as RetroEventRow[];
}

export function vanishedCodes(db: Db, limit: number): string[] {
  return (db.prepare(`SELECT ha.code FROM eval_only_a o JOIN household ha ON ha.id = o.a_id
    ORDER BY ha.township, ha.village, ha.code LIMIT ?`).raw().all(limit) as [string][]).map((r) => r[0]);
}

export function renumberedPairs(db: Db, limit: number): { from: string; to: string }[] {
  return db.prepare(`SELECT ha.code AS "from", hb.code AS "to" FROM eval_match m
    JOIN household ha ON ha.id = m.a_id JOIN household hb ON hb.id = m.b_id WHERE m.renumbered = 1
    ORDER BY hb.township, hb.village, hb.code LIMIT ?`).all(limit) as { from: string; to: string }[];
}
