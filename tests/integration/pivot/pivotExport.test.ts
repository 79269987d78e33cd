import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpecInput } from '../../../shared/api/pivot';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import type { ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';
import { deliveredFile } from '../../../electron/core/delivery/deliveries';
import type { Delivery } from '../../../shared/api/delivery';
import { neutralise } from '../../../shared/format/neutralise';
import { PIVOT_COUNTY, tempCounty, type TempDb } from '../../unit/pivot/support/pivotCounty';

const FORMULA = '=HYPERLINK("http://example.invalid","点我")';

let county: TempDb;
let ctx: ServiceContext;
beforeAll(() => {
  county = tempCounty([...PIVOT_COUNTY, { code: 'X1', township: FORMULA, village: '+1-2', size: 2, status: '未脱贫' }]);
  ctx = { db: county.db, databasePath: county.path, jobs: new JobRunner(), host: 'http', workDir: county.dir };
});
afterAll(() => county.close());

const SPEC: PivotSpecInput = {
  rows: ['township'], columns: ['householdType', 'status'],
  values: [{ measure: 'persons' }, { measure: 'persons', share: 'grand' }],
  totals: true,
};

/** Exports through the service and copies the delivered file to `file` (what the save dialog does). */
async function exported(method: string, file: string): Promise<{ rows: number; bytes: number; delivery: Delivery }> {
  const r = await dispatch(ctx, method, { spec: SPEC, title: '乡镇×户类型×脱贫状态 人口' });
  if (!r.ok) throw new Error(r.error.message);
  const out = r.data as { rows: number; bytes: number; delivery: Delivery };
  const delivered = deliveredFile(ctx.workDir, out.delivery.id);
  if (!delivered) throw new Error('no delivered file');
  copyFileSync(delivered.path, file);
  return out;
}

function text(v: ExcelJS.CellValue): string {
  return v === null || v === undefined ? '' : String(v);
}

describe('pivot.exportXlsx', () => {
  it('writes the 口径 block above a table with merged multi-level headers, number formats and neutralised text', async () => {
    const file = join(county.dir, 'pivot.xlsx');
    const out = await exported('pivot.exportXlsx', file);
    expect(out.delivery.fileName).toMatch(/^透视分析-\d{8}-\d{6}\.xlsx$/);
    expect(out.delivery.bytes).toBe(out.bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('透视分析');
    if (!sheet) throw new Error('no sheet');
    const column1: string[] = [];
    let headerTop = 0;
    sheet.eachRow((row, n) => {
      column1.push(text(row.getCell(1).value));
      if (row.getCell(1).value === '乡镇' && headerTop === 0) headerTop = n;
    });
    expect(column1[0]).toBe('乡镇×户类型×脱贫状态 人口');
    expect(column1.some((t) => t.startsWith('统计对象：') && t.includes('测试县'))).toBe(true);
    expect(column1.some((t) => t.startsWith('人数占比：'))).toBe(true);
    // A measure's 口径 names it once: not "人数：人数：…"
    expect(column1).toContain('人数：户信息中的现家庭人口数之和');
    expect(column1.filter((t) => /^([^：]+)：\1[：（]/.test(t))).toEqual([]);
    expect(column1.some((t) => t.startsWith('贫困线标准：'))).toBe(true);

    expect(headerTop).toBeGreaterThan(column1.indexOf('乡镇'));
    // 乡镇 spans the three header rows; 脱贫户 spans its statuses × 2 values; each status spans its 2 values;
    // the grand-total column group spans the two key rows
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain(`A${headerTop}:A${headerTop + 2}`);
    const typeRow = sheet.getRow(headerTop);
    const registered = [...Array(typeRow.cellCount).keys()].map((i) => typeRow.getCell(i + 1)).find((c) => c.value === '脱贫户');
    expect(registered).toBeDefined();
    const col = Number(registered?.col);
    // statuses of 脱贫户 in the data: 未脱贫, 享受, 不再享受, 返贫, plus their 合计 column → 5 × 2 values
    const span = merges.find((m) => m.startsWith(`${sheet.getColumn(col).letter}${headerTop}:`));
    expect(span).toBe(`${sheet.getColumn(col).letter}${headerTop}:${sheet.getColumn(col + 9).letter}${headerTop}`);
    expect(sheet.getRow(headerTop + 1).getCell(col).value).toBe('未脱贫');
    expect(sheet.getRow(headerTop + 2).getCell(col).value).toBe('人数');
    expect(sheet.getRow(headerTop + 2).getCell(col + 1).value).toBe('人数占比');
    const last = sheet.getColumn(col + 15).letter;
    expect(sheet.getRow(headerTop).getCell(col + 14).value).toBe('合计');
    expect(merges).toContain(`${sheet.getColumn(col + 14).letter}${headerTop}:${last}${headerTop + 1}`);

    const body: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => { if (n > headerTop + 2) body.push(row); });
    const labels = body.map((r) => text(r.getCell(1).value));
    expect(labels).toContain(`'${FORMULA}`);
    expect(labels).not.toContain(FORMULA);
    // The grand total row says 合计, as the page does
    expect(labels[labels.length - 1]).toBe('合计');
    expect(labels).not.toContain('总计');
    const chengguan = body.find((r) => r.getCell(1).value === '城关镇');
    expect(chengguan?.getCell(col + 2).value).toBe(4); // 城关镇 · 脱贫户 · 享受政策: H1 3 + H2 1
    expect(chengguan?.getCell(col + 2).numFmt).toBe('#,##0');
    expect(chengguan?.getCell(col + 3).value).toBeCloseTo(4 / 22, 12);
    expect(chengguan?.getCell(col + 3).numFmt).toBe('0.0%');
  });
});

describe('pivot.exportCsv', () => {
  it('writes UTF-8 with a BOM, the 口径 lines, flattened headers and neutralised text', async () => {
    const file = join(county.dir, 'pivot.csv');
    await exported('pivot.exportCsv', file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = bytes.toString('utf8').slice(1);
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('乡镇×户类型×脱贫状态 人口');
    expect(lines.some((l) => l.startsWith('统计对象：'))).toBe(true);
    const header = lines.find((l) => l.startsWith('乡镇,'));
    expect(header).toContain('脱贫户 / 已脱贫（享受政策） / 人数');
    expect(header).toContain('合计 / 人数占比');
    expect(header).not.toContain('合计 / 合计');
    expect(content).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    expect(lines.find((l) => l.startsWith('城关镇,'))?.split(',').length).toBe(header?.split(',').length);
  });

  it('neutralises each formula-leading character and nothing else', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '城关镇', '0–15岁'].map(neutralise)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tx", '城关镇', '0–15岁']);
  });
});
