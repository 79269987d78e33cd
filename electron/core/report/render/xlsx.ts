import ExcelJS from 'exceljs';
import type { ReportModel, ReportTable, TableColumn } from '../model';

/**
 * Every table of the report on a sheet of its own, ready to paste into a 人大 template: the 口径
 * block on top, then the header (frozen) and the rows with real numbers and number formats. A cell
 * the small-cell rule hid holds the text "<3".
 */

const NUMBER_FORMATS: Readonly<Record<TableColumn['kind'], string | undefined>> = {
  text: undefined, integer: '#,##0', yuan: '#,##0', percent: '0.0%',
};

/** Sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetName(t: ReportTable, used: Set<string>): string {
  const base = t.id.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '表';
  let name = base;
  for (let i = 2; used.has(name); i += 1) name = `${base}${i}`;
  used.add(name);
  return name;
}

function columnWidth(t: ReportTable, i: number): number {
  const texts = [t.columns[i]?.label ?? '', ...t.rows.map((r) => r[i]?.text ?? '')];
  // CJK characters take two columns of width.
  const width = Math.max(...texts.map((s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  return Math.min(40, Math.max(8, width + 2));
}

function addTableSheet(wb: ExcelJS.Workbook, model: ReportModel, t: ReportTable, name: string): void {
  const ws = wb.addWorksheet(name);
  const span = Math.max(1, t.columns.length);
  const top = [
    t.title,
    ...t.koujing,
    `${model.mode === 'circulation' ? '流通版：少于 3 人（户）的格子显示为 <3' : '内部版：不得外传'}；生成于 ${model.generatedAt}`,
  ];
  top.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = i === 0 ? { bold: true, size: 12 } : { size: 9, color: { argb: 'FF444444' } };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (span > 1) ws.mergeCells(i + 1, 1, i + 1, span);
    if (i > 0) row.height = 28;
  });
  const headerRow = top.length + 1;
  const header = ws.getRow(headerRow);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((r, ri) => {
    const row = ws.getRow(headerRow + 1 + ri);
    r.forEach((cell, ci) => {
      const target = row.getCell(ci + 1);
      target.value = cell.value;
      const kind = t.columns[ci]?.kind ?? 'text';
      const format = NUMBER_FORMATS[kind];
      if (format && typeof cell.value === 'number') target.numFmt = format;
      if (kind !== 'text') target.alignment = { horizontal: 'right' };
    });
  });
  t.columns.forEach((_, i) => { ws.getColumn(i + 1).width = columnWidth(t, i); });
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  // Printed, a sheet fits the width of an A4 page and repeats its header row.
  ws.pageSetup = {
    paperSize: 9, orientation: span > 6 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
}

export async function writeReportXlsx(model: ReportModel, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '脱贫成效分析工作站';
  wb.created = new Date();
  const used = new Set<string>();
  for (const t of model.tables) addTableSheet(wb, model, t, sheetName(t, used));
  const koujing = model.sections.find((s) => s.key === 'koujing')?.blocks.find((b) => b.kind === 'koujing');
  if (koujing && koujing.kind === 'koujing') {
    const ws = wb.addWorksheet('口径说明');
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 100;
    ws.addRow([model.title]).font = { bold: true, size: 12 };
    for (const item of koujing.items) {
      const row = ws.addRow([item.label, item.text]);
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    }
    // Printed on one page width (column B alone ran onto a second page, cut at its edge).
    ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  await wb.xlsx.writeFile(path);
}
