import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from '../../../electron/core/columns/eventColumns';
import { HOUSEHOLD_COLUMNS } from '../../../electron/core/columns/householdColumns';
import { INCOME_AMOUNTS, INCOME_COLUMNS } from '../../../electron/core/columns/incomeColumns';
import { MEASURE_COLUMNS } from '../../../electron/core/columns/measureColumns';
import { MEMBER_COLUMNS } from '../../../electron/core/columns/memberColumns';
import { templateHeaderOf, type SheetColumn } from '../../../electron/core/columns/sheetColumn';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import type { EventRow, HouseholdRow, MeasureRow, PersonRow } from '../../../electron/core/db/snapshotRows';
import { SnapshotWriter } from '../../../electron/core/db/snapshotWriter';
import { emptyIncomeRow, fillIncomeAmounts } from '../../../electron/core/import/incomeStore';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { csvLine } from '../../../electron/core/template/csvLine';
import { SHEET_NAMES } from '../../../electron/core/template/rowSource';
import { exampleCellsOf, headersOf, TEMPLATE_SHEETS } from '../../../electron/core/template/templateColumns';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tuopin-columns-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDb(): Db {
  return openDatabase(join(tempDir(), 'columns.sqlite'));
}

/** Columns the writer fills itself, not from a sheet's column. */
const WRITER_OWN = ['id', 'snapshot_id', 'source_row', 'derived'];

const TABLES: readonly [string, readonly SheetColumn[]][] = [
  ['household', HOUSEHOLD_COLUMNS], ['person', MEMBER_COLUMNS], ['income', INCOME_COLUMNS],
  ['measure', MEASURE_COLUMNS], ['event', EVENT_COLUMNS],
];

describe('the column tables', () => {
  it('name every column of the row tables the migrations create, and no other', () => {
    const db = freshDb();
    try {
      for (const [table, columns] of TABLES) {
        const inDb = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
          .map((c) => c.name).filter((n) => !WRITER_OWN.includes(n));
        expect([...columns.flatMap((c) => c.sql)].sort(), table).toEqual([...inDb].sort());
      }
    } finally {
      db.close();
    }
  });

  it('are what the writer binds: every stored column holds the field the table names', () => {
    const db = freshDb();
    try {
      const household: HouseholdRow = {
        code: 'H1', county: '青山县', township: '城关镇', village: '东坡村', areaCode: '532999101201', poorVillage: true,
        headName: '户主甲', headIdNumber: '12345', size: 4, type: '脱贫户', attribute: '一般贫困户', standard: '国家标准',
        mainCause: '因病', otherCauses: ['缺技术', '缺资金'], identifiedYear: 2014, status: '返贫', exitYear: 2017,
        returnYear: 2021, returnCause: '因灾', relocated: false, housing: '安全', safeWater: true,
        monitoringCategory: '脱贫不稳定户', monitoringDate: '2021-06', risks: ['因病', '因残', '因学'], riskEliminated: false,
        eliminationMethod: '帮扶消除', eliminationDate: '2022-11-30', plainValues: { cultivatedLand: 2.5 }, sourceRow: 5,
      };
      const person: PersonRow = {
        householdCode: 'H1', name: '成员乙', idNumber: '67890', sex: '女', birthDate: '1970-02-03', relation: '配偶',
        ethnicity: '彝族', education: '小学', schooling: '非在校生', health: '长期慢性病', labour: '弱劳动力或半劳动力',
        workStatus: '乡镇内务工', workMonths: 5, medicalInsurance: true, seriousIllnessInsurance: false, pensionInsurance: true,
        dibao: false, tekun: true, sourceRow: 6,
      };
      const measure: MeasureRow = {
        householdCode: 'H1', year: 2018, name: '就业帮扶', measureClass: '就业', content: '护林员', amount: 6000, sourceRow: 7,
      };
      const event: EventRow = { householdCode: 'H1', year: 2017, type: '脱贫', reason: '因灾', date: '2017-11-20', derived: false,
        sourceRow: 8 };
      const writer = SnapshotWriter.begin(db, {
        countyCode: null, countyName: '青山县', asOf: '2023-12-31', sourceName: 't', sourceSha256: '0', keepNames: true,
        eventsDerived: false,
      });
      writer.addHousehold(household);
      writer.addPerson(person);
      writer.addMeasure(measure);
      writer.addEvent(event);
      writer.commit(0);
      const rows: [string, readonly SheetColumn[], object][] = [
        ['household', HOUSEHOLD_COLUMNS, household], ['person', MEMBER_COLUMNS, person],
        ['measure', MEASURE_COLUMNS, measure], ['event', EVENT_COLUMNS, event],
      ];
      let checked = 0;
      for (const [table, columns, row] of rows) {
        const stored = db.prepare(`SELECT * FROM ${table}`).get() as Record<string, unknown>;
        const fields = row as Record<string, unknown>;
        for (const c of columns) {
          const plain = fields.plainValues as Record<string, unknown> | undefined;
          const value = c.field === null ? undefined : c.plain ? plain?.[c.field] ?? null : fields[c.field];
          const [sql] = c.sql;
          if (sql === undefined) continue;
          switch (c.kind) {
            case 'flag': expect(stored[sql], `${table}.${sql}`).toBe(value === null ? null : value ? 1 : 0); break;
            case 'list': {
              const list = value as string[];
              const n = /(\d)$/.exec(c.key);
              expect(stored[sql], `${table}.${sql}`).toBe(n ? list[Number(n[1]) - 1] ?? null : list.join('、'));
              break;
            }
            case 'household':
              if (table !== 'household') expect(stored[sql], `${table}.${sql}`).toBe(stored.household_id);
              else expect(stored[sql]).toBe(value);
              break;
            case 'headId': case 'memberId':
              // Digested: never the number itself.
              expect(Buffer.isBuffer(stored[sql]), `${table}.${sql}`).toBe(true);
              expect(JSON.stringify(stored)).not.toContain(String(value));
              break;
            default: expect(stored[sql], `${table}.${sql}`).toBe(value);
          }
          checked++;
        }
        expect(stored.source_row).toBe((row as { sourceRow: number }).sourceRow);
      }
      expect(checked).toBe(
        HOUSEHOLD_COLUMNS.length + MEMBER_COLUMNS.length + MEASURE_COLUMNS.length + EVENT_COLUMNS.length,
      );
    } finally {
      db.close();
    }
  });

  it('give the order the import holds income amounts in (the unrolled filler follows it)', () => {
    const row = emptyIncomeRow();
    fillIncomeAmounts(row, (k) => 100 + k);
    INCOME_AMOUNTS.forEach((field, k) => expect(row[field], field).toBe(100 + k));
    expect(
      Object.keys(row).filter((f) => (INCOME_AMOUNTS as readonly string[]).includes(f)),
    ).toHaveLength(INCOME_AMOUNTS.length);
  });

  it('give the template its headers, and an example row the import takes without an error', async () => {
    for (const sheet of SHEET_NAMES) expect(headersOf(sheet)).toEqual(
      TEMPLATE_SHEETS[sheet].columns.map(templateHeaderOf),
    );
    const folder = join(tempDir(), 'example');
    mkdirSync(folder);
    for (const sheet of SHEET_NAMES) {
      writeFileSync(join(folder, `${sheet}.csv`), `\ufeff${csvLine(headersOf(sheet))}${csvLine(exampleCellsOf(sheet))}`);
    }
    const db = freshDb();
    try {
      const result = await importSnapshot(db, folder, { writeMode: 'inline' });
      expect(result.errors).toEqual([]);
      expect(result.counts).toMatchObject({ households: 1, persons: 1, incomeRows: 1, measureRows: 1, eventRows: 1 });
      // The example ID is masked already, so the only warnings are about it.
      expect(result.warnings.map((w) => w.code).filter((c) => !c.startsWith("id."))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
