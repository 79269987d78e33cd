import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { DrillRequest, DrillResult } from '../../../../shared/api/pivot';
import { neutralise } from '../../../../shared/format/neutralise';
import type { Db } from '../../db/database';
import { drillPivot } from '../drill';

/** Every household of a cell goes into the file, not only the dialog's first few hundred. */
export const DRILL_EXPORT_LIMIT = 100_000;

const HEADERS = ['户编号', '户主证件号（脱敏）', '乡镇', '行政村', '属性', '状态', '人口（人）'] as const;

/** The name a drill-through export is offered under: 明细-20261207-151500.xlsx. */
export function drillExportName(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `明细-${stamp}.xlsx`;
}

function years(result: DrillResult): number[] {
  return [...new Set(result.households.flatMap((h) => h.incomes.map((i) => i.year)))].sort((a, b) => a - b);
}

/**
 * The households behind one pivot cell as an .xlsx: the cell and its 口径 on top, one row per
 * household, and its 人均纯收入 of each income year in a column of its own (so Excel can sort and
 * filter it). ID numbers only masked; text neutralised against formula injection.
 */
export async function exportDrill(
  db: Db, file: string, request: DrillRequest, title: string,
): Promise<{ rows: number; bytes: number }> {
  const result = drillPivot(db, { ...request, limit: DRILL_EXPORT_LIMIT });
  const incomeYears = years(result);
  const book = new ExcelJS.Workbook();
  book.creator = '脱贫成效分析工作站';
  const sheet = book.addWorksheet('明细');
  sheet.addRow([neutralise(`明细：${title}`)]).font = { bold: true, size: 13 };
  sheet.addRow([neutralise(result.koujing)]).font = { size: 9, color: { argb: 'FF595959' } };
  sheet.addRow([]);
  const header = sheet.addRow([...HEADERS, ...incomeYears.map((y) => `${y}年人均纯收入（元）`)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const h of result.households) {
    const byYear = new Map(h.incomes.map((i) => [i.year, i.perCapita]));
    sheet.addRow([
      ...[h.code, h.headIdMasked ?? '', h.township, h.village, h.attribute ?? '', h.status ?? ''].map(neutralise),
      h.size,
      ...incomeYears.map((y) => byYear.get(y) ?? null),
    ]);
  }
  incomeYears.forEach((_, i) => { sheet.getColumn(HEADERS.length + 1 + i).numFmt = '#,##0'; });
  HEADERS.forEach((_, i) => { sheet.getColumn(i + 1).width = i === 1 ? 22 : 14; });
  incomeYears.forEach((_, i) => { sheet.getColumn(HEADERS.length + 1 + i).width = 13; });
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  await book.xlsx.writeFile(file);
  return { rows: result.households.length, bytes: statSync(file).size };
}
