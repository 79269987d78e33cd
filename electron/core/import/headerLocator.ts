import { type Cell, type RawRow, isBlankCell } from './cell';
import { foldHeader, splitHeaderUnit, unitCellOf, type HeaderUnit } from './headerText';
import type { SheetSchema } from './sheetSchemas';
import { parseDate } from './values/parseDate';

/** Title rows allowed above the header (import-format.md). */
export const MAX_TITLE_ROWS = 10;
/** Rows a reader hands over before the header must be known: titles, header, sub-header, unit row. */
export const HEADER_SCAN_ROWS = MAX_TITLE_ROWS + 3;

export interface MatchedColumn {
  readonly index: number;
  /** The header as the user sees it (both levels joined for a two-level header). */
  readonly header: string;
  /** 1, or 10,000 for an amount column in 万元. */
  readonly scale: number;
}

export interface LocatedHeader {
  readonly schema: SheetSchema;
  readonly columns: ReadonlyMap<string, MatchedColumn>;
  readonly unknown: readonly { index: number; header: string }[];
  /** Same column matched twice: the first wins. */
  readonly duplicates: readonly { key: string; header: string }[];
  /** Data rows have a larger row number than this. */
  readonly lastHeaderRow: number;
  readonly headerRow: number;
  /** An export date found in a title row ("导出时间：2023年12月31日"), YYYY-MM-DD. */
  readonly titleDate: string | null;
}

function textOf(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

interface Lookup {
  readonly byName: Map<string, string>;
  readonly byBase: Map<string, string>;
}

const lookups = new WeakMap<SheetSchema, Lookup>();

function lookupOf(schema: SheetSchema): Lookup {
  let l = lookups.get(schema);
  if (!l) {
    l = { byName: new Map(), byBase: new Map() };
    for (const col of schema.columns) {
      for (const name of [col.header, ...(col.aliases ?? [])]) {
        const folded = foldHeader(name);
        l.byName.set(folded, col.key);
        l.byBase.set(splitHeaderUnit(folded).base, col.key);
      }
    }
    lookups.set(schema, l);
  }
  return l;
}

function matchHeader(schema: SheetSchema, text: string): { key: string; unit: HeaderUnit } | null {
  if (text === '') return null;
  const folded = foldHeader(text);
  const l = lookupOf(schema);
  const { base, unit } = splitHeaderUnit(folded);
  const key = l.byName.get(folded) ?? l.byBase.get(base);
  return key ? { key, unit } : null;
}

/**
 * The column names of a two-level header: the lower row's, prefixed by the (merged, so filled
 * forward) upper cell where the lower text repeats (纳入监测/时间, 风险消除/时间), and the upper's
 * where the lower is blank (a cell merged down over both rows).
 */
function combinedNames(schema: SheetSchema, upper: readonly Cell[], lower: readonly Cell[]): string[] {
  const width = Math.max(upper.length, lower.length);
  const lowerCount = new Map<string, number>();
  for (const c of lower) {
    const t = foldHeader(textOf(c));
    if (t) lowerCount.set(t, (lowerCount.get(t) ?? 0) + 1);
  }
  const names: string[] = [];
  let carried = '';
  for (let i = 0; i < width; i++) {
    const up = textOf(upper[i]);
    const low = textOf(lower[i]);
    if (up) carried = up;
    else if (!low) carried = '';
    const upperText = up || (low ? carried : '');
    if (!low) {
      names.push(upperText);
    } else if (upperText && ((lowerCount.get(foldHeader(low)) ?? 0) > 1
      || (!matchHeader(schema, low) && matchHeader(schema, upperText + low)))) {
      names.push(upperText + low);
    } else {
      names.push(low);
    }
  }
  return names;
}

function score(schema: SheetSchema, names: readonly string[]): { keys: number; signature: number } {
  const seen = new Set<string>();
  for (const n of names) {
    const m = matchHeader(schema, n);
    if (m) seen.add(m.key);
  }
  let signature = 0;
  for (const k of schema.signature) if (seen.has(k)) signature++;
  return { keys: seen.size, signature };
}

function signatureNeeded(schema: SheetSchema): number {
  return Math.min(2, schema.signature.length);
}

function titleUnit(rows: readonly RawRow[]): HeaderUnit {
  for (const r of rows) {
    for (const c of r.cells) {
      const m = /单位[:：]\s*(万元|元)/.exec(textOf(c));
      if (m) return m[1] === '万元' ? '万元' : '元';
    }
  }
  return null;
}

const DATE_LABEL = /(?:导出|截至|截止|统计|数据|报表)(?:日期|时间)?\s*[:：]?\s*(\d{4}[^,，;；\s]*)/;

function titleDateOf(rows: readonly RawRow[]): string | null {
  for (const r of rows) {
    for (const c of r.cells) {
      const m = DATE_LABEL.exec(textOf(c));
      const d = m?.[1] ? parseDate(m[1]) : null;
      if (d && d.iso.length === 10) return d.iso;
    }
  }
  return null;
}

interface Candidate {
  readonly schema: SheetSchema;
  readonly at: number;
  readonly twoLevel: boolean;
  readonly names: string[];
  readonly keys: number;
}

/**
 * Finds the header among the first rows of a sheet, for the given sheet schemas (one when the
 * sheet's name said what it is; all of them for a sheet named Sheet1). Null when no row looks
 * like the header of any of them.
 */
export function locateHeader(rows: readonly RawRow[], schemas: readonly SheetSchema[]): LocatedHeader | null {
  let best: Candidate | null = null;
  const limit = Math.min(rows.length, MAX_TITLE_ROWS + 1);
  for (const schema of schemas) {
    for (let i = 0; i < limit; i++) {
      const row = rows[i];
      if (!row) continue;
      const single = row.cells.map(textOf);
      const s = score(schema, single);
      const consider = (names: string[], keys: number, signature: number, twoLevel: boolean): void => {
        if (signature < signatureNeeded(schema)) return;
        if (!best || keys > best.keys) best = { schema, at: i, twoLevel, names, keys };
      };
      consider(single, s.keys, s.signature, false);
      const next = rows[i + 1];
      if (next && next.number === row.number + 1) {
        const names = combinedNames(schema, row.cells, next.cells);
        const c = score(schema, names);
        const nextAlone = score(schema, next.cells.map(textOf));
        if (c.keys > s.keys && c.keys > nextAlone.keys) consider(names, c.keys, c.signature, true);
      }
    }
  }
  if (!best) return null;
  return buildHeader(rows, best);
}

function buildHeader(rows: readonly RawRow[], found: Candidate): LocatedHeader {
  const { schema, at, twoLevel, names } = found;
  const headerRow = rows[at] as RawRow;
  let lastIndex = at + (twoLevel ? 1 : 0);
  const unitRow = rows[lastIndex + 1];
  const unitByColumn = new Map<number, HeaderUnit>();
  if (unitRow && !unitRow.cells.every((c) => isBlankCell(c))) {
    const parsed = unitRow.cells.map((c) => (isBlankCell(c) ? null : unitCellOf(foldHeader(textOf(c)))));
    if (parsed.every((p) => p === null || p.isUnit)) {
      parsed.forEach((p, i) => { if (p) unitByColumn.set(i, p.unit); });
      lastIndex++;
    }
  }
  const sheetUnit = titleUnit(rows.slice(0, at));
  const columns = new Map<string, MatchedColumn>();
  const unknown: { index: number; header: string }[] = [];
  const duplicates: { key: string; header: string }[] = [];
  names.forEach((name, index) => {
    if (name === '') return;
    const m = matchHeader(schema, name);
    if (!m) {
      unknown.push({ index, header: name });
      return;
    }
    if (columns.has(m.key)) {
      duplicates.push({ key: m.key, header: name });
      return;
    }
    const spec = schema.columns.find((c) => c.key === m.key);
    // The template's own unit (村集体经济收入（万元）) outranks a title line written for the whole sheet.
    const unit = m.unit ?? unitByColumn.get(index) ?? spec?.defaultUnit ?? sheetUnit ?? '元';
    columns.set(m.key, { index, header: name, scale: spec?.amount && unit === '万元' ? 10_000 : 1 });
  });
  return {
    schema, columns, unknown, duplicates,
    headerRow: headerRow.number,
    lastHeaderRow: (rows[lastIndex] as RawRow).number,
    titleDate: titleDateOf(rows.slice(0, at)),
  };
}
