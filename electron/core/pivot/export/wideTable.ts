import type { PivotCell, PivotFieldInfo, PivotResult } from '../../../../shared/api/pivot';
import { incomeFilterText } from '../../../../shared/format/incomeFilterText';
import { koujingLineText } from '../../../../shared/format/koujingLine';

export type Tuple = readonly PivotCell[];

export interface WideRow {
  /** The row labels as printed (小计, and 合计 for the grand total as the page says). */
  readonly labels: readonly string[];
  readonly kind: 'cell' | 'subtotal' | 'total';
  /** One value per data column. */
  readonly values: readonly (number | null)[];
}

/** A header cell over data columns [col, col + colSpan) at header row `level`, spanning rowSpan rows. */
export interface HeaderCell {
  readonly level: number;
  readonly col: number;
  readonly colSpan: number;
  readonly rowSpan: number;
  readonly label: string;
}

/** The pivot as a statistician's table: row labels down the left, column keys × values across. */
export interface WideTable {
  readonly rowHeaders: readonly string[];
  /** Header rows above the data columns (column dimension levels, then the value labels). */
  readonly headerDepth: number;
  readonly headers: readonly HeaderCell[];
  /** Each data column's header as one line ("2016 / 户数"), for CSV. */
  readonly flatHeaders: readonly string[];
  readonly columns: readonly { readonly key: Tuple; readonly field: PivotFieldInfo }[];
  readonly rows: readonly WideRow[];
}

const TOTAL = '合计';

function label(v: PivotCell): string {
  return v === null ? TOTAL : String(v);
}

/**
 * Orders key tuples (cells and totals together) the way the result lists its cells: each prefix
 * by its first appearance, a total ("all", null) after its siblings.
 */
function orderTuples(tuples: readonly Tuple[], cellOrder: readonly Tuple[]): Tuple[] {
  const rank = new Map<string, number>();
  for (const t of cellOrder) {
    for (let i = 1; i <= t.length; i++) {
      const k = JSON.stringify(t.slice(0, i));
      if (!rank.has(k)) rank.set(k, rank.size);
    }
  }
  const compare = (a: Tuple, b: Tuple): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === null && y === null) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const rx = rank.get(JSON.stringify(a.slice(0, i + 1))) ?? Infinity;
      const ry = rank.get(JSON.stringify(b.slice(0, i + 1))) ?? Infinity;
      if (rx !== ry) return rx - ry;
    }
    return 0;
  };
  const unique = new Map(tuples.map((t) => [JSON.stringify(t), t]));
  return [...unique.values()].sort(compare);
}

export function wideTable(result: PivotResult): WideTable {
  const info = result.meta.fieldInfo;
  const rowFields = info.filter((f) => f.role === 'row');
  const colFields = info.filter((f) => f.role === 'column');
  const valueFields = info.filter((f) => f.role === 'value');
  const rowDims = rowFields.length;
  const colDims = colFields.length;
  const all = [...result.rows, ...result.totals];
  const rowKey = (line: readonly PivotCell[]): Tuple => line.slice(0, rowDims);
  const colKey = (line: readonly PivotCell[]): Tuple => line.slice(rowDims, rowDims + colDims);
  const rowKeys = orderTuples(all.map(rowKey), result.rows.map(rowKey));
  const colKeys = orderTuples(all.map(colKey), result.rows.map(colKey));
  const values = new Map<string, readonly PivotCell[]>();
  for (const line of all) values.set(JSON.stringify([rowKey(line), colKey(line)]), line.slice(rowDims + colDims));

  const columns = colKeys.flatMap((key) => valueFields.map((field) => ({ key, field })));
  const withValues = valueFields.length > 1 || colDims === 0;
  const headerDepth = colDims + (withValues ? 1 : 0);
  const headers: HeaderCell[] = [];
  for (let level = 0; level < colDims; level++) {
    const prefix = (i: number): string => JSON.stringify(columns[i]?.key.slice(0, level + 1));
    for (let start = 0; start < columns.length;) {
      let end = start + 1;
      while (end < columns.length && prefix(end) === prefix(start)) end++;
      const key = columns[start]?.key ?? [];
      const underTotal = key.slice(0, level).some((v) => v === null);
      if (!underTotal) {
        const total = key[level] === null;
        headers.push({
          level, col: start, colSpan: end - start, rowSpan: total ? colDims - level : 1,
          label: total ? TOTAL : label(key[level] ?? null),
        });
      }
      start = end;
    }
  }
  if (withValues) {
    columns.forEach((c, col) => headers.push({ level: colDims, col, colSpan: 1, rowSpan: 1, label: c.field.label }));
  }
  // Under a total every lower level is a total too: "合计 / 人数", not "合计 / 合计 / 人数".
  const keyLabels = (key: Tuple): string[] => {
    const firstTotal = key.indexOf(null);
    return (firstTotal < 0 ? key : key.slice(0, firstTotal + 1)).map(label);
  };
  const flatHeaders = columns.map((c) => [...keyLabels(c.key), ...(withValues || colDims === 0 ? [c.field.label] : [])].join(' / '));

  const rows: WideRow[] = rowKeys.map((key) => {
    const firstAll = key.findIndex((v) => v === null);
    const kind = firstAll < 0 ? 'cell' : firstAll === 0 ? 'total' : 'subtotal';
    const labels = rowFields.map((_, i) => (firstAll < 0 || i < firstAll ? String(key[i]) : i === firstAll ? (kind === 'total' ? TOTAL : '小计') : ''));
    const vals = columns.map((c, i) => {
      const line = values.get(JSON.stringify([key, c.key]));
      const v = line?.[i % valueFields.length];
      return typeof v === 'number' ? v : null;
    });
    return { labels: rowDims === 0 ? [TOTAL] : labels, kind: rowDims === 0 ? 'total' : kind, values: vals };
  });
  return { rowHeaders: rowDims === 0 ? [''] : rowFields.map((f) => f.label), headerDepth, headers, flatHeaders, columns, rows };
}

/** The 口径 block printed above an exported table. */
export function koujingLines(result: PivotResult): string[] {
  const m = result.meta;
  const k = m.koujing;
  return [
    `数据：${m.county}，快照 #${m.snapshotId}，截至 ${m.asOf}`,
    `统计对象：${k.population}`,
    ...(k.incomeYear ? [k.incomeYear] : []),
    ...(m.incomeFilter ? [incomeFilterText(m.incomeFilter)] : []),
    `筛选：${k.filters}`,
    `贫困线标准：${m.lineSet.label}`,
    ...[...k.dimensions, ...k.measures].map(koujingLineText),
    ...k.notes.map((n) => `说明：${n}`),
    `导出时间：${new Date().toLocaleString('zh-CN', { hour12: false })}`,
  ];
}
