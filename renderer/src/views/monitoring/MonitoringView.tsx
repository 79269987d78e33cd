import { useMemo, type ReactNode } from 'react';
import type { MonitoringResult } from '../../../../shared/api/monitoring';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
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
import { UnresolvedList } from './UnresolvedList';
import { byYearOption, categoryOption, eliminationOption, riskOption } from './monitoringCharts';

const OWN_PARAMS: readonly string[] = [];

/**
 * 监测对象 are 建档立卡 households and households never registered (普通农户): the line joining the
 * monitored count to the register's, the parts counted by the core (metrics.monitoring byType).
 */
function MonitoredByType({ identified, byType }: {
  readonly identified: number;
  readonly byType: MonitoringResult['byType'];
}): ReactNode {
  const label = (type: string): string => (type === '脱贫户' ? '建档立卡（脱贫户）' : type === '普通农户' ? '未建档立卡（普通农户）' : type);
  const parts = Object.entries(byType).filter(([, c]) => c.households > 0)
    .sort(([a], [b]) => (a === '脱贫户' ? -1 : b === '脱贫户' ? 1 : a.localeCompare(b, 'zh-CN')));
  if (parts.length < 2) return null;
  return (
    <span className="headline-reconcile" data-testid="monitored-by-type">
      {formatCount(identified)} 户 = {parts.map(([t, c]) => `${label(t)} ${formatCount(c.households)} 户`).join(' + ')}
    </span>
  );
}

export function MonitoringView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="monitoring" params={OWN_PARAMS}>
      <Monitoring snapshot={snapshot} />
    </RememberedView>
  );
}

function Monitoring({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const monitoring = useApiQuery('metrics.monitoring', base);

  return (
    <div className="analysis-view" data-testid="monitoring-view">
      <ViewHeader title="监测帮扶" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope} lineSet={false} />
      <QueryState
        query={monitoring}
        loadingText="正在统计防返贫监测对象…"
        isEmpty={(d) => d.identified.households === 0}
        emptyText="所选范围内没有防返贫监测对象（2021 年起的监测数据在户信息的监测对象类别等字段中）。"
      >
        {(data) => {
          const kl = koujingTooltipLine(data.koujing);
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              <div className="figure-row" data-testid="monitoring-figures">
                <span>
                  监测对象
                  <FigureValue id="monitoring.households" text={formatCount(data.identified.households)} value={data.identified.households}
                    testId="monitored-households" />
                  <FigureValue id="monitoring.persons" text={formatCount(data.identified.persons)} />
                  <MonitoredByType identified={data.identified.households} byType={data.byType} />
                </span>
                <span>风险已消除<FigureValue id="monitoring.eliminated" text={formatCount(data.eliminated.households)} /></span>
                <span>
                  尚未消除<FigureValue id="monitoring.unresolved" text={formatCount(data.unresolved.households)} testId="unresolved-households" />
                </span>
                <span>
                  风险消除率
                  <FigureValue id="monitoring.rate" text={formatShare(data.eliminated.rate)} value={data.eliminated.rate} testId="elimination-rate" />
                </span>
                <span>
                  纳入监测到风险消除
                  <FigureValue id="monitoring.months" testId="median-months"
                    text={data.medianMonthsToElimination === null ? '—' : formatCount(data.medianMonthsToElimination)} />
                  （中位数，{formatCount(data.monthsMeasured)} 户有两个日期）
                </span>
              </div>
              <div className="chart-grid">
                <Panel title="监测对象类别" note="户信息中的监测对象类别（快照时点）；每类两根柱：深色为户数，浅色为人数">
                  <Chart option={categoryOption(data, kl)} height={300} fileName="监测对象类别" />
                </Panel>
                <Panel title="风险消除情况" note="风险消除率 = 风险已消除户 ÷ 监测对象户，按消除方式分列">
                  <Chart option={eliminationOption(data, kl)} height={150} fileName="风险消除情况" />
                  <table className="figures" data-testid="elimination-table">
                    <thead>
                      <tr>
                        <th className="label">消除方式</th>
                        <th>户数</th>
                        <th>占监测对象户</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(data.byEliminationMethod).map(([method, v]) => (
                        <tr key={method}>
                          <td className="label">{method}</td>
                          <td>{formatCount(v.households)}</td>
                          <td>{formatShare(v.rate)}</td>
                        </tr>
                      ))}
                      <tr className="total">
                        <td className="label">合计（风险消除率）</td>
                        <td>{formatCount(data.eliminated.households)}</td>
                        <td>{formatShare(data.eliminated.rate)}</td>
                      </tr>
                    </tbody>
                  </table>
                </Panel>
                <Panel title="致贫返贫风险" note="每户每种风险计一次（最多五种）；每种风险两根柱：深色为涉及该风险的户，浅色为以该风险为主要风险（风险1）的户" className="wide">
                  {Object.keys(data.byRisk).length > 0 ? (
                    <Chart option={riskOption(data, kl)} height={Math.max(260, 60 + Object.keys(data.byRisk).length * 30)} fileName="致贫返贫风险" />
                  ) : <EmptyNotice>监测对象没有填写风险类型。</EmptyNotice>}
                </Panel>
                <Panel title="分年度纳入监测与风险消除" note="按纳入监测的年度；已消除为快照时点的状态" className="wide">
                  {data.byIdentifiedYear.length > 0 ? (
                    <Chart option={byYearOption(data, kl)} height={280} fileName="分年度纳入监测与风险消除" />
                  ) : <EmptyNotice>监测对象没有纳入监测日期。</EmptyNotice>}
                  {/* TODO(metrics): the distribution of months from 纳入监测 to 风险消除 (not only its median) would let this
                      panel show how long eliminations take; the API gives the median and the count measured. */}
                </Panel>
                <UnresolvedList unresolved={data.unresolved} asOf={snapshot.asOf} />
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
