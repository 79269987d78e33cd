import ExcelJS from 'exceljs';
import type { PivotFieldInfo, PivotResult } from '../../../../shared/api/pivot';
import { neutralise } from '../../../../shared/format/neutralise';
import { koujingLines, wideTable } from './wideTable';

/** 元 and counts with thousands separators, shares as percentages (the brief's Chinese formats). */
function numberFormat(field: PivotFieldInfo): string {
  if (field.format === 'share') return '0.0%';
  return '#,##0';
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/**
 * The pivot as an .xlsx: a title, the 口径 block, then the table with merged multi-level column
 * headers, row labels frozen on the left, subtotal and total rows in bold, numbers formatted.
 * Every text cell is neutralised against formula injection.
 */
export async function writePivotXlsx(
  result: PivotResult, file: string, title: string,
): Promise<{ rows: number; bytes: number }> {
  const table = wideTable(result);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '脱贫成效分析工作站';
  const sheet = workbook.addWorksheet('透视分析');
  const rowHeaderColumns = table.rowHeaders.length;
  const width = Math.max(rowHeaderColumns + table.columns.length, 1);
  const text = (v: string): string => neutralise(v);

  let r = 1;
  sheet.getCell(r, 1).value = text(title);
  sheet.getCell(r, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(r, 1, r, width);
  r++;
  for (const line of koujingLines(result)) {
    sheet.getCell(r, 1).value = text(line);
    sheet.getCell(r, 1).font = { size: 9, color: { argb: 'FF595959' } };
    sheet.mergeCells(r, 1, r, width);
    r++;
  }
  r++;
  const headerTop = r;
  const depth = Math.max(table.headerDepth, 1);
  table.rowHeaders.forEach((h, i) => {
    sheet.getCell(headerTop, i + 1).value = text(h);
    if (depth > 1) sheet.mergeCells(headerTop, i + 1, headerTop + depth - 1, i + 1);
  });
  for (const h of table.headers) {
    const row = headerTop + h.level;
    const col = rowHeaderColumns + 1 + h.col;
    sheet.getCell(row, col).value = text(h.label);
    if (h.colSpan > 1 || h.rowSpan > 1) sheet.mergeCells(row, col, row + h.rowSpan - 1, col + h.colSpan - 1);
  }
  for (let i = 0; i < depth; i++) {
    const row = sheet.getRow(headerTop + i);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = BORDER;
    }
  }
  r = headerTop + depth;
  for (const line of table.rows) {
    const row = sheet.getRow(r);
    line.labels.forEach((l, i) => {
      row.getCell(i + 1).value = text(l);
    });
    line.values.forEach((v, i) => {
      const cell = row.getCell(rowHeaderColumns + 1 + i);
      cell.value = v;
      const column = table.columns[i];
      if (column) cell.numFmt = numberFormat(column.field);
    });
    for (let c = 1; c <= width; c++) {
      row.getCell(c).border = BORDER;
      if (line.kind !== 'cell') row.getCell(c).font = { bold: true };
    }
    r++;
  }
  for (let c = 1; c <= width; c++) sheet.getColumn(c).width = c <= rowHeaderColumns ? 16 : 13;
  sheet.views = [{ state: 'frozen', xSplit: rowHeaderColumns, ySplit: headerTop + depth - 1 }];
  await workbook.xlsx.writeFile(file);
  const { statSync } = await import('node:fs');
  return { rows: table.rows.length, bytes: statSync(file).size };
}
