import { writeFileSync } from 'node:fs';
import type { PivotResult } from '../../../../shared/api/pivot';
import { neutralise } from '../../../../shared/format/neutralise';
import { koujingLines, wideTable } from './wideTable';

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function line(cells: readonly string[]): string {
  return `${cells.map(quote).join(',')}\r\n`;
}

/**
 * The pivot as CSV in UTF-8 with a BOM (so that Excel on Chinese Windows reads it as UTF-8): the
 * 口径 lines, a blank line, one header line ("2016 / 户数"), then the rows. Numbers are written
 * unrounded; text is neutralised against formula injection.
 */
export function writePivotCsv(result: PivotResult, file: string, title: string): { rows: number; bytes: number } {
  const table = wideTable(result);
  let out = '\uFEFF';
  out += line([neutralise(title)]);
  for (const k of koujingLines(result)) out += line([neutralise(k)]);
  out += '\r\n';
  out += line([...table.rowHeaders, ...table.flatHeaders].map(neutralise));
  for (const row of table.rows) {
    out += line([...row.labels.map(neutralise), ...row.values.map((v) => (v === null ? '' : String(v)))]);
  }
  const bytes = Buffer.from(out, 'utf8');
  writeFileSync(file, bytes);
  return { rows: table.rows.length, bytes: bytes.length };
}
