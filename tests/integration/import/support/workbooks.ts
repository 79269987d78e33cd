import ExcelJS from 'exceljs';

export type SheetRows = (string | number | Date | boolean | null)[][];

/** Writes a workbook of the given sheets (rows as given, title rows included) with exceljs. */
export async function writeWorkbook(path: string, sheets: Record<string, SheetRows>,
  decorate?: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  decorate?.(wb);
  await wb.xlsx.writeFile(path);
}

/** A valid 18-digit ID with its check digit, from a 17-digit stem. */
export function idWithCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (w[i] as number);
  return first17 + ('10X98765432'[sum % 11] as string);
}

export const HOUSEHOLD_HEADER = ['户编号', '县', '乡镇', '行政村', '行政区划代码', '户主姓名', '户主证件号码', '家庭人口数', '户类型', '贫困户属性',
  '主要致贫原因', '识别年度', '脱贫状态', '脱贫年度', '返贫年度', '返贫原因'];
export const MEMBER_HEADER = ['户编号', '姓名', '证件号码', '性别', '与户主关系', '劳动技能'];
export const INCOME_HEADER = ['户编号', '年度', '家庭人口数', '工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入',
  '低保金', '特困供养金'];

/** A small valid county: three households, five members, income 2019–2020. */
export function smallCounty(): Record<string, SheetRows> {
  const id = (n: number) => idWithCheck(`53099919800101${String(n).padStart(3, "0")}`);
  return {
    户信息: [[...HOUSEHOLD_HEADER],
      ['H001', '云岭县', '城关镇', '东村', '530999100201', '甲', id(1), 2, '脱贫户', '一般贫困户', '因病', 2014, '已脱贫（享受政策）', 2016, null, null],
      ['H002', '云岭县', '城关镇', '西村', '530999100202', '乙', id(3), 2, '脱贫户', '低保贫困户', '因残', 2014, '返贫', 2016, 2018, '因病'],
      ['H003', '云岭县', '龙潭镇', '南村', '530999101201', '丙', id(5), 1, '脱贫户', '一般贫困户', '缺技术', 2015, '已脱贫（享受政策）', 2019, 2018, '因灾']],
    家庭成员: [[...MEMBER_HEADER],
      ['H001', '甲', id(1), '男', '户主', '普通劳动力'], ['H001', '甲妻', id(2), '女', '配偶', '普通劳动力'],
      ['H002', '乙', id(3), '男', '户主', '丧失劳动力'], ['H002', '乙子', id(4), '女', '之女', '普通劳动力'],
      ['H003', '丙', id(5), '男', '户主', '普通劳动力']],
    收入情况: [[...INCOME_HEADER],
      ['H001', 2019, 2, 8000, 2000, 500, 100, 600, 600, 0], ['H001', 2020, 2, 9000, 2000, 500, 100, 600, 600, 0],
      ['H002', 2019, 2, 1000, 500, 100, 0, 5000, 3000, 2000], ['H002', 2020, 2, 1200, 500, 100, 0, 5200, 3200, 2000],
      ['H003', 2020, 1, 7000, 0, 0, 0, 0, 0, 0]],
  };
}
