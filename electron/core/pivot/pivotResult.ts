import type { PivotCell, PivotFieldInfo, PivotResult } from '../../../shared/api/pivot';
import type { DimensionDef } from '../../../shared/semantic/types';
import { lineSetLabel } from '../metrics/koujing';
import type { PivotDictionary } from './facts/dictionary';
import type { Group, KeyCode, LevelGroups } from './group';
import { levelId } from './levels';
import { groupComparator, topNFilter } from './ordering';
import type { PivotPlan } from './plan';
import { pivotKoujing } from './pivotKoujing';
import { valueOf } from './values';

/** A key as the output shows it: the label (or the year), the blank's label for a blank. */
export function decodeKey(d: DimensionDef, code: KeyCode, dictionary: PivotDictionary): string | number {
  if (code === null) return d.missingLabel;
  if (d.type === 'year') return code;
  const entries = dictionary.get(d.key)?.entries ?? [];
  const entry = entries[code]?.code === code ? entries[code] : entries.find((e) => e.code === code);
  return entry?.label ?? String(code);
}

function fieldInfo(plan: PivotPlan): PivotFieldInfo[] {
  const dims = (list: readonly DimensionDef[], role: 'row' | 'column'): PivotFieldInfo[] =>
    list.map((d) => ({ key: d.key, label: d.label, role, measure: null, share: null, format: d.type === 'year' ? 'year' : 'text', unit: '' }));
  return [
    ...dims(plan.spec.rows, 'row'),
    ...dims(plan.spec.columns, 'column'),
    ...plan.spec.values.map((v): PivotFieldInfo => ({
      key: v.key, label: v.label, role: 'value', measure: v.measure.key, share: v.share,
      format: v.share === null ? v.measure.format : 'share', unit: v.share === null ? v.measure.unit : '',
    })),
  ];
}

/**
 * The long form of cli.md: the cells in order, then (when asked) the totals, where null in a key
 * position means "all". Values are unrounded; a ratio over nothing is null.
 */
export function pivotResult(plan: PivotPlan, groups: LevelGroups, elapsedMs: number): PivotResult {
  const spec = plan.spec;
  const rowDims = spec.rows.length;
  const colDims = spec.columns.length;
  const dictionary = plan.facts.dictionary;
  const keep = topNFilter(plan, groups);
  const compare = groupComparator(plan, groups);
  const line = (g: Group): PivotCell[] => [
    ...spec.rows.map((d, i) => (i < g.rowCodes.length ? decodeKey(d, g.rowCodes[i] as KeyCode, dictionary) : null)),
    ...spec.columns.map((d, j) => (j < g.colCodes.length ? decodeKey(d, g.colCodes[j] as KeyCode, dictionary) : null)),
    ...spec.values.map((v) => valueOf(plan, groups, v, g)),
  ];
  const cellLevel = levelId({ rows: rowDims, cols: colDims });
  const cells = [...(groups.get(cellLevel)?.values() ?? [])].filter(keep).sort(compare);
  const totals = spec.totals
    ? [...groups].filter(([id]) => id !== cellLevel).flatMap(([, m]) => [...m.values()]).filter(keep).sort(compare)
    : [];
  const snapshot = plan.facts.scope.snapshot;
  const years = plan.years?.years ?? [];
  return {
    fields: [...spec.rows.map((d) => d.key), ...spec.columns.map((d) => d.key), ...spec.values.map((v) => v.key)],
    rows: cells.map(line),
    totals: totals.map(line),
    meta: {
      snapshotId: snapshot.id,
      county: snapshot.countyName,
      asOf: snapshot.asOf,
      incomeYear: years.length === 1 ? (years[0] as number) : null,
      incomeYears: [...years],
      incomeYearSource: plan.years?.source ?? null,
      grain: plan.grain,
      elapsedMs,
      lineSet: { name: plan.facts.scope.lineSet, label: lineSetLabel(plan.facts.scope.db, plan.facts.scope.lineSet) },
      fieldInfo: fieldInfo(plan),
      koujing: pivotKoujing(plan),
      source: plan.source,
      rowCount: cells.length,
      totalCount: totals.length,
      incomeFilter: null,
    },
  };
}
