import { readFileSync, writeFileSync } from 'node:fs';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { dbState } from './support/dbState';
import { makeTempDir } from './support/tempDir';
import { type SheetRows, smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('refuse');
let db: Db;
let good: string;

beforeAll(async () => {
  db = openDatabase(tmp.path('existing.sqlite'));
  good = tmp.path('good.xlsx');
  await writeWorkbook(good, smallCounty());
  const r = await importSnapshot(db, good);
  expect(r.snapshotId).not.toBeNull();
});
afterAll(() => {
  db.close();
  tmp.remove();
});

/** A county with one change to one sheet. */
function edited(edit: (sheets: Record<string, SheetRows>) => void): Record<string, SheetRows> {
  const sheets = smallCounty();
  edit(sheets);
  return sheets;
}

async function expectRefused(file: string, code: string, message: RegExp): Promise<void> {
  const before = dbState(db);
  const r = await importSnapshot(db, file);
  expect(r.snapshotId).toBeNull();
  const error = r.errors.find((e) => e.code === code);
  expect(error, JSON.stringify(r.errors)).toBeDefined();
  expect(error?.message).toMatch(message);
  expect(dbState(db)).toEqual(before);
}

describe('refused imports leave the database exactly as it was', () => {
  it('a file that is not a workbook', async () => {
    const file = tmp.path('notes.xlsx');
    writeFileSync(file, '这不是工作簿，只是一段文字。\n');
    await expectRefused(file, 'file.notWorkbook', /不是 Excel 工作簿/);
  });

  it('a zip that holds neither a workbook nor CSV files', async () => {
    const file = tmp.path('other.zip');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('hello'), 'readme.txt');
    zip.end();
    await new Promise<void>((resolve) => { zip.outputStream.pipe(createWriteStream(file)).on('close', () => resolve()); });
    await expectRefused(file, 'file.notWorkbook', /不是 Excel 工作簿/);
  });

  it('an old .xls workbook', async () => {
    const file = tmp.path('old.xls');
    writeFileSync(
      file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    );
    await expectRefused(file, 'file.legacyXls', /另存为/);
  });

  it('a truncated .xlsx', async () => {
    const bytes = readFileSync(good);
    const file = tmp.path('cut.xlsx');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(file, 'file.truncated', /不完整|截断/);
  });

  it('an empty file', async () => {
    const file = tmp.path('empty.xlsx');
    writeFileSync(file, '');
    await expectRefused(file, 'file.empty', /空文件/);
  });

  it('an 18-digit ID stored as a number', async () => {
    const file = tmp.path('id-number.xlsx');
    await writeWorkbook(file, edited((s) => { (s['家庭成员']?.[2] as unknown[])[2] = Number('530999198001010020'); }));
    await expectRefused(file, 'key.numberFormatted', /超过 15 位.*文本/);
  });

  it('a duplicate 户编号', async () => {
    const file = tmp.path('dup.xlsx');
    await writeWorkbook(file, edited((s) => { (s['户信息']?.[3] as unknown[])[0] = 'H001'; }));
    await expectRefused(file, 'household.duplicate', /户编号 H001 重复，第 2 行已有/);
  });

  it('a member of an unknown household', async () => {
    const file = tmp.path('orphan.xlsx');
    await writeWorkbook(file, edited((s) => { (s['家庭成员']?.[5] as unknown[])[0] = 'H999'; }));
    await expectRefused(file, 'household.unknown', /家庭成员第 6 行：户编号 H999 在户信息中不存在/);
  });

  it('income of an unknown household, and the same household-year twice', async () => {
    const file = tmp.path('income.xlsx');
    await writeWorkbook(file, edited((s) => {
      (s['收入情况']?.[1] as unknown[])[0] = 'H404';
      (s['收入情况'] as SheetRows).push(['H002', 2020, 2, 1, 1, 1, 1, 1, 1, 1]);
    }));
    await expectRefused(file, 'household.unknown', /收入情况第 2 行：户编号 H404/);
    await expectRefused(file, 'income.duplicate', /H002 的 2020 年收入与第 5 行重复/);
  });

  it('a missing required column', async () => {
    const file = tmp.path('no-size.xlsx');
    await writeWorkbook(file, edited((s) => {
      for (const row of s['户信息'] as SheetRows) row.splice(7, 1);
    }));
    await expectRefused(file, 'column.required', /缺少必需的列「家庭人口数」/);
  });

  it('a household size that is not a whole number ≥ 1', async () => {
    const file = tmp.path('size.xlsx');
    await writeWorkbook(file, edited((s) => { (s['户信息']?.[1] as unknown[])[7] = 0; }));
    await expectRefused(file, 'integer.invalid', /家庭人口数」应为≥ 1 的整数/);
  });

  it('two counties in one snapshot', async () => {
    const file = tmp.path('two.xlsx');
    await writeWorkbook(file, edited((s) => { (s['户信息']?.[3] as unknown[])[1] = '邻县'; }));
    await expectRefused(file, 'county.multiple', /只能是一个县.*云岭县.*邻县/);
  });

  it('a workbook without a 户信息 sheet', async () => {
    const file = tmp.path('no-households.xlsx');
    await writeWorkbook(file, edited((s) => { delete s['户信息']; }));
    await expectRefused(file, 'sheet.householdsMissing', /找不到「户信息」表/);
  });
});
