import * as echarts from 'echarts';
import type { ReportChart } from '../model';
import { SANS_FAMILY } from './fonts';

const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#f79646', '#8064a2', '#4bacc6', '#7f7f7f', '#d4a017'];

/** The ECharts option of a report chart: plain, printable, every text in the bundled sans font. */
export function chartOption(chart: ReportChart): echarts.EChartsCoreOption {
  const valueAxis = {
    type: 'value' as const, name: chart.yAxisName, nameTextStyle: { fontSize: 12 },
    axisLabel: { fontSize: 12, ...(chart.percentAxis ? { formatter: (v: number) => `${Math.round(v * 100)}%` } : {}) },
    ...(chart.percentAxis ? { max: 1 } : {}),
    splitLine: { lineStyle: { color: '#ddd' } },
  };
  const categoryAxis = { type: 'category' as const, data: [...chart.categories], axisLabel: { fontSize: 12, interval: 0 } };
  const hasRight = chart.series.some((s) => s.rightAxis);
  const yAxis = chart.horizontal ? categoryAxis : hasRight
    ? [valueAxis, { type: 'value' as const, name: chart.rightAxisName ?? '', axisLabel: { fontSize: 12, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } }]
    : valueAxis;
  return {
    animation: false,
    color: PALETTE,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: SANS_FAMILY },
    legend: chart.series.length > 1 ? { top: 0, textStyle: { fontSize: 12 } } : { show: false },
    grid: { left: 12, right: hasRight ? 16 : 40, top: chart.series.length > 1 ? 48 : 28, bottom: 8, containLabel: true },
    xAxis: chart.horizontal ? valueAxis : categoryAxis,
    yAxis,
    series: chart.series.map((s) => ({
      name: s.name, type: s.type, ...(s.stack ? { stack: s.stack } : {}),
      ...(s.rightAxis ? { yAxisIndex: 1 } : {}),
      data: s.values.map((v, i) => ({
        value: v,
        label: {
          show: (s.labels[i] ?? '') !== '',
          formatter: s.labels[i] ?? '',
          position: s.stack ? 'inside' : chart.horizontal ? 'right' : 'top',
          fontSize: 11,
          color: s.stack ? '#fff' : '#333',
        },
      })),
      ...(s.type === 'line' ? { symbolSize: 6, lineStyle: { width: 2 } } : { barMaxWidth: 36 }),
    })),
  };
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
