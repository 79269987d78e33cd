import ExcelJS from 'exceljs';
import { neutralise } from '../../../shared/format/neutralise';

export type CellValue = string | number | null;

/** One sheet of an evaluation export: a title, the 口径 block, then a table. */
export interface SheetSpec {
  readonly name: string;
  readonly title: string;
  readonly koujing: readonly string[];
  readonly columns: readonly { readonly header: string; readonly width?: number; readonly numFmt?: string }[];
  readonly rows: readonly (readonly CellValue[])[];
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/**
 * Writes the sheets with exceljs: every text cell neutralised against formula injection, the 口径
 * above each table so that a sheet copied out alone still says what it counts.
 */
export async function writeEvaluationWorkbook(file: string, sheets: readonly SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '脱贫成效分析工作站';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    const width = Math.max(spec.columns.length, 1);
    let r = 1;
    sheet.getCell(r, 1).value = neutralise(spec.title);
    sheet.getCell(r, 1).font = { bold: true, size: 14 };
    sheet.mergeCells(r, 1, r, width);
    r++;
    for (const line of spec.koujing) {
      sheet.getCell(r, 1).value = neutralise(`口径：${line}`);
      sheet.getCell(r, 1).font = { size: 9, color: { argb: 'FF595959' } };
      sheet.mergeCells(r, 1, r, width);
      r++;
    }
    r++;
    const header = sheet.getRow(r);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = neutralise(c.header);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = BORDER;
      sheet.getColumn(i + 1).width = c.width ?? 14;
    });
    sheet.views = [{ state: 'frozen', ySplit: r }];
    for (const values of spec.rows) {
      r++;
      const row = sheet.getRow(r);
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        cell.value = typeof v === 'string' ? neutralise(v) : v;
        const fmt = spec.columns[i]?.numFmt;
        if (fmt && typeof v === 'number') cell.numFmt = fmt;
        cell.border = BORDER;
      });
    }
  }
  await workbook.xlsx.writeFile(file);
}
