import type { EChartsOption } from 'echarts';
import { useMemo, useState, type ReactNode } from 'react';
import { Chart } from '../../components/Chart';
import type { PivotFieldInfo } from '../../../../shared/api/pivot';
import { formatValue, TOTAL_COLUMN_ID, type WideTable } from './pivotTable';

export type ChartKind = 'bar' | 'line' | 'stacked';

/** The current pivot as a chart: categories are the detail rows, one series per column value. */
export function PivotChart({ table, headerOf }: {
  readonly table: WideTable; readonly headerOf: (f: PivotFieldInfo) => string;
}): ReactNode {
  const [kind, setKind] = useState<ChartKind>('bar');
  const [valueKey, setValueKey] = useState<string | null>(null);
  const value = table.valueFields.find((v) => v.key === valueKey) ?? table.valueFields[0];
  const option = useMemo<EChartsOption>(() => {
    if (!value) return {};
    const rows = table.rows.filter((r) => r.kind === 'detail');
    const categories = rows.map((r) => table.rowFields.map((f) => String(r.keys[f.key] ?? '')).join(' / ') || '全县');
    const columns = table.columnKeys.filter((c) => c.id !== TOTAL_COLUMN_ID || table.columnFields.length === 0);
    const format = value.format;
    const share = format === 'share';
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, format) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 64, right: 16, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 8 ? 30 : 0 } },
      yAxis: {
        type: 'value',
        name: share ? '%' : value.unit,
        ...(format === 'count' ? { minInterval: 1 } : {}),
        // Shares are fractions in the result: the axis reads in per cent, as the table does.
        ...(share ? { axisLabel: { formatter: (v: number) => `${Math.round(v * 1000) / 10}` } } : {}),
      },
      series: columns.map((c) => ({
        name: c.id === TOTAL_COLUMN_ID ? headerOf(value) : c.label,
        type: kind === 'line' ? 'line' : 'bar',
        ...(kind === 'stacked' ? { stack: 'all' } : {}),
        data: rows.map((r) => {
          const v = r.cells[`${c.id}|${value.key}`];
          return typeof v === 'number' ? v : null;
        }),
      })),
    };
  }, [table, kind, value, headerOf]);
  return (
    <div className="pivot-chart" data-testid="pivot-chart">
      <div className="pivot-toolbar">
        {(['bar', 'line', 'stacked'] as const).map((k) => (
          <button key={k} type="button" className={`button small${k === kind ? ' primary' : ''}`} onClick={() => setKind(k)}>
            {k === 'bar' ? '柱状图' : k === 'line' ? '折线图' : '堆积柱状图'}
          </button>
        ))}
        {table.valueFields.length > 1 ? (
          <select value={value?.key} onChange={(e) => setValueKey(e.target.value)} aria-label="图表的值">
            {table.valueFields.map((v) => <option key={v.key} value={v.key}>{headerOf(v)}</option>)}
          </select>
        ) : null}
      </div>
      <Chart option={option} height={340} fileName={`透视图_${value ? headerOf(value) : ''}`} />
    </div>
  );
}
