import type { CheckedSpec } from '../../../shared/semantic/specCheck';

export type IncomeYearSource = 'dimension' | 'filter' | 'spec' | 'latest';

export interface IncomeYears {
  readonly years: readonly number[];
  readonly source: IncomeYearSource;
  /** The 口径 sentence that says which year(s) and why. */
  readonly text: string;
  readonly notes: readonly string[];
}

function yearsOfFilter(
  op: string, values: readonly (string | number | null)[], available: readonly number[],
): number[] {
  const listed = new Set(values.filter((v): v is number => typeof v === 'number'));
  switch (op) {
    case 'in': return available.filter((y) => listed.has(y));
    case 'notIn': return available.filter((y) => !listed.has(y));
    case 'between': {
      const [from, to] = values as [number, number];
      return available.filter((y) => y >= from && y <= to);
    }
    case 'notNull': return [...available];
    default: return [];
  }
}

/**
 * The income year(s) a pivot reads (cli.md): the `year` dimension (every year, or those its filter
 * keeps), else the `year` filter, else the spec's year, else the newest year of the snapshot.
 */
export function resolveIncomeYears(spec: CheckedSpec, available: readonly number[]): IncomeYears {
  const notes: string[] = [];
  const yearFilters = spec.filters.filter((f) => f.dimension.key === 'year');
  let years = [...available];
  for (const f of yearFilters) {
    const kept = new Set(yearsOfFilter(f.op, f.values, available));
    years = years.filter((y) => kept.has(y));
  }
  const asDimension = [...spec.rows, ...spec.columns].some((d) => d.key === 'year');
  const list = (ys: readonly number[]): string => (ys.length ? ys.join('、') : '（无）');
  if (asDimension) {
    return { years, source: 'dimension', text: `收入年度按行/列分列：${list(years)}${yearFilters.length ? '（按筛选）' : ''}`, notes };
  }
  if (yearFilters.length) {
    if (years.length > 1) notes.push(`筛选保留了多个收入年度（${list(years)}），各格为这些年度的收入记录合并计算；逐年比较请把“收入年度”放到行或列`);
    if (years.length === 0) notes.push('筛选后没有收入年度：快照中没有符合筛选的收入记录');
    return { years, source: 'filter', text: `收入年度取自筛选：${list(years)}`, notes };
  }
  if (spec.year !== null) {
    if (!available.includes(spec.year)) notes.push(`快照中没有 ${spec.year} 年的收入记录（已有：${list(available)}）`);
    return { years: available.includes(spec.year) ? [spec.year] : [], source: 'spec', text: `收入年度取自分析设置：${spec.year}`, notes };
  }
  const latest = available[available.length - 1];
  if (latest === undefined) {
    notes.push('快照中没有收入记录');
    return { years: [], source: 'latest', text: '收入年度：快照中没有收入记录', notes };
  }
  return { years: [latest], source: 'latest', text: `收入年度未指定，取快照中最新的收入年度：${latest}`, notes };
}
