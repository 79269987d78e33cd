import type { PivotCell, PivotFieldInfo, PivotResult } from '../../../../shared/api/pivot';
import { formatAmount, formatCount, formatShare } from '../../format/numbers';

/**
 * The engine's long form (one line per cell) laid out wide, as a statistician reads a pivot: one
 * grid row per row-key (subtotals after their group, the grand total apart), one column group per
 * column-key with a child per value, and a 合计 group when the engine gave column totals.
 */

export type RowKind = 'detail' | 'subtotal' | 'total';

export interface WideRow {
  readonly id: string;
  readonly kind: RowKind;
  /** Row dimension → label; null where the row is a total over that dimension. */
  readonly keys: Record<string, PivotCell>;
  /** `${columnKeyId}|${valueKey}` → value. */
  readonly cells: Record<string, PivotCell>;
  /** Row dimension → what its cell shows: the key, 小计 under the last key of a subtotal, 合计. */
  readonly labels: Record<string, string>;
}

export interface ColumnKey {
  readonly id: string;
  /** Column dimension → label; empty for the 合计 group. */
  readonly keys: Record<string, PivotCell>;
  readonly label: string;
}

export interface WideTable {
  readonly rowFields: readonly PivotFieldInfo[];
  readonly columnFields: readonly PivotFieldInfo[];
  readonly valueFields: readonly PivotFieldInfo[];
  readonly columnKeys: readonly ColumnKey[];
  readonly rows: readonly WideRow[];
  readonly grandTotal: WideRow | null;
  /** Row dimension → the label a blank key shows as (（未填） …): blanks sort last either way. */
  readonly blankLabels: Readonly<Record<string, string>>;
}

export const TOTAL_COLUMN_ID = '__total__';
const SEP = '\u241f';

function keyId(cells: readonly PivotCell[]): string {
  return cells.map((c) => (c === null ? '\u2205' : String(c))).join(SEP);
}

export function widen(
  result: PivotResult, blankLabel: (field: string) => string | undefined = () => undefined,
): WideTable {
  const info = result.meta.fieldInfo;
  const rowFields = info.filter((f) => f.role === 'row');
  const columnFields = info.filter((f) => f.role === 'column');
  const valueFields = info.filter((f) => f.role === 'value');
  const index = new Map(result.fields.map((f, i) => [f, i]));
  const at = (line: readonly PivotCell[], key: string): PivotCell => line[index.get(key) ?? -1] ?? null;

  const columnKeys = new Map<string, ColumnKey>();
  const rows = new Map<string, { kind: RowKind; keys: Record<string, PivotCell>; cells: Record<string, PivotCell> }>();
  let hasTotalColumn = false;

  const place = (line: readonly PivotCell[], isTotal: boolean): void => {
    const rowCells = rowFields.map((f) => at(line, f.key));
    const colCells = columnFields.map((f) => at(line, f.key));
    // In totals, null in a key position means "all"; a partial column total is not shown.
    const colAll = isTotal && colCells.length > 0 && colCells.every((c) => c === null);
    if (isTotal && !colAll && colCells.some((c) => c === null)) return;
    const rowNulls = isTotal ? rowCells.filter((c) => c === null).length : 0;
    if (isTotal && rowNulls > 0 && rowCells.slice(0, rowCells.length - rowNulls).some((c) => c === null)) return;
    const colId = colAll || columnFields.length === 0 ? TOTAL_COLUMN_ID : keyId(colCells);
    if (colAll) hasTotalColumn = true;
    else if (!columnKeys.has(colId) && columnFields.length > 0) {
      columnKeys.set(colId, {
        id: colId,
        keys: Object.fromEntries(columnFields.map((f, i) => [f.key, colCells[i] ?? null])),
        label: colCells.map((c) => (c === null ? '' : String(c))).join(' / '),
      });
    }
    const rId = keyId(rowCells);
    const kind: RowKind = !isTotal || rowNulls === 0 ? 'detail' : rowNulls === rowCells.length ? 'total' : 'subtotal';
    let row = rows.get(rId);
    if (!row) {
      row = { kind, keys: Object.fromEntries(rowFields.map((f, i) => [f.key, rowCells[i] ?? null])), cells: {} };
      rows.set(rId, row);
    }
    for (const v of valueFields) row.cells[`${colId}|${v.key}`] = at(line, v.key);
  };
  for (const line of result.rows) place(line, false);
  for (const line of result.totals) place(line, true);

  const orderedColumns = [...columnKeys.values()];
  if (columnFields.length === 0 || hasTotalColumn) orderedColumns.push({ id: TOTAL_COLUMN_ID, keys: {}, label: '合计' });

  // Detail rows keep the engine's order; each subtotal follows the last row of its group.
  const all = [...rows.entries()].map(([id, r]) => ({ id, ...r, labels: rowLabels(rowFields, r.kind, r.keys) }));
  const grandTotal = rowFields.length === 0 ? (all[0] ?? null) : (all.find((r) => r.kind === 'total') ?? null);
  const details = rowFields.length === 0 ? [] : all.filter((r) => r.kind === 'detail');
  const subtotalOf = new Map<string, WideRow>();
  for (const s of all) {
    if (s.kind !== 'subtotal') continue;
    const depth = rowFields.findIndex((f) => s.keys[f.key] === null);
    subtotalOf.set(keyId(rowFields.slice(0, depth).map((f) => s.keys[f.key] ?? null)), s);
  }
  const ordered: WideRow[] = [];
  details.forEach((row, i) => {
    ordered.push(row);
    const next = details[i + 1];
    // Close every group (deepest first) that ends with this row.
    for (let level = rowFields.length - 1; level >= 1; level -= 1) {
      const prefix = keyId(rowFields.slice(0, level).map((f) => row.keys[f.key] ?? null));
      if (next && prefix === keyId(rowFields.slice(0, level).map((f) => next.keys[f.key] ?? null))) continue;
      const sub = subtotalOf.get(prefix);
      if (sub) ordered.push(sub);
    }
  });
  const blankLabels: Record<string, string> = {};
  for (const f of rowFields) {
    const label = blankLabel(f.key);
    if (label !== undefined) blankLabels[f.key] = label;
  }
  const table: WideTable = {
    rowFields, columnFields, valueFields, columnKeys: orderedColumns, rows: ordered, grandTotal, blankLabels,
  };
  for (const row of ordered) TABLE_OF.set(row, table);
  return table;
}

/** Which table a row belongs to: a sort compares rows of the data the grid holds, not of a stale closure. */
const TABLE_OF = new WeakMap<WideRow, WideTable>();

function rowLabels(
  rowFields: readonly PivotFieldInfo[], kind: RowKind, keys: Record<string, PivotCell>,
): Record<string, string> {
  const labels: Record<string, string> = {};
  rowFields.forEach((f, i) => {
    const v = keys[f.key] ?? null;
    const previous = i > 0 ? (keys[rowFields[i - 1]?.key ?? ''] ?? null) : null;
    labels[f.key] = kind === 'total' ? (i === 0 ? '合计' : '')
      : v !== null ? String(v)
        : kind === 'subtotal' && previous !== null ? '小计' : '';
  });
  return labels;
}

export function formatValue(value: PivotCell, format: PivotFieldInfo['format']): string {
  if (typeof value !== 'number') return value === null ? '—' : String(value);
  switch (format) {
    case 'count':
      return formatCount(value);
    case 'yuan':
      return formatAmount(value, 0);
    case 'share':
      return formatShare(value, 1);
    default:
      return String(value);
  }
}

/**
 * Orders rows by a column the way a statistician reads a sorted pivot: groups are ranked by
 * their own subtotal in that column, members within their group by their value, a subtotal stays
 * right under its group whichever the direction, blanks last, ties in the engine's order. Returns the comparison AG
 * Grid wants: it negates it for a descending sort.
 */
export function columnComparator(colId: string): (a: WideRow, b: WideRow, descending: boolean) => number {
  // A row dimension's column (row:<key>) turns that level's natural order round, the others stay.
  const dimension = colId.startsWith('row:') ? colId.slice(4) : null;
  const byTable = new WeakMap<WideTable, { fields: string[]; blank: string | undefined; ranks: Map<WideRow, Rank> }>();
  const rankedTable = (row: WideRow): {
    fields: string[]; blank: string | undefined; ranks: Map<WideRow, Rank>;
  } | undefined => {
    const table = TABLE_OF.get(row);
    if (!table) return undefined;
    let ranked = byTable.get(table);
    if (!ranked) {
      ranked = {
        fields: table.rowFields.map((f) => f.key), blank: dimension === null ? undefined : table.blankLabels[dimension],
        ranks: rankRows(table, colId),
      };
      byTable.set(table, ranked);
    }
    return ranked;
  };
  return (a, b, descending) => {
    const sign = descending ? -1 : 1;
    const ranked = rankedTable(a);
    const ra = ranked?.ranks.get(a);
    const rb = ranked?.ranks.get(b);
    if (!ranked || !ra || !rb) return 0;
    const fields = ranked.fields;
    for (let i = 0; i < fields.length; i++) {
      const ka = a.keys[fields[i] ?? ''] ?? null;
      const kb = b.keys[fields[i] ?? ''] ?? null;
      if (ka === kb) {
        if (ka === null) return 0;
        continue;
      }
      // One of them is the subtotal of the group both are in: it comes last, in either direction.
      if (ka === null) return sign;
      if (kb === null) return -sign;
      const natural = (ra.first[i] ?? 0) - (rb.first[i] ?? 0);
      if (dimension !== null && fields[i] === dimension) {
        // A blank key comes last whichever way, as in the engine.
        if ((ka === ranked.blank) !== (kb === ranked.blank)) return ka === ranked.blank ? sign : -sign;
        return natural;
      }
      if (dimension !== null) return sign * natural;
      const va = ra.values[i] ?? null;
      const vb = rb.values[i] ?? null;
      if (va === vb) return sign * natural;
      if (va === null) return sign;
      if (vb === null) return -sign;
      return va < vb ? -1 : 1;
    }
    return 0;
  };
}

interface Rank {
  /** Per depth d (1…R): the value of the row's level-d group in the column … */
  readonly values: (number | null)[];
  /** … and where that group first shows in the engine's order (ties between groups keep it). */
  readonly first: number[];
}

function rankRows(table: WideTable, colId: string): Map<WideRow, Rank> {
  const fields = table.rowFields.map((f) => f.key);
  const groupRow = new Map<string, WideRow>();
  const firstAt = new Map<string, number>();
  const prefixes = table.rows.map((row, index) => {
    const ids: string[] = [];
    let id = '';
    for (const field of fields) {
      const key = row.keys[field] ?? null;
      if (key === null) break;
      id = `${id}${SEP}${String(key)}`;
      ids.push(id);
      if (!firstAt.has(id)) firstAt.set(id, index);
    }
    groupRow.set(ids.at(-1) ?? '', row);
    return ids;
  });
  const ranks = new Map<WideRow, Rank>();
  table.rows.forEach((row, index) => {
    const ids = prefixes[index] ?? [];
    ranks.set(row, {
      values: ids.map((id) => {
        const v = groupRow.get(id)?.cells[colId];
        return typeof v === 'number' ? v : null;
      }),
      first: ids.map((id) => firstAt.get(id) ?? index),
    });
  });
  return ranks;
}

/** A value column's header: 人数（人）, or for a share 人数（占行合计%）with the catalogue's words. */
export function valueHeader(field: PivotFieldInfo, measureLabel: (key: string) => string, shareLabel: (share: NonNullable<PivotFieldInfo['share']>) => string): string {
  if (field.share !== null && field.measure !== null) {
    return `${measureLabel(field.measure)}（${shareLabel(field.share).replace(/的比例$/, '').replace(/比例$/, '')}%）`;
  }
  return `${field.label}${field.unit ? `（${field.unit}）` : ''}`;
}
