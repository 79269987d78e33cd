import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../../electron/core/demo/demoRowSource';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { writeTemplateWorkbook } from '../../../electron/core/template/writeTemplateWorkbook';
import { snapshotContents as contents } from './support/snapshotContents';
import { makeTempDir } from './support/tempDir';
import { INCOME_HEADER, smallCounty, writeWorkbook } from './support/workbooks';

/**
 * A county too large for one Excel sheet (the 300,000-household county has 2.07 million income
 * rows, Excel holds 1,048,576) arrives with the sheet continued on 收入情况(2) …, each part with its
 * own title rows and header, as a statistician splits such an export.
 */
const tmp = makeTempDir('continued');
afterAll(() => tmp.remove());

describe('a sheet continued on further sheets', () => {
  const options = { households: 120, seed: 5 };

  it('the writer splits at the row limit and the import reads the parts as one table', async () => {
    const db = openDatabase(tmp.path('continued.sqlite'));
    const demo = await writeDemoSnapshot(db, options);
    const file = tmp.path('split.xlsx');
    // 3 title/header rows + 97 data rows per sheet: 家庭成员 and 收入情况 need several sheets each.
    const counts = await writeTemplateWorkbook(demoRowSource(demoCounty(options)), file, { maxSheetRows: 100 });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const names = workbook.worksheets.map((w) => w.name);
    const incomeParts = Math.ceil((counts.收入情况 ?? 0) / 97);
    expect(incomeParts).toBeGreaterThan(2);
    expect(names.filter((n) => n.startsWith('收入情况')))
      .toEqual(Array.from({ length: incomeParts }, (_, k) => (k === 0 ? '收入情况' : `收入情况(${k + 1})`)));
    for (const ws of workbook.worksheets) expect(ws.actualRowCount).toBeLessThanOrEqual(100);
    const second = workbook.getWorksheet('收入情况(2)') as ExcelJS.Worksheet;
    expect((second.getRow(3).values as unknown[]).slice(1)).toEqual(
      (workbook.getWorksheet('收入情况')?.getRow(3).values as unknown[]).slice(1));

    const r = await importSnapshot(db, file);
    expect(r.errors).toEqual([]);
    expect(r.counts).toEqual(demo.counts);
    const expected = contents(db, demo.snapshotId);
    const got = contents(db, r.snapshotId as number);
    for (const table of Object.keys(expected)) expect(got[table], table).toEqual(expected[table]);
    db.close();
  });

  it('a row on a continuation sheet is located on that sheet, not on the first', async () => {
    const db = openDatabase(tmp.path('located.sqlite'));
    const sheets = smallCounty();
    const file = tmp.path('located.xlsx');
    // 收入情况(2): the 2021 rows, one of them repeating H001 2020 of the first sheet, one of an unknown household.
    await writeWorkbook(file, {
      ...sheets,
      '收入情况(2)': [['云岭县收入情况表（续）'], [...INCOME_HEADER],
        ['H001', 2021, 2, 9500, 2000, 500, 100, 600, 600, 0],
        ['H001', 2020, 2, 9000, 2000, 500, 100, 600, 600, 0],
        ['H009', 2021, 1, 100, 0, 0, 0, 0, 0, 0]],
    });
    const r = await importSnapshot(db, file);
    expect(r.snapshotId).toBeNull();
    const duplicate = r.errors.find((e) => e.code === 'income.duplicate');
    expect(duplicate).toMatchObject({ sheet: '收入情况(2)', row: 4, column: '年度' });
    expect(duplicate?.message).toBe('「收入情况(2)」第 4 行：户 H001 的 2020 年收入与「收入情况」第 3 行重复。');
    const unknown = r.errors.find((e) => e.code === 'household.unknown');
    expect(unknown).toMatchObject({ sheet: '收入情况(2)', row: 5, column: '户编号' });
    expect(unknown?.message).toBe('「收入情况(2)」第 5 行：户编号 H009 在户信息中不存在。');
    db.close();
  });
});
