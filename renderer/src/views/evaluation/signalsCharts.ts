import type { EChartsOption } from 'echarts';
import type { BunchingRow, SignalsResult } from '../../../../shared/api/evaluation';
import { categoryAxis, itemTooltip, standardGrid, topLegend, valueAxis } from '../common/chartKit';

/**
 * Registered households by p / L in bins of 0.02 around the line for one exit year: the bars just
 * right of 1.0 standing above their neighbours are what bunching looks like. The bar of a bin is
 * clickable (its households).
 */
export function histogramOption(h: SignalsResult['histogram'][number], koujingLine: string, nearLine: number): EChartsOption {
  const labels = h.bins.map((b) => b.from.toFixed(2));
  // The bins of [L, nearLine·L) are a series of their own, stacked with the others in one column
  // per bin, so that the legend's swatches are the colours the bars wear.
  const inBand = (b: { from: number }): boolean => b.from >= 1 && b.from < nearLine - 1e-9;
  const part = (keep: boolean) => h.bins.map((b) => (inBand(b) === keep ? b.households : '-'));
  return {
    tooltip: itemTooltip((p) => {
      const bin = h.bins.find((b) => b.from.toFixed(2) === p.name);
      return bin ? [`p/L ${bin.from.toFixed(2)}–${bin.to.toFixed(2)}`, `${bin.households} 户`, `人均纯收入 ${Math.round(bin.from * h.line)}–${Math.round(bin.to * h.line)} 元`] : [''];
    }, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(labels, { name: 'p/L', axisLabel: { interval: 4 } }),
    yAxis: valueAxis('户', 'count'),
    series: [
      {
        name: `${h.year} 年户数`,
        type: 'bar',
        stack: 'bins',
        barCategoryGap: '8%',
        color: '#1f5fa8',
        data: part(false),
        markLine: { symbol: 'none', label: { formatter: `标准 ${h.line} 元` }, lineStyle: { color: '#2b3a4d', type: 'dashed' }, data: [{ xAxis: '1.00' }] },
      },
      { name: `线上 [L, ${nearLine}L)`, type: 'bar', stack: 'bins', color: '#c0504d', data: part(true) },
    ],
  };
}

/** The county's bunching ratio by exit year, with the counts above and below the line. */
export function bunchingOption(rows: readonly BunchingRow[], koujingLine: string): EChartsOption {
  const county = rows.filter((r) => r.township === null);
  const years = county.map((r) => r.year);
  return {
    tooltip: itemTooltip((p) => {
      const r = county.find((x) => String(x.year) === p.name);
      if (!r) return [''];
      return [`${r.year} 年（标准 ${r.line} 元）`, `线上 [L, 上限) ${r.above} 户`, `线下 [下限, L) ${r.below} 户`,
        `聚集比 ${r.ratio === null ? '—' : r.ratio.toFixed(2)}`];
    }, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(years),
    yAxis: [valueAxis('户', 'count'), valueAxis('聚集比', 'count', { splitLine: { show: false } })],
    series: [
      { name: '线下户数', type: 'bar', data: county.map((r) => r.below), color: '#6b7fa8' },
      { name: '线上户数', type: 'bar', data: county.map((r) => r.above), color: '#c0504d' },
      { name: '聚集比', type: 'line', yAxisIndex: 1, data: county.map((r) => r.ratio), color: '#2b3a4d', symbolSize: 7 },
    ],
  };
}
