import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { LineValue } from '../../../../shared/api/metricScope';
import type { IncomeRiskItem } from '../../../../shared/api/returns';
import { useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { formatCount } from '../../format/numbers';
import { axisTooltip, categoryAxis, standardGrid, topLegend, valueAxis } from '../common/chartKit';
import { SERIES_COLORS } from '../common/palette';
import { EmptyNotice } from '../common/QueryState';
import { formatYuan } from '../common/zhNumbers';
import { lineOf } from '../income/incomeCharts';

/**
 * One household of the risk list, with its income history: the pivot's drill-through of its
 * village gives every income year and the head's masked ID number (never the full one).
 * TODO(metrics): a `households.history` call (one household: events, incomes, measures) would
 * spare reading the whole village; the drill is the API that exists today.
 */
export function HouseholdHistory({
  snapshotId,
  lineSet,
  item,
  riskRows,
  lines,
  onClose,
}: {
  readonly snapshotId: number;
  readonly lineSet: string | null;
  readonly item: IncomeRiskItem;
  /** The household's rows of the risk list (one per year it fell under the line). */
  readonly riskRows: readonly IncomeRiskItem[];
  readonly lines: readonly LineValue[];
  readonly onClose: () => void;
}): ReactNode {
  const request = useMemo(
    () => ({
      snapshotId,
      ...(lineSet ? { lineSet } : {}),
      spec: { rows: ['township', 'village'], values: [{ measure: 'households' }] },
      key: { township: item.township, village: item.village },
      limit: 100_000,
    }),
    [snapshotId, lineSet, item.township, item.village],
  );
  const drill = useApiQuery('pivot.drill', request);
  const household = drill.data?.households.find((h) => h.code === item.householdCode) ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const option = useMemo<EChartsOption | null>(() => {
    if (!household) return null;
    const years = household.incomes.map((i) => i.year);
    return {
      tooltip: axisTooltip({ kind: 'yuan', unit: '元/人' }, undefined, 'line'),
      legend: topLegend(),
      grid: standardGrid(),
      xAxis: categoryAxis(years),
      yAxis: valueAxis('元/人', 'yuan'),
      series: [
        { name: '人均纯收入', type: 'line', color: SERIES_COLORS.perCapita, symbolSize: 7, data: household.incomes.map((i) => i.perCapita) },
        { name: '当年标准', type: 'line', step: 'middle', symbol: 'none', color: SERIES_COLORS.line, lineStyle: { type: 'dashed' }, data: years.map((y) => lineOf(lines, y)) },
      ],
    };
  }, [household, lines]);

  return (
    <div className="history-backdrop" onClick={onClose}>
      <aside className="history-drawer" role="dialog" aria-label="户的收入历史" data-testid="household-history" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>户 {item.householdCode}</h2>
          <button type="button" className="button small" onClick={onClose}>关闭</button>
        </header>
        <dl className="history-facts">
          <dt>所在地</dt>
          <dd>{item.township} · {item.village}</dd>
          <dt>户主证件号</dt>
          <dd data-testid="history-masked-id">{household?.headIdMasked ?? (drill.loading ? '…' : '—')}（已脱敏）</dd>
          <dt>贫困户属性</dt>
          <dd>{household?.attribute ?? '—'}</dd>
          <dt>脱贫状态</dt>
          <dd>{household?.status ?? '—'}</dd>
          <dt>家庭人口</dt>
          <dd>{household ? `${household.size} 人` : '—'}</dd>
          <dt>最近脱贫年度</dt>
          <dd>{item.lastExitYear}年</dd>
          <dt>收入风险年度</dt>
          <dd>
            {riskRows.map((r) => `${r.year}年 ${formatYuan(r.perCapita)}元${r.returnRecorded ? '（已记录返贫）' : ''}${r.monitored ? '（已纳入监测）' : ''}`).join('；')}
          </dd>
        </dl>
        {drill.loading ? <Loading text="正在读取该户的收入记录…" /> : null}
        {drill.error ? <ErrorNotice error={drill.error.error} onRetry={drill.reload} /> : null}
        {drill.data && !household ? <EmptyNotice>在该村的明细中没有找到此户（共 {formatCount(drill.data.total)} 户）。</EmptyNotice>
          : null}
        {household && option ? (
          <>
            <Chart option={option} height={240} fileName={`户${item.householdCode}收入历史`} />
            <table className="figures" data-testid="history-table">
              <thead>
                <tr>
                  <th>年度</th>
                  <th>家庭人口</th>
                  <th>纯收入（元）</th>
                  <th>人均纯收入（元）</th>
                  <th>当年标准（元）</th>
                </tr>
              </thead>
              <tbody>
                {household.incomes.map((i) => {
                  const line = lineOf(lines, i.year);
                  return (
                    <tr key={i.year}>
                      <td className="label">{i.year}</td>
                      <td>{i.size}</td>
                      <td>{formatYuan(i.net)}</td>
                      <td className={line !== null && i.perCapita < line ? 'gap-break' : undefined}>{formatYuan(i.perCapita)}</td>
                      <td>{formatYuan(line)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="panel-hint">{drill.data?.koujing}</p>
          </>
        ) : null}
      </aside>
    </div>
  );
}
