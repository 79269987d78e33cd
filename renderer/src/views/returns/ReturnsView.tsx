import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { IncomeRiskItem } from '../../../../shared/api/returns';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatShare } from '../../format/numbers';
import '../common/views.css';
import { koujingTooltipLine } from '../common/koujingText';
import { FigureValue } from '../common/FigureValue';
import { KoujingBlock } from '../common/KoujingBlock';
import { EmptyNotice, QueryState } from '../common/QueryState';
import { ScopeBar } from '../common/ScopeBar';
import { RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope } from '../common/viewScope';
import { HouseholdHistory } from './HouseholdHistory';
import { causeSharesOption, causeTownshipHeatmapOption, incomeRiskOption, returnsByExitMethodOption, returnsByYearOption } from './returnsCharts';

const OWN_PARAMS: readonly string[] = [];
/** Rows of the risk list fetched for the grid; the counts above it are always complete. */
const RISK_LIST_LIMIT = 2000;

/** A yes/no column as text (是/否), filterable like the other text columns. */
function yesNoColumn(field: 'belowLine' | 'returnRecorded' | 'monitored', headerName: string): ColDef<IncomeRiskItem> {
  return { colId: field, headerName, cellDataType: 'text', minWidth: 100, valueGetter: (p) => (p.data ? (p.data[field] ? '是' : '否') : '') };
}

const RISK_COLUMNS: ColDef<IncomeRiskItem>[] = [
  { field: 'year', headerName: '年度', minWidth: 80 },
  { field: 'householdCode', headerName: '户编号', minWidth: 160 },
  { field: 'township', headerName: '乡镇' },
  { field: 'village', headerName: '行政村' },
  { field: 'lastExitYear', headerName: '脱贫年度', minWidth: 100 },
  numberColumn<IncomeRiskItem>('persons', '人口'),
  numberColumn<IncomeRiskItem>('perCapita', '人均纯收入'),
  numberColumn<IncomeRiskItem>('line', '当年标准'),
  yesNoColumn('belowLine', '低于标准'),
  yesNoColumn('returnRecorded', '记录返贫'),
  yesNoColumn('monitored', '纳入监测'),
];

export function ReturnsView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="returns" params={OWN_PARAMS}>
      <Returns snapshot={snapshot} />
    </RememberedView>
  );
}

function Returns({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const returns = useApiQuery('metrics.returns', useMemo(() => ({ ...base, riskListLimit: RISK_LIST_LIMIT }), [base]));
  const lines = useApiQuery('lines.get', { lineSet: scope.lineSet ?? snapshot.lineSet });
  const [opened, setOpened] = useState<IncomeRiskItem | null>(null);
  const close = useCallback(() => setOpened(null), []);

  return (
    <div className="analysis-view" data-testid="returns-view">
      <ViewHeader title="返贫分析" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope} />
      <QueryState query={returns} loadingText="正在计算返贫…">
        {(data) => {
          const kl = koujingTooltipLine(data.koujing);
          const hasReturns = data.totals.events > 0;
          const latest = [...data.byYear].reverse().find((y) => y.rate !== null);
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              <div className="figure-row" data-testid="returns-figures">
                <span>
                  返贫<FigureValue id="returns.households" text={formatCount(data.totals.households)} />
                  <FigureValue id="returns.persons" text={formatCount(data.totals.persons)} />
                  （<FigureValue id="returns.events" text={formatCount(data.totals.events)} />）
                </span>
                {latest ? (
                  <span>
                    {latest.year}年返贫率
                    <FigureValue id="returns.latestRate" text={formatShare(latest.rate, 2)} value={latest.rate} testId="latest-return-rate" />
                    （分母 {formatCount(latest.denominatorPersons)} 人）
                  </span>
                ) : null}
                <span>收入低于标准的已脱贫户<FigureValue id="returns.incomeRisk" text={formatCount(data.incomeRisk.total)} /></span>
              </div>
              <div className="chart-grid">
                <Panel title="返贫户数、人口与返贫率" note="返贫率 = 当年返贫人口 ÷ 上年及以前有过脱贫的户的人口">
                  {data.byYear.length > 0 ? <Chart option={returnsByYearOption(data, kl)} height={300} fileName="返贫人数与返贫率" /> : <EmptyNotice>所选年度没有返贫统计。</EmptyNotice>}
                </Panel>
                <Panel title="返贫原因构成" note="各原因返贫人口占全部返贫人口的比重">
                  {hasReturns ? <Chart option={causeSharesOption(data.causeDistribution, kl)} height={300} fileName="返贫原因构成" /> : <EmptyNotice>所选范围内没有返贫。</EmptyNotice>}
                </Panel>
                <Panel title="分乡镇返贫原因" note="返贫人口（人）；颜色越深人数越多" className="wide">
                  {hasReturns ? (
                    <Chart option={causeTownshipHeatmapOption(data, kl)} height={Math.max(300, 110 + data.byTownship.length * 28)} fileName="分乡镇返贫原因" />
                  ) : <EmptyNotice>所选范围内没有返贫。</EmptyNotice>}
                </Panel>
                <Panel title="按脱贫方式的返贫" note="返贫前最近一次脱贫的方式（收入法、结构法）">
                  {hasReturns ? <Chart option={returnsByExitMethodOption(data, kl)} height={300} fileName="按脱贫方式的返贫" /> : <EmptyNotice>所选范围内没有返贫。</EmptyNotice>}
                </Panel>
                <Panel title="收入返贫风险" note="此前已脱贫、当年人均纯收入低于当年标准或监测线的户（不论是否记录返贫）">
                  {data.incomeRisk.byYear.length > 0 ? <Chart option={incomeRiskOption(data, kl)} height={300} fileName="收入返贫风险" /> : <EmptyNotice>没有收入低于标准的已脱贫户。</EmptyNotice>}
                </Panel>
                <Panel
                  title="收入风险户名单"
                  className="wide"
                  note={`共 ${formatCount(data.incomeRisk.total)} 户·年${data.incomeRisk.total > data.incomeRisk.list.length ? `，列出前 ${formatCount(data.incomeRisk.list.length)} 条` : ''}；点击一行查看该户的收入历史`}
                >
                  {data.incomeRisk.list.length > 0 ? (
                    <DataGrid
                      rows={data.incomeRisk.list}
                      columns={RISK_COLUMNS}
                      height={340}
                      exportFileName="收入返贫风险户名单"
                      getRowId={(r) => `${r.householdCode}|${r.year}`}
                      onRowClicked={setOpened}
                    />
                  ) : <EmptyNotice>没有收入低于标准的已脱贫户。</EmptyNotice>}
                </Panel>
              </div>
              {opened ? (
                <HouseholdHistory
                  snapshotId={snapshot.id}
                  lineSet={scope.lineSet}
                  item={opened}
                  riskRows={data.incomeRisk.list.filter((r) => r.householdCode === opened.householdCode)}
                  lines={lines.data ?? []}
                  onClose={close}
                />
              ) : null}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
