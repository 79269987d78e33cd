import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { makeTempDir } from './support/tempDir';
import { idWithCheck, smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('messy');
afterAll(() => tmp.remove());

const ID1 = idWithCheck('53099919800101001');
const ID2 = idWithCheck('53099919850202002');

/**
 * Every cosmetic variant of import-format.md in one workbook: title rows with an export date and
 * a 万元 unit line, a two-level header under merged cells, alias headers, full-width characters
 * and spaces, thousands separators, a trailing 元, Excel dates, YYYYMM, 2014年, a numeric 户编号
 * of 13 digits, a blank row and a 合计 row.
 */
async function messyWorkbook(path: string): Promise<void> {
  await writeWorkbook(path, {
    户信息表: [
      ['云岭县脱贫户信息表'],
      ['导出日期：2022-06-30'],
      [],
      ['户码', '县（市、区、旗）', '乡 (镇)', '村（社区）', '人　数', '户属性', '致贫原因', '建档立卡年度', '脱贫标识', '脱贫年度', '监测对象类别', '纳入监测', '风险消除', '风险是否已消除', '风险消除方式', '备注'],
      [null, null, null, null, null, null, null, null, null, null, null, '时间', '时间', null, null, null],
      [5309990000123, '云岭县', '城关镇', '东村', '２', '五保户', '因病', '2014年', '已脱贫', new Date(Date.UTC(2016, 11, 31)), '脱贫监测户', 202103, '2022年1月5日', '√', '帮扶消除', '随便写写'],
      [],
      ['H-002', '云岭县', '城关镇', '西村', 1, '一般贫困户', '因婚', 2015, '已脱贫（不再享受政策）', '2017', null, null, null, null, null, null],
      ['合计', null, null, null, 3],
    ],
    家庭成员: [
      ['户编号', '姓名', '身份证号', '性别', '出生日期', '劳动能力', '务工时间（月）'],
      [5309990000123, '张三', ID1, '男', new Date(Date.UTC(1980, 0, 1)), '普通劳动力', '６'],
      [5309990000123, '李四', ID2.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), null, null, '弱劳动力或半劳动力', 0],
      ['H-002', '王五', idWithCheck('53099919700303003'), '女', null, '无劳动力', null],
    ],
    收入情况: [
      ['收入情况表'],
      ['单位：万元'],
      ['户编号', '收入年度', '人口数', '工资性收入', '家庭经营性收入', '生产经营费用支出', '财产性收入', '转移性收入', '低保金', '五保金', '养老金', '人均纯收入'],
      [5309990000123, 2021, 2, '1,2', 0.5, 0.1, 0, null, 0.1, 0.2, 0.05, '8,750'],
      ['H-002', '2021年', 1, '１２,３４５元', '1000元', 0, 0, 0, 0, 0, 0, null],
      ['合　计', null, 3, 1.5],
    ],
  }, (wb) => {
    const ws = wb.getWorksheet('户信息表');
    // 纳入监测 / 风险消除 are merged over their 时间 sub-column in the real template.
    ws?.mergeCells('A4:A5');
    if (ws) ws.getCell('J6').numFmt = 'yyyy-mm-dd';
    // The 家庭成员 birth date is a real Excel date cell.
    const members = wb.getWorksheet('家庭成员');
    if (members) members.getCell('E2').numFmt = 'yyyy/m/d';
    // The 人均纯收入 column says 元 in its own header: a unit in the header beats the title line.
    const inc = wb.getWorksheet('收入情况');
    if (inc) inc.getCell('L3').value = '人均纯收入（元）';
  });
}

describe('a workbook with every messy variant of the spec', () => {
  it('imports the values as the export meant them', async () => {
    const file = tmp.path('messy.xlsx');
    await messyWorkbook(file);
    const db = openDatabase(tmp.path('messy.sqlite'));
    const r = await importSnapshot(db, file);
    expect(r.errors).toEqual([]);
    expect(r.counts).toMatchObject({ households: 2, persons: 3, incomeRows: 2 });
    expect(listSnapshots(db)[0]).toMatchObject({ countyName: '云岭县', asOf: '2022-06-30', eventsDerived: true });

    const h = db.prepare(`SELECT code, township, size, attribute, main_cause, identified_year, status, exit_year, mon_category, mon_date,
      elim_date, risk_eliminated, elim_method FROM household ORDER BY source_row`).all();
    expect(h).toEqual([
      { code: '5309990000123', township: '城关镇', size: 2, attribute: '特困供养贫困户', main_cause: '因病', identified_year: 2014,
        status: '已脱贫（享受政策）', exit_year: 2016, mon_category: '脱贫不稳定户', mon_date: '2021-03', elim_date: '2022-01-05',
        risk_eliminated: 1, elim_method: '帮扶消除' },
      { code: 'H-002', township: '城关镇', size: 1, attribute: '一般贫困户', main_cause: '因婚', identified_year: 2015,
        status: '已脱贫（不再享受政策）', exit_year: 2017, mon_category: null, mon_date: null, elim_date: null, risk_eliminated: null, elim_method: null },
    ]);
    const p = db.prepare('SELECT name, id_masked, birth_date, sex, labour, work_months FROM person ORDER BY source_row').all();
    expect(p).toEqual([
      { name: '张三', id_masked: `530999**********${ID1.slice(16)}`, birth_date: '1980-01-01', sex: '男', labour: '普通劳动力', work_months: 6 },
      { name: '李四', id_masked: `530999**********${ID2.slice(16)}`, birth_date: '1985-02-02', sex: '女', labour: '弱劳动力或半劳动力', work_months: 0 },
      { name: '王五', id_masked: '530999**********' + idWithCheck('53099919700303003').slice(16), birth_date: '1970-03-03', sex: '女', labour: '无劳动力', work_months: null },
    ]);
    const inc = db.prepare(`SELECT h.code, i.year, i.size, i.wage, i.business, i.business_cost, i.property, i.transfer, i.dibao, i.tekun, i.pension, i.net
      FROM income i JOIN household h ON h.id = i.household_id ORDER BY i.source_row`).all();
    expect(inc).toEqual([
      // 万元 from the title line: "1,2" → 12 万元 → 120,000 (the comma is a thousands separator), 0.5 → 5,000 …
      { code: '5309990000123', year: 2021, size: 2, wage: 120000, business: 5000, business_cost: 1000, property: 0, transfer: 3500,
        dibao: 1000, tekun: 2000, pension: 500, net: 127500 },
      // A cell that says 元 is in 元 whatever the sheet's unit.
      { code: 'H-002', year: 2021, size: 1, wage: 12345, business: 1000, business_cost: 0, property: 0, transfer: 0, dibao: 0, tekun: 0, pension: 0, net: 13345 },
    ]);
    const codes = r.warnings.map((w) => w.code);
    // 因婚 is kept and reported; the 备注 column is reported and skipped; 人均纯收入 8,750 元 ≠ 127,500 / 2: a mismatch.
    expect(codes).toContain('code.unknown');
    expect(r.warnings.find((w) => w.code === 'code.unknown')).toMatchObject({ sheet: '户信息表', row: 8, column: '致贫原因', value: '因婚' });
    expect(r.warnings.find((w) => w.code === 'column.unknown')).toMatchObject({ column: '备注' });
    expect(r.warnings.find((w) => w.code === 'income.perCapitaMismatch')).toMatchObject({ sheet: '收入情况', row: 4, value: '8750', expected: '63750' });
    db.close();
  });

  it('takes a header the user mapped by hand, which without the mapping is a missing column', async () => {
    const county = smallCounty();
    (county['户信息']?.[0] as unknown[])[7] = '户籍人口';
    const file = tmp.path('mapped.xlsx');
    await writeWorkbook(file, county);
    const db = openDatabase(tmp.path('mapped.sqlite'));
    const refused = await importSnapshot(db, file);
    expect(refused.errors.map((e) => e.code)).toEqual(['column.required']);
    expect(refused.warnings.find((w) => w.code === 'column.unknown')?.column).toBe('户籍人口');
    const mapped = await importSnapshot(db, file, { columnMapping: { 户信息: { 户籍人口: '家庭人口数' } } });
    expect(mapped.errors).toEqual([]);
    expect(db.prepare('SELECT size FROM household WHERE code = ?').get('H002')).toEqual({ size: 2 });
    db.close();
  });
});
