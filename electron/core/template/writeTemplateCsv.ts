import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { csvLine } from './csvLine';
import { SHEET_NAMES, type SheetName, type SnapshotRowSource } from './rowSource';
import { cellsOf, headersOf, titleRowsOf, type CellValue } from './templateColumns';
import type { SheetCounts, TemplateWriteOptions } from './writeTemplateWorkbook';

/** Records formatted and written at a time. */
const BATCH = 2000;

class CsvSheetFile {
  private readonly stream: WriteStream;
  private batch = '';
  private batchRecords = 0;
  count = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    // UTF-8 with BOM, so Excel on Chinese Windows opens it as UTF-8.
    this.stream.write('\ufeff');
  }

  /** True when a batch is ready to be flushed. */
  push(cells: readonly CellValue[]): boolean {
    this.batch += csvLine(cells);
    return ++this.batchRecords >= BATCH;
  }

  async flush(): Promise<void> {
    if (this.batchRecords === 0) return;
    const text = this.batch;
    this.batch = '';
    this.batchRecords = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/**
 * Writes a snapshot as a CSV set (户信息.csv, 家庭成员.csv, …; UTF-8 with BOM), one file per sheet
 * of the source, in a single pass. Title rows are off by default (system CSV exports have none)
 * and can be asked for to test the import's header detection.
 */
export async function writeTemplateCsv(
  source: SnapshotRowSource, dir: string, options: TemplateWriteOptions = {},
): Promise<SheetCounts> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<SheetName, CsvSheetFile>();
  try {
    for (const sheet of SHEET_NAMES) {
      if (!source.sheets.includes(sheet)) continue;
      const file = new CsvSheetFile(join(dir, `${sheet}.csv`));
      files.set(sheet, file);
      if (options.titleRows ?? false) {
        for (const row of titleRowsOf(sheet, source.countyName, source.exportDate)) file.push(row);
      }
      file.push(headersOf(sheet));
    }
    for (const record of source.rows(new Set(files.keys()))) {
      const file = files.get(record.sheet);
      if (!file) continue;
      if (file.push(cellsOf(record))) await file.flush();
      if (++file.count % 20000 === 0) options.onProgress?.(record.sheet, file.count);
    }
    const counts: SheetCounts = {};
    for (const [sheet, file] of files) {
      await file.close();
      counts[sheet] = file.count;
      options.onProgress?.(sheet, file.count);
    }
    return counts;
  } catch (err) {
    for (const file of files.values()) file.destroy();
    throw err;
  }
}
