import type { Cell, RawRow } from '../cell';

/**
 * Reads the rows of a worksheet part (xl/worksheets/sheetN.xml) from its text, chunk by chunk.
 *
 * Why not exceljs's streaming WorkbookReader: on the large county of issue 3 (300,000 households,
 * 2.2 GB of sheet XML) it took 188 s just to hand over the rows, because every cell becomes a Cell
 * object with a decoded address and a style; saxes and htmlparser2 alone run at ~35 MB/s, also
 * too slow for the 90 s budget. Inside <sheetData> the format is a fixed, flat grammar
 * (ECMA-376 Part 1, 18.3.1: row → c → v | is/t | f), so this scanner looks only for those
 * elements with indexOf and leaves everything else (workbook, relationships, shared strings) to
 * saxes. It handles namespace prefixes (<x:row>), self-closing cells, inline and rich strings,
 * formulas with cached values, booleans, errors, ISO dates, entities and _xHHHH_ escapes.
 */
export class SheetXmlScanner {
  private buf = '';
  private prefix: string | null = null;
  private done = false;
  private lastRow = 0;
  private tags = { row: '', rowEnd: '', c: '', cEnd: '', v: '', vEnd: '', t: '', tEnd: '', sheetDataEnd: '', rph: '', rphEnd: '' };

  constructor(private readonly sharedStrings: readonly string[]) {}

  /** Feeds text; returns the rows completed by it. */
  write(text: string): RawRow[] {
    if (this.done) return [];
    this.buf = this.buf.length ? this.buf + text : text;
    if (this.prefix === null && !this.findPrefix()) return [];
    return this.scan();
  }

  end(): RawRow[] {
    const rows = this.done ? [] : this.scan();
    this.buf = '';
    return rows;
  }

  private findPrefix(): boolean {
    const m = /<([A-Za-z_][\w.-]*:)?sheetData(\s*\/>|[\s>])/.exec(this.buf);
    if (!m) {
      // Keep only a tail that could still hold the start of the tag.
      if (this.buf.length > 65_536) this.buf = this.buf.slice(-256);
      return false;
    }
    const p = m[1] ?? '';
    this.prefix = p;
    this.tags = {
      row: `<${p}row`, rowEnd: `</${p}row>`, c: `<${p}c`, cEnd: `</${p}c>`, v: `<${p}v`, vEnd: `</${p}v>`,
      t: `<${p}t`, tEnd: `</${p}t>`, sheetDataEnd: `</${p}sheetData>`, rph: `<${p}rPh`, rphEnd: `</${p}rPh>`,
    };
    if (m[2]?.includes('/')) {
      this.done = true;
      this.buf = '';
      return false;
    }
    this.buf = this.buf.slice(m.index);
    return true;
  }

  private scan(): RawRow[] {
    const rows: RawRow[] = [];
    const buf = this.buf;
    const { row: rowTag, rowEnd } = this.tags;
    let pos = 0;
    const dataEnd = buf.indexOf(this.tags.sheetDataEnd);
    for (;;) {
      const start = buf.indexOf(rowTag, pos);
      if (dataEnd >= 0 && (start < 0 || dataEnd < start)) {
        this.done = true;
        pos = buf.length;
        break;
      }
      if (start < 0) {
        pos = Math.max(pos, buf.length - rowTag.length);
        break;
      }
      const after = buf.charCodeAt(start + rowTag.length);
      if (Number.isNaN(after)) {
        pos = start;
        break;
      }
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = start + rowTag.length;
        continue;
      }
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        pos = start;
        break;
      }
      const number = this.rowNumber(buf, start + rowTag.length, gt);
      if (buf.charCodeAt(gt - 1) === 47) {
        this.lastRow = number;
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(rowEnd, gt);
      if (end < 0) {
        pos = start;
        break;
      }
      this.lastRow = number;
      rows.push({ number, cells: this.cells(buf, gt + 1, end) });
      pos = end + rowEnd.length;
    }
    this.buf = buf.slice(pos);
    return rows;
  }

  private rowNumber(buf: string, from: number, to: number): number {
    const r = attr(buf, from, to, 'r');
    const n = r === null ? NaN : Number(r);
    return Number.isInteger(n) && n > 0 ? n : this.lastRow + 1;
  }

  private cells(buf: string, from: number, to: number): Cell[] {
    const cells: Cell[] = [];
    const { c: cTag, cEnd } = this.tags;
    let pos = from;
    let column = -1;
    for (;;) {
      const start = buf.indexOf(cTag, pos);
      if (start < 0 || start >= to) break;
      const after = buf.charCodeAt(start + cTag.length);
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = start + cTag.length;
        continue;
      }
      const gt = buf.indexOf('>', start);
      const ref = attr(buf, start + cTag.length, gt, 'r');
      column = ref === null ? column + 1 : columnIndex(ref);
      if (buf.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(cEnd, gt);
      const type = attr(buf, start + cTag.length, gt, 't');
      let value: Cell;
      const { v: vTag, vEnd } = this.tags;
      const vFrom = gt + 1 + vTag.length + 1;
      const vTo = end - vEnd.length;
      if (type !== 'inlineStr' && vFrom <= vTo && buf.startsWith(vTag, gt + 1) && buf.charCodeAt(gt + 1 + vTag.length) === 62
        && buf.startsWith(vEnd, vTo)) {
        // The common cell, <c …><v>text</v></c>: its text without searching for the elements.
        value = this.typed(buf.slice(vFrom, vTo), type);
      } else {
        // Searches stay inside the cell: an element the cell lacks (<v>, <rPh>) must not send
        // indexOf through the rest of a megabyte chunk, once per cell.
        const inner = buf.slice(gt + 1, end);
        value = this.value(inner, 0, inner.length, type);
      }
      if (value !== null) {
        while (cells.length < column) cells.push(null);
        cells[column] = value;
      }
      pos = end + cEnd.length;
    }
    return cells;
  }

  private value(buf: string, from: number, to: number, type: string | null): Cell {
    if (type === 'inlineStr') return this.inlineString(buf, from, to);
    const raw = this.elementText(buf, from, to, this.tags.v, this.tags.vEnd);
    if (raw === null) return null;
    return this.typed(raw, type);
  }

  /** The cell value of the text of its <v> element, by the cell's type. */
  private typed(raw: string, type: string | null): Cell {
    switch (type) {
      case 's':
        return this.sharedStrings[Number(raw)] ?? null;
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

  /** <is><t>…</t></is>, or rich text <is><r><t>…</t></r>…</is>; phonetic runs (rPh) are not text. */
  private inlineString(buf: string, from: number, to: number): string {
    let out = '';
    let pos = from;
    for (;;) {
      const rph = buf.indexOf(this.tags.rph, pos);
      const text = this.elementRange(buf, pos, to, this.tags.t, this.tags.tEnd);
      if (!text) break;
      if (rph >= 0 && rph < text.start) {
        const skip = buf.indexOf(this.tags.rphEnd, rph);
        pos = skip < 0 ? to : skip + this.tags.rphEnd.length;
        continue;
      }
      out += buf.slice(text.start, text.end);
      pos = text.end;
    }
    return decodeXmlText(out);
  }

  private elementText(buf: string, from: number, to: number, open: string, close: string): string | null {
    const r = this.elementRange(buf, from, to, open, close);
    return r ? buf.slice(r.start, r.end) : null;
  }

  /** The text span of the first <open…>…</close> in [from, to), skipping <open…/> and longer names. */
  private elementRange(buf: string, from: number, to: number, open: string, close: string): { start: number; end: number } | null {
    let pos = from;
    for (;;) {
      const s = buf.indexOf(open, pos);
      if (s < 0 || s >= to) return null;
      const after = buf.charCodeAt(s + open.length);
      if (after !== 32 && after !== 62 && after !== 47) {
        pos = s + open.length;
        continue;
      }
      const gt = buf.indexOf('>', s);
      if (buf.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e < 0 || e > to) return null;
      return { start: gt + 1, end: e };
    }
  }
}

/**
 * Value of attribute `name` inside a start tag [from, to), either quote style. The search stays
 * inside the tag: indexOf would run on to the next occurrence anywhere in the chunk, which for
 * the number cells of a 16-column row (no t="…") is most of the row, once per cell.
 */
function attr(buf: string, from: number, to: number, name: string): string | null {
  const first = name.charCodeAt(0);
  const last = to - name.length;
  for (let at = from; at <= last; at++) {
    if (buf.charCodeAt(at) !== first || (name.length > 1 && !buf.startsWith(name, at))) continue;
    const before = buf.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let eq = at + name.length;
    while (buf.charCodeAt(eq) === 32) eq++;
    if (buf.charCodeAt(eq) !== 61) continue;
    let q = eq + 1;
    while (buf.charCodeAt(q) === 32) q++;
    const quote = buf[q];
    if (quote === '"' || quote === "'") {
      const close = buf.indexOf(quote, q + 1);
      return buf.slice(q + 1, close);
    }
  }
  return null;
}

/** "AB12" → 27 (0-based column index). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and the _xHHHH_ escapes OOXML uses for control characters. */
export function decodeXmlText(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
      return ENTITIES[e] ?? _m;
    });
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}
