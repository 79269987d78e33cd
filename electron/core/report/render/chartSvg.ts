import * as echarts from 'echarts';
import type { ChartSeries, ReportChart } from '../model';
import { SANS_FAMILY } from './fonts';

const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#f79646', '#8064a2', '#4bacc6', '#7f7f7f', '#d4a017'];

/** The ECharts option of a report chart: plain, printable, every text in the bundled sans font. */
export function chartOption(chart: ReportChart): echarts.EChartsCoreOption {
  const valueAxis = {
    type: 'value' as const, name: chart.yAxisName, nameTextStyle: { fontSize: 12 },
    // Under a horizontal chart's axis, centred: at its end the name would run off the picture.
    ...(chart.horizontal ? { nameLocation: 'middle' as const, nameGap: 26 } : {}),
    axisLabel: { fontSize: 12, ...(chart.percentAxis ? { formatter: (v: number) => `${Math.round(v * 100)}%` } : {}) },
    // A count axis ticks in whole 户 or 人 (a tiny county's axis ran 0, 0.5, 1, 1.5).
    ...(chart.percentAxis ? { max: 1 } : { minInterval: 1 }),
    splitLine: { lineStyle: { color: '#ddd' } },
  };
  const categoryAxis = { type: 'category' as const, data: [...chart.categories], axisLabel: { fontSize: 12, interval: 0 } };
  const hasRight = chart.series.some((s) => s.rightAxis);
  const stackMax = Math.max(0, ...chart.categories.map((_, i) => chart.series
    .filter((s) => s.stack).reduce((sum, s) => sum + (s.values[i] ?? 0), 0)));
  const yAxis = chart.horizontal ? categoryAxis : hasRight
    ? [valueAxis, { type: 'value' as const, name: chart.rightAxisName ?? '', axisLabel: { fontSize: 12, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } }]
    : valueAxis;
  return {
    animation: false,
    color: PALETTE,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: SANS_FAMILY },
    legend: chart.series.length > 1 ? { top: 0, textStyle: { fontSize: 12 } } : { show: false },
    grid: {
      left: 12, right: hasRight ? 16 : 40, bottom: chart.horizontal ? 34 : 8,
      top: chart.series.length > 1 ? 30 + 24 * legendRows(chart) : 28, containLabel: true,
    },
    xAxis: chart.horizontal ? valueAxis : categoryAxis,
    yAxis,
    series: chart.series.map((s) => ({
      name: s.name, type: s.type, ...(s.stack ? { stack: s.stack } : {}),
      ...(s.rightAxis ? { yAxisIndex: 1 } : {}),
      data: s.values.map((v, i) => ({ value: v, label: valueLabel(chart, s, s.labels[i] ?? '', v, stackMax, hasRight) })),
      ...(s.type === 'line' ? { symbolSize: 6, lineStyle: { width: 2 } } : { barMaxWidth: 36 }),
    })),
  };
}

/** Rows the legend wraps to at 12px (a CJK character ≈ 12px, a swatch and gaps ≈ 35px), so the plot starts below it. */
function legendRows(chart: ReportChart): number {
  const width = chart.series.reduce((sum, s) => sum + s.name.length * 12 + 35, 0);
  return Math.max(1, Math.ceil(width / (CHART_WIDTH - 40)));
}

/** A segment shorter than this share of the tallest stack has no room for its number (the table has it). */
const MIN_STACK_LABEL_SHARE = 0.06;

/**
 * Where a value's number goes: inside a stacked segment (white) when it has room; on top of a bar,
 * or inside its foot when a growth line on the right axis crosses the bars (the line's numbers then
 * sit on white boxes over the bars); right of a horizontal bar.
 */
function valueLabel(
  chart: ReportChart, s: ChartSeries, text: string, v: number | null, stackMax: number, hasRight: boolean,
):
  Record<string, unknown> {
  const roomy = !s.stack || (v ?? 0) >= stackMax * MIN_STACK_LABEL_SHARE;
  const base = { show: text !== '' && roomy, formatter: text, fontSize: 11 };
  if (s.stack) return { ...base, position: 'inside', color: '#fff' };
  if (chart.horizontal) return { ...base, position: 'right', color: '#333' };
  if (s.type === 'bar' && hasRight) return { ...base, position: 'insideBottom', color: '#fff' };
  if (s.type === 'line' && hasRight) {
    return { ...base, position: 'top', color: '#333', backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 2], borderRadius: 2 };
  }
  return { ...base, position: 'top', color: '#333' };
}

/** The chart as an SVG string, drawn by ECharts' server-side renderer (no DOM). */
export function chartSvg(chart: ReportChart, width: number, height: number): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(chartOption(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** A chart's height: a ranking grows with its townships. */
export function chartHeight(chart: ReportChart): number {
  return chart.horizontal ? Math.max(260, 60 + chart.categories.length * 26) : 320;
}

export const CHART_WIDTH = 620;
