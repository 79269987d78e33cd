import type { Cell, RawRow } from '../cell';
import { IMPORT_LIMITS, type ImportLimits } from '../limits/importLimits';

const EMPTY = Buffer.alloc(0);

/** The bytes the scanner compares with, by name (a const enum: inlined, so the hot loops see plain numbers). */
const enum Byte {
  Tab = 9, // '\t'
  LineFeed = 10, // '\n'
  CarriageReturn = 13, // '\r'
  Space = 32, // ' '
  DoubleQuote = 34, // '"'
  SingleQuote = 39, // "'"
  Minus = 45, // '-'
  Dot = 46, // '.'
  Slash = 47, // '/'
  Digit0 = 48, // '0'
  Digit9 = 57, // '9'
  LessThan = 60, // '<'
  Equals = 61, // '='
  GreaterThan = 62, // '>'
  UpperA = 65, // 'A'
  UpperZ = 90, // 'Z'
  LowerA = 97, // 'a'
  LowerB = 98, // 'b'
  LowerC = 99, // 'c'
  LowerD = 100, // 'd'
  LowerE = 101, // 'e'
  LowerR = 114, // 'r'
  LowerS = 115, // 's'
  LowerT = 116, // 't'
  LowerV = 118, // 'v'
  LowerZ = 122, // 'z'
}

/** 10^k is exact in a double up to k = 22; the fast number path uses k ≤ 15. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The text cache: slots, and the longest value (in bytes) kept in it. */
const CACHE_SLOTS = 1 << 16;
const CACHE_MASK = CACHE_SLOTS - 1;
const CACHE_KEY = 48;

// A cell's type attribute, classified once from its bytes.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_BOOL = 3;
const T_ERROR = 4;
const T_DATE = 5;
const T_INLINE = 6;

/**
 * A sheet that leaves Excel's grid or its limits (limits/importLimits.ts): the reader turns it
 * into a located refusal. `column` is the 0-based column, or -1 when the whole row is meant.
 */
export class SheetLimitError extends Error {
  constructor(readonly code: string, readonly row: number, readonly column: number, message: string) {
    super(message);
  }
}

/** What the scanner met that is not an error but not a value either: reported as warnings. */
export interface ScanFindings {
  /** Cells of type s whose index has no shared string, and the first row with one. */
  danglingShared: number;
  danglingSharedRow: number;
  /** Formula cells without a cached value (the workbook was not calculated when saved). */
  formulasWithoutValue: number;
  formulasWithoutValueRow: number;
}

interface Tags {
  readonly row: Uint8Array;
  readonly rowEnd: Uint8Array;
  readonly c: Uint8Array;
  readonly cEnd: Uint8Array;
  readonly v: Uint8Array;
  readonly vEnd: Uint8Array;
  /** </v></c> */
  readonly vcEnd: Uint8Array;
  readonly sheetDataEnd: Uint8Array;
  readonly r: Uint8Array;
  readonly t: Uint8Array;
}

/** The same element names as text, for the rare cells (inline strings, formulas) read from a decoded string. */
interface TextTags {
  readonly v: string;
  readonly vEnd: string;
  readonly t: string;
  readonly tEnd: string;
  readonly rph: string;
  readonly rphEnd: string;
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

function isSpace(c: number | undefined): boolean {
  return c === Byte.Space || c === Byte.Tab || c === Byte.LineFeed || c === Byte.CarriageReturn;
}

/**
 * Reads the rows of a worksheet part (xl/worksheets/sheetN.xml) from its bytes, chunk by chunk.
 *
 * Why not exceljs's streaming WorkbookReader: on the large county of issue 3 (300,000 households,
 * 2.2 GB of sheet XML) it took 188 s just to hand over the rows, because every cell becomes a Cell
 * object with a decoded address and a style; saxes and htmlparser2 alone run at ~35 MB/s, also
 * too slow for the 90 s budget. Inside <sheetData> the format is a fixed, flat grammar
 * (ECMA-376 Part 1, 18.3.1: row → c → v | is/t | f), so this scanner looks only for those
 * elements and leaves everything else (workbook, relationships, shared strings) to saxes. It
 * handles namespace prefixes (<x:row>), self-closing cells, inline and rich strings, formulas with
 * cached values, booleans, errors, ISO dates, entities and _xHHHH_ escapes.
 *
 * It works on the UTF-8 bytes, not on decoded text: every name it looks for is ASCII, and in
 * UTF-8 an ASCII byte only ever stands for that character, so a byte offset found here is the
 * place the same search would find in the text. Decoding the whole sheet first cost as much as
 * the scanning; now only the values are decoded, and numbers not even those (read from the digits).
 */
export class SheetXmlScanner {
  private buf: Buffer = EMPTY;
  private prefix: string | null = null;
  private done = false;
  private lastRow = 0;
  private tags: Tags | null = null;
  private text: TextTags = { v: '', vEnd: '', t: '', tEnd: '', rph: '', rphEnd: '' };
  /** End of the value found by the last attr() call (exclusive). */
  private attrEnd = 0;
  /** Where rowCells() found the row's end tag. */
  private rowEndAt = 0;
  private readonly cacheKeys = new Uint8Array(CACHE_SLOTS * CACHE_KEY);
  /** Key length + 1 per slot; 0 for an empty slot. */
  private readonly cacheLengths = new Uint8Array(CACHE_SLOTS);
  private readonly cacheValues: string[] = new Array<string>(CACHE_SLOTS).fill('');
  /** The row being read, for a refusal's location. */
  private currentRow = 0;
  readonly findings: ScanFindings = {
    danglingShared: 0, danglingSharedRow: 0, formulasWithoutValue: 0, formulasWithoutValueRow: 0,
  };

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly limits: ImportLimits = IMPORT_LIMITS,
  ) {}

  /**
   * Puts a cell's value at its column, the columns before it that had no cell left empty. A
   * column past XFD or a text past Excel's 32,767 characters is refused here, before a row array
   * is padded to it (a reference ZZZZZZ70 asked for 321 million slots).
   */
  private putCell(cells: Cell[], column: number, value: Cell): void {
    if (column >= this.limits.columns || column < 0) {
      if (column < 0) return;
      throw new SheetLimitError('cell.outsideGrid', this.currentRow, column,
        `第 ${this.currentRow} 行有一个单元格在第 ${column + 1} 列，超出 Excel 表格的最大列 XFD（${this.limits.columns} 列）。`);
    }
    if (value === null) return;
    if (typeof value === 'string' && value.length > this.limits.cellChars) {
      throw new SheetLimitError('cell.tooLong', this.currentRow, column,
        `第 ${this.currentRow} 行第 ${column + 1} 列的单元格有 ${value.length} 个字符，`
        + `超过 Excel 单元格的上限 ${this.limits.cellChars} 个字符。`);
    }
    while (cells.length < column) cells.push(null);
    cells[column] = value;
  }

  private sharedString(i: number): Cell {
    const s = this.sharedStrings[i];
    if (s !== undefined) return s;
    if (this.findings.danglingShared++ === 0) this.findings.danglingSharedRow = this.currentRow;
    return null;
  }

  /** Feeds bytes; returns the rows completed by them. A character may be split between chunks. */
  write(chunk: Uint8Array): RawRow[] {
    if (this.done || chunk.length === 0) return [];
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.buf = this.buf.length ? Buffer.concat([this.buf, bytes]) : bytes;
    if (this.prefix === null && !this.findPrefix()) return [];
    const rows = this.scan();
    // What is left is a row not complete yet: one that keeps growing is refused before the
    // buffer (copied at every chunk) makes the reading quadratic or exhausts the memory.
    if (this.buf.length > this.limits.rowBytes) {
      const row = this.pendingRowNumber();
      throw new SheetLimitError('row.tooLarge', row, -1,
        `第 ${row} 行的内容超过 ${this.limits.rowBytes / 1024 / 1024} MB，不是正常的数据行（单元格最多 ${this.limits.cellChars} 个字符）。`);
    }
    return rows;
  }

  end(): RawRow[] {
    const rows = this.done || this.prefix === null ? [] : this.scan();
    this.buf = EMPTY;
    return rows;
  }

  /** The number of the row the buffer starts with (an incomplete one), from its start tag. */
  private pendingRowNumber(): number {
    const tags = this.tags;
    const buf = this.buf;
    if (!tags || !startsWith(buf, tags.row, 0)) return this.lastRow + 1;
    const gt = buf.indexOf(62, 0);
    return gt > 0 && gt < 4096 ? this.rowNumber(buf, tags.row.length, gt) : this.lastRow + 1;
  }

  private findPrefix(): boolean {
    // Decoded for the regular expression only until <sheetData> is found, near the start.
    const text = this.buf.toString('utf8');
    const m = /<([A-Za-z_][\w.-]*:)?sheetData(\s*\/>|[\s>])/.exec(text);
    if (!m) {
      // Keep only a tail that could still hold the start of the tag.
      if (this.buf.length > 65_536) this.buf = this.buf.subarray(this.buf.length - 1024);
      return false;
    }
    const p = m[1] ?? '';
    this.prefix = p;
    this.tags = {
      row: ascii(`<${p}row`), rowEnd: ascii(`</${p}row>`), c: ascii(`<${p}c`), cEnd: ascii(`</${p}c>`),
      v: ascii(`<${p}v`), vEnd: ascii(`</${p}v>`), vcEnd: ascii(`</${p}v></${p}c>`), sheetDataEnd: ascii(`</${p}sheetData>`), r: ascii('r'), t: ascii('t'),
    };
    this.text = { v: `<${p}v`, vEnd: `</${p}v>`, t: `<${p}t`, tEnd: `</${p}t>`, rph: `<${p}rPh`, rphEnd: `</${p}rPh>` };
    if (m[2]?.includes('/')) {
      this.done = true;
      this.buf = EMPTY;
      return false;
    }
    // The match is ASCII: the same occurrence of it in the bytes is where the text match starts.
    const needle = `<${p}sheetData`;
    let before = 0;
    for (let i = text.indexOf(needle); i >= 0 && i < m.index; i = text.indexOf(needle, i + 1)) before++;
    let at = this.buf.indexOf(needle, 0, 'latin1');
    while (before-- > 0) at = this.buf.indexOf(needle, at + 1, 'latin1');
    this.buf = this.buf.subarray(at);
    return true;
  }

  private scan(): RawRow[] {
    const tags = this.tags;
    if (!tags) return [];
    const rows: RawRow[] = [];
    const buf = this.buf;
    const n = buf.length;
    const { row: rowTag, rowEnd } = tags;
    const dataEndTag = tags.sheetDataEnd;
    let pos = 0;
    // The sheet ends at the first </sheetData> in the buffer. Rather than search the whole
    // buffer for it (a tenth of the scanning time), the rows read in one pass vouch that they
    // hold none: no </sheetData> starts before `clean`. dataEnd: -2 until searched for.
    let clean = 0;
    let dataEnd = -2;
    for (;;) {
      const start = find(buf, rowTag, pos, n);
      if (dataEnd === -2) {
        const before = start < 0 ? buf.indexOf(dataEndTag, clean) : find(buf, dataEndTag, clean, start);
        if (before >= 0) dataEnd = before;
        else if (start >= 0) clean = start;
      }
      if (dataEnd >= 0 && (start < 0 || dataEnd < start)) {
        this.done = true;
        pos = n;
        break;
      }
      if (start < 0) {
        // Keep a tail that may hold the start of either tag, so that a </sheetData> cut by the
        // chunk boundary still ends the sheet.
        pos = Math.max(pos, n - tags.sheetDataEnd.length);
        break;
      }
      if (start + rowTag.length >= n) {
        pos = start;
        break;
      }
      const after = buf[start + rowTag.length];
      if (after !== Byte.Space && after !== Byte.GreaterThan && after !== Byte.Slash
        && after !== Byte.Tab && after !== Byte.LineFeed && after !== Byte.CarriageReturn) {
        pos = start + rowTag.length;
        continue;
      }
      let gt = start + rowTag.length;
      let tagClean = true;
      for (; gt < n; gt++) {
        const b = buf[gt];
        if (b === Byte.GreaterThan) break;
        if (b === Byte.LessThan) tagClean = false;
      }
      if (gt >= n) {
        pos = start;
        break;
      }
      const number = this.rowNumber(buf, start + rowTag.length, gt);
      if (buf[gt - 1] === Byte.Slash) {
        this.lastRow = number;
        pos = gt + 1;
        if (dataEnd === -2) {
          if (tagClean) clean = pos;
          else dataEnd = buf.indexOf(dataEndTag, clean);
        }
        continue;
      }
      let cells = tagClean ? this.rowCells(buf, gt + 1, tags) : null;
      let end = this.rowEndAt;
      if (cells) {
        if (dataEnd === -2) clean = end + rowEnd.length;
      } else {
        if (dataEnd === -2) dataEnd = buf.indexOf(dataEndTag, clean);
        end = buf.indexOf(rowEnd, gt);
        if (end < 0) {
          pos = start;
          break;
        }
        cells = this.cells(buf, gt + 1, end, tags);
      }
      this.lastRow = number;
      rows.push({ number, cells });
      pos = end + rowEnd.length;
    }
    this.buf = pos >= n ? EMPTY : buf.subarray(pos);
    return rows;
  }

  private rowNumber(buf: Buffer, from: number, to: number): number {
    const at = this.attr(buf, from, to, this.tags!.r);
    let n = this.lastRow + 1;
    if (at >= 0) {
      const digits = digitsValue(buf, at, this.attrEnd);
      const given = digits >= 0 ? digits : Number(utf8(buf, at, this.attrEnd));
      if (Number.isInteger(given) && given > 0) n = given;
    }
    if (n > this.limits.rows) {
      throw new SheetLimitError('row.outsideGrid', n, -1,
        `第 ${n} 行超出 Excel 表格的最大行数（${this.limits.rows} 行）。`);
    }
    this.currentRow = n;
    return n;
  }

  /**
   * The cells of a row read in one pass up to its end tag (left in rowEndAt), or null when the
   * row is not complete in the buffer or holds anything out of the ordinary (a '<' inside a
   * start tag, an end of row inside a cell): then cells() reads it the long way, between the
   * row's tags. Every '<' from the row's start tag on is looked at, so the end tag found is the
   * first one, as there.
   */
  private rowCells(buf: Buffer, from: number, tags: Tags): Cell[] | null {
    const cells: Cell[] = [];
    const { c: cTag, cEnd, v: vTag, vEnd, rowEnd, vcEnd, sheetDataEnd: dataEndTag } = tags;
    const n = buf.length;
    const cLen = cTag.length;
    const plain = cLen === 2;
    let pos = from;
    let column = -1;
    for (;;) {
      const start = indexOfByte(buf, Byte.LessThan, pos);
      if (start < 0) return null;
      // Every end tag starts "</": a cell's start tag is told from the row's end by one byte.
      if (buf[start + 1] === Byte.Slash && startsWith(buf, rowEnd, start)) {
        this.rowEndAt = start;
        return cells;
      }
      if (!(plain ? buf[start + 1] === Byte.LowerC : startsWith(buf, cTag, start)) || start + cLen >= n) {
        if (startsWith(buf, dataEndTag, start)) return null;
        pos = start + 1;
        continue;
      }
      const after = buf[start + cLen];
      if (after !== Byte.Space && after !== Byte.GreaterThan && after !== Byte.Slash
        && after !== Byte.Tab && after !== Byte.LineFeed && after !== Byte.CarriageReturn) {
        pos = start + 1;
        continue;
      }
      // The start tag in one pass: its end, and where r="…" and t="…" are, as attr() finds them.
      let gt = start + cLen;
      let refAt = -1;
      let refEnd = 0;
      let typeAt = -1;
      let typeEnd = 0;
      let refColumn = -1;
      let refRead = false;
      if (buf[gt] === Byte.Space && buf[gt + 1] === Byte.LowerR
        && buf[gt + 2] === Byte.Equals && buf[gt + 3] === Byte.DoubleQuote) {
        // r="AB12" first, as every writer puts it: read at once. Its letters and digits hold no
        // space, quote or '>', so no other attribute can start inside it and the tag goes on
        // after its closing quote.
        let i = gt + 4;
        let letters = 0;
        for (; i < n; i++) {
          const c = buf[i]!;
          if (c >= Byte.UpperA && c <= Byte.UpperZ) letters = letters * 26 + (c - Byte.UpperA + 1);
          else if (c >= Byte.LowerA && c <= Byte.LowerZ) letters = letters * 26 + (c - Byte.LowerA + 1);
          else break;
        }
        while (i < n && buf[i]! >= Byte.Digit0 && buf[i]! <= Byte.Digit9) i++;
        if (buf[i] === Byte.DoubleQuote) {
          refAt = gt + 4;
          refEnd = i;
          refColumn = letters - 1;
          refRead = true;
          gt = i + 1;
        }
      }
      for (; gt < n; gt++) {
        const b = buf[gt];
        if (b === Byte.GreaterThan) break;
        if (b === Byte.LessThan) return null;
        if ((b === Byte.LowerR ? refAt < 0 : b === Byte.LowerT && typeAt < 0) && isSpace(buf[gt - 1])) {
          const at = this.attrValue(buf, gt + 1);
          if (at < 0) continue;
          if (b === Byte.LowerR) {
            refAt = at;
            refEnd = this.attrEnd;
          } else {
            typeAt = at;
            typeEnd = this.attrEnd;
          }
        }
      }
      if (gt >= n) return null;
      column = refRead ? refColumn : refAt < 0 ? column + 1 : columnIndexOf(buf, refAt, refEnd);
      if (buf[gt - 1] === Byte.Slash) {
        pos = gt + 1;
        continue;
      }
      const type = typeAt < 0 ? T_NUMBER : typeOf(buf, typeAt, typeEnd);
      let value: Cell;
      let end: number;
      const vFrom = gt + 1 + vTag.length + 1;
      let close = -1;
      if (type !== T_INLINE && buf[vFrom - 1] === Byte.GreaterThan
        && (plain ? buf[gt + 1] === Byte.LessThan && buf[gt + 2] === Byte.LowerV : startsWith(buf, vTag, gt + 1))) {
        close = vFrom;
        while (close < n && buf[close] !== Byte.LessThan) close++;
        if (close >= n) return null;
        // </v></c> compared byte by byte with constants when there is no prefix: the needle
        // loop of startsWith() was the largest single cost of the scanner.
        const closed = plain
          ? close + 8 <= n
            && buf[close + 1] === Byte.Slash && buf[close + 2] === Byte.LowerV && buf[close + 3] === Byte.GreaterThan
            && buf[close + 4] === Byte.LessThan && buf[close + 5] === Byte.Slash
            && buf[close + 6] === Byte.LowerC && buf[close + 7] === Byte.GreaterThan
          : startsWith(buf, vcEnd, close);
        if (!closed) close = -1;
      }
      if (close >= 0) {
        // The common cell, <c …><v>text</v></c>: no other '<' in it, so this </c> is its first.
        end = close + vEnd.length;
        value = this.typed(buf, vFrom, close, type, typeAt, typeEnd);
      } else {
        for (end = gt + 1; ; end++) {
          if (end >= n) return null;
          if (buf[end] !== Byte.LessThan) continue;
          if (startsWith(buf, cEnd, end)) break;
          if (startsWith(buf, rowEnd, end) || startsWith(buf, dataEndTag, end)) return null;
        }
        value = this.cellValue(buf, gt, end, type, typeAt, typeEnd, tags);
      }
      this.putCell(cells, column, value);
      pos = end + cEnd.length;
    }
  }

  /**
   * The value of the cell whose start tag ends at `gt` and whose </c> is at `end`: the common
   * <v>text</v> read as it is, anything else through the cell's inner markup. Searches stay inside
   * the cell: an element the cell lacks (<v>, <rPh>) must not send them through the rest of the
   * chunk, once per cell.
   */
  private cellValue(
    buf: Buffer, gt: number, end: number, type: number, typeAt: number, typeEnd: number, tags: Tags,
  ): Cell {
    const { v: vTag, vEnd } = tags;
    const vFrom = gt + 1 + vTag.length + 1;
    const vTo = end - vEnd.length;
    if (type !== T_INLINE && vFrom <= vTo && startsWith(buf, vTag, gt + 1)
      && buf[gt + 1 + vTag.length] === Byte.GreaterThan
      && startsWith(buf, vEnd, vTo)) {
      return this.typed(buf, vFrom, vTo, type, typeAt, typeEnd);
    }
    const inner = utf8(buf, gt + 1, end);
    const typeText = typeAt < 0 ? null : utf8(buf, typeAt, typeEnd);
    const value = this.value(inner, 0, inner.length, typeText);
    if (value === null && hasFormula(inner, this.prefix ?? '')) {
      if (this.findings.formulasWithoutValue++ === 0) this.findings.formulasWithoutValueRow = this.currentRow;
    }
    return value;
  }

  private cells(buf: Buffer, from: number, to: number, tags: Tags): Cell[] {
    const cells: Cell[] = [];
    const { c: cTag, cEnd } = tags;
    const n = buf.length;
    let pos = from;
    let column = -1;
    for (;;) {
      const start = find(buf, cTag, pos, to);
      if (start < 0) break;
      const after = buf[start + cTag.length];
      if (after !== Byte.Space && after !== Byte.GreaterThan && after !== Byte.Slash
        && after !== Byte.Tab && after !== Byte.LineFeed && after !== Byte.CarriageReturn) {
        pos = start + cTag.length;
        continue;
      }
      const gt = indexOfByte(buf, Byte.GreaterThan, start);
      if (gt < 0) break;
      const refAt = this.attr(buf, start + cTag.length, gt, tags.r);
      column = refAt < 0 ? column + 1 : columnIndexOf(buf, refAt, this.attrEnd);
      if (buf[gt - 1] === Byte.Slash) {
        pos = gt + 1;
        continue;
      }
      // An unclosed cell (not well-formed XML) ends at its row.
      const found = find(buf, cEnd, gt, n);
      const end = found < 0 ? to : found;
      const typeAt = this.attr(buf, start + cTag.length, gt, tags.t);
      const typeEnd = this.attrEnd;
      const type = typeAt < 0 ? T_NUMBER : typeOf(buf, typeAt, typeEnd);
      this.putCell(cells, column, this.cellValue(buf, gt, end, type, typeAt, typeEnd, tags));
      if (found < 0) break;
      pos = end + cEnd.length;
    }
    return cells;
  }

  /** The cell value of the bytes of its <v> element, by the cell's type. */
  private typed(buf: Buffer, from: number, to: number, type: number, typeAt: number, typeEnd: number): Cell {
    switch (type) {
      case T_NUMBER: {
        const n = numberValue(buf, from, to);
        return n === n ? n : this.typedText(utf8(buf, from, to), null);
      }
      case T_SHARED: {
        const i = digitsValue(buf, from, to);
        return i >= 0 ? this.sharedString(i) : this.typedText(utf8(buf, from, to), 's');
      }
      case T_STR:
        return this.cachedText(buf, from, to);
      default:
        return this.typedText(utf8(buf, from, to), utf8(buf, typeAt, typeEnd));
    }
  }

  /**
   * The decoded text of a t="str" value, from a small direct-mapped cache keyed by its bytes: a
   * county's text columns repeat (household numbers on every member and income row, villages,
   * yes/no, codes), and comparing a few bytes is cheaper than decoding them into a new string.
   */
  private cachedText(buf: Buffer, from: number, to: number): string {
    const len = to - from;
    if (len > CACHE_KEY) return decodeXmlText(utf8(buf, from, to));
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const slot = (h ^ (h >>> 15)) & CACHE_MASK;
    const keys = this.cacheKeys;
    const base = slot * CACHE_KEY;
    if (this.cacheLengths[slot] === len + 1) {
      let k = 0;
      while (k < len && keys[base + k] === buf[from + k]) k++;
      if (k === len) return this.cacheValues[slot]!;
    }
    const text = decodeXmlText(utf8(buf, from, to));
    this.cacheLengths[slot] = len + 1;
    for (let k = 0; k < len; k++) keys[base + k] = buf[from + k]!;
    this.cacheValues[slot] = text;
    return text;
  }

  /** The cell value of the text of its <v> element, by the cell's type. */
  private typedText(raw: string, type: string | null): Cell {
    switch (type) {
      case 's':
        return this.sharedString(Number(raw));
      case 'str':
        return decodeXmlText(raw);
      case 'b':
        return raw.trim() !== '0';
      case 'e':
        return raw;
      case 'd': {
        const d = new Date(raw);
        return Number.isNaN(d.getTime()) ? decodeXmlText(raw) : d;
      }
      default: {
        const n = Number(raw);
        // Number('') and Number(' ') are 0: only a zero can be a blank.
        return Number.isNaN(n) || (n === 0 && raw.trim() === '') ? null : n;
      }
    }
  }

  private value(text: string, from: number, to: number, type: string | null): Cell {
    if (type === 'inlineStr') return this.inlineString(text, from, to);
    const raw = elementText(text, from, to, this.text.v, this.text.vEnd);
    if (raw === null) return null;
    return this.typedText(raw, type);
  }

  /** <is><t>…</t></is>, or rich text <is><r><t>…</t></r>…</is>; phonetic runs (rPh) are not text. */
  private inlineString(text: string, from: number, to: number): string {
    const tags = this.text;
    let out = '';
    let pos = from;
    for (;;) {
      const rph = text.indexOf(tags.rph, pos);
      const range = elementRange(text, pos, to, tags.t, tags.tEnd);
      if (!range) break;
      if (rph >= 0 && rph < range.start) {
        const skip = text.indexOf(tags.rphEnd, rph);
        pos = skip < 0 ? to : skip + tags.rphEnd.length;
        continue;
      }
      out += text.slice(range.start, range.end);
      pos = range.end;
    }
    return decodeXmlText(out);
  }

  /**
   * After an attribute name that ends just before `from`: where its quoted value starts (its end
   * in attrEnd), or -1 when no '=' and quote follow, the checks of attr().
   */
  private attrValue(buf: Buffer, from: number): number {
    let eq = from;
    while (buf[eq] === Byte.Space) eq++;
    if (buf[eq] !== Byte.Equals) return -1;
    let q = eq + 1;
    while (buf[q] === Byte.Space) q++;
    const quote = buf[q];
    if (quote !== Byte.DoubleQuote && quote !== Byte.SingleQuote) return -1;
    const close = indexOfByte(buf, quote, q + 1);
    this.attrEnd = close < 0 ? buf.length : close;
    return q + 1;
  }

  /**
   * Where the value of attribute `name` starts inside a start tag [from, to), either quote style
   * (its end in attrEnd), or -1. The search stays inside the tag: the number cells of a
   * 16-column row have no t="…", and a search for it must not run on through the row.
   */
  private attr(buf: Buffer, from: number, to: number, name: Uint8Array): number {
    const first = name[0];
    const len = name.length;
    const last = to - len;
    for (let at = from; at <= last; at++) {
      if (buf[at] !== first || (len > 1 && !startsWith(buf, name, at))) continue;
      if (!isSpace(buf[at - 1])) continue;
      let eq = at + len;
      while (buf[eq] === Byte.Space) eq++;
      if (buf[eq] !== Byte.Equals) continue;
      let q = eq + 1;
      while (buf[q] === Byte.Space) q++;
      const quote = buf[q];
      if (quote === Byte.DoubleQuote || quote === Byte.SingleQuote) {
        const close = buf.indexOf(quote, q + 1);
        this.attrEnd = close < 0 ? buf.length : close;
        return q + 1;
      }
    }
    return -1;
  }
}

/** Buffer.indexOf for one byte, without its per-call cost: the distances here are a few bytes. */
function indexOfByte(buf: Buffer, byte: number, from: number): number {
  for (let i = from; i < buf.length; i++) if (buf[i] === byte) return i;
  return -1;
}

/**
 * Buffer's own UTF-8 decoder without toString's argument checks, which cost as much as the
 * decoding for the few bytes of a cell value (Node has had it since 0.x; not in @types/node).
 */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

function utf8(buf: Buffer, from: number, to: number): string {
  return to > from ? (buf as unknown as Utf8Slicer).utf8Slice(from, to) : '';
}

/** The first `needle` starting in [from, limit) that fits in the buffer, or -1. */
function find(buf: Buffer, needle: Uint8Array, from: number, limit: number): number {
  const first = needle[0];
  const len = needle.length;
  const stop = Math.min(limit, buf.length - len + 1);
  outer: for (let i = from; i < stop; i++) {
    if (buf[i] !== first) continue;
    for (let k = 1; k < len; k++) if (buf[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function startsWith(buf: Buffer, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > buf.length) return false;
  for (let k = 0; k < needle.length; k++) if (buf[at + k] !== needle[k]) return false;
  return true;
}

function typeOf(buf: Buffer, from: number, to: number): number {
  const len = to - from;
  const c = buf[from];
  if (len === 1) {
    return c === Byte.LowerS ? T_SHARED : c === Byte.LowerB ? T_BOOL : c === Byte.LowerE ? T_ERROR
      : c === Byte.LowerD ? T_DATE : T_NUMBER;
  }
  // Any other type is read as a number, as Excel does with t="n".
  if (len === 3 && c === Byte.LowerS && buf[from + 1] === Byte.LowerT && buf[from + 2] === Byte.LowerR) return T_STR;
  if (len === 9 && buf.toString('latin1', from, to) === 'inlineStr') return T_INLINE;
  return T_NUMBER;
}

/** A run of 1–15 ASCII digits as its value; -1 for anything else (read by Number() instead). */
function digitsValue(buf: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - Byte.Digit0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A plain decimal (-?digits[.digits], at most 15 digits) read from its bytes; NaN for anything
 * else, which Number() reads from the text. Exact: the digits make an integer below 2^53 and
 * 10^k is exact, so the one division rounds correctly, as Number() does.
 */
function numberValue(buf: Buffer, from: number, to: number): number {
  let i = from;
  const negative = buf[i] === Byte.Minus;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let fraction = 0;
  let point = false;
  for (; i < to; i++) {
    const c = buf[i]!;
    if (c >= Byte.Digit0 && c <= Byte.Digit9) {
      m = m * 10 + (c - Byte.Digit0);
      digits++;
      if (point) fraction++;
    } else if (c === Byte.Dot && !point) {
      point = true;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = fraction ? m / POW10[fraction]! : m;
  return negative ? -v : v;
}

/** Whether a cell's inner markup holds a formula, <f>…</f> or <f …/>. */
function hasFormula(inner: string, prefix: string): boolean {
  const at = inner.indexOf(`<${prefix}f`);
  if (at < 0) return false;
  const after = inner.charCodeAt(at + prefix.length + 2);
  return after === 62 || after === 32 || after === 47;
}

/** "AB12" → 27 (0-based column index), from the bytes of a cell reference. */
function columnIndexOf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c >= Byte.UpperA && c <= Byte.UpperZ) n = n * 26 + (c - Byte.UpperA + 1);
    else if (c >= Byte.LowerA && c <= Byte.LowerZ) n = n * 26 + (c - Byte.LowerA + 1);
    else break;
  }
  return n - 1;
}

function elementText(text: string, from: number, to: number, open: string, close: string): string | null {
  const r = elementRange(text, from, to, open, close);
  return r ? text.slice(r.start, r.end) : null;
}

/** The text span of the first <open…>…</close> in [from, to), skipping <open…/> and longer names. */
function elementRange(
  text: string, from: number, to: number, open: string, close: string,
): { start: number; end: number } | null {
  let pos = from;
  for (;;) {
    const s = text.indexOf(open, pos);
    if (s < 0 || s >= to) return null;
    const after = text.charCodeAt(s + open.length);
    if (after !== Byte.Space && after !== Byte.GreaterThan && after !== Byte.Slash) {
      pos = s + open.length;
      continue;
    }
    const gt = text.indexOf('>', s);
    if (text.charCodeAt(gt - 1) === Byte.Slash) {
      pos = gt + 1;
      continue;
    }
    const e = text.indexOf(close, gt);
    if (e < 0 || e > to) return null;
    return { start: gt + 1, end: e };
  }
}

/** "AB12" → 27 (0-based column index). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= Byte.UpperA && c <= Byte.UpperZ) n = n * 26 + (c - Byte.UpperA + 1);
    else if (c >= Byte.LowerA && c <= Byte.LowerZ) n = n * 26 + (c - Byte.LowerA + 1);
    else break;
  }
  return n - 1;
}

/** A character reference's character; one past Unicode (&#x110000;) is the replacement character, not a RangeError. */
function codePointText(cp: number): string {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and the _xHHHH_ escapes OOXML uses for control characters. */
export function decodeXmlText(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
      if (e.startsWith('#')) return codePointText(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e] ?? _m;
    });
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}
