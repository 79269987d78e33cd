import type { Db } from '../database';
import type { HouseholdScope } from './householdScope';

/** A household a rule points at, with the figures its message needs. */
export interface FlaggedHousehold {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly a: string | number | null;
  readonly b: string | number | null;
}

const WHO = `h.code AS householdCode, h.township AS township, h.village AS village`;

/** 主要致贫原因 因病, members recorded, none of them 长期慢性病 / 患有大病; a = members. */
export function selectIllnessWithoutUnhealthy(db: Db, households: HouseholdScope, unhealthy: readonly string[]): FlaggedHousehold[] {
  return db.prepare(
    `SELECT ${WHO}, (SELECT COUNT(*) FROM person p WHERE p.household_id = h.id) AS a, NULL AS b
     FROM household h
     WHERE ${households.where.sql} AND h.main_cause = '因病'
       AND EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.health IN (${unhealthy.map(() => '?').join(', ')}))
     ORDER BY h.township, h.village, h.code`,
  ).all(...households.where.params, ...unhealthy) as FlaggedHousehold[];
}

/** 低保贫困户 with income rows, none of which has 低保金 > 0; a = first year, b = last year. */
export function selectDibaoWithoutDibaoIncome(db: Db, households: HouseholdScope): FlaggedHousehold[] {
  return db.prepare(
    `SELECT ${WHO}, MIN(i.year) AS a, MAX(i.year) AS b
     FROM household h JOIN income i ON i.household_id = h.id
     WHERE ${households.where.sql} AND h.attribute = '低保贫困户'
     GROUP BY h.id HAVING TOTAL(CASE WHEN i.dibao > 0 THEN 1 END) = 0
     ORDER BY h.township, h.village, h.code`,
  ).all(...households.where.params) as FlaggedHousehold[];
}

/** 家庭人口数 ≠ member records (only for households with member records); a = size, b = members. */
export function selectSizeMismatch(db: Db, households: HouseholdScope): FlaggedHousehold[] {
  return db.prepare(
    `SELECT ${WHO}, h.size AS a, n AS b
     FROM (SELECT h.id AS hid, (SELECT COUNT(*) FROM person p WHERE p.household_id = h.id) AS n
           FROM household h WHERE ${households.where.sql}) x
     JOIN household h ON h.id = x.hid
     WHERE n > 0 AND n <> h.size
     ORDER BY h.township, h.village, h.code`,
  ).all(...households.where.params) as FlaggedHousehold[];
}

/** Members whose ID (hash) also appears in another household; a = masked ID, b = the other households. */
export function selectPersonsInTwoHouseholds(db: Db, households: HouseholdScope): FlaggedHousehold[] {
  return db.prepare(
    // Hashes seen more than once come from the (snapshot_id, id_hash) index alone; only those few
    // are then read in full to see whether they sit in different households.
    `WITH twice AS MATERIALIZED (
       SELECT id_hash FROM person WHERE snapshot_id = ? AND id_hash IS NOT NULL GROUP BY id_hash HAVING COUNT(*) > 1),
     dup AS MATERIALIZED (
       SELECT t.id_hash FROM twice t JOIN person p ON p.snapshot_id = ? AND p.id_hash = t.id_hash
       GROUP BY t.id_hash HAVING COUNT(DISTINCT p.household_id) > 1)
     SELECT ${WHO}, p.id_masked AS a,
       (SELECT group_concat(DISTINCT h2.code) FROM person p2 JOIN household h2 ON h2.id = p2.household_id
        WHERE p2.snapshot_id = p.snapshot_id AND p2.id_hash = p.id_hash AND p2.household_id <> p.household_id) AS b
     FROM dup JOIN person p ON p.snapshot_id = ? AND p.id_hash = dup.id_hash
     JOIN household h ON h.id = p.household_id
     WHERE ${households.where.sql}
     ORDER BY h.township, h.village, h.code`,
  ).all(households.snapshotId, households.snapshotId, households.snapshotId, ...households.where.params) as FlaggedHousehold[];
}

/** Members whose ID number fails its check digit; a = masked ID. */
export function selectInvalidIds(db: Db, households: HouseholdScope): FlaggedHousehold[] {
  return db.prepare(
    `SELECT ${WHO}, p.id_masked AS a, p.id_kind AS b
     FROM person p JOIN household h ON h.id = p.household_id
     WHERE +p.snapshot_id = ? AND p.id_valid = 0 AND ${households.where.sql}
     ORDER BY h.township, h.village, h.code`,
  ).all(households.snapshotId, ...households.where.params) as FlaggedHousehold[];
}

/** The formula warnings the import stored, with the household of the income row they name; a = message. */
export function selectIncomeFormulaIssues(db: Db, households: HouseholdScope, codes: readonly string[]): FlaggedHousehold[] {
  return db.prepare(
    `WITH iss AS MATERIALIZED (
       SELECT row, message FROM import_issue
       WHERE snapshot_id = ? AND code IN (${codes.map(() => '?').join(', ')}) AND row IS NOT NULL)
     SELECT ${WHO}, iss.message AS a, i.year AS b
     FROM iss JOIN income i ON i.snapshot_id = ? AND i.source_row = iss.row
     JOIN household h ON h.id = i.household_id
     WHERE ${households.where.sql}
     ORDER BY h.township, h.village, h.code, i.year`,
  ).all(households.snapshotId, ...codes, households.snapshotId, ...households.where.params) as FlaggedHousehold[];
}

/** Tables and columns whose stored labels are compared with a code list (identifiers only from here). */
export const CODED_COLUMNS = {
  household: ['type', 'attribute', 'standard', 'main_cause', 'other_causes', 'status', 'return_cause', 'mon_category',
    'risk1', 'risk2', 'risk3', 'risk4', 'risk5', 'elim_method', 'housing'],
  person: ['relation', 'sex', 'education', 'schooling', 'health', 'labour', 'work_status'],
  measure: ['name'],
  event: ['type', 'reason'],
} as const;
export type CodedTable = keyof typeof CODED_COLUMNS;
export type CodedColumn<T extends CodedTable> = (typeof CODED_COLUMNS)[T][number];

function assertCoded(table: CodedTable, column: string): void {
  if (!(CODED_COLUMNS[table] as readonly string[]).includes(column)) throw new Error(`不可查询的列 ${table}.${column}`);
}

/**
 * Distinct non-blank values of every coded column of a table in the snapshot (events: only 返贫
 * reasons for `reason`), in one pass: one DISTINCT aggregate per column. Commas inside values are
 * carried as U+0001 through the comma-joined text and put back.
 */
export function selectDistinctValues<T extends CodedTable>(db: Db, snapshotId: number, table: T): Map<CodedColumn<T>, Set<string>> {
  const columns = CODED_COLUMNS[table] as readonly CodedColumn<T>[];
  const selected = columns.map((c) => {
    const value = table === 'event' && c === 'reason' ? `CASE WHEN type = '返贫' THEN reason END` : c;
    return `group_concat(DISTINCT replace(${value}, ',', char(1)))`;
  });
  const row = db.prepare(`SELECT ${selected.join(', ')} FROM ${table} WHERE +snapshot_id = ?`).raw().get(snapshotId) as (string | null)[];
  return new Map(columns.map((c, k) => {
    const joined = row[k] ?? null;
    const values = joined === null ? [] : joined.split(',').map((v) => v.split(String.fromCharCode(1)).join(',')).filter((v) => v.trim() !== '');
    return [c, new Set(values)];
  }));
}

/** Households with one of `values` in a coded column (other_causes: as one of its 、-separated parts); a = value. */
export function selectHouseholdsWithValues<T extends CodedTable>(
  db: Db, households: HouseholdScope, table: T, column: CodedColumn<T>, values: readonly string[],
): FlaggedHousehold[] {
  assertCoded(table, column);
  if (values.length === 0) return [];
  const marks = values.map(() => '?').join(', ');
  if (table === 'household' && column === 'other_causes') {
    return db.prepare(
      `SELECT ${WHO}, h.other_causes AS a, NULL AS b FROM household h
       WHERE ${households.where.sql} AND h.other_causes IS NOT NULL
       ORDER BY h.township, h.village, h.code`,
    ).all(...households.where.params) as FlaggedHousehold[];
  }
  if (table === 'household') {
    return db.prepare(
      `SELECT ${WHO}, h.${column} AS a, NULL AS b FROM household h
       WHERE ${households.where.sql} AND h.${column} IN (${marks})
       ORDER BY h.township, h.village, h.code`,
    ).all(...households.where.params, ...values) as FlaggedHousehold[];
  }
  const extra = table === 'event' && column === 'reason' ? `AND x.type = '返贫'` : '';
  return db.prepare(
    `SELECT DISTINCT ${WHO}, x.${column} AS a, NULL AS b FROM ${table} x JOIN household h ON h.id = x.household_id
     WHERE +x.snapshot_id = ? AND x.${column} IN (${marks}) ${extra} AND ${households.where.sql}
     ORDER BY h.township, h.village, h.code`,
  ).all(households.snapshotId, ...values, ...households.where.params) as FlaggedHousehold[];
}
