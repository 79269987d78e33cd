import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { idHashSecret } from '../../../electron/core/identity/idSecret';
import type { HouseholdRow, IncomeRow, PersonRow, SnapshotMeta } from '../../../electron/core/db/snapshotRows';
import { SnapshotWriter } from '../../../electron/core/db/snapshotWriter';
import { hashIdNumber, parseIdNumber } from '../../../electron/core/identity/idNumber';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { writeCsvFolder } from './support/csvFiles';
import { dbState } from './support/dbState';
import { makeTempDir } from './support/tempDir';
import { type SheetRows, HOUSEHOLD_HEADER, INCOME_HEADER, MEMBER_HEADER, idWithCheck } from './support/workbooks';

const tmp = makeTempDir('bulk');
afterAll(() => tmp.remove());

const ROW_TABLES = ['household', 'person', 'income', 'measure', 'event'];

function rowTableIndexes(db: Db): { name: string; sql: string }[] {
  return db.prepare(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${ROW_TABLES.map(() => '?').join(',')}) ORDER BY name`,
  ).all(...ROW_TABLES) as { name: string; sql: string }[];
}

function meta(name: string): SnapshotMeta {
  return { countyCode: '530999', countyName: '云岭县', asOf: '2023-12-31', sourceName: name, sourceSha256: name, keepNames: true, eventsDerived: false };
}

function household(code: string, village: string): HouseholdRow {
  return {
    code, county: '云岭县', township: '城关镇', village, areaCode: null, poorVillage: null, headName: null, headIdNumber: null, size: 1,
    type: '脱贫户', attribute: null, standard: null, mainCause: null, otherCauses: [], identifiedYear: 2014, status: null, exitYear: null,
    returnYear: null, returnCause: null, relocated: null, housing: null, safeWater: null, monitoringCategory: null,
    monitoringDate: null,
    risks: [], riskEliminated: null, eliminationMethod: null, eliminationDate: null, sourceRow: null,
  };
}

function person(householdCode: string, name: string, n: number): PersonRow {
  return {
    householdCode, name, idNumber: idWithCheck(`530999198001${String(n).padStart(5, '0')}`), sex: null, birthDate: null, relation: '户主',
    ethnicity: null, education: null, schooling: null, health: null, labour: null, workStatus: null, workMonths: null,
    medicalInsurance: null, seriousIllnessInsurance: null, pensionInsurance: null, dibao: null, tekun: null,
    sourceRow: null,
  };
}

function income(householdCode: string, year: number): IncomeRow {
  return {
    householdCode, year, size: 1, wage: 5000, business: null, businessCost: null, property: null, transfer: null,
    familyPlanning: null,
    dibao: null, tekun: null, pension: null, eco: null, otherTransfer: null, sourceRow: null,
  };
}

/** n households of one member and two income years, as a CSV folder. */
function csvCounty(dir: string, n: number): void {
  const households: SheetRows = [[...HOUSEHOLD_HEADER]];
  const members: SheetRows = [[...MEMBER_HEADER]];
  const incomeRows: SheetRows = [[...INCOME_HEADER]];
  for (let i = 0; i < n; i++) {
    const code = `H${String(i).padStart(6, '0')}`;
    const id = idWithCheck(`530999198001${String(i).padStart(5, '0')}`.slice(0, 17));
    households.push([code, '云岭县', '城关镇', i % 2 ? '东村' : '西村', '530999100201', `户主${i}`, id, 1, '脱贫户', '一般贫困户', '因病', 2014, '已脱贫（享受政策）', 2016, null, null]);
    members.push([code, `户主${i}`, id, null, '户主', '普通劳动力']);
    for (const y of [2019, 2020]) incomeRows.push([code, y, 1, 5000, 1000, 200, 0, 800, 300, 0]);
  }
  writeCsvFolder(dir, { 户信息: households, 家庭成员: members, 收入情况: incomeRows }, 'utf8');
}

describe('a bulk write (indexes set aside, built again before COMMIT)', () => {
  it('leaves the schema, the foreign-key switch and the query plans as a fresh database has them', async () => {
    const fresh = openDatabase(tmp.path('fresh.sqlite'));
    const { schema, cacheSize } = dbState(fresh);
    fresh.close();

    const dir = tmp.path('county-csv');
    csvCounty(dir, 3000);
    const db = openDatabase(tmp.path('bulk.sqlite'));
    const r = await importSnapshot(db, dir);
    expect(r.snapshotId).toBe(1);
    expect(r.counts).toMatchObject({ households: 3000, persons: 3000, incomeRows: 6000 });
    expect(dbState(db).schema).toEqual(schema);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The rebuilt indexes hold every row and serve their queries.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM person WHERE snapshot_id = ? AND id_hash = ?`).all(1, Buffer.alloc(16)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/person_id_hash/);
    expect((db.prepare(`SELECT count(*) AS n FROM income INDEXED BY income_year_cover WHERE snapshot_id = 1 AND year = 2020`).get() as { n: number }).n).toBe(3000);
    // The head's hash is computed once and used for both rows: each household's head is its member.
    expect((db.prepare(`SELECT count(*) AS n FROM household h JOIN person p ON p.household_id = h.id AND p.id_hash = h.head_id_hash`)
      .get() as { n: number }).n).toBe(3000);
    expect((db.prepare(`SELECT count(DISTINCT id_hash) AS n FROM person`).get() as { n: number }).n).toBe(3000);
    const id = idWithCheck(`530999198001${String(1234).padStart(5, '0')}`);
    expect((db.prepare(`SELECT p.id_hash FROM person p JOIN household h ON h.id = p.household_id WHERE h.code = 'H001234'`).get() as { id_hash: Buffer }).id_hash)
      .toEqual(hashIdNumber(idHashSecret(db), parseIdNumber(id)));
    // Two villages, one township: area rows once each, whatever the number of households.
    expect(db.prepare(`SELECT level, name FROM area ORDER BY level, name`).all()).toEqual([
      { level: 'township', name: '城关镇' }, { level: 'village', name: '东村' }, { level: 'village', name: '西村' },
    ]);
    db.close();
  });

  it('is chosen only when the write is large beside what the file already holds', () => {
    const db = openDatabase(tmp.path('choice.sqlite'));
    const cacheSize = db.pragma('cache_size', { simple: true });
    const first = SnapshotWriter.begin(db, meta('a'), { expectedRows: 10 });
    // An empty file: every secondary index of the row tables is set aside, inside the transaction.
    expect(first.droppedIndexes.length).toBeGreaterThan(5);
    expect(rowTableIndexes(db)).toEqual([]);
    expect(db.pragma('cache_size', { simple: true })).not.toBe(cacheSize);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(0);
    for (let i = 0; i < 100; i++) {
      first.addHousehold(household(`H${i}`, '东村'));
      first.addPerson(person(`H${i}`, `人${i}`, i));
      first.addIncome(income(`H${i}`, 2020));
    }
    first.commit(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    const indexes = rowTableIndexes(db);
    expect(indexes.map((i) => i.name).sort()).toEqual([...first.droppedIndexes].sort());

    // 300 rows stored: a write of 10 keeps the indexes (and the foreign-key checks) as they are.
    const small = SnapshotWriter.begin(db, meta('b'), { expectedRows: 10 });
    expect(small.droppedIndexes).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    small.rollback();
    // Without a row count the writer cannot judge: no bulk write.
    const unknown = SnapshotWriter.begin(db, meta('c'));
    expect(unknown.droppedIndexes).toEqual([]);
    unknown.rollback();
    expect(rowTableIndexes(db)).toEqual(indexes);
    db.close();
  });

  it('a failure while the indexes are built again rolls everything back and leaves the file as it was', () => {
    const db = openDatabase(tmp.path('fails-at-commit.sqlite'));
    // A unique index of the user's own on the member names: two members of the same name make
    // its rebuild fail at commit time (row by row it would have failed at the insert).
    db.exec(`CREATE UNIQUE INDEX test_unique_person_name ON person(snapshot_id, name)`);
    const before = dbState(db);
    const writer = SnapshotWriter.begin(db, meta('dup'), { expectedRows: 1000 });
    expect(writer.droppedIndexes).toContain('test_unique_person_name');
    writer.addHousehold(household('H1', '东村'));
    writer.addPerson(person('H1', '张三', 1));
    writer.addPerson(person('H1', '张三', 2));
    expect(() => writer.commit(0)).toThrow(/UNIQUE/);
    expect(db.inTransaction).toBe(false);
    expect(dbState(db)).toEqual(before);
    // The writer is closed: a late rollback (as writeSnapshot's catch does) is harmless.
    writer.rollback();
    expect(dbState(db)).toEqual(before);
    db.close();
  });
});
