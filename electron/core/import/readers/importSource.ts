import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { SheetDispatcher } from '../sheetDispatcher';
import { schemaForName } from '../sheetDispatcher';
import { SHEET_SCHEMAS } from '../sheetSchemas';
import { type CsvFile, readCsvSet } from './csvReader';
import { fileRefusal } from './fileRefusal';
import type { Refusal } from '../../refusal';
import type { ReadControl } from './readProgress';
import { readXlsx } from './xlsxReader';
import { checkZipLimits, ZipArchive } from './zipArchive';

/** What the snapshot records about where its rows came from. */
export interface SourceFacts {
  readonly sourceName: string;
  readonly sourceSha256: string;
  /** The file's modification date (YYYY-MM-DD), the last resort for the as-of date. */
  readonly fileDate: string;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function notRegular(file: string, what: string): Refusal {
  return fileRefusal('file.notRegular', `${what}不是普通文件（是管道、设备或其他特殊文件），无法导入。`, file);
}

/** Households first, then the other sheets in template order, unknown files last. */
function sheetOrder(name: string): number {
  const s = schemaForName(name.replace(/\.csv$/i, ''));
  if (!s) return 99;
  return s.kind === 'households' ? 0 : 1 + SHEET_SCHEMAS.indexOf(s);
}

function byTemplateOrder<T extends { name: string }>(files: T[]): T[] {
  return files.sort(
    (a, b) => sheetOrder(a.name) - sheetOrder(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function fileCsv(path: string, name: string, size: number): CsvFile {
  return { name, size, open: async () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer> };
}

/** A folder of CSV files: the snapshot's hash is over the sorted names and each file's hash. */
async function readFolder(path: string, dispatcher: SheetDispatcher, control: ReadControl): Promise<string> {
  const names = (await readdir(path)).filter((n) => extname(n).toLowerCase() === '.csv');
  for (const n of names) {
    // A pipe, socket or device named *.csv would block the reading forever, or never end.
    if (!(await stat(join(path, n))).isFile()) throw notRegular(n, `文件夹「${basename(path)}」中的「${n}」`);
  }
  if (names.length === 0) {
    throw fileRefusal('file.noCsv', `文件夹「${basename(path)}」中没有 .csv 文件（应有 户信息.csv 等）。`, basename(path));
  }
  const files = byTemplateOrder(await Promise.all(names.map(async (n) => fileCsv(
    join(path, n), n, (await stat(join(path, n))).size,
  ))));
  const hashes = await readCsvSet(files, dispatcher, control);
  const combined = createHash('sha256');
  for (const name of [...hashes.keys()].sort()) combined.update(`${name}\n${hashes.get(name) ?? ''}\n`);
  return combined.digest('hex');
}

async function readZip(path: string, bytes: number, dispatcher: SheetDispatcher, control: ReadControl): Promise<void> {
  const file = basename(path);
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path);
  } catch {
    throw fileRefusal('file.truncated',
      `「${file}」不完整或已损坏（文件末尾的目录缺失，可能在下载或复制时被截断），无法读取。请重新导出或复制。`, file);
  }
  try {
    checkZipLimits(zip, file, bytes);
    for (const name of zip.duplicateNames) {
      dispatcher.readerWarning('zip.duplicateEntry', `压缩包「${file}」中有不止一个「${name}」，只读取了第一个。`,
        { file, sheet: null, row: null, column: null });
    }
    if (zip.find('xl/workbook.xml') || !zip.entries.some((e) => /\.csv$/i.test(e.name))) {
      await readXlsx(zip, path, dispatcher, control);
      return;
    }
    const csv = zip.entries.filter((e) => /\.csv$/i.test(e.name) && !e.name.startsWith('__MACOSX/') && !e.name.endsWith('/'));
    const files = byTemplateOrder(csv.map((e): CsvFile => ({
      name: basename(e.name), size: e.size,
      open: async () => (await zip.openStream(e)) as AsyncIterable<Buffer>,
    })));
    await readCsvSet(files, dispatcher, control);
  } finally {
    zip.close();
  }
}

/**
 * Reads an import source whatever it is — an .xlsx, a .zip of CSVs, a folder of CSVs, or a
 * single CSV — deciding by content, not by extension, and refusing with its own message a file
 * that is empty, truncated, an old .xls, or not a workbook at all.
 */
export async function readImportSource(
  path: string, dispatcher: SheetDispatcher, control: ReadControl,
): Promise<SourceFacts> {
  const name = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw fileRefusal('file.notFound', `找不到「${name}」（文件不存在或无权读取）。`, name);
  }
  const fileDate = info.mtime.toISOString().slice(0, 10);
  if (info.isDirectory()) {
    return { sourceName: name, sourceSha256: await readFolder(path, dispatcher, control), fileDate };
  }
  if (!info.isFile()) throw notRegular(name, `「${name}」`);
  if (info.size === 0) throw fileRefusal('file.empty', `「${name}」是空文件（0 字节），没有可导入的内容。`, name);
  const magic = await head(path, 8);
  if (magic[0] === 0x50 && magic[1] === 0x4b) {
    const sha = await sha256File(path);
    await readZip(path, info.size, dispatcher, control);
    return { sourceName: name, sourceSha256: sha, fileDate };
  }
  if (magic.length >= 4 && magic.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileRefusal('file.legacyXls', `「${name}」是旧版 Excel 97-2003 文件（.xls）。请在 Excel 中“另存为”.xlsx 工作簿后再导入。`, name);
  }
  if (extname(name).toLowerCase() === '.csv') {
    const hashes = await readCsvSet([fileCsv(path, name, info.size)], dispatcher, control);
    return { sourceName: name, sourceSha256: hashes.get(name) ?? '', fileDate };
  }
  throw fileRefusal('file.notWorkbook', `「${name}」不是 Excel 工作簿（.xlsx），也不是 .csv 文件或其文件夹、压缩包，无法导入。`, name);
}
