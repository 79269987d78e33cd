import type { ColDef } from 'ag-grid-community';
import { useMemo, type ReactNode } from 'react';
import type { QualityFinding } from '../../../../shared/api/quality';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { useApiQuery } from '../../api/useApiQuery';
import { DataGrid } from '../../components/DataGrid';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount } from '../../format/numbers';
import { useViewParam } from '../../shell/hashRoute';
import '../common/views.css';
import { isLargeCounty } from '../common/deferred';
import { FigureValue } from '../common/FigureValue';
import { KoujingBlock } from '../common/KoujingBlock';
import { EmptyNotice, QueryState } from '../common/QueryState';
import { ScopeBar } from '../common/ScopeBar';
import { RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope } from '../common/viewScope';

const OWN_PARAMS = ['rule'];

const FINDING_COLUMNS: ColDef<QualityFinding>[] = [
  { field: 'householdCode', headerName: '户编号', minWidth: 160, maxWidth: 190, valueFormatter: (p) => (typeof p.value === 'string' ? p.value : '（不涉及单户）') },
  { field: 'township', headerName: '乡镇', minWidth: 90, maxWidth: 120 },
  { field: 'village', headerName: '行政村', minWidth: 90, maxWidth: 120 },
  // The finding is a sentence: it wraps rather than being cut off.
  { field: 'detail', headerName: '说明', minWidth: 360, wrapText: true, autoHeight: true, cellStyle: { lineHeight: '1.5', paddingTop: '4px', paddingBottom: '4px' } },
];

export function QualityView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="quality" params={OWN_PARAMS}>
      <Quality snapshot={snapshot} />
    </RememberedView>
  );
}

function Quality({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const [ruleParam, setRule] = useViewParam('rule', '');
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  const quality = useApiQuery('metrics.quality', base);

  return (
    <div className="analysis-view" data-testid="quality-view">
      <ViewHeader title="数据质量" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope} />
      <QueryState query={quality} loadingText={isLargeCounty(snapshot) ? '正在逐户检查数据（本县数据量大，约需十几秒）…' : '正在检查数据…'}>
        {(data) => {
          const withFindings = data.counts.filter((c) => c.count > 0);
          const rule = data.counts.find((c) => c.rule === ruleParam) ?? withFindings[0] ?? null;
          const findings = rule ? data.findings.filter((f) => f.rule === rule.rule) : [];
          return (
            <>
              <KoujingBlock koujing={data.koujing} />
              <div className="figure-row" data-testid="quality-figures">
                <span>共检查<FigureValue id="quality.rules" text={formatCount(data.counts.length)} /></span>
                <span>发现问题<FigureValue id="quality.findings" text={formatCount(data.total)} value={data.total} testId="quality-total" /></span>
                <span>涉及<FigureValue id="quality.rulesHit" text={formatCount(withFindings.length)} /></span>
              </div>
              <div className="quality-layout">
                <Panel title="检查规则" note="点击一条规则查看涉及的户">
                  <ul className="rule-list" data-testid="rule-list">
                    {data.counts.map((c) => (
                      <li key={c.rule}>
                        <button
                          type="button"
                          className={rule?.rule === c.rule ? 'active' : undefined}
                          disabled={c.count === 0}
                          data-rule={c.rule}
                          onClick={() => setRule(c.rule)}
                        >
                          <span>{c.ruleLabel}</span>
                          <span className={c.count > 0 ? 'rule-count nonzero' : 'rule-count'}>{formatCount(c.count)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </Panel>
                <Panel
                  title={rule ? `${rule.ruleLabel}（${formatCount(rule.count)} 条）` : '问题名单'}
                  note={rule && rule.count > rule.listed ? `列出前 ${formatCount(rule.listed)} 条，共 ${formatCount(rule.count)} 条` : '每行一户；可导出后逐户核实'}
                >
                  {rule && findings.length > 0 ? (
                    <DataGrid rows={findings} columns={FINDING_COLUMNS} height={460} exportFileName={`数据质量_${rule.ruleLabel}`} />
                  ) : (
                    <EmptyNotice>{data.total === 0 ? '没有发现问题：各项检查都通过。' : '这条规则没有发现问题。'}</EmptyNotice>
                  )}
                </Panel>
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
