import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { ensurePivotFacts } from '../../../electron/core/pivot/facts/pivotFacts';
import { HOUSEHOLD_DIM_COLUMNS } from '../../../electron/core/pivot/facts/factColumns';
import { buildIncomeFacts, incomeYearSpans } from '../../../electron/core/pivot/facts/incomeFacts';
import { AGE_GROUPS, ageGroupIndex, ageOn } from '../../../shared/semantic/ageGroups';

/**
 * The detail tables of the pivot build (householdFacts, personFacts, incomeFacts) against the
 * straightforward reading of the snapshot: every code decodes, through the saved dictionary, to the
 * source's own text; every age group is ageGroupIndex(ageOn(birth, as-of)) (members' birth dates
 * are set on each group's boundaries first); the income rows are the plain join of income and
 * pivot_household. Two snapshots share the file, so that reading a snapshot by its id range is
 * tested beside another's rows.
 */
let dir: string;
let db: Db;
let first: number;
let later: number;

/** YYYY-MM-DD `years` before a YYYY-MM-DD date, moved by `days`. */
function shifted(asOf: string, years: number, days: number): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Birth dates on and next to every age group's bounds, and the forms ageOn reads or refuses. */
function boundaryBirths(asOf: string): (string | number | null)[] {
  const bounds = AGE_GROUPS.flatMap((g) => [g.from, ...(g.to === null ? [] : [g.to + 1])]);
  const dates = bounds.flatMap((n) => [shifted(asOf, n, -1), shifted(asOf, n, 0), shifted(asOf, n, 1)]);
  const months = bounds.flatMap((n) => [shifted(asOf, n, 0).slice(0, 7), `${shifted(asOf, n, 0).slice(0, 7)}-3`]);
  return [
    ...dates, ...months, `${shifted(asOf, 16, 0)} 08:00`, shifted(asOf, 0, 1), '', '  ', 'abcd', '1980-1-01', '1980/01/01',
    '0000-00-00', '1980-13-45', '１９８０-０１-０１', null, 19800101,
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-fact-tables-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  first = (await writeDemoSnapshot(db, { households: 500, seed: 11 })).snapshotId;
  later = (await writeLaterDemoSnapshot(db, { households: 500, seed: 11 })).snapshotId;
  for (const snapshotId of [first, later]) {
    const asOf = db.prepare('SELECT as_of FROM snapshot WHERE id = ?').pluck().get(snapshotId) as string;
    const ids = db.prepare('SELECT id FROM person WHERE snapshot_id = ? ORDER BY id').pluck().all(snapshotId) as number[];
    const set = db.prepare('UPDATE person SET birth_date = ? WHERE id = ?');
    boundaryBirths(asOf).forEach((birth, i) => set.run(birth, ids[i * 3]));
  }
  ensurePivotFacts(db, { snapshotId: later });
  ensurePivotFacts(db, { snapshotId: first });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of `sql` that `other` lacks, both ways: empty when the two give the same rows. */
function difference(sql: string, other: string, ...params: unknown[]): unknown[] {
  const missing = db.prepare(`SELECT * FROM (${sql}) EXCEPT SELECT * FROM (${other})`).raw().all(...params, ...params);
  const extra = db.prepare(`SELECT * FROM (${other}) EXCEPT SELECT * FROM (${sql})`).raw().all(...params, ...params);
  return [...missing, ...extra];
}

/** A column's label through the saved dictionary (NULL for a NULL code). */
function decoded(table: string, column: string, dimension: string): string {
  return `(SELECT d.label FROM pivot_dict d WHERE d.snapshot_id = ${table}.snapshot_id AND d.dimension = '${dimension}'
    AND d.code = ${table}.${column})`;
}

const flag = (sql: string): string => `CASE WHEN ${sql} IS NULL THEN NULL WHEN ${sql} THEN '是' ELSE '否' END`;

describe('the pivot detail tables', () => {
  it.each([['first', () => first], ['later', () => later]])('code every household as its register says (%s snapshot)', (_, id) => {
    const snapshotId = id();
    const lineSet = db.prepare('SELECT line_set FROM pivot_build WHERE snapshot_id = ?').pluck().get(snapshotId) as string;
    const built = `SELECT household_id, ${decoded('p', 'county', 'county')}, ${decoded('p', 'township', 'township')},
        ${decoded('p', 'village', 'village')},
        ${decoded('p', 'poor_village', 'poorVillage')}, ${decoded('p', 'household_type', 'householdType')},
        ${decoded('p', 'attribute', 'householdAttribute')}, ${decoded('p', 'main_cause', 'mainCause')}, ${decoded('p', 'status', 'status')},
        identified_year, exit_year, return_year, ${decoded('p', 'return_cause', 'returnCause')},
        ${decoded('p', 'exit_income', 'exitMethodIncome')}, ${decoded('p', 'exit_structural', 'exitMethodStructural')},
        ${decoded('p', 'relocated', 'relocated')}, ${decoded('p', 'mon_category', 'monitoringCategory')},
        ${decoded('p', 'main_risk', 'mainRisk')}, ${decoded('p', 'risk_eliminated', 'riskEliminated')}, n, size
      FROM pivot_household p WHERE p.snapshot_id = ?`;
    // A village's label is its name, or 乡镇·村 when another township has a village of that name.
    const villageLabel = `CASE WHEN (SELECT COUNT(DISTINCT x.township) FROM household x WHERE x.snapshot_id = h.snapshot_id
      AND x.village = h.village) > 1 THEN h.township || '·' || h.village ELSE h.village END`;
    const source = `SELECT h.id, h.county, h.township, ${villageLabel}, ${flag('h.poor_village')}, h.type, h.attribute, h.main_cause,
        h.status, h.identified_year, h.exit_year, h.return_year, h.return_cause, e.income_method, e.structural_method,
        ${flag('h.relocated')}, h.mon_category, h.risk1, ${flag('h.risk_eliminated')}, 1, h.size
      FROM household h LEFT JOIN exit_attribution e ON e.household_id = h.id AND e.line_set = '${lineSet}' AND e.is_latest = 1
        AND e.snapshot_id = h.snapshot_id
      WHERE h.snapshot_id = ?`;
    expect(difference(built, source, snapshotId)).toEqual([]);
    const count = db.prepare('SELECT COUNT(*) FROM household WHERE snapshot_id = ?').pluck().get(snapshotId) as number;
    expect(db.prepare('SELECT COUNT(*) FROM pivot_household WHERE snapshot_id = ?').pluck().get(snapshotId)).toBe(count);
    expect(count).toBeGreaterThan(100);
  });

  it.each([['first', () => first], ['later', () => later]])('code every member and its age group as the straightforward reading (%s snapshot)', (_, id) => {
    const snapshotId = id();
    const asOf = db.prepare('SELECT as_of FROM snapshot WHERE id = ?').pluck().get(snapshotId) as string;
    const built = db.prepare(
      `SELECT p.person_id, p.household_id, ${decoded('p', 'sex', 'sex')}, ${decoded('p', 'health', 'health')},
         ${decoded('p', 'labour', 'labour')}, ${decoded('p', 'work_status', 'workStatus')}, p.age_group, p.members,
         ${HOUSEHOLD_DIM_COLUMNS.map((c) => `p.${c} IS h.${c}`).join(' AND ')} AS same_household_codes
       FROM pivot_person p JOIN pivot_household h ON h.snapshot_id = p.snapshot_id AND h.household_id = p.household_id
       WHERE p.snapshot_id = ? ORDER BY p.person_id`,
    ).raw().all(snapshotId) as unknown[][];
    const source = db.prepare(
      `SELECT id, household_id, sex, health, labour, work_status, birth_date FROM person WHERE snapshot_id = ? ORDER BY id`,
    ).raw().all(snapshotId) as [number, number, string | null, string | null, string | null, string | null, unknown][];
    const expected = source.map(([pid, hid, sex, health, labour, work, birth]) => [
      pid, hid, sex, health, labour, work, ageGroupIndex(ageOn(typeof birth === 'string' ? birth : null, asOf)), 1, 1,
    ]);
    expect(built).toEqual(expected);
    const groups = new Set(expected.map((r) => r[6]));
    expect(groups).toEqual(new Set([null, ...AGE_GROUPS.map((_, i) => i)]));
  });

  const incomeSource = (): string => {
    const columns = `i.snapshot_id, i.year, i.per_capita, i.household_id, ${HOUSEHOLD_DIM_COLUMNS.map((c) => `h.${c}`).join(', ')},
      1, i.size, i.net, coalesce(i.wage, 0), coalesce(i.business, 0) - coalesce(i.business_cost, 0), coalesce(i.property, 0),
      coalesce(i.transfer, 0), coalesce(i.dibao, 0) + coalesce(i.tekun, 0)`;
    return `SELECT ${columns} FROM income i JOIN pivot_household h ON h.snapshot_id = i.snapshot_id AND h.household_id = i.household_id
      WHERE i.snapshot_id = ?`;
  };

  it.each([['first', () => first], ['later', () => later]])('hold every income row with its household codes (%s snapshot)', (_, id) => {
    const snapshotId = id();
    expect(difference(`SELECT * FROM pivot_income WHERE snapshot_id = ?`, incomeSource(), snapshotId)).toEqual([]);
    const count = db.prepare('SELECT COUNT(*) FROM income WHERE snapshot_id = ?').pluck().get(snapshotId) as number;
    expect(db.prepare('SELECT COUNT(*) FROM pivot_income WHERE snapshot_id = ?').pluck().get(snapshotId)).toBe(count);
    expect(count).toBeGreaterThan(1000);
  });

  it('write the same income rows a year at a time as in one span of years', () => {
    const years = db.prepare('SELECT DISTINCT year FROM income WHERE snapshot_id = ? ORDER BY year').pluck().all(first) as number[];
    const rows = db.prepare('SELECT COUNT(*) FROM income WHERE snapshot_id = ?').pluck().get(first) as number;
    expect(years.length).toBeGreaterThan(2);
    expect(incomeYearSpans(db, first, rows)).toEqual([[years[0], years[years.length - 1]]]);
    const single = incomeYearSpans(db, first, 1);
    expect(single).toEqual(years.map((y) => [y, y]));
    db.transaction(() => {
      db.prepare('DELETE FROM pivot_income WHERE snapshot_id = ?').run(first);
      for (const span of single) buildIncomeFacts(db, first, span);
    })();
    expect(difference(`SELECT * FROM pivot_income WHERE snapshot_id = ?`, incomeSource(), first)).toEqual([]);
  });
});
