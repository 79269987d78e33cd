import type { ReactNode } from 'react';
import type { PivotCatalogue, PivotResult } from '../../../../shared/api/pivot';
import { useApiQuery } from '../../api/useApiQuery';
import { TopNControl, SortControl } from './OrderControls';
import { hasIncomeMeasure, valueLabel } from './pivotLabels';
import { setOrder, setTopN, type EditSpec } from './pivotState';
import type { WideTable } from './pivotTable';

/** The grid's size as the user sees it: its rows (subtotals apart) × its value columns, not the engine's cells. */
export function tableSize(table: WideTable): string {
  const detail = table.rows.filter((r) => r.kind === 'detail').length;
  const subtotals = table.rows.filter((r) => r.kind === 'subtotal').length;
  const columns = table.columnKeys.length * table.valueFields.length;
  return `${detail} 行${subtotals ? `（另有 ${subtotals} 个小计行）` : ''} × ${columns} 列`;
}

/** 收入年度 — only where an income measure reads income rows; elsewhere it would change nothing. */
function IncomeYearSelect({ spec, snapshotId, onSpec }: {
  readonly spec: EditSpec;
  readonly snapshotId: number;
  readonly onSpec: (update: (s: EditSpec) => EditSpec) => void;
}): ReactNode {
  const years = useApiQuery('pivot.dimensionValues', { field: 'year', snapshotId });
  return (
    <label>
      收入年度
      <select
        value={spec.year ?? ''}
        onChange={(e) => onSpec((s) => ({ ...s, year: e.target.value === '' ? undefined : Number(e.target.value) }))}
        data-testid="year-select"
      >
        <option value="">最新年度</option>
        {years.data?.values.filter((v) => typeof v.value === 'number')
          .map((v) => <option key={String(v.value)} value={String(v.value)}>{v.label}</option>)}
      </select>
    </label>
  );
}

export function PivotToolbar(props: {
  readonly catalogue: PivotCatalogue;
  readonly spec: EditSpec;
  readonly snapshotId: number;
  readonly table: WideTable | null;
  readonly result: PivotResult | null;
  readonly slow: boolean;
  readonly showChart: boolean;
  readonly onSpec: (update: (s: EditSpec) => EditSpec) => void;
  readonly onCopy: () => void;
  readonly onToggleChart: () => void;
  readonly onExport: (kind: 'xlsx' | 'csv') => void;
}): ReactNode {
  const { catalogue, spec, snapshotId, table, result, slow, showChart, onSpec, onCopy, onToggleChart } = props;
  const label = (v: EditSpec['values'][number]): string => valueLabel(catalogue, v);
  const income = hasIncomeMeasure(catalogue, spec);
  return (
    <div className="pivot-toolbar">
      {income ? <IncomeYearSelect spec={spec} snapshotId={snapshotId} onSpec={onSpec} /> : null}
      <SortControl spec={spec} catalogue={catalogue} label={label}
        onChange={(order) => onSpec((s) => setOrder(s, order))} />
      <TopNControl spec={spec} catalogue={catalogue} label={label}
        onChange={(topN) => onSpec((s) => setTopN(s, topN))} />
      <button type="button" className="button small" onClick={onCopy} disabled={!table}>复制</button>
      <button type="button" className={`button small${showChart ? ' primary' : ''}`} onClick={onToggleChart} disabled={!table}
        data-testid="toggle-chart">
        {showChart ? '显示表格' : '图表'}
      </button>
      <button type="button" className="button small" onClick={() => props.onExport('xlsx')} disabled={!table}>
        导出 Excel
      </button>
      <button type="button" className="button small" onClick={() => props.onExport('csv')} disabled={!table}>导出 CSV</button>
      {slow ? (
        <span className="loading" role="status" data-testid="pivot-spinner"><span className="spinner" aria-hidden="true" />正在计算…</span>
      ) : null}
      {result && table ? (
        <span className="panel-note" data-testid="pivot-meta">
          {tableSize(table)}{spec.topN ? '（合计含未列出的项）' : ''} · {Math.round(result.meta.elapsedMs)} ms
        </span>
      ) : null}
    </div>
  );
}
