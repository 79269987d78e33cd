import type { ColDef } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import type { IncomeResult, IncomeYear } from '../../../../shared/api/income';
import type { LineValue, MetricScopeRequest } from '../../../../shared/api/metricScope';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { type ApiQuery, useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatShare } from '../../format/numbers';
import { useViewParam } from '../../shell/hashRoute';
import '../common/views.css';
import { koujingTooltipLine } from '../common/koujingText';
import { FigureValue } from '../common/FigureValue';
import { KoujingBlock, MissingLinesNotice } from '../common/KoujingBlock';
import { DeferredNotice, useSecondary } from '../common/deferred';
import { withScrollbarRoom } from '../common/gridColumns';
import { EmptyNotice, QueryState } from '../common/QueryState';
import { ScopeBar, ScopeSelect } from '../common/ScopeBar';
import { RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope } from '../common/viewScope';
import { formatYuan } from '../common/zhNumbers';
import { areaRanking, areaRankingOption, distributionOption, lineOf, panelOption, perCapitaOption, structureOption, waterfallOption, waterfallSteps } from './incomeCharts';

type PopulationChoice = 'crossSection' | 'panel';
const OWN_PARAMS = ['pop', 'dyear'];
const POPULATIONS: readonly { value: PopulationChoice; label: string }[] = [
  { value: 'crossSection', label: '截面（当年有收入记录的户）' },
  { value: 'panel', label: '平衡面板（每年都有收入记录的户）' },
];

export function IncomeView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="income" params={OWN_PARAMS}>
      <Income snapshot={snapshot} />
    </RememberedView>
  );
}

const YEAR_COLUMNS: ColDef<IncomeYear>[] = withScrollbarRoom<IncomeYear>([
  { field: 'year', headerName: '年度', minWidth: 80, pinned: 'left' },
  numberColumn<IncomeYear>('households', '户数'),
  numberColumn<IncomeYear>('persons', '人口'),
  numberColumn<IncomeYear>('perCapita', '人均纯收入'),
  numberColumn<IncomeYear>('medianPerCapita', '中位数'),
  numberColumn<IncomeYear>('wage', '工资性'),
  numberColumn<IncomeYear>('netBusiness', '净经营性'),
  numberColumn<IncomeYear>('property', '财产性'),
  numberColumn<IncomeYear>('transfer', '转移性'),
  numberColumn<IncomeYear>('support', '其中兜底性'),
  { field: 'yoy', headerName: '增长', type: 'numericColumn', valueFormatter: (p) => formatShare(typeof p.value === 'number' ? p.value : null) },
]);

function Income({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const [popParam, setPop] = useViewParam('pop', 'crossSection');
  const pop: PopulationChoice = popParam === 'panel' ? 'panel' : 'crossSection';
  const [distYearParam, setDistYear] = useViewParam('dyear', '');
  const distYear = /^\d{4}$/.test(distYearParam) ? Number(distYearParam) : null;
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const income = useApiQuery('metrics.income', useMemo(() => ({ ...base, population: pop }), [base, pop]));
  const ready = income.data !== undefined;
  // The balanced panel beside the cross-section, and the ranking of areas, come after the main
  // figures (and only on request on a large county: each takes the host seconds).
  const comparison = useSecondary(snapshot, ready);
  const both = useApiQuery('metrics.income', useMemo(() => (comparison.enabled ? { ...base, population: 'both' as const } : null), [base, comparison.enabled]));
  // Within a township the ranking is of its villages.
  const groupBy = scope.township === null ? 'township' : 'village';
  const ranking = useSecondary(snapshot, ready);
  const byArea = useApiQuery(
    'metrics.income',
    useMemo(() => (ranking.enabled && scope.village === null ? { ...base, groupBy, population: 'crossSection' as const } : null), [base, groupBy, scope.village, ranking.enabled]),
  );
  const lines = useApiQuery('lines.get', { lineSet: scope.lineSet ?? snapshot.lineSet });
  const lineValues = lines.data ?? [];
  const areaLabel = groupBy === 'township' ? '乡镇' : '行政村';

  return (
    <div className="analysis-view" data-testid="income-view">
      <ViewHeader title="收入增长" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope}>
        <ScopeSelect label="人群" value={pop} options={POPULATIONS} onChange={(v) => setPop(v === 'crossSection' ? null : v)} />
      </ScopeBar>
      <QueryState
        query={income}
        loadingText="正在计算人均纯收入…"
        isEmpty={(d) => !(pop === 'panel' ? d.groups[0]?.panel : d.groups[0]?.crossSection)?.byYear.length}
        emptyText={pop === 'panel' ? '平衡面板为空：所选年度内没有每年都有收入记录的户。' : '所选范围内没有收入记录。'}
      >
        {(data) => {
          const group = data.groups[0];
          const series = pop === 'panel' ? group?.panel : group?.crossSection;
          if (!series) return null;
          const kl = koujingTooltipLine(data.koujing);
          // Years of the series whose standard the set lacks: the dashed line stops there, and says so
          const unsetYears = series.byYear.map((y) => y.year).filter((y) => lineOf(lineValues, y) === null);
          const popLabel = pop === 'panel' ? `平衡面板 ${formatCount(group?.panel?.households)} 户` : '截面';
          const steps = waterfallSteps(series);
          const last = series.byYear[series.byYear.length - 1];
          const first = series.byYear[0];
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              <div className="figure-row" data-testid="income-figures">
                {first && last ? (
                  <>
                    <span>{first.year}年人均纯收入<FigureValue id="income.first" text={formatYuan(first.perCapita)} /></span>
                    <span>
                      {last.year}年<FigureValue id="income.last" text={formatYuan(last.perCapita)} value={last.perCapita} testId="income-last" />
                    </span>
                    <span>
                      年均增长
                      <FigureValue id="income.cagr" text={formatShare(series.cagr?.value)} value={series.cagr?.value} testId="income-cagr-value" />
                      （{popLabel}）
                    </span>
                  </>
                ) : null}
              </div>
              <div className="chart-grid">
                <Panel title="人均纯收入与贫困线" note={`元/人，${popLabel}；虚线为当年标准（2021年起为监测标准）`}>
                  {lines.data && unsetYears.length > 0 ? (
                    <MissingLinesNotice
                      lineSet={data.koujing.lineSet}
                      missing={unsetYears}
                      effect="这些年未画出标准线"
                      testId="income-missing-lines"
                    />
                  ) : null}
                  <Chart option={perCapitaOption(series, lineValues, kl)} height={300} fileName="人均纯收入与贫困线" />
                </Panel>
                <Panel title="收入结构" note={`人均各项收入（元/人），${popLabel}；五项之和为人均纯收入`}>
                  <Chart option={structureOption(series, kl)} height={300} fileName="人均纯收入结构" />
                </Panel>
                <Panel
                  title={steps ? `增长来源（${series.contribution?.from}—${series.contribution?.to}年）` : '增长来源'}
                  note={`各来源人均增加额及其对增长的贡献率，合计为 100%；${popLabel}`}
                >
                  {steps ? <Chart option={waterfallOption(steps, kl)} height={300} fileName="人均纯收入增长来源" /> : <EmptyNotice>需要首末两年都有收入才能分解增长。</EmptyNotice>}
                </Panel>
                <Panel title="截面与平衡面板" note="两种人群的人均纯收入：差别来自进出登记的户">
                  {comparison.enabled ? (
                    <QueryState query={both} loadingText="正在计算平衡面板…">
                      {(b) => {
                        const g = b.groups[0];
                        return g ? (
                          <>
                            <Chart option={panelOption(g, koujingTooltipLine(b.koujing))} height={270} fileName="截面与平衡面板人均纯收入" />
                            <p className="panel-hint" data-testid="panel-cagr">
                              年均增长：截面 {formatShare(g.crossSection?.cagr?.value)}
                              ，平衡面板 {formatShare(g.panel?.cagr?.value)}（{formatCount(g.panel?.households)} 户）
                            </p>
                          </>
                        ) : null;
                      }}
                    </QueryState>
                  ) : ready ? <DeferredNotice what="平衡面板" onStart={comparison.start} /> : null}
                </Panel>
                {scope.village === null ? (
                  <Panel title={`分${areaLabel}人均纯收入`} className="wide" note="最近一年，截面；按人均纯收入从高到低；虚线为当年标准（标准设有该年数值时）">
                    {ranking.enabled ? (
                      <AreaRanking query={byArea} areaLabel={areaLabel} lines={lineValues} />
                    ) : <DeferredNotice what={`分${areaLabel}人均纯收入`} onStart={ranking.start} />}
                  </Panel>
                ) : null}
                <Panel title="户人均纯收入分布" className="wide" note="按户计，当年有收入记录的户（截面）；红色为低于当年标准的组，虚线为标准所在的组">
                  <IncomeDistribution base={base} year={distYear} onYear={setDistYear} />
                </Panel>
                <Panel title="分年度明细" className="wide" note={`户、人；人均纯收入及各项收入为元/人；增长为比上年；${popLabel}`}>
                  <DataGrid rows={series.byYear} columns={YEAR_COLUMNS} height={Math.min(36 + series.byYear.length * 28, 360)} exportFileName="人均纯收入分年度" getRowId={(r) => String(r.year)} />
                </Panel>
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function AreaRanking({
  query,
  areaLabel,
  lines,
}: {
  readonly query: ApiQuery<IncomeResult>;
  readonly areaLabel: string;
  readonly lines: readonly LineValue[];
}): ReactNode {
  return (
    <QueryState query={query} loadingText={`正在计算各${areaLabel}…`} isEmpty={(d) => d.groups.length === 0} emptyText={`没有${areaLabel}的收入记录。`}>
      {(data) => {
        const years = data.groups.flatMap((g) => g.crossSection?.byYear.map((y) => y.year) ?? []);
        const year = years.length > 0 ? Math.max(...years) : null;
        if (year === null) return <EmptyNotice>没有收入记录。</EmptyNotice>;
        const rows = areaRanking(data.groups, year);
        return (
          <Chart
            option={areaRankingOption(rows, year, lineOf(lines, year), areaLabel, koujingTooltipLine(data.koujing))}
            height={Math.max(220, 40 + rows.length * 26)}
            fileName={`分${areaLabel}人均纯收入_${year}年`}
          />
        );
      }}
    </QueryState>
  );
}

function IncomeDistribution({
  base,
  year,
  onYear,
}: {
  readonly base: MetricScopeRequest;
  readonly year: number | null;
  readonly onYear: (year: string | null) => void;
}): ReactNode {
  const query = useApiQuery('metrics.incomeDistribution', useMemo(() => (year === null ? base : { ...base, year }), [base, year]));
  return (
    <QueryState query={query} loadingText="正在计算收入分布…" isEmpty={(d) => d.totals.households === 0} emptyText="所选年度没有收入记录。">
      {(d) => {
        const total = d.totals.households;
        return (
          <>
            <div className="panel-toolbar" data-testid="distribution-figures">
              <ScopeSelect
                label="年度"
                value={String(d.year)}
                options={[...d.years].reverse().map((y) => ({ value: String(y), label: `${y}年` }))}
                onChange={(v) => onYear(v === String(d.years[d.years.length - 1]) ? null : v)}
              />
              <span>共 <b>{formatCount(total)}</b> 户 {formatCount(d.totals.persons)} 人</span>
              {d.belowLine && d.line !== null ? (
                <span>
                  低于当年标准（{formatYuan(d.line)} 元）
                  <b data-testid="distribution-below" data-value={d.belowLine.households}>{formatCount(d.belowLine.households)}</b> 户
                  {formatCount(d.belowLine.persons)} 人，占 {formatShare(
                    total > 0 ? d.belowLine.households / total : null,
                  )}
                </span>
              ) : <span className="panel-hint">标准未设 {d.year} 年数值，无法标出贫困线</span>}
            </div>
            <Chart option={distributionOption(d, koujingTooltipLine(d.koujing))} height={300} fileName={`户人均纯收入分布_${d.year}年`} />
          </>
        );
      }}
    </QueryState>
  );
}
