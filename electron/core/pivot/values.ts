import type { CheckedValue } from '../../../shared/semantic/specCheck';
import type { Group, LevelGroups } from './group';
import { levelId } from './levels';
import type { PivotPlan } from './plan';

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** The measure of a group before any share: a sum, Σ/Σ人口, the weighted median, or distinct households. */
function rawValue(plan: PivotPlan, v: CheckedValue, g: Group): number | null {
  const f = v.measure.formula;
  if (plan.grain === 'person' && v.measure.key === 'households') return g.distinct;
  const at = (c: string): number => g.sums[plan.components.indexOf(c as never)] ?? 0;
  if (f.kind === 'sum') return at(f.component);
  if (f.kind === 'perCapita') return ratio(at(f.numerator), at('size'));
  return g.median;
}

/**
 * The value of a field for a group: the measure, or its share of the group's grand total, of its
 * row's total (same row keys, all columns) or of its column's total (same column keys, all rows).
 */
export function valueOf(plan: PivotPlan, groups: LevelGroups, v: CheckedValue, g: Group): number | null {
  const value = rawValue(plan, v, g);
  if (v.share === null) return value;
  const base = v.share === 'grand'
    ? groups.get(levelId({ rows: 0, cols: 0 }))?.get([], [])
    : v.share === 'row'
      ? groups.get(levelId({ rows: g.level.rows, cols: 0 }))?.get(g.rowCodes, [])
      : groups.get(levelId({ rows: 0, cols: g.level.cols }))?.get([], g.colCodes);
  return ratio(value, base ? rawValue(plan, v, base) : null);
}
