import type { ColDef } from 'ag-grid-community';
import type { ReactNode } from 'react';
import type { MonitoringResult, UnresolvedHousehold } from '../../../../shared/api/monitoring';
import { DataGrid } from '../../components/DataGrid';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format/numbers';
import { EmptyNotice } from '../common/QueryState';

const COLUMNS: ColDef<UnresolvedHousehold>[] = [
  { field: 'code', headerName: '户编号', width: 160 },
  { field: 'township', headerName: '乡镇', width: 90 },
  { field: 'village', headerName: '行政村', width: 90 },
  { field: 'category', headerName: '监测对象类别', flex: 1, minWidth: 130 },
  { field: 'mainRisk', headerName: '主要风险', flex: 1, minWidth: 110, valueFormatter: (p) => p.value ?? '未填写' },
  { field: 'monitoringDate', headerName: '纳入监测时间', width: 130, valueFormatter: (p) => p.value ?? '未填写' },
  {
    field: 'months', headerName: '已监测（月）', width: 120, type: 'numericColumn',
    valueFormatter: (p) => (p.value === null ? '—' : String(p.value)),
  },
  { field: 'persons', headerName: '人口（人）', width: 100, type: 'numericColumn' },
];

/** The monitored households whose risk is not removed: whom the next 帮扶 review is about, longest first. */
export function UnresolvedList({ unresolved, asOf }: {
  readonly unresolved: MonitoringResult['unresolved'];
  readonly asOf: string;
}): ReactNode {
  const shown = unresolved.list.length;
  return (
    <Panel
      title="风险尚未消除的监测对象"
      note={`共 ${formatCount(unresolved.households)} 户 ${formatCount(unresolved.persons)} 人，按纳入监测至 ${asOf} 的月数从长到短${
        shown < unresolved.households ? `，列出前 ${formatCount(shown)} 户` : ''}`}
      className="wide"
    >
      <div data-testid="unresolved-list">
        {shown > 0 ? (
          <DataGrid<UnresolvedHousehold> rows={unresolved.list} columns={COLUMNS}
            height={Math.min(420, 48 + shown * 34)} getRowId={(h) => h.code} exportFileName="风险尚未消除的监测对象" />
        ) : <EmptyNotice>所选范围内的监测对象风险都已消除。</EmptyNotice>}
      </div>
    </Panel>
  );
}
