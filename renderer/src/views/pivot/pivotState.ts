import type { PivotFilter, PivotSpec, PivotValue } from '../../../../shared/api/pivot';

export type Zone = 'rows' | 'columns' | 'values' | 'filters';

/** What the workbench edits: the pivot spec without the engine's defaults filled in. */
export interface EditSpec {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly values: readonly PivotValue[];
  readonly filters: readonly PivotFilter[];
  readonly year: number | undefined;
}

export const START_SPEC: EditSpec = { rows: ['township'], columns: [], values: [{ measure: 'households' }, { measure: 'persons' }], filters: [], year: undefined };

/** A dimension sits in one of 行 / 列 at a time; a measure shows once in 值. */
export function addField(spec: EditSpec, zone: Zone, key: string): EditSpec {
  switch (zone) {
    case 'rows':
    case 'columns': {
      const rows = spec.rows.filter((k) => k !== key);
      const columns = spec.columns.filter((k) => k !== key);
      return zone === 'rows' ? { ...spec, rows: [...rows, key], columns } : { ...spec, rows, columns: [...columns, key] };
    }
    case 'values':
      return spec.values.some((v) => v.measure === key) ? spec : { ...spec, values: [...spec.values, { measure: key }] };
    case 'filters':
      return spec.filters.some((f) => f.field === key) ? spec : { ...spec, filters: [...spec.filters, { field: key, op: 'in', values: [] }] };
  }
}

export function removeField(spec: EditSpec, zone: Zone, key: string): EditSpec {
  switch (zone) {
    case 'rows':
      return { ...spec, rows: spec.rows.filter((k) => k !== key) };
    case 'columns':
      return { ...spec, columns: spec.columns.filter((k) => k !== key) };
    case 'values':
      return { ...spec, values: spec.values.filter((v) => v.measure !== key) };
    case 'filters':
      return { ...spec, filters: spec.filters.filter((f) => f.field !== key) };
  }
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
    sort: [],
  };
}

export function fromSpec(spec: PivotSpec): EditSpec {
  return { rows: spec.rows, columns: spec.columns, values: spec.values, filters: spec.filters, year: spec.year };
}
