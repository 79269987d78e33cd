import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdRow, PersonRow } from '../../../electron/core/db/snapshotRows';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import type { DemoHousehold } from '../../../electron/core/demo/demoHousehold';
import { demoRowSource } from '../../../electron/core/demo/demoRowSource';
import { rowSourceOf } from '../../../electron/core/template/rowSource';
import { writeTemplateCsv } from '../../../electron/core/template/writeTemplateCsv';
import { writeTemplateWorkbook } from '../../../electron/core/template/writeTemplateWorkbook';

/** The canonical headers of import-format.md, written out here as the contract the import reads. */
const HEADERS: Record<string, string[]> = {
  户信息: [
    '户编号', '县', '乡镇', '行政村', '行政区划代码', '是否贫困村', '户主姓名', '户主证件号码', '家庭人口数', '户类型', '贫困户属性',
    '识别标准', '主要致贫原因', '其他致贫原因', '识别年度', '脱贫状态', '脱贫年度', '返贫年度', '返贫原因', '是否易地扶贫搬迁',
    '住房安全等级', '是否解决安全饮水', '监测对象类别', '纳入监测时间', '致贫返贫风险1', '致贫返贫风险2', '致贫返贫风险3',
    '致贫返贫风险4', '致贫返贫风险5', '风险是否已消除', '风险消除方式', '风险消除时间', '耕地面积（亩）',
  ],
  家庭成员: [
    '户编号', '姓名', '证件号码', '性别', '出生日期', '与户主关系', '民族', '文化程度', '在校生状况', '健康状况', '劳动技能', '务工状况',
    '务工时间（月）', '是否参加城乡居民基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '是否享受低保', '是否特困供养人员',
  ],
  收入情况: [
    '户编号', '年度', '家庭人口数', '工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入', '计划生育金', '低保金',
    '特困供养金', '养老保险金', '生态补偿金', '其他转移性收入', '纯收入', '人均纯收入',
  ],
  帮扶措施: ['户编号', '年度', '措施类别', '措施内容', '金额（元）'],
  状态变化: ['户编号', '年度', '变化类型', '原因', '日期'],
  村情: ['行政区划代码', '乡镇', '行政村', '是否贫困村', '出列年度', '年度', '村集体经济收入（万元）'],
};

const dir = mkdtempSync(join(tmpdir(), 'tuopin-demo-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const county = demoCounty({ households: 150, seed: 5 });
let rows: DemoHousehold[] = [];
beforeAll(() => {
  rows = [...county.householdRows()];
});

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  const values = sheet.getRow(n).values as unknown[];
  return values.slice(1);
}

describe('writeTemplateWorkbook', () => {
  it('writes the six sheets with a title block, the canonical headers and every row', async () => {
    const file = join(dir, 'county.xlsx');
    const counts = await writeTemplateWorkbook(demoRowSource(county), file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['户信息', '家庭成员', '收入情况', '帮扶措施', '状态变化', '村情']);
    for (const sheet of workbook.worksheets) {
      expect(rowValues(sheet, 1)).toEqual([`青山县${sheet.name === '户信息' ? '脱贫户信息表' : sheet.name === '家庭成员' ? '家庭成员信息表' : `${sheet.name}表`}`]);
      expect(rowValues(sheet, 2)).toEqual(['导出日期：2023-12-31']);
      expect(rowValues(sheet, 3)).toEqual(HEADERS[sheet.name]);
      expect(sheet.actualRowCount - 3).toBe(counts[sheet.name as keyof typeof counts]);
    }
    expect(counts).toEqual({
      户信息: 150,
      家庭成员: rows.reduce((a, h) => a + h.persons.length, 0),
      收入情况: rows.reduce((a, h) => a + h.incomes.length, 0),
      帮扶措施: rows.reduce((a, h) => a + h.measures.length, 0),
      状态变化: rows.reduce((a, h) => a + h.events.length, 0),
      村情: county.villages.length,
    });

    const households = workbook.getWorksheet('户信息') as ExcelJS.Worksheet;
    const first = rows[0]?.household as HouseholdRow;
    const cells = rowValues(households, 4);
    expect(cells[0]).toBe(first.code);
    expect(typeof cells[0]).toBe('string');
    expect(cells[7]).toBe(first.headIdNumber);
    expect(typeof cells[7]).toBe('string');
    expect(cells[8]).toBe(first.size);
    expect(cells[4]).toBe(first.areaCode);
    expect(cells[5]).toBe(first.poorVillage ? '是' : '否');

    const persons = workbook.getWorksheet('家庭成员') as ExcelJS.Worksheet;
    for (let r = 4; r < 4 + 20; r++) {
      const id = persons.getRow(r).getCell(3).value;
      expect(typeof id).toBe('string');
      expect(id as string).toMatch(/^\d{17}[\dX]$/);
    }

    const income = workbook.getWorksheet('收入情况') as ExcelJS.Worksheet;
    const i0 = rows[0]?.incomes[0];
    const incomeCells = rowValues(income, 4);
    expect(incomeCells.slice(0, 3)).toEqual([i0?.householdCode, i0?.year, i0?.size]);
    const net = (incomeCells[3] as number) + (incomeCells[4] as number) - (incomeCells[5] as number)
      + (incomeCells[6] as number) + (incomeCells[7] as number);
    expect(incomeCells[14]).toBe(net);
    expect(incomeCells[15]).toBeCloseTo(net / (incomeCells[2] as number), 2);

    const villages = workbook.getWorksheet('村情') as ExcelJS.Worksheet;
    const v0 = county.villages[0];
    expect(rowValues(villages, 4)[6]).toBe((v0?.collectiveIncome ?? 0) / 10000);
  });

  it('writes only the sheets a source has, and can leave the title rows out', async () => {
    const household = rows[0]?.household as HouseholdRow;
    const file = join(dir, 'households-only.xlsx');
    await writeTemplateWorkbook(rowSourceOf({ countyName: '测试县', exportDate: '2023-06-30', households: [household] }), file, { titleRows: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['户信息']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(rowValues(sheet, 1)).toEqual(HEADERS['户信息']);
    expect(rowValues(sheet, 2)[0]).toBe(household.code);
  });

  it('writes month-only dates as YYYYMM and several risks in their own columns', async () => {
    const base = rows.find((h) => h.household?.monitoringCategory)?.household as HouseholdRow;
    const variant: HouseholdRow = { ...base, monitoringDate: '2021-05', risks: ['因病', '因残', '因学', '缺劳动力', '其他'], eliminationDate: null };
    const file = join(dir, 'variant.xlsx');
    await writeTemplateWorkbook(rowSourceOf({ countyName: '测试县', exportDate: '2023-06-30', households: [variant] }), file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells = rowValues(workbook.worksheets[0] as ExcelJS.Worksheet, 4);
    expect(cells[23]).toBe('202105');
    expect(cells.slice(24, 29)).toEqual(['因病', '因残', '因学', '缺劳动力', '其他']);
  });
});

describe('writeTemplateCsv', () => {
  it('writes one UTF-8 file with BOM per sheet, headers first, every row', async () => {
    const out = join(dir, 'csv');
    const counts = await writeTemplateCsv(demoRowSource(county), out);
    expect(readdirSync(out).sort()).toEqual(['家庭成员.csv', '帮扶措施.csv', '户信息.csv', '收入情况.csv', '村情.csv', '状态变化.csv'].sort());
    for (const [sheet, headers] of Object.entries(HEADERS)) {
      const bytes = readFileSync(join(out, `${sheet}.csv`));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parse(bytes.toString('utf8').slice(1)) as string[][];
      expect(records[0]).toEqual(headers);
      expect(records.length - 1).toBe(counts[sheet as keyof typeof counts]);
    }
    const persons = parse(readFileSync(join(out, '家庭成员.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    const p0 = rows[0]?.persons[0] as PersonRow;
    expect(persons[0]).toMatchObject({ 户编号: p0.householdCode, 证件号码: p0.idNumber, 姓名: p0.name, 出生日期: p0.birthDate, 与户主关系: '户主' });
  });

  it('quotes fields with commas, quotes and line breaks, and writes title rows when asked', async () => {
    const household = rows[0]?.household as HouseholdRow;
    const person: PersonRow = { ...(rows[0]?.persons[0] as PersonRow), name: '王"小,明"\n二' };
    const out = join(dir, 'csv-variant');
    await writeTemplateCsv(rowSourceOf({ countyName: '测试县', exportDate: '2023-06-30', households: [household], persons: [person] }), out, { titleRows: true });
    expect(readdirSync(out).sort()).toEqual(['家庭成员.csv', '户信息.csv'].sort());
    const records = parse(readFileSync(join(out, '家庭成员.csv'), 'utf8').slice(1), { relax_column_count: true }) as string[][];
    expect(records[0]).toEqual(['测试县家庭成员信息表']);
    expect(records[1]).toEqual(['导出日期：2023-06-30']);
    expect(records[2]).toEqual(HEADERS['家庭成员']);
    expect(records[3]?.[1]).toBe('王"小,明"\n二');
    expect(records[3]?.[2]).toBe(person.idNumber);
  });
});
