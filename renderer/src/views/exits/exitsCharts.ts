import type { EChartsOption } from 'echarts';
import { ATTRIBUTION_METHOD_LABELS, INCOME_METHODS, RECORDED_METHODS, STRUCTURAL_METHODS, type AttributionMethod, type ExitsResult } from '../../../../shared/api/exits';
import type { PivotResult } from '../../../../shared/api/pivot';
import { formatCount, formatShare } from '../../format/numbers';
import { axisTooltip, categoryAxis, itemTooltip, LEGEND_TWO_LINES, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { categoryColor } from '../common/palette';

/** Each method's categories in the order of metrics.md (so stacks and legends keep their order). */
export const METHOD_CATEGORIES: Readonly<Record<AttributionMethod, readonly string[]>> = {
  income: INCOME_METHODS,
  structural: STRUCTURAL_METHODS,
  recorded: RECORDED_METHODS,
};

/** The categories a result actually has for a method: the known ones first, then any others. */
export function categoriesOf(method: AttributionMethod, present: Iterable<string>): string[] {
  const known = METHOD_CATEGORIES[method];
  const seen = new Set(present);
  return [...known.filter((c) => seen.has(c)), ...[...seen].filter((c) => !known.includes(c))];
}

/** Exit persons by year, stacked by what carried the exit under the chosen method. */
export function exitsByYearOption(data: ExitsResult, method: AttributionMethod, koujingLine: string): EChartsOption {
  const years = data.byYear.map((y) => y.year);
  const categories = categoriesOf(method, data.byYear.flatMap((y) => Object.keys(y.attribution[method])));
  return {
    // Person-exits: a household that exited twice is counted at each exit (人次).
    tooltip: axisTooltip({ kind: 'count', unit: '人次' }, koujingLine),
    legend: topLegend(),
    // Seven categories wrap to two lines on a half-width panel at 1280: room for both above the axis title.
    grid: standardGrid(categories.length > 5 ? { top: LEGEND_TWO_LINES } : {}),
    xAxis: categoryAxis(years),
    yAxis: valueAxis('脱贫人次', 'count'),
    series: categories.map((c) => ({
      name: c,
      type: 'bar',
      stack: 'exits',
      barMaxWidth: 44,
      color: categoryColor('method', c),
      data: data.byYear.map((y) => y.attribution[method][c]?.persons ?? 0),
    })),
  };
}

/** The three methods side by side: one 100% bar each, split by its categories (shares of persons). */
export function methodsSideBySideOption(data: ExitsResult, koujingLine: string): EChartsOption {
  const methods = ['income', 'structural', 'recorded'] as const;
  const names = [...new Set(methods.flatMap((m) => categoriesOf(m, Object.keys(data.attribution[m]))))];
  const labels = methods.map((m) => ATTRIBUTION_METHOD_LABELS[m]).reverse();
  const ordered = [...methods].reverse();
  return {
    tooltip: itemTooltip((p) => {
      const method = ordered[(p as { dataIndex?: number }).dataIndex ?? 0];
      const name = p.seriesName ?? '';
      const share = method ? data.attribution[method][name] : undefined;
      if (!method || !share) return [name];
      return [`${ATTRIBUTION_METHOD_LABELS[method]}：${name}`, `脱贫人口 ${formatCount(share.persons)} 人（${formatCount(share.households)} 户次）`, `占脱贫人口 ${formatShare(share.share, 2)}`];
    }, koujingLine),
    legend: topLegend(),
    grid: standardGrid({ top: LEGEND_TWO_LINES }),
    xAxis: valueAxis('', 'share', { max: 1 }),
    yAxis: categoryAxis(labels, { axisTick: { show: false } }),
    series: names.map((name) => ({
      name,
      type: 'bar',
      stack: 'share',
      barWidth: 30,
      color: categoryColor('method', name),
      data: ordered.map((m) => data.attribution[m][name]?.share ?? null),
      label: { show: true, fontSize: 11, color: '#fff', formatter: (q: { value: unknown }) => (typeof q.value === 'number' && q.value >= 0.06 ? formatShare(q.value, 0) : '') },
    })),
  };
}

const DEVELOPMENT = new Set(['就业', '产业', '资产收益', '其他转移', '开发式']);

/** Whether two methods say the same thing of an exit: the same class, or both development. */
export function agrees(row: string, column: string): boolean {
  return row === column || (DEVELOPMENT.has(row) && DEVELOPMENT.has(column));
}

export interface TownshipMethodRow {
  readonly area: string;
  readonly byMethod: Readonly<Record<string, { persons: number; share: number }>>;
}

/**
 * The pivot's long rows [area, method, persons, personsRowShare] (rows: area, columns: method) as
 * one row per area, ordered by
 * the share of 兜底保障 (highest first), so the townships leaning on income support stand out.
 */
export function townshipMethodRows(result: PivotResult): TownshipMethodRow[] {
  const index = (key: string): number => result.fields.indexOf(key);
  const iArea = 0;
  const iMethod = 1;
  const iPersons = index('persons');
  const iShare = result.fields.findIndex((f) => f !== 'persons' && f.startsWith('persons'));
  const rows = new Map<string, Record<string, { persons: number; share: number }>>();
  for (const r of result.rows) {
    const area = r[iArea];
    const method = r[iMethod];
    const persons = r[iPersons];
    const share = iShare >= 0 ? r[iShare] : null;
    if (typeof area !== 'string' || typeof method !== 'string' || typeof persons !== 'number') continue;
    const byMethod = rows.get(area) ?? {};
    byMethod[method] = { persons, share: typeof share === 'number' ? share : 0 };
    rows.set(area, byMethod);
  }
  return [...rows.entries()]
    .map(([area, byMethod]) => ({ area, byMethod }))
    .sort((a, b) => (b.byMethod['兜底保障']?.share ?? 0) - (a.byMethod['兜底保障']?.share ?? 0));
}

export function townshipMethodOption(rows: readonly TownshipMethodRow[], koujingText: string): EChartsOption {
  const ordered = [...rows].reverse();
  const names = categoriesOf('income', rows.flatMap((r) => Object.keys(r.byMethod)));
  return {
    tooltip: itemTooltip((p) => {
      const row = ordered[(p as { dataIndex?: number }).dataIndex ?? 0];
      const cell = row?.byMethod[p.seriesName ?? ''];
      if (!row || !cell) return [''];
      return [`${row.area}：${p.seriesName ?? ''}`, `${formatCount(cell.persons)} 人，占该地脱贫户人口 ${formatShare(cell.share, 2)}`];
    }, koujingText),
    legend: topLegend(),
    grid: standardGrid({ top: 40 }),
    xAxis: valueAxis('', 'share', { max: 1 }),
    yAxis: categoryAxis(ordered.map((r) => r.area), { axisTick: { show: false } }),
    series: names.map((name) => ({
      name,
      type: 'bar',
      stack: 'share',
      barMaxWidth: 20,
      color: categoryColor('method', name),
      data: ordered.map((r) => r.byMethod[name]?.share ?? 0),
      label: { show: name === '兜底保障' || name === '就业' || name === '产业', fontSize: 10, color: '#fff', formatter: (q: { value: unknown }) => (typeof q.value === 'number' && q.value >= 0.08 ? formatShare(q.value, 0) : '') },
    })),
  };
}
