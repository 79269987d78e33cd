import ExcelJS from 'exceljs';
import { SHEET_NAMES, type SheetName, type SnapshotRowSource } from './rowSource';
import { cellsOf, headersOf, titleRowsOf } from './templateColumns';

export interface TemplateWriteOptions {
  /** Title and export-date rows above the header, as real exports have (default true). */
  readonly titleRows?: boolean;
  /** Called every few thousand rows and at the end of each sheet. */
  readonly onProgress?: (sheet: SheetName, rowsWritten: number) => void;
}

export interface WorkbookWriteOptions extends TemplateWriteOptions {
  /**
   * Strings in the shared-string table (as Excel saves them) instead of inline. Off by default:
   * the table of a 300,000-household county would be held in memory until the end.
   */
  readonly sharedStrings?: boolean;
  /**
   * Rows of one worksheet, title and header rows included (default Excel's 1,048,576): a sheet with
   * more rows continues on 收入情况(2), 收入情况(3) …, each with the title block and the header again,
   * as a statistician splits an export too long for Excel (import-format.md).
   */
  readonly maxSheetRows?: number;
}

export type SheetCounts = Partial<Record<SheetName, number>>;

/** Rows between checks of how much XML waits for the zip. */
const ROWS_PER_TURN = 2000;
/** XML allowed to wait for compression before rows stop being produced. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;

/** Excel's grid: rows 1 … 1,048,576 (the import refuses a sheet beyond it). */
export const EXCEL_MAX_ROWS = 1_048_576;

/** The name of a sheet's part-th worksheet: 收入情况, 收入情况(2), 收入情况(3) … */
export function continuedSheetName(sheet: SheetName, part: number): string {
  return part === 1 ? sheet : `${sheet}(${part})`;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The parts of exceljs 4.4's streaming internals that hold a sheet's XML until the zip has
 * compressed it: the sheet's StreamBuf (its own buffers until archiver reaches the entry) and the
 * PassThrough archiver pipes it into. exceljs writes on without regard to either, so a large
 * sheet would sit in memory whole (3 GB for the large county); we wait for them instead.
 */
interface SheetStreamInternals {
  readonly buffers?: readonly unknown[];
  readonly bufSize?: number;
  /** archiver's PassThrough (readable-stream 2: only the state objects say how much it holds). */
  readonly pipes?: readonly {
    readonly _writableState?: { readonly length?: number };
    readonly _readableState?: { readonly length?: number };
  }[];
}

function pendingBytes(worksheet: ExcelJS.Worksheet): number {
  const stream = (worksheet as unknown as { readonly stream?: SheetStreamInternals }).stream;
  if (!stream) return 0;
  let bytes = (stream.buffers?.length ?? 0) * (stream.bufSize ?? 65536);
  for (const pipe of stream.pipes ?? []) bytes += (pipe._writableState?.length ?? 0)
    + (pipe._readableState?.length ?? 0);
  return bytes;
}

async function drain(worksheet: ExcelJS.Worksheet): Promise<void> {
  await turn();
  while (pendingBytes(worksheet) > MAX_PENDING_BYTES) await pause(5);
}

function columnWidth(header: string): number {
  if (header.includes('证件号码') || header === '户编号' || header === '行政区划代码') return 22;
  return Math.max(8, Math.min(30, header.length * 2 + 2));
}

/**
 * Writes a snapshot as the standard template workbook (import-format.md) with exceljs's streaming
 * writer: sheets in template order, an optional title block, the canonical headers, then the rows;
 * a sheet longer than Excel's grid continues on numbered sheets (收入情况(2) …).
 * IDs and 户编号 are string cells (never numbers, which would lose digits). One pass over the
 * source per sheet, since the zip takes one sheet at a time; memory stays flat at any size.
 */
export async function writeTemplateWorkbook(
  source: SnapshotRowSource, file: string, options: WorkbookWriteOptions = {},
): Promise<SheetCounts> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: options.sharedStrings ?? false,
  });
  // Fixed document dates: the same rows give the same workbook contents.
  workbook.creator = '脱贫成效分析工作站';
  workbook.created = new Date(`${source.exportDate}T00:00:00Z`);
  workbook.modified = workbook.created;

  const counts: SheetCounts = {};
  const maxRows = options.maxSheetRows ?? EXCEL_MAX_ROWS;
  for (const sheet of SHEET_NAMES) {
    if (!source.sheets.includes(sheet)) continue;
    const headers = headersOf(sheet);
    let part = 0;
    let worksheet: ExcelJS.Worksheet | null = null;
    let room = 0;
    const open = (): ExcelJS.Worksheet => {
      worksheet?.commit();
      const ws = workbook.addWorksheet(continuedSheetName(sheet, ++part));
      ws.columns = headers.map((h) => ({ width: columnWidth(h) }));
      const title = options.titleRows ?? true ? titleRowsOf(sheet, source.countyName, source.exportDate) : [];
      for (const row of title) ws.addRow(row).commit();
      ws.addRow(headers).commit();
      room = maxRows - title.length - 1;
      if (room < 1) throw new Error(`maxSheetRows ${maxRows} leaves no room for rows under the header`);
      return ws;
    };
    worksheet = open();
    let n = 0;
    for (const record of source.rows(new Set([sheet]))) {
      if (record.sheet !== sheet) continue;
      if (room === 0) worksheet = open();
      worksheet.addRow(cellsOf(record)).commit();
      room--;
      if (++n % ROWS_PER_TURN === 0) {
        options.onProgress?.(sheet, n);
        await drain(worksheet);
      }
    }
    worksheet.commit();
    counts[sheet] = n;
    options.onProgress?.(sheet, n);
  }
  await workbook.commit();
  return counts;
}
