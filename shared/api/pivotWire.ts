import { z } from 'zod';
import { PivotCell, PivotMeta, type PivotResult } from './pivot';
import { decodeFloat64Base64, encodeFloat64Base64, float64Base64Length } from './float64Base64';
import type { WireCodec } from './wireCodec';

/*
 * PivotResult as it travels between the core and the page. The long form (cli.md) is an array of
 * rows of union cells, and checking ten thousand rows of unions with zod costs more than the pivot's
 * own grouping; by columns, a key column is its distinct cells once plus one index per row, and a
 * value column is a plain array of whole numbers or, when it holds fractions, the bytes of its doubles
 * (float64Base64.ts: exact to the bit, and one string instead of ten thousand numbers printed in full
 * and parsed back), all of which zod checks quickly. The core, the CLI and
 * the page see only the long form: the hosts encode, every reader of the contract decodes (wire.ts).
 */

/**
 * z.array(z.number()) with one plain loop instead of a schema run per element (a third of the check's
 * time on ten thousand rows): finite numbers only, as z.number() takes.
 */
const Numbers = z.custom<number[]>((v) => Array.isArray(v) && allFinite(v), { message: '期望 数字的数组' });

function allFinite(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

/** Every cell a number or a blank: the numbers (0 in a blank's place) and the blanks' row indexes. */
const NumberColumn = z.object({ kind: z.literal('numbers'), numbers: Numbers, nulls: Numbers }).strict();

/**
 * Every cell a number or a blank, some not whole: the doubles' bytes in base64 (0 in a blank's place),
 * the blanks' row indexes. The schema checks the text's length; decoding checks its characters and
 * that every value is finite, before the result is used.
 */
const DoublesColumn = z.object({ kind: z.literal('doubles'), base64: z.string(), nulls: Numbers }).strict();

/** Any other column (the keys, or a value column holding text): each distinct cell once, then per row its index. */
const CodedColumn = z.object({ kind: z.literal('coded'), cells: z.array(PivotCell), codes: Numbers }).strict();

const WireColumn = z.discriminatedUnion('kind', [NumberColumn, DoublesColumn, CodedColumn]);
type WireColumn = z.infer<typeof WireColumn>;

const WireTable = z.object({ length: z.number().int().nonnegative(), columns: z.array(WireColumn) }).strict();
type WireTable = z.infer<typeof WireTable>;

const isIndex = (i: number, length: number): boolean => Number.isInteger(i) && i >= 0 && i < length;

/** What decoding needs to be total: one column per field, each as long as its table, every index in range. */
function tableProblem(table: WireTable, width: number): string | null {
  if (table.columns.length !== width) return `列数 ${table.columns.length} 与字段数 ${width} 不一致`;
  for (const column of table.columns) {
    if (column.kind === 'numbers' || column.kind === 'doubles') {
      if (column.kind === 'numbers' && column.numbers.length !== table.length) return '数值列的长度与行数不一致';
      if (column.kind === 'doubles' && column.base64.length !== float64Base64Length(table.length)) {
        return '小数列的长度与行数不一致';
      }
      if (!column.nulls.every((i) => isIndex(i, table.length))) return '空值的行号超出范围';
    } else {
      if (column.codes.length !== table.length) return '编码列的长度与行数不一致';
      if (!column.codes.every((c) => isIndex(c, column.cells.length))) return '编码超出取值表的范围';
    }
  }
  return null;
}

export const PivotResultWire = z.object({
  fields: z.array(z.string()),
  rows: WireTable,
  totals: WireTable,
  meta: PivotMeta,
}).strict().superRefine((wire, ctx) => {
  for (const part of ['rows', 'totals'] as const) {
    const problem = tableProblem(wire[part], wire.fields.length);
    if (problem) ctx.addIssue({ code: 'custom', path: [part], message: problem });
  }
});
export type PivotResultWire = z.infer<typeof PivotResultWire>;

type Rows = readonly (readonly PivotCell[])[];

const cellAt = (rows: Rows, i: number, j: number): PivotCell => (rows[i] as readonly PivotCell[])[j] as PivotCell;

/** The column's blanks' row indexes, or null when some cell is text; throws on a number that is not finite. */
function numericNulls(rows: Rows, j: number): { nulls: number[]; whole: boolean } | null {
  const nulls: number[] = [];
  let whole = true;
  for (let i = 0; i < rows.length; i++) {
    const v = cellAt(rows, i, j);
    if (v === null) nulls.push(i);
    else if (typeof v !== 'number') return null;
    else if (!Number.isInteger(v) || (v === 0 && 1 / v < 0)) {
      // -0 goes as bytes too (JSON would bring it back as 0); NaN and the infinities are refused,
      // as z.number() refused them before: a pivot never answers them.
      if (!Number.isFinite(v)) throw new Error('透视结果含有非有限的数值');
      whole = false;
    }
  }
  return { nulls, whole };
}

function encodeColumn(rows: Rows, j: number): WireColumn {
  const n = rows.length;
  const numeric = numericNulls(rows, j);
  if (numeric?.whole) {
    const numbers = new Array<number>(n);
    for (let i = 0; i < n; i++) numbers[i] = (cellAt(rows, i, j) as number | null) ?? 0;
    return { kind: 'numbers', numbers, nulls: numeric.nulls };
  }
  if (numeric) {
    const base64 = encodeFloat64Base64(n, (i) => (cellAt(rows, i, j) as number | null) ?? 0);
    return { kind: 'doubles', base64, nulls: numeric.nulls };
  }
  const index = new Map<PivotCell, number>();
  const cells: PivotCell[] = [];
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = cellAt(rows, i, j);
    let code = index.get(v);
    if (code === undefined) {
      code = cells.length;
      cells.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: 'coded', cells, codes };
}

function encodeTable(rows: Rows, width: number): WireTable {
  // Columns cannot carry a row of another width: the long form has one cell per field in every row.
  if (rows.some((row) => row.length !== width)) throw new Error(`透视结果的行宽与字段数（${width}）不一致`);
  return { length: rows.length, columns: Array.from({ length: width }, (_, j) => encodeColumn(rows, j)) };
}

/** Column j of the rows, filled in place (no array per column); throws what a schema could not see. */
function decodeColumn(column: WireColumn, rows: PivotCell[][], j: number): void {
  const n = rows.length;
  if (column.kind === 'coded') {
    for (let i = 0; i < n; i++) (rows[i] as PivotCell[])[j] = column.cells[column.codes[i] as number] as PivotCell;
    return;
  }
  if (column.kind === 'numbers') {
    for (let i = 0; i < n; i++) (rows[i] as PivotCell[])[j] = column.numbers[i] as number;
  } else {
    const values = decodeFloat64Base64(column.base64, n);
    if (!values) throw new Error('小数列不是有效的 base64 数据');
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) throw new Error('小数列含有非有限的数值');
      (rows[i] as PivotCell[])[j] = v;
    }
  }
  for (const i of column.nulls) (rows[i] as PivotCell[])[j] = null;
}

function decodeTable(table: WireTable): PivotCell[][] {
  const width = table.columns.length;
  const rows = new Array<PivotCell[]>(table.length);
  for (let i = 0; i < table.length; i++) rows[i] = new Array<PivotCell>(width);
  table.columns.forEach((column, j) => decodeColumn(column, rows, j));
  return rows;
}

export const pivotResultWire: WireCodec<PivotResult, PivotResultWire> = {
  schema: PivotResultWire,
  encode: (result) => ({
    fields: result.fields,
    rows: encodeTable(result.rows, result.fields.length),
    totals: encodeTable(result.totals, result.fields.length),
    meta: result.meta,
  }),
  decode: (wire) => ({
    fields: wire.fields, rows: decodeTable(wire.rows), totals: decodeTable(wire.totals), meta: wire.meta,
  }),
};
