import type { ColDef } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import type { FlowBreak, FlowRow } from '../../../../shared/api/flows';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount } from '../../format/numbers';
import { useViewParam } from '../../shell/hashRoute';
import '../common/views.css';
import { koujingTooltipLine } from '../common/koujingText';
import { withScrollbarRoom } from '../common/gridColumns';
import { ExitEventsLine } from '../common/ExitEventsLine';
import { KoujingBlock } from '../common/KoujingBlock';
import { QueryState } from '../common/QueryState';
import { ScopeBar, ScopeSelect } from '../common/ScopeBar';
import { openView, RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope, scopeToParams } from '../common/viewScope';
import { FLOW_COLUMNS, rowsOf, sankeyModel, sankeyOption, stockFlowOption, flowUnitWord, type FlowUnit } from './flowsCharts';

const OWN_PARAMS = ['unit'];
const UNIT_OPTIONS: readonly { value: FlowUnit; label: string }[] = [
  { value: 'households', label: '户' },
  { value: 'persons', label: '人' },
];

const BREAK_COLUMNS: ColDef<FlowBreak>[] = [
  { field: 'year', headerName: '年度', minWidth: 80 },
  { field: 'householdCode', headerName: '户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇' },
  { field: 'village', headerName: '行政村' },
  { field: 'eventType', headerName: '事件' },
  { field: 'detail', headerName: '说明', minWidth: 280, flex: 2 },
];

/** Each header says its grain (#13): the stocks 户/人, the flows 户次/人次 (from the catalogue, flowUnitWord). */
function tableColumns(unit: FlowUnit): ColDef<FlowRow>[] {
  const header = (c: (typeof FLOW_COLUMNS)[number]): string => {
    const sign = c.sign > 0 ? '+ ' : c.sign < 0 ? '− ' : '';
    return `${sign}${c.label}（${flowUnitWord(unit, c.sign !== 0)}）`;
  };
  return withScrollbarRoom<FlowRow>([
    { field: 'year', headerName: '年度', minWidth: 80 },
    ...FLOW_COLUMNS.map((c) => numberColumn<FlowRow>(c.key, header(c), 0, { minWidth: 118 })),
    numberColumn<FlowRow>('gap', '平衡差额', 0, {
      cellClassRules: { 'gap-break': (p) => typeof p.value === 'number' && p.value !== 0 },
      headerTooltip: '年初 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 − 年末；为 0 表示平衡关系成立',
    }),
  ]);
}

export function FlowsView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="flows" params={OWN_PARAMS}>
      <Flows snapshot={snapshot} />
    </RememberedView>
  );
}

function Flows({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const [unitParam, setUnit] = useViewParam('unit', 'households');
  const unit: FlowUnit = unitParam === 'persons' ? 'persons' : 'households';
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const flows = useApiQuery('metrics.flows', base);
  // The Sankey's 脱贫 counts 户次; 概览 and 脱贫方式 count 户: the line joining them needs the exits' totals
  const exits = useApiQuery('metrics.exits', unit === 'households' ? base : null);
  const columns = useMemo(() => tableColumns(unit), [unit]);

  return (
    <div className="analysis-view" data-testid="flows-view">
      <ViewHeader title="动态调整" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope} lineSet={false}>
        <ScopeSelect label="单位" value={unit} options={UNIT_OPTIONS} onChange={(v) => setUnit(v === 'households' ? null : v)} />
      </ScopeBar>
      <QueryState query={flows} loadingText="正在核算动态调整…" isEmpty={(d) => d.rows.length === 0} emptyText="所选范围内没有识别、脱贫、返贫等状态变化。">
        {(data) => {
          const rows = rowsOf(data.rows, unit);
          const kl = koujingTooltipLine(data.koujing);
          const model = sankeyModel(rows);
          const u = flowUnitWord(unit, false);
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              {data.identityHolds ? (
                <div className="identity-ok" data-testid="identity-status">平衡关系逐年成立：年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫。</div>
              ) : (
                <div className="identity-break" data-testid="identity-status" role="alert">
                  平衡关系不成立：{formatCount(data.breaks.length)} 条记录造成差额（表中红色的“平衡差额”），名单见下方。
                  <button type="button" className="button small" onClick={() => openView('quality', { ...scopeToParams(scope), rule: 'flowIdentityBreak' })}>
                    在数据质量中查看
                  </button>
                </div>
              )}
              <div className="chart-grid">
                <Panel
                  title={`存量与流量（存量：${u}；流量：${flowUnitWord(unit, true)}）`}
                  note="柱：当年流入（上）与流出（下），按事件计；线：年末未脱贫，按户（人）计"
                >
                  <Chart option={stockFlowOption(rows, unit, kl)} height={320} fileName={`动态调整存量与流量_${u}`} />
                </Panel>
                <Panel title={`识别、返贫与脱贫的流向（${rows[0]?.year ?? ''}—${rows[rows.length - 1]?.year ?? ''}年合计）`} note={`左：进入未脱贫存量；右：离开或留在存量（${u}）`}>
                  {model ? <Chart option={sankeyOption(model, unit, kl)} height={320} fileName={`动态调整流向_${u}`} /> : null}
                  {exits.data && exits.data.totals.events === rows.reduce((sum, r) => sum + r.exited, 0) ? (
                    <ExitEventsLine totals={exits.data.totals} testId="flows-exit-reconciliation" />
                  ) : null}
                </Panel>
                <Panel
                  title="动态调整表"
                  className="wide"
                  note={'每年：年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫；'
                    + `年初、年末为存量（${u}），各项流量按事件计（${flowUnitWord(unit, true)}）`}
                >
                  <DataGrid rows={rows} columns={columns} height={Math.min(36 + rows.length * 28, 380)} exportFileName={`动态调整表_${u}`} getRowId={(r) => `${r.year}|${r.unit}`} />
                </Panel>
                {data.breaks.length > 0 ? (
                  <Panel title="造成差额的记录" className="wide" note="这些户的状态变化与年末状态对不上，平衡关系因此不成立">
                    <DataGrid rows={data.breaks} columns={BREAK_COLUMNS} height={300} exportFileName="动态调整差额记录" />
                  </Panel>
                ) : null}
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
