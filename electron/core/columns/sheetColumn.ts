/**
 * One row of a sheet's column table: everything the code knows of one column of the standard
 * template (import-format.md), from the header a county's export prints to the SQL column it is
 * stored in. The header matching, the INSERT text, the write thread's widths, the template's
 * headers and cells are all read from these tables (columns/*Columns.ts), so a column is added in
 * one place.
 */

/**
 * How a value is read, carried to the write thread and stored:
 * - household: 户编号 (the key on 户信息; on the other sheets, the household the row belongs to)
 * - text: free text of its own (a name, a measure's content)
 * - label: a code-list value or other short repeated text (county, village, 12-digit area code)
 * - date: YYYY-MM-DD (or YYYY-MM), sent as a label since a county repeats few dates
 * - flag: 是/否
 * - year, count, amount (元), quantity (a non-negative decimal, such as 亩): numbers
 * - list: several labels in one cell (其他致贫原因), or one of the numbered columns of a list (风险1–5)
 * - headId, memberId: a 证件号码, checked on the reading thread, hashed on the write thread (the number
 *   itself is never stored)
 * - total: an amount the export gives as a total, checked against the formula and stored as computed
 */
export type ValueKind =
  | 'household' | 'text' | 'label' | 'date' | 'flag' | 'year' | 'count' | 'amount' | 'quantity' | 'list'
  | 'headId' | 'memberId' | 'total';

/** The kinds a plain column may have: read, carried and stored by their kind alone. */
export type PlainKind = 'text' | 'label' | 'date' | 'flag' | 'year' | 'quantity';

/** What a template cell holds: text stays text (IDs, 户编号, codes), numbers are numbers, null is blank. */
export type CellValue = string | number | null;

export interface SheetColumn<K extends string = string> {
  /** The import's name for the column (RowReader keys). */
  readonly key: K;
  /** The canonical header of import-format.md. */
  readonly header: string;
  /** Other headers the national exports use; matching folds them first (headerText.ts). */
  readonly aliases?: readonly string[];
  /** The import cannot go on without the column. */
  readonly required?: boolean;
  /** Amount columns are scaled by a 万元 header or unit row. */
  readonly amount?: boolean;
  /** The template's own unit for an amount column when its header names none. */
  readonly defaultUnit?: '元' | '万元';
  readonly kind: ValueKind;
  /** The row field (snapshotRows.ts) the value lands in; null for a total that is only checked. */
  readonly field: string | null;
  /** SQL column(s) it is stored in, in INSERT order; empty when it is not stored as read. */
  readonly sql: readonly string[];
  /** A value as a statistician would fill it in (the template's example row). */
  readonly example: CellValue;
  /** The template's header where it names a unit the canonical header leaves out. */
  readonly templateHeader?: string;
  /**
   * A plain column is read, carried to the write thread, stored and written to the template by its
   * kind alone: no sheet handler, codec or writer names it. Its value travels in the row's
   * `plainValues`, keyed by `field`.
   */
  readonly plain?: true;
}

/** Values of a row's plain columns, by field; absent = blank. */
export type PlainValue = string | number | boolean | null;
export type PlainValues = Readonly<Record<string, PlainValue>>;

export interface PlainColumn extends SheetColumn {
  readonly kind: PlainKind;
  readonly field: string;
  readonly plain: true;
}

const PLAIN_KINDS: readonly ValueKind[] = ['text', 'label', 'date', 'flag', 'year', 'quantity'];

/** The plain columns of a table, checked to have a field, one SQL column and a plain kind. */
export function plainColumnsOf(columns: readonly SheetColumn[]): readonly PlainColumn[] {
  const plain = columns.filter((c) => c.plain);
  for (const c of plain) {
    if (c.field === null || c.sql.length !== 1 || !PLAIN_KINDS.includes(c.kind)) {
      throw new Error(`列表定义有误：普通列「${c.header}」需要字段名、一个 SQL 列和普通的值类型`);
    }
  }
  return plain as readonly PlainColumn[];
}

/**
 * INSERT text for a sheet's table: snapshot_id, then the table's SQL columns in its order (plain
 * columns last, after `trailing`), as many `?` as columns. The writer binds its values in this order.
 */
export function insertSqlOf(table: string, columns: readonly SheetColumn[], trailing: readonly string[]): string {
  const fixed = columns.filter((c) => !c.plain).flatMap((c) => c.sql);
  const plain = plainColumnsOf(columns).flatMap((c) => c.sql);
  const names = ['snapshot_id', ...fixed, ...trailing, ...plain];
  return `INSERT INTO ${table}(${names.join(', ')}) VALUES (${names.map(() => '?').join(',')})`;
}

/** A plain value as SQLite stores it: flags as 0/1. */
export function plainSqlValue(v: PlainValue | undefined): string | number | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** The SQL values of a row's plain columns, in the table's order (an empty array when it has none). */
export function plainSqlValues(
  plain: readonly PlainColumn[], values: PlainValues | undefined,
): (string | number | null)[] {
  return plain.map((c) => plainSqlValue(values?.[c.field]));
}

/** Slots a value takes in the write thread's typed arrays (rowCodec.ts); text travels beside them. */
export interface WireWidth {
  readonly ints: number;
  readonly numbers: number;
  readonly hashes: number;
}

const WIRE: Readonly<Record<ValueKind, WireWidth>> = {
  household: { ints: 1, numbers: 0, hashes: 0 },
  text: { ints: 0, numbers: 0, hashes: 0 },
  label: { ints: 1, numbers: 0, hashes: 0 },
  date: { ints: 1, numbers: 0, hashes: 0 },
  flag: { ints: 1, numbers: 0, hashes: 0 },
  year: { ints: 0, numbers: 1, hashes: 0 },
  count: { ints: 0, numbers: 1, hashes: 0 },
  amount: { ints: 0, numbers: 1, hashes: 0 },
  quantity: { ints: 0, numbers: 1, hashes: 0 },
  list: { ints: 1, numbers: 0, hashes: 0 },
  // Whether there is one, the digest; the masked form travels as text.
  headId: { ints: 1, numbers: 0, hashes: 1 },
  // The digest, kind and check; the masked form travels as text.
  memberId: { ints: 2, numbers: 0, hashes: 1 },
  total: { ints: 0, numbers: 0, hashes: 0 },
};

/**
 * The widths of a row on the wire: one slot per field (the five 风险 columns fill one list), plus
 * `extra` for what the codec sends beside the table's columns (source row, derived flag).
 * `householdAsText`: on 户信息 the 户编号 is the row's own key and travels as text.
 */
export function wireWidthOf(
  columns: readonly SheetColumn[], extra: Partial<WireWidth>, householdAsText = false,
): WireWidth {
  const seen = new Set<string>();
  let ints = extra.ints ?? 0;
  let numbers = extra.numbers ?? 0;
  let hashes = extra.hashes ?? 0;
  for (const c of columns) {
    if (c.field === null || seen.has(c.field)) continue;
    seen.add(c.field);
    const w = c.kind === 'household' && householdAsText ? WIRE.text : WIRE[c.kind];
    ints += w.ints;
    numbers += w.numbers;
    hashes += w.hashes;
  }
  return { ints, numbers, hashes };
}

/** The template's header of a column. */
export function templateHeaderOf(c: SheetColumn): string {
  return c.templateHeader ?? c.header;
}
