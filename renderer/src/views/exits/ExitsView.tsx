import type { ColDef } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import { ATTRIBUTION_METHOD_LABELS, type AgreementMatrix, type AttributionMethod, type ExitCheckItem } from '../../../../shared/api/exits';
import type { PivotFilter, PivotResult, PivotRunRequest } from '../../../../shared/api/pivot';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { type ApiQuery, useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatShare } from '../../format/numbers';
import { useViewParam } from '../../shell/hashRoute';
import '../common/views.css';
import { ExitEventsLine } from '../common/ExitEventsLine';
import { koujingTooltipLine } from '../common/koujingText';
import { FigureValue } from '../common/FigureValue';
import { KoujingBlock } from '../common/KoujingBlock';
import { DeferredNotice, useSecondary } from '../common/deferred';
import { withScrollbarRoom } from '../common/gridColumns';
import { EmptyNotice, QueryState } from '../common/QueryState';
import { ScopeBar, ScopeSelect } from '../common/ScopeBar';
import { RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope, type ViewScope } from '../common/viewScope';
import { agrees, exitsByYearOption, methodsSideBySideOption, townshipMethodOption, townshipMethodRows } from './exitsCharts';

const OWN_PARAMS = ['method', 'pair'];
const METHOD_OPTIONS: readonly { value: AttributionMethod; label: string }[] = (['income', 'structural', 'recorded'] as const).map((m) => ({
  value: m,
  label: ATTRIBUTION_METHOD_LABELS[m],
}));

const CHECK_COLUMNS: ColDef<ExitCheckItem>[] = withScrollbarRoom<ExitCheckItem>([
  { field: 'year', headerName: '脱贫年度', minWidth: 100 },
  { field: 'householdCode', headerName: '户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇' },
  { field: 'village', headerName: '行政村' },
  { field: 'method', headerName: '问题' },
  numberColumn<ExitCheckItem>('persons', '人口'),
  numberColumn<ExitCheckItem>('perCapita', '当年人均纯收入'),
  numberColumn<ExitCheckItem>('line', '当年标准'),
]);

export function ExitsView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="exits" params={OWN_PARAMS}>
      <Exits snapshot={snapshot} />
    </RememberedView>
  );
}

/** The pivot behind 分乡镇脱贫方式: households by the method of their latest exit, as row shares. */
function townshipPivot(snapshotId: number, scope: ViewScope): PivotRunRequest {
  const filters: PivotFilter[] = [{ field: 'exitMethodIncome', op: 'notNull', values: [] }];
  if (scope.township !== null) filters.push({ field: 'township', op: 'in', values: [scope.township] });
  if (scope.village !== null) filters.push({ field: 'village', op: 'in', values: [scope.village] });
  if (scope.from !== null || scope.to !== null) filters.push({ field: 'exitYear', op: 'between', values: [scope.from ?? 1900, scope.to ?? 2100] });
  return {
    snapshotId,
    ...(scope.lineSet !== null ? { lineSet: scope.lineSet } : {}),
    spec: {
      rows: [scope.township === null ? 'township' : 'village'],
      columns: ['exitMethodIncome'],
      values: [{ measure: 'persons' }, { measure: 'persons', share: 'row' }],
      filters,
    },
  };
}

function Exits({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const [methodParam, setMethod] = useViewParam('method', 'income');
  const method: AttributionMethod = methodParam === 'structural' || methodParam === 'recorded' ? methodParam : 'income';
  const [pairParam, setPair] = useViewParam('pair', '0');
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const exits = useApiQuery('metrics.exits', base);
  // The areas' shares come from the pivot, whose tables a large county builds on first use:
  // after the exits, and only on request there.
  const areas = useSecondary(snapshot, exits.data !== undefined);
  const byTownship = useApiQuery('pivot.run', useMemo(() => (areas.enabled ? townshipPivot(snapshot.id, scope) : null), [snapshot.id, scope, areas.enabled]));
  const areaLabel = scope.township === null ? '乡镇' : '行政村';

  return (
    <div className="analysis-view" data-testid="exits-view">
      <ViewHeader title="脱贫方式" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope}>
        <ScopeSelect label="归因方法" value={method} options={METHOD_OPTIONS} onChange={(v) => setMethod(v === 'income' ? null : v)} />
      </ScopeBar>
      <QueryState query={exits} loadingText="正在归因脱贫方式…" isEmpty={(d) => d.totals.events === 0} emptyText="所选范围内没有脱贫事件。">
        {(data) => {
          const kl = koujingTooltipLine(data.koujing);
          const h = data.headline;
          const pairIndex = Math.min(Math.max(0, Number(pairParam) || 0), Math.max(0, data.agreement.length - 1));
          const matrix = data.agreement[pairIndex];
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              <div className="figure-row" data-testid="exits-figures">
                <span>
                  脱贫<FigureValue id="exits.households" text={formatCount(data.totals.households)} />
                  <FigureValue id="exits.persons" text={formatCount(data.totals.persons)} />
                  （<FigureValue id="exits.events" text={formatCount(data.totals.events)} />）
                  <ExitEventsLine totals={data.totals} testId="exits-reconciliation" />
                </span>
                <span>
                  开发式<FigureValue id="exits.developmentShare" text={formatShare(h.developmentShare)} />
                  （就业 {formatShare(h.employmentShare)}、产业 {formatShare(h.industryShare)}，按人次）
                </span>
                <span>
                  兜底保障<FigureValue id="exits.supportShare" text={formatShare(h.supportShare)} value={h.supportShare} testId="support-share" />
                  （<FigureValue id="exits.supportPersons" text={formatCount(h.supportPersons)} />）
                </span>
              </div>
              <div className="chart-grid">
                <Panel title={`分年度脱贫人口（${ATTRIBUTION_METHOD_LABELS[method]}）`} note="按脱贫事件计（户次的人口）；返贫后再次脱贫另计一次">
                  <Chart option={exitsByYearOption(data, method, kl)} height={300} fileName={`分年度脱贫人口_${ATTRIBUTION_METHOD_LABELS[method]}`} />
                </Panel>
                <Panel title="三种归因方法对比" note="各类脱贫人口占比：收入法看当年收入，结构法看属性与劳动力，措施记录法看帮扶措施">
                  <Chart option={methodsSideBySideOption(data, kl)} height={300} fileName="三种归因方法对比" />
                </Panel>
                <Panel
                  title="归因方法一致性"
                  className="wide"
                  note="两种方法对同一批脱贫事件的分类（人；括号内为户次）；绿色为两种方法结论一致的格子"
                  actions={
                    data.agreement.length > 1 ? (
                      <select aria-label="比较的两种方法" value={pairIndex} onChange={(e) => setPair(e.target.value === '0' ? null : e.target.value)}>
                        {data.agreement.map((m, i) => (
                          <option key={i} value={i}>
                            {ATTRIBUTION_METHOD_LABELS[m.rowMethod]} × {ATTRIBUTION_METHOD_LABELS[m.columnMethod]}
                          </option>
                        ))}
                      </select>
                    ) : null
                  }
                >
                  {matrix ? <AgreementTable matrix={matrix} /> : <EmptyNotice>没有可比较的归因结果。</EmptyNotice>}
                </Panel>
                <Panel
                  title={`分${areaLabel}脱贫方式构成（收入法）`}
                  className="wide"
                  note={`户最近一次脱贫的方式，占该${areaLabel}脱贫户人口的比重；按兜底保障占比从高到低`}
                >
                  {areas.enabled ? (
                    <TownshipMethods query={byTownship} areaLabel={areaLabel} />
                  ) : (
                    <DeferredNotice what={`分${areaLabel}脱贫方式构成`} onStart={areas.start} />
                  )}
                </Panel>
                <Panel
                  title="需核实的脱贫"
                  className="wide"
                  note="脱贫当年人均纯收入低于当年标准（收入未达线）或当年无收入记录的脱贫事件"
                >
                  {data.toCheck.length > 0 ? (
                    <DataGrid rows={data.toCheck} columns={CHECK_COLUMNS} height={300} exportFileName="需核实的脱贫" getRowId={(r) => `${r.householdCode}|${r.year}`} />
                  ) : <EmptyNotice>没有需核实的脱贫：每次脱贫当年都有收入记录且不低于当年标准。</EmptyNotice>}
                </Panel>
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function TownshipMethods({ query, areaLabel }: {
  readonly query: ApiQuery<PivotResult>; readonly areaLabel: string;
}): ReactNode {
  return (
    <QueryState query={query} loadingText={`正在汇总各${areaLabel}…`} isEmpty={(d) => d.rows.length === 0}>
      {(pivot) => {
        const rows = townshipMethodRows(pivot);
        const k = pivot.meta.koujing;
        const koujingText = `口径：${k.population}；${k.filters}；${k.notes.join('；')}`;
        return <Chart option={townshipMethodOption(rows, koujingText)} height={Math.max(240, 60 + rows.length * 26)} fileName={`分${areaLabel}脱贫方式构成`} />;
      }}
    </QueryState>
  );
}

function AgreementTable({ matrix }: { readonly matrix: AgreementMatrix }): ReactNode {
  return (
    <div className="table-scroll">
      <table className="figures" data-testid="agreement-matrix">
        <thead>
          <tr>
            <th className="label">
              {ATTRIBUTION_METHOD_LABELS[matrix.rowMethod]} ＼ {ATTRIBUTION_METHOD_LABELS[matrix.columnMethod]}
            </th>
            {matrix.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r, i) => (
            <tr key={r}>
              <td className="label">{r}</td>
              {matrix.columns.map((c, j) => (
                <td key={c} className={agrees(r, c) && (matrix.persons[i]?.[j] ?? 0) > 0 ? 'agree' : undefined}>
                  {formatCount(matrix.persons[i]?.[j] ?? 0)}
                  <span className="muted">（{formatCount(matrix.households[i]?.[j] ?? 0)}）</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
