import type { EChartsOption } from 'echarts';
import type { FlowRow } from '../../../../shared/api/flows';
import { formatCount } from '../../format/numbers';
import { axisTooltip, categoryAxis, itemTooltip, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { categoryColor } from '../common/palette';
import { flowColumnGrain, GRAIN_UNIT } from '../../../../shared/semantic/headlineFigures';

export type FlowUnit = FlowRow['unit'];

/** The unit word from the semantic catalogue: 户/人 for a stock, 户次/人次 for a flow (events). */
export function flowUnitWord(unit: FlowUnit, events: boolean): string {
  return GRAIN_UNIT[flowColumnGrain(!events, unit)];
}

/** The flow table's columns in the order of the identity 年初 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末. */
export const FLOW_COLUMNS = [
  { key: 'start', label: '年初未脱贫', sign: 0 },
  { key: 'identified', label: '新识别', sign: 1 },
  { key: 'returned', label: '返贫', sign: 1 },
  { key: 'exited', label: '脱贫', sign: -1 },
  { key: 'naturalDecrease', label: '自然减少', sign: -1 },
  { key: 'removed', label: '清退', sign: -1 },
  { key: 'end', label: '年末未脱贫', sign: 0 },
] as const;

export function rowsOf(rows: readonly FlowRow[], unit: FlowUnit): FlowRow[] {
  return rows.filter((r) => r.unit === unit).sort((a, b) => a.year - b.year);
}

/** Inflows above the axis, outflows below, and the 年末未脱贫 stock as a line. */
/**
 * The bars count events (户次/人次) and the line counts households (户/人), so the axis names both
 * and each series' tooltip says its own grain.
 */
export function stockFlowOption(rows: readonly FlowRow[], unit: FlowUnit, koujingLine: string): EChartsOption {
  const stockUnit = flowUnitWord(unit, false);
  const eventUnit = flowUnitWord(unit, true);
  const flows = FLOW_COLUMNS.filter((c) => c.sign !== 0);
  const formats = Object.fromEntries([
    ...flows.map((c) => [c.label, { kind: 'count' as const, unit: eventUnit, absolute: true }]),
    ['年末未脱贫', { kind: 'count' as const, unit: stockUnit }],
  ]);
  return {
    tooltip: axisTooltip(formats, koujingLine),
    legend: topLegend(),
    grid: standardGrid(),
    xAxis: categoryAxis(rows.map((r) => r.year)),
    yAxis: valueAxis(`${stockUnit}／${eventUnit}`, 'count', {
      axisLabel: { formatter: (v: number) => formatCount(Math.abs(v)) },
    }),
    series: [
      ...flows.map((c) => ({
        name: c.label,
        type: 'bar' as const,
        stack: c.sign > 0 ? 'in' : 'out',
        barMaxWidth: 30,
        color: categoryColor('flow', c.label),
        data: rows.map((r) => c.sign * r[c.key]),
      })),
      { name: '年末未脱贫', type: 'line' as const, color: categoryColor('flow', '年末未脱贫'), symbolSize: 6, lineStyle: { width: 2.5 }, data: rows.map((r) => r.end) },
    ],
  };
}

export interface SankeyModel {
  /**
   * events: a flow added over the years counts events (户次/人次: a household that returned and
   * exited again is in 脱贫 twice); the stocks (年初, 年末) count households (户/人).
   */
  readonly nodes: readonly { name: string; color: string; events: boolean }[];
  readonly links: readonly { source: string; target: string; value: number }[];
}

/**
 * The years of the table as one flow: who entered the unexited stock (the first year's 年初, 新识别,
 * 返贫) and how they left it (脱贫, 自然减少, 清退) or stayed (the last year's 年末). Each figure is a
 * column of the table added over its years; the sides balance when the identity holds.
 */
export function sankeyModel(rows: readonly FlowRow[]): SankeyModel | null {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return null;
  const sum = (key: 'identified' | 'returned' | 'exited' | 'naturalDecrease' | 'removed'): number => rows.reduce((s, r) => s + r[key], 0);
  const stock = '未脱贫（在册）';
  const inflows = [
    { name: `${first.year}年初未脱贫`, color: categoryColor('flow', '年初未脱贫'), value: first.start },
    { name: '识别（新识别）', color: categoryColor('flow', '新识别'), value: sum('identified') },
    { name: '返贫', color: categoryColor('flow', '返贫'), value: sum('returned') },
  ];
  const outflows = [
    { name: '脱贫', color: categoryColor('flow', '脱贫'), value: sum('exited') },
    { name: '自然减少', color: categoryColor('flow', '自然减少'), value: sum('naturalDecrease') },
    { name: '清退', color: categoryColor('flow', '清退'), value: sum('removed') },
    { name: `${last.year}年末未脱贫`, color: categoryColor('flow', '年末未脱贫'), value: last.end },
  ];
  const used = [...inflows, ...outflows].filter((n) => n.value > 0);
  if (used.length === 0) return null;
  const stocks = new Set([`${first.year}年初未脱贫`, `${last.year}年末未脱贫`]);
  return {
    nodes: [
      ...used.map((n) => ({ name: n.name, color: n.color, events: !stocks.has(n.name) })),
      { name: stock, color: '#3e4c5c', events: true },
    ],
    links: [
      ...inflows.filter((n) => n.value > 0).map((n) => ({ source: n.name, target: stock, value: n.value })),
      ...outflows.filter((n) => n.value > 0).map((n) => ({ source: stock, target: n.name, value: n.value })),
    ],
  };
}

/** The unit word of a node or a link: 户 for a stock, 户次 for a flow added over years. */
export function sankeyUnit(model: SankeyModel, unit: FlowUnit, name: string): string {
  return flowUnitWord(unit, model.nodes.find((n) => n.name === name)?.events !== false);
}

export function sankeyOption(model: SankeyModel, unit: FlowUnit, koujingLine: string): EChartsOption {
  const unitOf = (name: string): string => sankeyUnit(model, unit, name);
  return {
    tooltip: itemTooltip((p) => {
      const d = p.data as { source?: string; target?: string; name?: string; value?: number } | undefined;
      if (d?.source && d.target) {
        const end = model.nodes.find((n) => n.name === d.source)?.events === false ? d.source : d.target;
        return [`${d.source} → ${d.target}`, `${formatCount(d.value ?? 0)} ${unitOf(end)}`];
      }
      const value = typeof p.value === 'number' ? p.value : 0;
      return [p.name ?? '', `${formatCount(value)} ${unitOf(p.name ?? '')}`];
    }, koujingLine),
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 12,
        bottom: 12,
        nodeWidth: 16,
        nodeGap: 14,
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' },
        data: model.nodes.map((n) => ({ name: n.name, itemStyle: { color: n.color, borderColor: n.color } })),
        links: model.links.map((l) => ({ ...l })),
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: {
          fontSize: 12, color: '#1f2a37',
          formatter: (p: { name: string; value: unknown }) => `${p.name}  ${formatCount(typeof p.value === 'number' ? p.value : 0)}${unitOf(p.name)}`,
        },
      },
    ],
  };
}
