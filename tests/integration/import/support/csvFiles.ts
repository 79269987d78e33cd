import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import type { SheetRows } from './workbooks';

export type CsvEncoding = 'utf8' | 'utf8bom' | 'gbk';

function csvText(rows: SheetRows): string {
  return rows.map((r) => r.map((c) => {
    const s = c === null ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',')).join('\r\n') + '\r\n';
}

export function csvBytes(rows: SheetRows, encoding: CsvEncoding): Buffer {
  const text = csvText(rows);
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const utf8 = Buffer.from(text, 'utf8');
  return encoding === 'utf8bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

/** Writes one CSV per sheet (户信息.csv …) into `dir`. */
export function writeCsvFolder(dir: string, sheets: Record<string, SheetRows>, encoding: CsvEncoding): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(sheets)) writeFileSync(join(dir, `${name}.csv`), csvBytes(rows, encoding));
}

/** The same as a .zip, the files in a folder inside it (as a zipped export folder has them). */
export async function writeCsvZip(
  path: string, sheets: Record<string, SheetRows>, encoding: CsvEncoding,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, rows] of Object.entries(sheets)) zip.addBuffer(csvBytes(rows, encoding), `导出/${name}.csv`);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    zip.outputStream.pipe(out).on('close', () => resolve()).on('error', reject);
  });
}
