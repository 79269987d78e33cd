import { IMPORT_LIMITS, grouped } from '../limits/importLimits';
import { fileRefusal } from './fileRefusal';

/**
 * Watches the decoded text of a CSV file for a record that never ends. Papaparse keeps the
 * unfinished record of each piece and parses it again with the next one, so one 200 MB line cost
 * quadratic time before anything could be said about it; here it is refused once it passes
 * IMPORT_LIMITS.csvLineChars. Quotes are followed (a quoted field may hold line breaks), but only
 * in pieces that have any: an export without quotes costs one lastIndexOf per piece.
 */
export class CsvLineGuard {
  private inQuotes = false;
  private chars = 0;

  /** `rowsRead` is how many records the parser has handed over so far: the long one comes after them. */
  constructor(private readonly file: string, private readonly rowsRead: () => number,
    private readonly limit: number = IMPORT_LIMITS.csvLineChars) {}

  see(text: string): void {
    if (!this.inQuotes && text.indexOf('"') < 0) {
      const nl = text.lastIndexOf('\n');
      if (nl >= 0) {
        this.chars = text.length - nl - 1;
      } else {
        this.chars += text.length;
      }
    } else {
      this.seeQuoted(text);
    }
    if (this.chars > this.limit) {
      const row = this.rowsRead() + 1;
      throw fileRefusal('csv.lineTooLong',
        `「${this.file}」第 ${grouped(row)} 行起有超过 ${grouped(this.limit)} 个字符没有换行，`
        + '不是正常的表格行（单元格最多 32,767 个字符）。请检查文件是否损坏或被改动。', this.file, { row });
    }
  }

  private seeQuoted(text: string): void {
    let quoted = this.inQuotes;
    let chars = this.chars;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) chars = -1;
      chars++;
    }
    this.inQuotes = quoted;
    this.chars = chars;
  }
}
