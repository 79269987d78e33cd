import type { EChartsOption } from 'echarts';
import type { MonitoringResult } from '../../../../shared/api/monitoring';
import { MONITORING_CATEGORY, RISK } from '../../../../shared/domain/codeLists';
import { formatCount, formatShare } from '../../format/numbers';
import { axisTooltip, categoryAxis, itemTooltip, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { categoryColor, SERIES_COLORS } from '../common/palette';

type CountMap = Readonly<Record<string, { households: number; persons: number }>>;

/** Keys in code-list order first, then any others by size: the same order on every screen. */
function ordered(map: CountMap, codeOrder: readonly string[]): string[] {
  const keys = Object.keys(map);
  const known = codeOrder.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !codeOrder.includes(k)).sort(
    (a, b) => (map[b]?.households ?? 0) - (map[a]?.households ?? 0),
  );
  return [...known, ...rest];
}

const CATEGORY_ORDER = MONITORING_CATEGORY.values.map((v) => v.label);
const RISK_ORDER = RISK.values.map((v) => v.label);

/** A bar label with its unit word (193 户, 637 人): the chart's way of telling its two series apart. */
const withUnit = (unit: string) => (p: { value: unknown }): string =>
  (typeof p.value === 'number' ? `${formatCount(p.value)} ${unit}` : '');

/**
 * The pale twin of a palette colour, as an rgba fill: an itemStyle opacity would fade the bar's
 * label with it, and the label is what says which series the pale bar is.
 */
function pale(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1] ?? '0', 16)}, ${parseInt(m[2] ?? '0', 16)}, ${parseInt(m[3] ?? '0', 16)}, ${alpha})`;
}

/** 监测对象 by category: households and persons. */
export function categoryOption(data: MonitoringResult, koujingLine: string): EChartsOption {
  const cats = ordered(data.byCategory, CATEGORY_ORDER);
  return {
    tooltip: axisTooltip({ 户数: { kind: 'count', unit: '户' }, 人数: { kind: 'count', unit: '人' } }, koujingLine),
    // No legend: a swatch per series could show only one colour, while each bar wears its
    // category's (the colour 因病 or 脱贫不稳定户 has on every screen). Each bar's label says its
    // unit instead (户 on the full bar, 人 on the pale one), and the panel's note says the same.
    legend: { show: false },
    grid: standardGrid({ top: 36 }),
    xAxis: categoryAxis(cats),
    yAxis: valueAxis('户、人', 'count'),
    series: [
      {
        name: '户数', type: 'bar', barMaxWidth: 40,
        data: cats.map((c) => ({
          value: data.byCategory[c]?.households ?? 0, itemStyle: { color: categoryColor('monitoring', c) },
        })),
        label: { show: true, position: 'top', fontSize: 11, formatter: withUnit('户') },
      },
      {
        name: '人数', type: 'bar', barMaxWidth: 40,
        data: cats.map((c) => ({
          value: data.byCategory[c]?.persons ?? 0, itemStyle: { color: pale(categoryColor('monitoring', c), 0.45) },
        })),
        label: { show: true, position: 'top', fontSize: 11, color: '#4a5868', formatter: withUnit('人') },
      },
    ],
  };
}

/**
 * Households by risk (each household once per risk it names) beside those for which the risk is
 * the main one (致贫返贫风险1). Bars keep the cause's colour; the main-risk bar is the paler one.
 */
export function riskOption(data: MonitoringResult, koujingLine: string): EChartsOption {
  const risks = ordered(data.byRisk, RISK_ORDER).sort(
    (a, b) => (data.byRisk[a]?.households ?? 0) - (data.byRisk[b]?.households ?? 0),
  );
  return {
    tooltip: axisTooltip({ '涉及该风险（户）': { kind: 'count', unit: '户' }, '主要风险（户）': { kind: 'count', unit: '户' } }, koujingLine),
    // No legend, as in the category chart: the bars wear the cause's colour; the labels and the
    // panel's note tell the full bar (涉及该风险) from the pale one (主要风险).
    legend: { show: false },
    grid: standardGrid({ top: 12, right: 96 }),
    xAxis: valueAxis('户', 'count'),
    yAxis: categoryAxis(risks, { axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 11, width: 190, overflow: 'break' } }),
    series: [
      {
        name: '涉及该风险（户）', type: 'bar', barMaxWidth: 12,
        data: risks.map((r) => ({ value: data.byRisk[r]?.households ?? 0, itemStyle: { color: categoryColor('cause', r) } })),
        label: { show: true, position: 'right', fontSize: 10, formatter: withUnit('户') },
      },
      {
        name: '主要风险（户）', type: 'bar', barMaxWidth: 12,
        data: risks.map((r) => ({
          value: data.byMainRisk[r]?.households ?? 0, itemStyle: { color: pale(categoryColor('cause', r), 0.4) },
        })),
        label: { show: true, position: 'right', fontSize: 10, color: '#4a5868', formatter: withUnit('户为主要风险') },
      },
    ],
  };
}

/** 风险消除率 split by 消除方式 (one 100% bar), with the part not yet eliminated. */
export function eliminationOption(data: MonitoringResult, koujingLine: string): EChartsOption {
  const methods = Object.keys(data.byEliminationMethod).sort((a, b) => (a === '帮扶消除' ? -1 : b === '帮扶消除' ? 1 : a.localeCompare(b, 'zh-CN')));
  const remaining = data.eliminated.rate === null ? null : Math.max(0, 1 - data.eliminated.rate);
  const series = [
    ...methods.map((m) => ({
      name: m, rate: data.byEliminationMethod[m]?.rate ?? null,
      households: data.byEliminationMethod[m]?.households ?? 0,
    })),
    { name: '未消除', rate: remaining, households: data.identified.households - data.eliminated.households },
  ];
  return {
    tooltip: itemTooltip((p) => {
      const s = series.find((x) => x.name === p.seriesName);
      return s ? [s.name, `${formatCount(s.households)} 户`, `占监测对象户 ${formatShare(s.rate, 2)}`] : [''];
    }, koujingLine),
    legend: topLegend(),
    grid: standardGrid({ top: 36 }),
    xAxis: valueAxis('', 'share', { max: 1 }),
    yAxis: categoryAxis(['监测对象'], { axisTick: { show: false } }),
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      barWidth: 36,
      color: categoryColor('monitoring', s.name),
      data: [s.rate],
      label: { show: true, fontSize: 12, color: s.name === '未消除' ? '#3e4c5c' : '#fff', formatter: (q: { value: unknown }) => (typeof q.value === 'number' && q.value >= 0.05 ? formatShare(q.value) : '') },
    })),
  };
}

/** 监测对象 by the year they were identified, and how many of them have had the risk eliminated. */
export function byYearOption(data: MonitoringResult, koujingLine: string): EChartsOption {
  const rows = data.byIdentifiedYear;
  return {
    tooltip: axisTooltip({ '纳入监测（户）': { kind: 'count', unit: '户' }, '其中已消除风险（户）': { kind: 'count', unit: '户' } }, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(rows.map((r) => `${r.year}年`)),
    yAxis: valueAxis('户', 'count'),
    series: [
      { name: '纳入监测（户）', type: 'bar', barMaxWidth: 40, color: SERIES_COLORS.count, data: rows.map((r) => r.households), label: { show: true, position: 'top', fontSize: 11 } },
      { name: '其中已消除风险（户）', type: 'bar', barMaxWidth: 40, color: categoryColor('monitoring', '帮扶消除'), data: rows.map((r) => r.eliminated), label: { show: true, position: 'top', fontSize: 11 } },
    ],
  };
}
