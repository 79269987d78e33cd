import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { SheetDispatcher } from '../sheetDispatcher';
import { fileRefusal } from './fileRefusal';
import type { ReadControl } from './readProgress';
import { SheetLimitError, SheetXmlScanner, decodeXmlText } from './sheetXmlScanner';
import { columnLetters } from './columnLetters';
import { IMPORT_LIMITS, grouped, type ImportLimits } from '../limits/importLimits';
import { detachString } from '../values/detachString';
import type { ZipArchive, ZipEntryInfo } from './zipArchive';
import { cancellation } from '../../refusal';

interface SheetPart {
  readonly name: string;
  readonly entry: ZipEntryInfo;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

async function parseXml(
  zip: ZipArchive, entry: ZipEntryInfo,
  handlers: {
    open?(name: string, attrs: Record<string, string>): void; text?(t: string): void; close?(name: string): void;
  },
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on('error', (e) => { failure = e; });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (node) => open(localName(node.name), node.attributes as Record<string, string>));
  }
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (node) => close(localName(node.name)));
  }
  const decoder = new StringDecoder('utf8');
  for await (const chunk of await zip.openStream(entry)) {
    parser.write(decoder.write(chunk as Buffer));
    if (failure) throw failure;
  }
  parser.write(decoder.end());
  parser.close();
  if (failure) throw failure;
}

function resolveTarget(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/**
 * The workbook's shared strings, every one of them held for the sheets to refer to: so their
 * number, their characters in total and each one's length are bounded here, as they are read.
 */
async function readSharedStrings(zip: ZipArchive, entry: ZipEntryInfo | undefined, file: string,
  limits: ImportLimits): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let chars = 0;
  const refuse = (code: string, message: string): never => {
    throw fileRefusal(code, `「${file}」的共享字符串表${message}`, file);
  };
  let inSi = false;
  let inText = false;
  let phonetic = 0;
  let current = '';
  await parseXml(zip, entry, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inText = true;
    },
    text(t) {
      if (!inText) return;
      chars += t.length;
      if (current.length + t.length > limits.cellChars) {
        refuse('cell.tooLong', `第 ${grouped(strings.length + 1)} 条超过 Excel 单元格的上限 ${grouped(limits.cellChars)} 个字符。`);
      }
      if (chars > limits.sharedStringChars) {
        refuse('sharedStrings.tooLarge', `超过 ${grouped(limits.sharedStringChars)} 个字符，不是正常的导出文件。`);
      }
      current += t;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        inSi = false;
        if (strings.length >= limits.sharedStrings) {
          refuse('sharedStrings.tooMany', `超过 ${grouped(limits.sharedStrings)} 条，不是正常的导出文件。`);
        }
        strings.push(detachString(current.includes('_x') ? decodeXmlText(current) : current));
      }
    },
  });
  return strings;
}

/** The sheets in workbook order, the 1904 flag, and where the shared strings are. */
async function readWorkbook(zip: ZipArchive, file: string): Promise<{
  sheets: SheetPart[]; date1904: boolean; sharedStrings?: ZipEntryInfo;
}> {
  const book = zip.find('xl/workbook.xml') ?? zip.entries.find((e) => /(^|\/)workbook\d*\.xml$/.test(e.name));
  if (!book) throw fileRefusal('file.notWorkbook', `「${file}」是 zip 文件，但不是 Excel 工作簿（.xlsx），也没有 .csv 文件。`, file);
  const declared: { name: string; rid: string }[] = [];
  let date1904 = false;
  await parseXml(zip, book, {
    open(name, attrs) {
      if (name === 'sheet') {
        const rid = Object.entries(attrs).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1] ?? '';
        declared.push({ name: attrs.name ?? '', rid });
      } else if (name === 'workbookPr') {
        date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
      }
    },
  });
  const targets = new Map<string, string>();
  let sharedTarget: string | null = null;
  const rels = zip.find(book.name.replace(/([^/]+)$/, '_rels/$1.rels'));
  if (rels) {
    await parseXml(zip, rels, {
      open(name, attrs) {
        if (name !== 'Relationship' || !attrs.Target) return;
        targets.set(attrs.Id ?? '', resolveTarget(attrs.Target));
        if (attrs.Type?.endsWith('/sharedStrings')) sharedTarget = resolveTarget(attrs.Target);
      },
    });
  }
  if (declared.length > IMPORT_LIMITS.sheets) {
    throw fileRefusal('workbook.tooManySheets',
      `「${file}」有 ${grouped(declared.length)} 个工作表，超过上限 ${IMPORT_LIMITS.sheets} 个（模板只有 6 个表）。`, file);
  }
  const sheets: SheetPart[] = [];
  declared.forEach((d, i) => {
    const entry = zip.find(targets.get(d.rid) ?? `xl/worksheets/sheet${i + 1}.xml`);
    if (entry) sheets.push({ name: d.name, entry });
  });
  return { sheets, date1904, sharedStrings: zip.find(sharedTarget ?? 'xl/sharedStrings.xml') };
}

/**
 * Streams every sheet of an .xlsx into the dispatcher, row batch by row batch: the workbook is
 * never loaded whole (only its shared strings, which every sheet refers to).
 */
export async function readXlsx(zip: ZipArchive, path: string, dispatcher: SheetDispatcher, control: ReadControl,
  limits: ImportLimits = IMPORT_LIMITS): Promise<void> {
  const file = basename(path);
  const { sheets, date1904, sharedStrings } = await readWorkbook(zip, file);
  control.progress(0, 1, '读取共享字符串');
  const strings = await readSharedStrings(zip, sharedStrings, file, limits);
  const total = sheets.reduce((s, p) => s + p.entry.size, 0) || 1;
  let done = 0;
  for (const part of sheets) {
    const sink = dispatcher.openSheet({ file, sheet: part.name, date1904 }, part.name);
    const scanner = new SheetXmlScanner(strings, limits);
    const stream = await zip.openStream(part.entry);
    try {
      for await (const chunk of stream) {
        if (control.cancelled) throw cancellation();
        const bytes = chunk as Buffer;
        done += bytes.length;
        const rows = scanner.write(bytes);
        if (rows.length) sink.rows(rows);
        control.progress(done, total, `读取「${part.name}」`);
      }
      const last = scanner.end();
      if (last.length) sink.rows(last);
    } catch (err) {
      stream.destroy();
      if (err instanceof SheetLimitError) {
        throw fileRefusal(err.code, `「${file}」工作表「${part.name}」${err.message}`, file, {
          sheet: part.name, row: err.row, column: err.column >= 0 ? columnLetters(err.column) : null,
        });
      }
      throw err;
    }
    sink.end();
    reportFindings(scanner, dispatcher, file, part.name);
  }
}

/** Blanks that were not blank in the file: said once per sheet, with the first row and the count. */
function reportFindings(scanner: SheetXmlScanner, dispatcher: SheetDispatcher, file: string, sheet: string): void {
  const f = scanner.findings;
  if (f.danglingShared > 0) {
    dispatcher.readerWarning('cell.danglingSharedString',
      `工作表「${sheet}」有 ${grouped(f.danglingShared)} 个单元格指向不存在的共享字符串（文件不完整或被改动过），已按空值处理；第一个在第 ${f.danglingSharedRow} 行。`,
      { file, sheet, row: f.danglingSharedRow, column: null });
  }
  if (f.formulasWithoutValue > 0) {
    dispatcher.readerWarning('cell.formulaWithoutValue',
      `工作表「${sheet}」有 ${grouped(f.formulasWithoutValue)} 个公式单元格没有保存计算结果，已按空值处理；`
      + `请在 Excel 中打开、重新计算并保存后再导入。第一个在第 ${f.formulasWithoutValueRow} 行。`,
      { file, sheet, row: f.formulasWithoutValueRow, column: null });
  }
}
