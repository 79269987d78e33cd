import type { Db } from '../database';
import type { FlowBreakRow } from './flowQueries';
import type { HouseholdScope } from './householdScope';

/**
 * The data-quality check's SQL. The snapshot-wide rules are computed once per snapshot, set-based,
 * into quality_finding (migration 007) in the order they are listed; a call then counts them by rule
 * and reads only the rows it lists, joining the household for the scope's filter and the names.
 * The rules that depend on the line set or the year range read the flow ledger and the exit
 * attribution (derived tables of their own) through partial indexes.
 */

/** A household a rule points at, with the figures its message needs. */
export interface FlaggedHousehold {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly a: string | number | null;
  readonly b: string | number | null;
}

/** The rules whose findings are stored per snapshot (the others follow the line set and year range). */
export const STORED_RULES = [
  'illnessWithoutUnhealthyMember', 'dibaoWithoutDibaoIncome', 'incomeFormulaMismatch', 'sizeMismatch',
  'personInTwoHouseholds', 'invalidIdChecksum', 'codeOutsideList',
] as const;
export type StoredRule = (typeof STORED_RULES)[number];

const WHO = `h.code AS householdCode, h.township AS township, h.village AS village`;
const AREA_ORDER = `h.township, h.village, h.code`;
/** The listing order of the stored rules, as sort keys k1…k3 (k4 breaks ties within a household). */
const AREA_KEYS = `h.township AS k1, h.village AS k2, h.code AS k3`;

// ── Building quality_finding ─────────────────────────────────────────────────────────────────────

/**
 * Members per household with how many of them are 长期慢性病 / 患有大病, in one ordered pass over
 * the person table (the rules on members compare it with the household row). Temporary: it lives
 * only while the findings are built.
 */
function buildMemberCounts(db: Db, snapshotId: number, unhealthy: readonly string[]): void {
  db.exec(`DROP TABLE IF EXISTS temp.quality_members`);
  db.exec(`CREATE TEMP TABLE quality_members (household_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, sick INTEGER NOT NULL)`);
  db.prepare(
    `INSERT INTO temp.quality_members(household_id, n, sick)
     SELECT household_id, COUNT(*), TOTAL(health IN (${unhealthy.map(() => '?').join(', ')}))
     FROM person WHERE +snapshot_id = ? GROUP BY household_id`,
  ).run(...unhealthy, snapshotId);
}

/**
 * Inserts the result of `select` (hid, a, b and the sort keys k1…k4) as the findings of `rule`,
 * numbered in listing order.
 */
function insertRule(db: Db, snapshotId: number, rule: StoredRule, select: string, params: readonly unknown[]): void {
  db.prepare(
    `INSERT INTO quality_finding(snapshot_id, rule, seq, household_id, a, b)
     SELECT ?, ?, row_number() OVER (ORDER BY k1, k2, k3, k4), hid, a, b FROM (${select})`,
  ).run(snapshotId, rule, ...params);
}

/**
 * Replaces the stored findings of every snapshot-wide rule except the code values (see
 * replaceCodeFindings): set-based, county-wide, each rule in its listing order (area, then code).
 */
export function replaceRuleFindings(
  db: Db, snapshotId: number, unhealthy: readonly string[], formulaCodes: readonly string[],
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM quality_finding WHERE snapshot_id = ? AND rule <> 'codeOutsideList'`).run(snapshotId);
    buildMemberCounts(db, snapshotId, unhealthy);
    // 主要致贫原因 因病, members recorded, none 长期慢性病 / 患有大病; a = members.
    insertRule(db, snapshotId, 'illnessWithoutUnhealthyMember',
      `SELECT h.id AS hid, m.n AS a, NULL AS b, ${AREA_KEYS}, NULL AS k4
       FROM household h JOIN temp.quality_members m ON m.household_id = h.id
       WHERE h.snapshot_id = ? AND h.main_cause = '因病' AND m.sick = 0`, [snapshotId]);
    // 低保贫困户 with income rows, none with 低保金 > 0 (over all years); a = first year, b = last year.
    insertRule(db, snapshotId, 'dibaoWithoutDibaoIncome',
      // One pass over the household table; each 低保贫困户's income rows sit together under the key
      // (household, year) and the check stops at the first 低保金 > 0.
      `SELECT h.id AS hid, (SELECT MIN(i.year) FROM income i WHERE i.household_id = h.id) AS a,
         (SELECT MAX(i.year) FROM income i WHERE i.household_id = h.id) AS b, ${AREA_KEYS}, NULL AS k4
       FROM household h
       WHERE +h.snapshot_id = ? AND h.attribute = '低保贫困户'
         AND EXISTS (SELECT 1 FROM income i WHERE i.household_id = h.id)
         AND NOT EXISTS (SELECT 1 FROM income i WHERE i.household_id = h.id AND i.dibao > 0)`, [snapshotId]);
    // The import's formula warnings, with the household of the income row they name; a = message, b = year.
    insertRule(db, snapshotId, 'incomeFormulaMismatch',
      `SELECT h.id AS hid, iss.message AS a, i.year AS b, ${AREA_KEYS}, printf('%06d.%012d', i.year, iss.id) AS k4
       FROM (SELECT id, row, message FROM import_issue
             WHERE snapshot_id = ? AND code IN (${formulaCodes.map(() => '?').join(', ')}) AND row IS NOT NULL) iss
       JOIN income i ON i.snapshot_id = ? AND i.source_row = iss.row
       JOIN household h ON h.id = i.household_id`, [snapshotId, ...formulaCodes, snapshotId]);
    // 家庭人口数 ≠ member records, households with member records only; a = size, b = members.
    insertRule(db, snapshotId, 'sizeMismatch',
      `SELECT h.id AS hid, h.size AS a, m.n AS b, ${AREA_KEYS}, NULL AS k4
       FROM household h JOIN temp.quality_members m ON m.household_id = h.id
       WHERE h.snapshot_id = ? AND m.n <> h.size`, [snapshotId]);
    // Members whose ID (hash) also appears in another household; a = masked ID, b = the other households.
    insertRule(db, snapshotId, 'personInTwoHouseholds',
      // Hashes seen more than once come from the (snapshot_id, id_hash) index alone; only those few
      // are then read in full to see whether they sit in different households.
      `WITH twice AS MATERIALIZED (
         SELECT id_hash FROM person WHERE snapshot_id = ? AND id_hash IS NOT NULL GROUP BY id_hash HAVING COUNT(*) > 1),
       dup AS MATERIALIZED (
         SELECT t.id_hash FROM twice t JOIN person p ON p.snapshot_id = ? AND p.id_hash = t.id_hash
         GROUP BY t.id_hash HAVING COUNT(DISTINCT p.household_id) > 1)
       SELECT h.id AS hid, p.id_masked AS a,
         (SELECT group_concat(DISTINCT h2.code) FROM person p2 JOIN household h2 ON h2.id = p2.household_id
          WHERE p2.snapshot_id = p.snapshot_id AND p2.id_hash = p.id_hash AND p2.household_id <> p.household_id) AS b,
         ${AREA_KEYS}, p.id AS k4
       FROM dup JOIN person p ON p.snapshot_id = ? AND p.id_hash = dup.id_hash
       JOIN household h ON h.id = p.household_id`, [snapshotId, snapshotId, snapshotId]);
    // Members whose ID number fails its check digit; a = masked ID.
    insertRule(db, snapshotId, 'invalidIdChecksum',
      `SELECT h.id AS hid, p.id_masked AS a, p.id_kind AS b, ${AREA_KEYS}, p.id AS k4
       FROM person p JOIN household h ON h.id = p.household_id
       WHERE +p.snapshot_id = ? AND p.id_valid = 0`, [snapshotId]);
    db.exec(`DROP TABLE temp.quality_members`);
  })();
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
 * reasons for `reason`), in one pass: one DISTINCT aggregate per column, as a JSON array (values may
 * hold any character, commas included).
 */
export function selectDistinctValues<T extends CodedTable>(
  db: Db, snapshotId: number, table: T,
): Map<CodedColumn<T>, Set<string>> {
  const columns = CODED_COLUMNS[table] as readonly CodedColumn<T>[];
  const selected = columns.map((c) => {
    const value = table === 'event' && c === 'reason' ? `CASE WHEN type = '返贫' THEN reason END` : c;
    return `json_group_array(DISTINCT ${value})`;
  });
  const row = db.prepare(`SELECT ${selected.join(', ')} FROM ${table} WHERE +snapshot_id = ?`).raw().get(snapshotId) as string[];
  return new Map(columns.map((c, k) => {
    const values = (JSON.parse(row[k] ?? '[]') as unknown[]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return [c, new Set(values)];
  }));
}

/** Stores the distinct values of every coded column of the snapshot (one pass per table). */
export function replaceCodedValues(db: Db, snapshotId: number): void {
  const tables = Object.keys(CODED_COLUMNS) as CodedTable[];
  const found = tables.map((t) => [t, selectDistinctValues(db, snapshotId, t) as Map<string, Set<string>>] as const);
  db.transaction(() => {
    db.prepare(`DELETE FROM quality_value WHERE snapshot_id = ?`).run(snapshotId);
    const insert = db.prepare(`INSERT INTO quality_value(snapshot_id, tbl, col, value) VALUES (?, ?, ?, ?)`);
    for (const [table, columns] of found) {
      for (const [column, values] of columns) for (const v of values) insert.run(snapshotId, table, column, v);
    }
  })();
}

/** The stored distinct values, as `table.column` → values. */
export function selectCodedValues(db: Db, snapshotId: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = db.prepare(`SELECT tbl, col, value FROM quality_value WHERE snapshot_id = ? ORDER BY tbl, col, value`)
    .raw().all(snapshotId) as [string, string, string][];
  for (const [t, c, v] of rows) {
    const key = `${t}.${c}`;
    const list = out.get(key);
    if (list) list.push(v);
    else out.set(key, [v]);
  }
  return out;
}

/** Households (county-wide, in area order) with one of `values` in a coded column; value = the stored value. */
export function selectHouseholdsWithValues<T extends CodedTable>(
  db: Db, snapshotId: number, table: T, column: CodedColumn<T>, values: readonly string[],
): { householdId: number; value: string }[] {
  assertCoded(table, column);
  if (values.length === 0) return [];
  const marks = values.map(() => '?').join(', ');
  if (table === 'household' && column === 'other_causes') {
    // The bad values are parts of the 、-separated text: the caller splits every household's text.
    return db.prepare(
      `SELECT h.id AS householdId, h.other_causes AS value FROM household h
       WHERE h.snapshot_id = ? AND h.other_causes IS NOT NULL
       ORDER BY ${AREA_ORDER}`,
    ).all(snapshotId) as { householdId: number; value: string }[];
  }
  if (table === 'household') {
    return db.prepare(
      `SELECT h.id AS householdId, h.${column} AS value FROM household h
       WHERE h.snapshot_id = ? AND h.${column} IN (${marks})
       ORDER BY ${AREA_ORDER}`,
    ).all(snapshotId, ...values) as { householdId: number; value: string }[];
  }
  const extra = table === 'event' && column === 'reason' ? `AND x.type = '返贫'` : '';
  return db.prepare(
    `SELECT DISTINCT h.id AS householdId, x.${column} AS value, h.township, h.village, h.code
     FROM ${table} x JOIN household h ON h.id = x.household_id
     WHERE +x.snapshot_id = ? AND x.${column} IN (${marks}) ${extra}
     ORDER BY ${AREA_ORDER}, x.${column}`,
  ).all(snapshotId, ...values) as { householdId: number; value: string }[];
}

/** Replaces the stored code-value findings: a = `table.column`, b = the value outside the code list. */
export function replaceCodeFindings(
  db: Db, snapshotId: number, findings: readonly { householdId: number; column: string; value: string }[],
): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM quality_finding WHERE snapshot_id = ? AND rule = 'codeOutsideList'`).run(snapshotId);
    const insert = db.prepare(
      `INSERT INTO quality_finding(snapshot_id, rule, seq, household_id, a, b) VALUES (?, 'codeOutsideList', ?, ?, ?, ?)`,
    );
    findings.forEach((f, k) => insert.run(snapshotId, k + 1, f.householdId, f.column, f.value));
  })();
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Findings per stored rule in the scope. County-wide the count is read from the table's key alone;
 * a filtered scope joins each finding's household.
 */
export function countStoredFindings(db: Db, households: HouseholdScope): Map<string, number> {
  const rows = households.filtered
    ? db.prepare(
      `SELECT f.rule, COUNT(*) FROM quality_finding f CROSS JOIN household h ON h.id = f.household_id
       WHERE f.snapshot_id = ? AND ${households.where.sql} GROUP BY f.rule`,
    ).raw().all(households.snapshotId, ...households.where.params) as [string, number][]
    : db.prepare(`SELECT rule, COUNT(*) FROM quality_finding WHERE snapshot_id = ? GROUP BY rule`)
      .raw().all(households.snapshotId) as [string, number][];
  return new Map(rows);
}

/** The first `limit` (null = all) stored findings of a rule in the scope, in listing order. */
export function selectStoredFindings(
  db: Db, households: HouseholdScope, rule: StoredRule, limit: number | null,
): FlaggedHousehold[] {
  return db.prepare(
    `SELECT ${WHO}, f.a AS a, f.b AS b
     FROM quality_finding f CROSS JOIN household h ON h.id = f.household_id
     WHERE f.snapshot_id = ? AND f.rule = ? AND ${households.where.sql}
     ORDER BY f.seq LIMIT ?`,
  ).all(households.snapshotId, rule, ...households.where.params, limit ?? -1) as FlaggedHousehold[];
}

/** Flow-ledger events that break the identity, in the scope and year range. */
function flowBreakSource(
  households: HouseholdScope, from: number | null, to: number | null,
): { sql: string; params: unknown[] } {
  return {
    sql: `FROM flow_event f CROSS JOIN household h ON h.id = f.household_id
      WHERE f.snapshot_id = ? AND f.problem IS NOT NULL AND (? IS NULL OR f.year >= ?) AND (? IS NULL OR f.year <= ?)
        AND ${households.where.sql}`,
    params: [households.snapshotId, from, from, to, to, ...households.where.params],
  };
}

export function countFlowBreaks(db: Db, households: HouseholdScope, from: number | null, to: number | null): number {
  const s = flowBreakSource(households, from, to);
  return (db.prepare(`SELECT COUNT(*) ${s.sql}`).raw().get(...s.params) as [number])[0];
}

/** A household whose events break the stock-and-flow identity (the rows the flows query lists too). */
export type FlowBreakFinding = FlowBreakRow;

/** The first `limit` (null = all) breaks in the order of the 动态调整 view (year, township, household). */
export function selectFlowBreakFindings(
  db: Db, households: HouseholdScope, from: number | null, to: number | null, limit: number | null,
): FlowBreakFinding[] {
  const s = flowBreakSource(households, from, to);
  return db.prepare(
    `SELECT ${WHO}, f.year AS year, f.event_type AS eventType, f.problem AS detail ${s.sql}
     ORDER BY f.year, h.township, h.code LIMIT ?`,
  ).all(...s.params, limit ?? -1) as FlowBreakFinding[];
}

/** The two income-method verdicts that flag an exit, as the partial index exit_attribution_check names them. */
export type ExitCheckMethod = '收入未达线' | '无收入记录';

function exitCheckSource(
  households: HouseholdScope, lineSet: string, from: number | null, to: number | null,
): { sql: string; params: unknown[] } {
  return {
    sql: `FROM exit_attribution a CROSS JOIN household h ON h.id = a.household_id
      WHERE a.snapshot_id = ? AND a.line_set = ? AND a.income_method IN ('收入未达线', '无收入记录')
        AND (? IS NULL OR a.year >= ?) AND (? IS NULL OR a.year <= ?) AND ${households.where.sql}`,
    params: [households.snapshotId, lineSet, from, from, to, to, ...households.where.params],
  };
}

/** Flagged exits per income-method verdict, in the scope and year range (county-wide: from the index alone). */
export function countExitChecks(
  db: Db, households: HouseholdScope, lineSet: string, from: number | null, to: number | null,
): Map<string, number> {
  if (!households.filtered) {
    return new Map(db.prepare(
      `SELECT income_method, COUNT(*) FROM exit_attribution
       WHERE snapshot_id = ? AND line_set = ? AND income_method IN ('收入未达线', '无收入记录')
         AND (? IS NULL OR year >= ?) AND (? IS NULL OR year <= ?)
       GROUP BY 1`,
    ).raw().all(households.snapshotId, lineSet, from, from, to, to) as [string, number][]);
  }
  const s = exitCheckSource(households, lineSet, from, to);
  return new Map(db.prepare(`SELECT a.income_method, COUNT(*) ${s.sql} GROUP BY 1`).raw().all(...s.params) as [string, number][]);
}

export interface ExitCheckFinding {
  readonly householdCode: string;
  readonly township: string;
  readonly village: string;
  readonly year: number;
  readonly perCapita: number | null;
  readonly line: number | null;
}

/** The first `limit` (null = all) flagged exits of one verdict, by year and area. */
export function selectExitCheckFindings(
  db: Db, households: HouseholdScope, lineSet: string, from: number | null, to: number | null, method: ExitCheckMethod,
  limit: number | null,
): ExitCheckFinding[] {
  const s = exitCheckSource(households, lineSet, from, to);
  return db.prepare(
    `SELECT ${WHO}, a.year AS year, a.per_capita AS perCapita, a.line AS line ${s.sql} AND a.income_method = ?
     ORDER BY a.year, ${AREA_ORDER} LIMIT ?`,
  ).all(...s.params, method, limit ?? -1) as ExitCheckFinding[];
}
