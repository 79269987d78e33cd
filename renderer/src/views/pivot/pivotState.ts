import type { PivotFilter, PivotSort, PivotSpec, PivotTopN, PivotValue } from '../../../../shared/api/pivot';
import { valueFieldKey } from '../../../../shared/semantic/catalogue';
import { TOTAL_COLUMN_ID } from './pivotTable';

export type Zone = 'rows' | 'columns' | 'values' | 'filters';
export type Direction = 'asc' | 'desc';

/**
 * The grid column the rows are ordered by, as AG Grid names it: `row:<dimension>` or
 * `<columnKey>|<valueField>`. A row dimension and a value of the 合计 column are orders the engine
 * knows (spec.sort), so exports, saved analyses and the CLI get them too; a value under one column
 * key (2016 | 人数) is an order of the grid alone.
 */
export interface GridOrder {
  readonly colId: string;
  readonly direction: Direction;
}

/** What the workbench edits: the pivot spec without the engine's defaults filled in. */
export interface EditSpec {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly values: readonly PivotValue[];
  readonly filters: readonly PivotFilter[];
  readonly year: number | undefined;
  readonly order: GridOrder | null;
  readonly topN: PivotTopN | undefined;
}

export const START_SPEC: EditSpec = {
  rows: ['township'], columns: [], values: [{ measure: 'households' }, { measure: 'persons' }], filters: [], year: undefined, order: null, topN: undefined,
};

/** The output field of a value (persons, personsRowShare …), the name sort and topN use. */
export function valueKey(v: PivotValue): string {
  return valueFieldKey(v.measure, v.share ?? null);
}

/** Drops an order or a top-N that points at a field no longer in the pivot. */
function tidy(spec: EditSpec): EditSpec {
  const keys = new Set(spec.values.map(valueKey));
  let { order, topN } = spec;
  if (order) {
    const row = order.colId.startsWith('row:') ? order.colId.slice(4) : null;
    const value = row === null ? order.colId.slice(order.colId.lastIndexOf('|') + 1) : null;
    if ((row !== null && !spec.rows.includes(row)) || (value !== null && !keys.has(value))) order = null;
  }
  if (topN) {
    if (spec.rows.length === 0 || !keys.has(topN.by)) topN = undefined;
    else if (topN.field !== undefined && !spec.rows.includes(topN.field))
      topN = { n: topN.n, by: topN.by, direction: topN.direction };
  }
  return order === spec.order && topN === spec.topN ? spec : { ...spec, order, topN };
}

/** A dimension sits in one of 行 / 列 at a time; a measure shows once as itself (and once per share base). */
export function addField(spec: EditSpec, zone: Zone, key: string): EditSpec {
  switch (zone) {
    case 'rows':
    case 'columns': {
      const rows = spec.rows.filter((k) => k !== key);
      const columns = spec.columns.filter((k) => k !== key);
      return tidy(zone === 'rows' ? { ...spec, rows: [...rows, key], columns } : { ...spec, rows, columns: [...columns, key] });
    }
    case 'values':
      return spec.values.some((v) => v.measure === key && v.share === undefined) ? spec
        : { ...spec, values: [...spec.values, { measure: key }] };
    case 'filters':
      return spec.filters.some((f) => f.field === key) ? spec : { ...spec, filters: [...spec.filters, { field: key, op: 'in', values: [] }] };
  }
}

/** `key` is the dimension, or for 值 the value's output field (persons, personsRowShare …). */
export function removeField(spec: EditSpec, zone: Zone, key: string): EditSpec {
  switch (zone) {
    case 'rows':
      return tidy({ ...spec, rows: spec.rows.filter((k) => k !== key) });
    case 'columns':
      return { ...spec, columns: spec.columns.filter((k) => k !== key) };
    case 'values':
      return tidy({ ...spec, values: spec.values.filter((v) => valueKey(v) !== key) });
    case 'filters':
      return { ...spec, filters: spec.filters.filter((f) => f.field !== key) };
  }
}

/**
 * Shows a value as itself or as a share of the grand / row / column total. Refused (null) when the
 * pivot already shows that measure that way; an order or top-N on the value follows it.
 */
export function setShare(spec: EditSpec, key: string, share: PivotValue['share']): EditSpec | null {
  const target = spec.values.find((v) => valueKey(v) === key);
  if (!target) return spec;
  const next: PivotValue = share ? { measure: target.measure, share } : { measure: target.measure };
  const nextKey = valueKey(next);
  if (nextKey === key) return spec;
  if (spec.values.some((v) => valueKey(v) === nextKey)) return null;
  const order = spec.order && spec.order.colId.endsWith(`|${key}`)
    ? { ...spec.order, colId: `${spec.order.colId.slice(0, -key.length)}${nextKey}` }
    : spec.order;
  const topN = spec.topN?.by === key ? { ...spec.topN, by: nextKey } : spec.topN;
  return { ...spec, values: spec.values.map((v) => (v === target ? next : v)), order, topN };
}

export function setOrder(spec: EditSpec, order: GridOrder | null): EditSpec {
  if (order?.colId === spec.order?.colId && order?.direction === spec.order?.direction) return spec;
  return tidy({ ...spec, order });
}

/**
 * A top-N lists the kept members by their rank: the order follows the ranking unless the pivot
 * has an order of its own.
 */
export function setTopN(spec: EditSpec, topN: PivotTopN | undefined): EditSpec {
  const rankOrder = (t: PivotTopN): GridOrder => ({ colId: `${TOTAL_COLUMN_ID}|${t.by}`, direction: t.direction });
  const followsRank = spec.order === null
    || (spec.topN !== undefined && spec.order.colId === rankOrder(spec.topN).colId
      && spec.order.direction === spec.topN.direction);
  const order = topN && followsRank ? rankOrder(topN) : spec.order;
  return tidy({ ...spec, topN, order });
}

/** The order as the engine's sort, when the engine can give it (see GridOrder). */
export function orderSort(order: GridOrder | null): PivotSort[] {
  if (!order) return [];
  if (order.colId.startsWith('row:')) return [{ field: order.colId.slice(4), direction: order.direction }];
  const prefix = `${TOTAL_COLUMN_ID}|`;
  return order.colId.startsWith(prefix) ? [{ field: order.colId.slice(prefix.length), direction: order.direction }]
    : [];
}

/** The spec the engine runs: totals always on; a filter with no values chosen yet is left out. */
export function toRunSpec(spec: EditSpec): PivotSpec {
  return {
    rows: [...spec.rows],
    columns: [...spec.columns],
    values: [...spec.values],
    filters: spec.filters.filter((f) => f.op !== 'in' || f.values.length > 0).map((f) => ({ ...f, values: [...f.values] })),
    ...(spec.year !== undefined ? { year: spec.year } : {}),
    totals: true,
    sort: orderSort(spec.order),
    ...(spec.topN ? { topN: { ...spec.topN } } : {}),
  };
}

export function fromSpec(spec: PivotSpec): EditSpec {
  const first = spec.sort[0];
  const values = new Set(spec.values.map(valueKey));
  const order: GridOrder | null = !first ? null
    : values.has(first.field) ? { colId: `${TOTAL_COLUMN_ID}|${first.field}`, direction: first.direction }
      : { colId: `row:${first.field}`, direction: first.direction };
  return tidy({
    rows: spec.rows, columns: spec.columns, values: spec.values, filters: spec.filters, year: spec.year, order,
    topN: spec.topN,
  });
}
