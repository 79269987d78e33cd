import type { ReactNode } from 'react';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import type { RollupFigures, RollupResult } from '../../../../shared/api/rollup';
import { useApiQuery } from '../../api/useApiQuery';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatAmount, formatCount, formatShare } from '../../format/numbers';
import { householdsLine, membersLine } from '../../../../shared/format/reconcileText';
import '../common/views.css';
import './rollup.css';
import { QueryState } from '../common/QueryState';

const NO_REQUEST = {};

/** One column of the side-by-side table: its heading (with the grain) and how a figure is shown. */
interface Column {
  readonly key: string;
  readonly heading: (r: RollupResult) => string;
  readonly cell: (f: RollupFigures, r: RollupResult) => string;
}

const year = (y: number | null): string => (y === null ? '' : `${y} 年`);

/**
 * 人均纯收入 and 返贫 are each county's latest year: one year in the heading when they share it,
 * else the heading says 最近年度 / 截至年度 and every row its own year.
 */
const yearHeading = (y: number | null, otherwise: string): string => (y === null ? otherwise : year(y));
const withYear = (text: string, own: number | null, shared: number | null): string =>
  (shared === null && own !== null ? `${text}（${own}）` : text);

/** The columns, once: the county rows and the total row are drawn from the same list. */
const COLUMNS: readonly Column[] = [
  // The snapshot's record counts, as the top bar shows them: 户信息 rows (建档立卡 and 普通农户) and
  // member rows; each county's reconciliation with 概览's 建档立卡 and Σ家庭人口数 is listed below.
  { key: 'households', heading: () => '户信息户数（户）', cell: (f) => formatCount(f.households) },
  { key: 'persons', heading: () => '家庭成员（人）', cell: (f) => formatCount(f.persons) },
  { key: 'perCapita', heading: (r) => `${yearHeading(r.incomeYear, '最近年度')}人均纯收入（元/人）`,
    cell: (f, r) => withYear(formatAmount(f.perCapita), f.incomeYear, r.incomeYear) },
  { key: 'cagr', heading: (r) => `年均增长 ${r.cagrFrom ?? ''}–${r.incomeYear ?? '最近年度'}`,
    cell: (f, r) => withYear(formatShare(f.cagr), f.cagr === null ? null : f.incomeYear, r.incomeYear) },
  { key: 'exitPersons', heading: () => '脱贫人口（人次）', cell: (f) => formatCount(f.exitPersons) },
  { key: 'supportShare', heading: () => '兜底保障占比', cell: (f) => formatShare(f.supportShare) },
  { key: 'employmentShare', heading: () => '就业占比', cell: (f) => formatShare(f.employmentShare) },
  { key: 'industryShare', heading: () => '产业占比', cell: (f) => formatShare(f.industryShare) },
  { key: 'returnedPersons', heading: (r) => `${yearHeading(r.returnYear, '截至年度')}返贫人口（人）`,
    cell: (f, r) => withYear(formatCount(f.returnedPersons), f.returnYear, r.returnYear) },
  { key: 'returnRate', heading: (r) => `${yearHeading(r.returnYear, '截至年度')}返贫率`,
    cell: (f, r) => withYear(formatShare(f.returnRate, 2), f.returnYear, r.returnYear) },
  { key: 'monitored', heading: () => '监测对象（户）', cell: (f) => formatCount(f.monitoredHouseholds) },
  { key: 'eliminationRate', heading: () => '风险消除率', cell: (f) => formatShare(f.eliminationRate) },
];

/** One county's 户信息户数 and 家庭成员 joined to 建档立卡 and Σ家庭人口数 (the core's snapshots.reconcile). */
function CountyReconcile({ name, snapshotId }: { readonly name: string; readonly snapshotId: number }): ReactNode {
  const r = useApiQuery('snapshots.reconcile', { id: snapshotId }).data;
  if (!r) return null;
  return (
    <li data-testid="rollup-reconcile" data-snapshot={snapshotId}>
      {name}：{householdsLine(r)}；{membersLine(r)}
    </li>
  );
}

/**
 * 多县汇总: when the database holds snapshots of several counties, their headline figures side by
 * side and the total computed from the pooled rows (the core's rollup.counties).
 */
export function RollupView(_props: { readonly snapshot: SnapshotSummary | null }): ReactNode {
  const rollup = useApiQuery('rollup.counties', NO_REQUEST);
  return (
    <div className="analysis-view rollup-view" data-testid="rollup-view">
      <ViewHeader title="多县汇总" />
      <QueryState
        query={rollup}
        loadingText="正在汇总各县的指标…"
        isEmpty={(d) => d.counties.length < 2}
        emptyText="数据库中只有一个县（或还没有快照）。在“数据管理”中导入其他县的导出文件后，这里并列显示各县的主要指标和合计。"
      >
        {(data) => (
          <>
            <Panel title={`${data.counties.length} 个县并列`} note="每县取最新快照；合计由各县原始行汇总后计算，不是各县比率相加或平均">
              <div className="table-scroll">
                <table className="figures" data-testid="rollup-table">
                  <thead>
                    <tr>
                      <th className="label">县</th>
                      <th className="label">截止日期</th>
                      {COLUMNS.map((c) => <th key={c.key}>{c.heading(data)}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {data.counties.map((c) => (
                      <tr key={c.snapshotId} data-testid="rollup-county" data-county={c.countyCode ?? c.countyName}>
                        <td className="label">{c.countyName}{c.countyCode ? <span className="muted">（{c.countyCode}）</span> : null}</td>
                        <td className="label">{c.asOf}</td>
                        {COLUMNS.map((col) => <td key={col.key} data-col={col.key}>{col.cell(c.figures, data)}</td>)}
                      </tr>
                    ))}
                    {data.total ? (
                      <tr className="total" data-testid="rollup-total">
                        <td className="label">合计（{data.counties.length} 县）</td>
                        <td className="label" />
                        {COLUMNS.map((col) => (
                          <td key={col.key} data-col={col.key}>{col.cell(data.total as RollupFigures, data)}</td>
                        ))}
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
            </Panel>
            <Panel title="口径">
              <ul className="rollup-notes" data-testid="rollup-notes">
                {data.notes.map((n) => <li key={n}>{n}</li>)}
                {data.counties.map(
                  (c) => <CountyReconcile key={c.snapshotId} name={c.countyName} snapshotId={c.snapshotId} />,
                )}
              </ul>
            </Panel>
          </>
        )}
      </QueryState>
    </div>
  );
}
