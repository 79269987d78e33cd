import { z } from 'zod';
import { PivotCell, PivotMeta, type PivotResult } from './pivot';
import type { WireCodec } from './wireCodec';

/*
 * PivotResult as it travels between the core and the page. The long form (cli.md) is an array of
 * rows of union cells, and checking ten thousand rows of unions with zod costs more than the pivot's
 * own grouping; by columns, a key column is its distinct cells once plus one index per row, and a
 * value column is a plain array of numbers, both of which zod checks quickly. The core, the CLI and
 * the page see only the long form: the hosts encode, every reader of the contract decodes (wire.ts).
 */

/**
 * z.array(z.number()) with one plain loop instead of a schema run per element (a third of the check's
 * time on ten thousand rows): finite numbers only, as z.number() takes.
 */
const Numbers = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)),
  { message: '期望 数字的数组' },
);

/** Every cell a number or a blank: the numbers (0 in a blank's place) and the blanks' row indexes. */
const NumberColumn = z.object({ kind: z.literal('numbers'), numbers: Numbers, nulls: Numbers }).strict();

/** Any other column (the keys, or a value column holding text): each distinct cell once, then per row its index. */
const CodedColumn = z.object({ kind: z.literal('coded'), cells: z.array(PivotCell), codes: Numbers }).strict();

const WireColumn = z.discriminatedUnion('kind', [NumberColumn, CodedColumn]);
type WireColumn = z.infer<typeof WireColumn>;

const WireTable = z.object({ length: z.number().int().nonnegative(), columns: z.array(WireColumn) }).strict();
type WireTable = z.infer<typeof WireTable>;

const isIndex = (i: number, length: number): boolean => Number.isInteger(i) && i >= 0 && i < length;

/** What decoding needs to be total: one column per field, each as long as its table, every index in range. */
function tableProblem(table: WireTable, width: number): string | null {
  if (table.columns.length !== width) return `列数 ${table.columns.length} 与字段数 ${width} 不一致`;
  for (const column of table.columns) {
    if (column.kind === 'numbers') {
      if (column.numbers.length !== table.length) return '数值列的长度与行数不一致';
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

function encodeColumn(rows: readonly (readonly PivotCell[])[], j: number): WireColumn {
  const n = rows.length;
  let numeric = true;
  for (let i = 0; i < n && numeric; i++) {
    const v = (rows[i] as readonly PivotCell[])[j];
    numeric = v === null || typeof v === 'number';
  }
  if (numeric) {
    const numbers = new Array<number>(n);
    const nulls: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as readonly PivotCell[])[j] as number | null;
      if (v === null) nulls.push(i);
      numbers[i] = v ?? 0;
    }
    return { kind: 'numbers', numbers, nulls };
  }
  const index = new Map<PivotCell, number>();
  const cells: PivotCell[] = [];
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = (rows[i] as readonly PivotCell[])[j] as PivotCell;
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

function encodeTable(rows: readonly (readonly PivotCell[])[], width: number): WireTable {
  // Columns cannot carry a row of another width: the long form has one cell per field in every row.
  if (rows.some((row) => row.length !== width)) throw new Error(`透视结果的行宽与字段数（${width}）不一致`);
  return { length: rows.length, columns: Array.from({ length: width }, (_, j) => encodeColumn(rows, j)) };
}

function decodeColumn(column: WireColumn): PivotCell[] {
  if (column.kind === 'coded') return column.codes.map((c) => column.cells[c] as PivotCell);
  const cells: PivotCell[] = column.numbers.slice();
  for (const i of column.nulls) cells[i] = null;
  return cells;
}

function decodeTable(table: WireTable): PivotCell[][] {
  const columns = table.columns.map(decodeColumn);
  const width = columns.length;
  const rows = new Array<PivotCell[]>(table.length);
  for (let i = 0; i < table.length; i++) {
    const row = new Array<PivotCell>(width);
    for (let j = 0; j < width; j++) row[j] = (columns[j] as PivotCell[])[i] as PivotCell;
    rows[i] = row;
  }
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
