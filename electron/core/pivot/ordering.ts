import type { CheckedValue } from '../../../shared/semantic/specCheck';
import type { Group, KeyCode, LevelGroups } from './group';
import { levelId } from './levels';
import type { PivotPlan } from './plan';
import { valueOf } from './values';

const ALL = Symbol('all');
type Position = KeyCode | typeof ALL;

/** Natural order of key values: codes are catalogue order already, years numeric; blanks last. */
function compareCodes(a: KeyCode, b: KeyCode, direction: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * direction;
}

/** Missing values rank last whichever way a value sort goes. */
function compareValues(a: number | null, b: number | null, direction: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * direction;
}

function position(codes: readonly KeyCode[], i: number): Position {
  return i < codes.length ? (codes[i] as KeyCode) : ALL;
}

/** Value of a field at a row prefix, summed across all columns: what siblings are ranked by. */
function prefixValue(
  plan: PivotPlan, groups: LevelGroups, field: CheckedValue, prefix: readonly KeyCode[],
  memo: Map<string, number | null>,
): number | null {
  const key = prefix.join(',');
  if (memo.has(key)) return memo.get(key) ?? null;
  const g = groups.get(levelId({ rows: prefix.length, cols: 0 }))?.get(prefix, []);
  const v = g ? valueOf(plan, groups, field, g) : null;
  memo.set(key, v);
  return v;
}

/**
 * Orders groups of any levels together: row keys level by level, then column keys; at each level a
 * total ("all") follows its siblings, so a subtotal comes right after its group. With a value sort,
 * siblings are ranked by their own total of that value (across all columns), level by level, so
 * the hierarchy stays intact; ties and dimension sorts use the natural order.
 */
export function groupComparator(plan: PivotPlan, groups: LevelGroups): (a: Group, b: Group) => number {
  const rowDims = plan.spec.rows.length;
  const colDims = plan.spec.columns.length;
  const dimDirection = new Map<string, number>();
  let byValue: { field: CheckedValue; direction: number } | null = null;
  for (const s of plan.spec.sort) {
    const field = plan.spec.values.find((v) => v.key === s.field);
    if (field) byValue ??= { field, direction: s.direction === 'desc' ? -1 : 1 };
    else dimDirection.set(s.field, s.direction === 'desc' ? -1 : 1);
  }
  const memo = new Map<string, number | null>();
  return (a, b) => {
    for (let i = 0; i < rowDims; i++) {
      const pa = position(a.rowCodes, i);
      const pb = position(b.rowCodes, i);
      if (pa === ALL && pb === ALL) break;
      if (pa === ALL) return 1;
      if (pb === ALL) return -1;
      if (pa === pb) continue;
      if (byValue) {
        const c = compareValues(
          prefixValue(plan, groups, byValue.field, a.rowCodes.slice(0, i + 1), memo),
          prefixValue(plan, groups, byValue.field, b.rowCodes.slice(0, i + 1), memo),
          byValue.direction,
        );
        if (c !== 0) return c;
      }
      return compareCodes(pa, pb, dimDirection.get(plan.spec.rows[i]?.key ?? '') ?? 1);
    }
    for (let j = 0; j < colDims; j++) {
      const pa = position(a.colCodes, j);
      const pb = position(b.colCodes, j);
      if (pa === ALL && pb === ALL) break;
      if (pa === ALL) return 1;
      if (pb === ALL) return -1;
      if (pa === pb) continue;
      return compareCodes(pa, pb, dimDirection.get(plan.spec.columns[j]?.key ?? '') ?? 1);
    }
    return 0;
  };
}

/**
 * Top N: keeps, within each parent, the n members of the ranked row level with the largest (or
 * smallest) total of the `by` field across all columns; returns the test a group must pass.
 * Totals above the ranked level still count every member (the 口径 says so).
 */
export function topNFilter(plan: PivotPlan, groups: LevelGroups): (g: Group) => boolean {
  const t = plan.spec.topN;
  if (!t) return () => true;
  const field = plan.spec.values.find((v) => v.key === t.by) as CheckedValue;
  const direction = t.direction === 'desc' ? -1 : 1;
  const ranked = groups.get(levelId({ rows: t.level + 1, cols: 0 }));
  const byParent = new Map<string, { codes: readonly KeyCode[]; value: number | null }[]>();
  for (const g of ranked?.values() ?? []) {
    const parent = g.rowCodes.slice(0, t.level).join(',');
    const list = byParent.get(parent) ?? [];
    list.push({ codes: g.rowCodes, value: valueOf(plan, groups, field, g) });
    byParent.set(parent, list);
  }
  const kept = new Set<string>();
  for (const list of byParent.values()) {
    list.sort((a, b) => compareValues(a.value, b.value, direction)
      || compareCodes(a.codes[t.level] ?? null, b.codes[t.level] ?? null, 1));
    for (const item of list.slice(0, t.n)) kept.add(item.codes.join(','));
  }
  return (g) => g.rowCodes.length <= t.level || kept.has(g.rowCodes.slice(0, t.level + 1).join(','));
}
