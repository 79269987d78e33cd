import type { EChartsOption } from 'echarts';
import type { IncomeBin, IncomeDistributionResult, IncomeGroup, IncomeSeries } from '../../../../shared/api/income';
import type { LineValue } from '../../../../shared/api/metricScope';
import { axisTooltip, categoryAxis, itemTooltip, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { categoryColor, SERIES_COLORS } from '../common/palette';
import { formatAxisWan, formatSignedYuan, formatYuan } from '../common/zhNumbers';
import { formatShare } from '../../format/numbers';

/** The sources of the structure chart: transfers split into 兜底性 and the rest, so the five add up. */
export const STRUCTURE_SOURCES = [
  { key: 'wage', label: '工资性收入' },
  { key: 'netBusiness', label: '净经营性收入' },
  { key: 'property', label: '财产性收入' },
  { key: 'support', label: '兜底性收入' },
  { key: 'otherTransfer', label: '其他转移性收入' },
] as const;

export type StructureSource = (typeof STRUCTURE_SOURCES)[number]['key'];

/** L(Y) of a year from the line set, or null when the set has none for it. */
export function lineOf(lines: readonly LineValue[], year: number): number | null {
  return lines.find((l) => l.year === year)?.line ?? null;
}

function lineLabel(lines: readonly LineValue[], years: readonly number[]): string {
  const used = lines.filter((l) => years.includes(l.year) && l.line !== null);
  const monitoring = used.some((l) => l.povertyLine === null && l.monitoringThreshold !== null);
  const poverty = used.some((l) => l.povertyLine !== null);
  return monitoring && poverty ? '贫困线／监测标准' : monitoring ? '监测标准' : '贫困线';
}

/** 人均纯收入 and its median by year, with the line in use drawn as a dashed step. */
export function perCapitaOption(series: IncomeSeries, lines: readonly LineValue[], koujingLine: string): EChartsOption {
  const years = series.byYear.map((y) => y.year);
  const lineName = lineLabel(lines, years);
  return {
    tooltip: axisTooltip({ kind: 'yuan' }, koujingLine, 'line'),
    legend: topLegend(),
    grid: standardGrid({ right: 40 }),
    xAxis: categoryAxis(years),
    yAxis: valueAxis('元/人', 'yuan'),
    series: [
      {
        name: '人均纯收入', type: 'line', data: series.byYear.map((y) => y.perCapita), color: SERIES_COLORS.perCapita, symbolSize: 7, lineStyle: { width: 3 },
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number; value: unknown }) => (p.dataIndex === years.length - 1 || p.dataIndex === 0 ? formatYuan(p.value as number) : '') },
      },
      { name: '人均纯收入中位数', type: 'line', data: series.byYear.map((y) => y.medianPerCapita), color: SERIES_COLORS.median, symbolSize: 5, lineStyle: { type: 'dotted', width: 2 } },
      { name: lineName, type: 'line', step: 'middle', data: years.map((y) => lineOf(lines, y)), color: SERIES_COLORS.line, symbol: 'none', lineStyle: { type: 'dashed', width: 2 } },
    ],
  };
}

/** Per-capita income by source, stacked: the five parts add up to 人均纯收入. */
export function structureOption(series: IncomeSeries, koujingLine: string): EChartsOption {
  const years = series.byYear.map((y) => y.year);
  return {
    tooltip: axisTooltip({ kind: 'yuan', unit: '元/人' }, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(years),
    yAxis: valueAxis('元/人', 'yuan'),
    series: STRUCTURE_SOURCES.map((s) => ({
      name: s.label,
      type: 'bar',
      stack: 'income',
      barMaxWidth: 42,
      color: categoryColor('source', s.key),
      data: series.byYear.map((y) => y[s.key]),
    })),
  };
}

export interface WaterfallStep {
  readonly label: string;
  /** The bar's bottom (invisible) and its height; a fall is drawn from the new level up. */
  readonly base: number;
  readonly height: number;
  readonly change: number | null;
  readonly share: number | null;
  readonly color: string;
  readonly total: boolean;
}

/**
 * The waterfall from 人均纯收入 of the first year to the last: one step per source. Each step's
 * amount is the API's contribution share × the API's change (= the source's per-capita change).
 */
export function waterfallSteps(series: IncomeSeries): WaterfallStep[] | null {
  const c = series.contribution;
  if (!c || c.change === null || !c.bySource) return null;
  const start = series.byYear.find((y) => y.year === c.from)?.perCapita ?? null;
  const end = series.byYear.find((y) => y.year === c.to)?.perCapita ?? null;
  if (start === null || end === null) return null;
  const steps: WaterfallStep[] = [
    { label: `${c.from}年`, base: 0, height: start, change: null, share: null, color: SERIES_COLORS.neutral, total: true },
  ];
  let level = start;
  for (const s of STRUCTURE_SOURCES) {
    const share = c.bySource[s.key];
    const amount = share * c.change;
    steps.push({
      label: s.label.replace('收入', ''),
      base: amount >= 0 ? level : level + amount,
      height: Math.abs(amount),
      change: amount,
      share,
      color: categoryColor('source', s.key),
      total: false,
    });
    level += amount;
  }
  steps.push({ label: `${c.to}年`, base: 0, height: end, change: null, share: null, color: SERIES_COLORS.perCapita, total: true });
  return steps;
}

export function waterfallOption(steps: readonly WaterfallStep[], koujingLine: string): EChartsOption {
  return {
    tooltip: itemTooltip((p) => {
      const step = steps[(p as { dataIndex?: number }).dataIndex ?? 0];
      if (!step) return [''];
      if (step.total) return [`${step.label}人均纯收入`, `${formatYuan(step.height)} 元/人`];
      return [`${step.label}收入`, `人均增加 ${formatSignedYuan(step.change)} 元`, `对增长的贡献 ${formatShare(step.share, 2)}`];
    }, koujingLine),
    grid: standardGrid({ top: 28 }),
    xAxis: categoryAxis(steps.map((s) => s.label)),
    yAxis: valueAxis('元/人', 'yuan'),
    series: [
      { name: '基准', type: 'bar', stack: 'wf', silent: true, itemStyle: { color: 'transparent' }, data: steps.map((s) => s.base), tooltip: { show: false } },
      {
        name: '人均纯收入',
        type: 'bar',
        stack: 'wf',
        barMaxWidth: 56,
        data: steps.map((s) => ({ value: s.height, itemStyle: { color: s.color } })),
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => {
            const s = steps[p.dataIndex];
            if (!s) return '';
            return s.total ? formatYuan(s.height) : `${formatSignedYuan(s.change)}\n${formatShare(s.share)}`;
          },
        },
      },
    ],
  };
}

/** 截面 and 平衡面板 人均纯收入 side by side: how much of the growth is the population changing. */
export function panelOption(group: IncomeGroup, koujingLine: string): EChartsOption {
  const cross = group.crossSection?.byYear ?? [];
  const panel = group.panel?.byYear ?? [];
  const years = [...new Set([...cross.map((y) => y.year), ...panel.map((y) => y.year)])].sort((a, b) => a - b);
  const at = (rows: readonly { year: number; perCapita: number | null }[], year: number): number | null =>
    rows.find((r) => r.year === year)?.perCapita ?? null;
  return {
    tooltip: axisTooltip({ kind: 'yuan', unit: '元/人' }, koujingLine, 'line'),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(years),
    yAxis: valueAxis('元/人', 'yuan'),
    series: [
      { name: '截面（当年有收入记录的户）', type: 'line', data: years.map((y) => at(cross, y)), color: SERIES_COLORS.perCapita, symbolSize: 6, lineStyle: { width: 2.5 } },
      { name: `平衡面板（${group.panel?.households ?? 0} 户）`, type: 'line', data: years.map((y) => at(panel, y)), color: SERIES_COLORS.panel, symbolSize: 6, lineStyle: { width: 2.5, type: 'dashed' } },
    ],
  };
}

export interface AreaIncomeRow {
  readonly name: string;
  readonly perCapita: number;
  readonly households: number;
  readonly persons: number;
  readonly cagr: number | null;
}

/** The last year's 人均纯收入 of each township (or village), highest first; null groups left out. */
export function areaRanking(groups: readonly IncomeGroup[], year: number): AreaIncomeRow[] {
  const rows: AreaIncomeRow[] = [];
  for (const g of groups) {
    const y = g.crossSection?.byYear.find((r) => r.year === year);
    if (g.group === null || !y || y.perCapita === null) continue;
    rows.push({
      name: g.group, perCapita: y.perCapita, households: y.households, persons: y.persons,
      cagr: g.crossSection?.cagr?.value ?? null,
    });
  }
  return rows.sort((a, b) => b.perCapita - a.perCapita);
}

export function areaRankingOption(
  rows: readonly AreaIncomeRow[], year: number, line: number | null, areaLabel: string, koujingLine: string,
): EChartsOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: itemTooltip((p) => {
      const r = ordered[(p as { dataIndex?: number }).dataIndex ?? 0];
      if (!r) return [''];
      return [
        `${r.name}（${year}年）`,
        `人均纯收入 ${formatYuan(r.perCapita)} 元`,
        `${formatYuan(r.households)} 户 · ${formatYuan(r.persons)} 人`,
        `年均增长 ${formatShare(r.cagr)}`,
      ];
    }, koujingLine),
    grid: standardGrid({ top: 24, right: 56 }),
    xAxis: valueAxis('元/人', 'yuan', { nameLocation: 'end' }),
    yAxis: categoryAxis(ordered.map((r) => r.name), { name: areaLabel, axisTick: { show: false } }),
    series: [
      {
        name: '人均纯收入',
        type: 'bar',
        barMaxWidth: 18,
        color: SERIES_COLORS.perCapita,
        data: ordered.map((r) => r.perCapita),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: unknown }) => formatYuan(p.value as number) },
        markLine: line === null ? undefined : {
          symbol: 'none',
          lineStyle: { color: SERIES_COLORS.line, type: 'dashed', width: 2 },
          label: { formatter: `${year}年标准 ${formatAxisWan(line)}元`, color: SERIES_COLORS.line, position: 'insideEndTop' },
          data: [{ xAxis: line }],
        },
      },
    ],
  };
}

/** A bin's label as a statistician writes it: "3,000–3,500", "<0", "≥12,500" (元/人). */
export function binLabel(bin: IncomeBin): string {
  if (bin.from === null) return `<${formatYuan(bin.to)}`;
  if (bin.to === null) return `≥${formatYuan(bin.from)}`;
  return `${formatYuan(bin.from)}–${formatYuan(bin.to)}`;
}

/**
 * Households per bin of 人均纯收入, the bins wholly below the year's line in the line's colour and
 * the line drawn through the bin that holds it.
 */
export function distributionOption(d: IncomeDistributionResult, koujingLine: string): EChartsOption {
  const labels = d.bins.map(binLabel);
  const line = d.line;
  const lineBin = line === null ? -1
    : d.bins.findIndex((b) => (b.from === null || line >= b.from) && (b.to === null || line < b.to));
  const total = d.totals.households;
  return {
    tooltip: itemTooltip((p) => {
      const bin = d.bins[(p as { dataIndex?: number }).dataIndex ?? 0];
      if (!bin) return [''];
      return [
        `人均纯收入 ${binLabel(bin)} 元`,
        `${formatYuan(bin.households)} 户（${formatShare(total > 0 ? bin.households / total : null)}） · ${formatYuan(bin.persons)} 人`,
      ];
    }, koujingLine),
    grid: standardGrid({ top: 36, right: 24, bottom: 28 }),
    xAxis: categoryAxis(labels, {
      name: '人均纯收入（元/人）', nameLocation: 'middle', nameGap: labels.length > 14 ? 62 : 30,
      axisLabel: { rotate: labels.length > 14 ? 40 : 0, fontSize: 11, interval: 0 },
    }),
    yAxis: valueAxis('户', 'count'),
    series: [
      {
        name: '户数',
        type: 'bar',
        barCategoryGap: '8%',
        data: d.bins.map((b, i) => ({
          value: b.households,
          itemStyle: {
            color: line !== null && (i < lineBin || (b.to !== null && b.to <= line)) ? SERIES_COLORS.line
              : SERIES_COLORS.perCapita,
          },
        })),
        markLine: line === null || lineBin < 0 ? undefined : {
          symbol: 'none',
          silent: true,
          lineStyle: { color: SERIES_COLORS.line, type: 'dashed', width: 2 },
          label: { formatter: `${d.year}年标准 ${formatYuan(line)}元`, color: SERIES_COLORS.line, position: 'end' },
          data: [{ xAxis: labels[lineBin] as string }],
        },
      },
    ],
  };
}
