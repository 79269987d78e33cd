import type { FilterValue, PivotSpec } from '../api/pivot';
import { findDimension, findMeasure, validDimensionList, validMeasureList, valueFieldKey, valueFieldLabel } from './catalogue';
import { FILTER_OPS, FILTER_OP_LABELS, type DimensionDef, type FilterOp, type Grain, type MeasureDef, type ShareBase } from './types';

/** A value of the pivot after checking: the catalogue measure, its share base and its output field. */
export interface CheckedValue {
  readonly measure: MeasureDef;
  readonly share: ShareBase | null;
  readonly key: string;
  readonly label: string;
}

/** A filter value after checking: a label, a year, or null for a blank. */
export type CheckedFilterValue = string | number | null;

export interface CheckedFilter {
  readonly dimension: DimensionDef;
  readonly op: FilterOp;
  readonly values: readonly CheckedFilterValue[];
}

export interface CheckedSpec {
  readonly rows: readonly DimensionDef[];
  readonly columns: readonly DimensionDef[];
  readonly values: readonly CheckedValue[];
  readonly filters: readonly CheckedFilter[];
  /** What one counted row is: household, income row of a year, or member. */
  readonly grain: Grain;
  readonly year: number | null;
  readonly totals: boolean;
  readonly sort: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  readonly topN: { readonly n: number; readonly by: string; readonly level: number; readonly direction: 'asc' | 'desc' } | null;
}

export type SpecCheck =
  | { readonly ok: true; readonly spec: CheckedSpec }
  | { readonly ok: false; readonly message: string };

class SpecRefusal extends Error {}

function refuse(message: string): never {
  throw new SpecRefusal(message);
}

function dimension(key: string, where: string): DimensionDef {
  const d = findDimension(key);
  if (!d) refuse(`${where}中的字段“${key}”不存在。可用字段：${validDimensionList()}`);
  return d;
}

function checkValue(v: PivotSpec['values'][number]): CheckedValue {
  const named = findMeasure(v.measure);
  if (!named) refuse(`指标“${v.measure}”不存在。可用指标：${validMeasureList()}`);
  if (named.shareOf) {
    if (v.share !== undefined) refuse(`指标“${named.label}”本身就是占比，不能再设 share`);
    const base = findMeasure(named.shareOf.measure);
    if (!base) refuse(`指标“${named.key}”的基础指标缺失`);
    return { measure: base, share: named.shareOf.of, key: named.key, label: named.label };
  }
  const share = v.share ?? null;
  if (share !== null && !named.additive) {
    refuse(`指标“${named.label}”不能加总，不能计算占比；可计算占比的指标：households（户数）、persons（人数）、netIncome（纯收入合计）、members（成员人数）`);
  }
  return { measure: named, share, key: valueFieldKey(named.key, share), label: valueFieldLabel(named, share) };
}

const YES = new Set<unknown>(['是', true, 1, '1', 'true', 'yes', 'Y', 'y']);
const NO = new Set<unknown>(['否', false, 0, '0', 'false', 'no', 'N', 'n']);

/** A filter value in the form the dimension stores: 是/否 for flags, numbers for years, labels else. */
function filterValue(d: DimensionDef, raw: FilterValue): CheckedFilterValue {
  if (raw === null || raw === d.missingLabel) return null;
  if (d.type === 'boolean') {
    if (YES.has(raw)) return '是';
    if (NO.has(raw)) return '否';
    refuse(`筛选“${d.label}”的值“${String(raw)}”无效：应为 是 或 否`);
  }
  if (d.type === 'year') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{4}\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n)) refuse(`筛选“${d.label}”的值“${String(raw)}”无效：应为四位年份`);
    return n;
  }
  if (typeof raw === 'boolean') refuse(`筛选“${d.label}”的值“${String(raw)}”无效：应为文字`);
  return String(raw);
}

function checkFilter(f: PivotSpec['filters'][number]): CheckedFilter {
  const d = dimension(f.field, '筛选');
  if (!(FILTER_OPS as readonly string[]).includes(f.op)) {
    refuse(`筛选“${d.label}”的运算“${f.op}”不存在。可用运算：${FILTER_OPS.map((o) => `${o}（${FILTER_OP_LABELS[o]}）`).join('、')}`);
  }
  const op = f.op as FilterOp;
  const values = f.values.map((v) => filterValue(d, v));
  if ((op === 'in' || op === 'notIn') && values.length === 0) refuse(`筛选“${d.label}”（${op}）至少需要一个值`);
  if ((op === 'isNull' || op === 'notNull') && values.length > 0) refuse(`筛选“${d.label}”（${op}）不带值`);
  if (op === 'between') {
    if (d.type !== 'year') refuse(`筛选“${d.label}”不能用 between：between 只用于年度字段`);
    if (values.length !== 2 || values.some((v) => v === null)) refuse(`筛选“${d.label}”（between）需要两个年份：起始年和结束年`);
    const [from, to] = values as [number, number];
    if (from > to) refuse(`筛选“${d.label}”（between）的起始年 ${from} 晚于结束年 ${to}`);
  }
  return { dimension: d, op, values };
}

/**
 * The grain a pivot reads: members when a member dimension or the member count is used; income rows
 * when an income measure or the income year is used; households otherwise. Members and income rows
 * cannot be mixed: a member has no income of his own.
 */
function grainOf(dims: readonly DimensionDef[], values: readonly CheckedValue[]): Grain {
  const person = dims.some((d) => d.grain === 'person') || values.some((v) => v.measure.grain === 'person');
  const income = dims.some((d) => d.grain === 'income') || values.some((v) => v.measure.grain === 'income');
  if (person && income) {
    refuse('家庭成员字段（性别、年龄组、健康状况、劳动技能、务工状况、成员人数）不能与收入指标或收入年度同时使用：成员没有各自的收入记录');
  }
  if (person) {
    const persons = values.find((v) => v.measure.key === 'persons');
    if (persons) refuse(`按家庭成员统计时不能用“${persons.label}”（户的家庭人口数）：请用 members（成员人数）`);
    return 'person';
  }
  return income ? 'income' : 'household';
}

function checkSpecOrThrow(spec: PivotSpec): CheckedSpec {
  const rows = spec.rows.map((k) => dimension(k, '行'));
  const columns = spec.columns.map((k) => dimension(k, '列'));
  const seen = new Set<string>();
  for (const d of [...rows, ...columns]) {
    if (seen.has(d.key)) refuse(`字段“${d.label}”在行和列中重复出现`);
    seen.add(d.key);
  }
  const values = spec.values.map(checkValue);
  const valueKeys = new Set<string>();
  for (const v of values) {
    if (valueKeys.has(v.key)) refuse(`值“${v.label}”重复出现`);
    valueKeys.add(v.key);
  }
  const filters = spec.filters.map(checkFilter);
  const grain = grainOf([...rows, ...columns, ...filters.map((f) => f.dimension)], values);

  const sort = spec.sort.map((s) => {
    if (!seen.has(s.field) && !valueKeys.has(s.field)) {
      refuse(`排序字段“${s.field}”不在行、列或值中。可用：${[...seen, ...valueKeys].join('、')}`);
    }
    return { field: s.field, direction: s.direction };
  });
  let topN: CheckedSpec['topN'] = null;
  if (spec.topN) {
    const t = spec.topN;
    if (!valueKeys.has(t.by)) refuse(`前 N 项的排名依据“${t.by}”不在值中。可用：${[...valueKeys].join('、')}`);
    if (rows.length === 0) refuse('前 N 项需要至少一个行字段');
    const level = t.field === undefined ? 0 : rows.findIndex((r) => r.key === t.field);
    if (level < 0) refuse(`前 N 项的字段“${t.field ?? ''}”不在行中。可用：${rows.map((r) => r.key).join('、')}`);
    topN = { n: t.n, by: t.by, level, direction: t.direction };
  }
  return { rows, columns, values, filters, grain, year: spec.year ?? null, totals: spec.totals, sort, topN };
}

/** Checks a spec against the catalogue; the message of a refusal names the valid choices. */
export function checkPivotSpec(spec: PivotSpec): SpecCheck {
  try {
    return { ok: true, spec: checkSpecOrThrow(spec) };
  } catch (err) {
    if (err instanceof SpecRefusal) return { ok: false, message: err.message };
    throw err;
  }
}
