import type { EChartsOption } from 'echarts';
import type { ReturnsResult } from '../../../../shared/api/returns';
import { formatCount, formatShare } from '../../format/numbers';
import { axisTooltip, categoryAxis, itemTooltip, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { categoryColor, SERIES_COLORS } from '../common/palette';

type CountShareMap = Readonly<Record<string, { households: number; persons: number; share: number }>>;

/** Categories by returned persons, largest first (ties by name, so the order is stable). */
export function byPersons(map: CountShareMap): [string, { households: number; persons: number; share: number }][] {
  return Object.entries(map).sort((a, b) => b[1].persons - a[1].persons || a[0].localeCompare(b[0], 'zh-CN'));
}

/** Long risk names wrap after a few characters so that an axis never truncates them. */
export function wrapLabel(text: string, width = 6): string {
  const chars = [...text];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  return lines.join('\n');
}

/** Returned households and persons by year (bars) with 返贫率 (line, right axis). */
export function returnsByYearOption(data: ReturnsResult, koujingLine: string): EChartsOption {
  const years = data.byYear.map((y) => y.year);
  return {
    tooltip: axisTooltip({ 返贫户数: { kind: 'count', unit: '户' }, 返贫人口: { kind: 'count', unit: '人' }, 返贫率: { kind: 'share' } }, koujingLine),
    legend: topLegend(),
    grid: standardGrid({ right: 16 }),
    xAxis: categoryAxis(years),
    yAxis: [valueAxis('户、人', 'count'), valueAxis('返贫率', 'share', { splitLine: { show: false }, nameTextStyle: { align: 'right', color: '#4a5868' } })],
    series: [
      { name: '返贫户数', type: 'bar', barMaxWidth: 26, color: SERIES_COLORS.count, data: data.byYear.map((y) => y.households) },
      { name: '返贫人口', type: 'bar', barMaxWidth: 26, color: '#9ab8dc', data: data.byYear.map((y) => y.persons) },
      {
        name: '返贫率', type: 'line', yAxisIndex: 1, color: SERIES_COLORS.rate, symbolSize: 7, lineStyle: { width: 2.5 }, data: data.byYear.map((y) => y.rate),
        label: {
          show: true, position: 'top', distance: 6, fontSize: 11, color: SERIES_COLORS.rate, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3],
          formatter: (p: { value: unknown }) => formatShare(p.value as number, 2),
        },
      },
    ],
  };
}

/** Shares of returned persons by 返贫原因, as plain bars (never a pie: shares are compared, not admired). */
export function causeSharesOption(distribution: CountShareMap, koujingLine: string): EChartsOption {
  const rows = byPersons(distribution).reverse();
  return {
    tooltip: itemTooltip((p) => {
      const row = rows[(p as { dataIndex?: number }).dataIndex ?? 0];
      if (!row) return [''];
      return [row[0], `返贫人口 ${formatCount(row[1].persons)} 人（${formatCount(row[1].households)} 户）`, `占返贫人口 ${formatShare(row[1].share, 2)}`];
    }, koujingLine),
    grid: standardGrid({ top: 12, right: 96 }),
    xAxis: valueAxis('', 'share', { max: (v: { max: number }) => Math.min(1, Math.ceil(v.max * 10 + 0.5) / 10) }),
    yAxis: categoryAxis(rows.map(([name]) => name), { axisTick: { show: false } }),
    series: [
      {
        name: '占返贫人口',
        type: 'bar',
        barMaxWidth: 20,
        data: rows.map(([name, v]) => ({ value: v.share, itemStyle: { color: categoryColor('cause', name) } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => {
          const row = rows[p.dataIndex];
          return row ? `${formatShare(row[1].share)}（${formatCount(row[1].persons)}人）` : '';
        } },
      },
    ],
  };
}

/** Returned persons by township × cause: where each cause weighs. */
export function causeTownshipHeatmapOption(data: ReturnsResult, koujingLine: string): EChartsOption {
  const causes = byPersons(data.causeDistribution).map(([name]) => name);
  const towns = [...data.byTownship].sort((a, b) => a.persons - b.persons).map((t) => t.township);
  const cells: [number, number, number][] = [];
  let max = 0;
  data.byTownship.forEach((t) => {
    const y = towns.indexOf(t.township);
    causes.forEach((cause, x) => {
      const v = t.byCause[cause]?.persons ?? 0;
      if (v > 0) cells.push([x, y, v]);
      max = Math.max(max, v);
    });
  });
  return {
    tooltip: itemTooltip((p) => {
      const [x, y, v] = (p.value as [number, number, number] | undefined) ?? [0, 0, 0];
      const town = data.byTownship.find((t) => t.township === towns[y]);
      const cause = causes[x] ?? '';
      const cell = town?.byCause[cause];
      return [`${towns[y] ?? ''} · ${cause}`, `返贫人口 ${formatCount(v)} 人（${formatCount(cell?.households ?? 0)} 户）`, `占该乡镇返贫人口 ${formatShare(cell?.share ?? null, 1)}`];
    }, koujingLine),
    grid: standardGrid({ top: 12, bottom: 56, right: 16 }),
    // About 130 px a column at 1366×768 with eight causes: long names wrap only when there are more.
    xAxis: categoryAxis(causes.map((c) => wrapLabel(c, causes.length <= 8 ? 8 : causes.length <= 10 ? 5 : 4)), {
      splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11, lineHeight: 13 },
    }),
    yAxis: categoryAxis(towns, { splitArea: { show: true }, axisTick: { show: false } }),
    visualMap: {
      min: 0,
      max: Math.max(max, 1),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 160,
      text: [`${formatCount(max)} 人`, '0'],
      inRange: { color: ['#fbefee', '#e8a29e', '#c0504d', '#7d2623'] },
    },
    series: [
      {
        name: '返贫人口',
        type: 'heatmap',
        data: cells,
        label: {
          show: true, fontSize: 11, formatter: (p: { value: unknown }) => formatCount((p.value as number[])[2] ?? 0),
        },
        emphasis: { itemStyle: { borderColor: '#1f2a37', borderWidth: 1 } },
      },
    ],
  };
}

const METHOD_LABEL: Readonly<Record<string, string>> = { income: '收入法', structural: '结构法' };

/** Returned persons by how the household had exited (both methods), each bar in its method's colour. */
export function returnsByExitMethodOption(data: ReturnsResult, koujingLine: string): EChartsOption {
  const rows: { method: string; label: string; persons: number; households: number; share: number }[] = [];
  for (const method of ['income', 'structural'] as const) {
    for (const [label, v] of byPersons(data.byExitMethod[method])) rows.push({ method, label, ...v });
  }
  const ordered = [...rows].reverse();
  return {
    tooltip: itemTooltip((p) => {
      const r = ordered[(p as { dataIndex?: number }).dataIndex ?? 0];
      if (!r) return [''];
      return [`${METHOD_LABEL[r.method] ?? ''}：${r.label}`, `返贫人口 ${formatCount(r.persons)} 人（${formatCount(r.households)} 户）`, `占返贫人口 ${formatShare(r.share, 2)}`];
    }, koujingLine),
    grid: standardGrid({ top: 12, right: 96 }),
    xAxis: valueAxis('人', 'count'),
    yAxis: categoryAxis(ordered.map((r) => `${METHOD_LABEL[r.method] ?? ''}·${r.label}`), { axisTick: { show: false } }),
    series: [
      {
        name: '返贫人口',
        type: 'bar',
        barMaxWidth: 18,
        data: ordered.map((r) => ({ value: r.persons, itemStyle: { color: categoryColor('method', r.label) } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => {
          const r = ordered[p.dataIndex];
          return r ? `${formatCount(r.persons)}人 ${formatShare(r.share)}` : '';
        } },
      },
    ],
  };
}

/** Households that exited before Y and fell under L(Y) (or the monitoring threshold), by year. */
export function incomeRiskOption(data: ReturnsResult, koujingLine: string): EChartsOption {
  const rows = data.incomeRisk.byYear;
  return {
    tooltip: axisTooltip({ kind: 'count', unit: '户' }, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(rows.map((r) => r.year)),
    yAxis: valueAxis('户', 'count'),
    series: [
      { name: '收入低于标准或监测线', type: 'bar', barMaxWidth: 24, color: SERIES_COLORS.negative, data: rows.map((r) => r.households) },
      { name: '其中低于当年标准', type: 'bar', barMaxWidth: 24, color: '#e8a29e', data: rows.map((r) => r.belowLine) },
      { name: '其中已记录返贫', type: 'line', color: SERIES_COLORS.neutral, symbolSize: 6, data: rows.map((r) => r.returnRecorded) },
    ],
  };
}
