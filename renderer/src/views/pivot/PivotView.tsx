import './pivot.css';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DrillRequest, PivotFieldInfo } from '../../../../shared/api/pivot';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { ViewHeader } from '../../components/Panel';
import { AnalysesBar } from './AnalysesBar';
import { copyText } from './copyText';
import { DrillDialog } from './DrillDialog';
import { FieldList } from './FieldList';
import { PivotChart } from './PivotChart';
import { gridAsTsv, PivotGrid, type CellKey } from './PivotGrid';
import { PivotKoujing } from './PivotKoujing';
import { headerIn } from './pivotLabels';
import { addField, fromSpec, setOrder, START_SPEC, toRunSpec, type EditSpec, type Zone } from './pivotState';
import { widen, type WideRow } from './pivotTable';
import { PivotToolbar } from './PivotToolbar';
import { PivotZones } from './PivotZones';
import { usePivotRun } from './usePivotRun';

export { valueLabel } from './pivotLabels';

/**
 * 透视分析: the field list and saved analyses on the left; the zones, the toolbar, the grid (or its
 * chart) and the 口径 on the right; a double-click on a figure opens the households behind it.
 */
export function PivotView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const catalogue = useApiQuery('pivot.catalogue', {});
  const [spec, setSpec] = useState<EditSpec>(START_SPEC);
  const [drill, setDrill] = useState<{ request: DrillRequest; title: string } | null>(null);
  const [showChart, setShowChart] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const gridApi = useRef<GridApi<WideRow> | null>(null);

  const runSpec = useMemo(() => toRunSpec(spec), [spec]);
  // The grid orders rows itself, the engine's way (columnComparator): a new order is not a new
  // query. The sort still goes with exports, saved analyses and drill-through (runSpec).
  const gridSpec = useMemo(() => ({ ...runSpec, sort: [] }), [runSpec]);
  // 跨县: the newest snapshot of every county, offered when the database holds more than one county.
  const snapshots = useApiQuery('snapshots.list', {});
  const counties = new Set((snapshots.data ?? []).map((s) => s.countyCode ?? s.countyName)).size;
  const [acrossChecked, setAcross] = useState(false);
  const across = acrossChecked && counties > 1 ? { acrossCounties: true } : {};
  const run = usePivotRun(spec.values.length > 0 ? { spec: gridSpec, snapshotId: snapshot.id, ...across } : null);
  const table = useMemo(
    () => (run.result
      ? widen(run.result, (field) => catalogue.data?.dimensions.find((d) => d.key === field)?.missingLabel)
      : null),
    [run.result, catalogue.data],
  );

  const add = useCallback((zone: Zone, key: string) => setSpec((s) => addField(s, zone, key)), []);
  const onOrder = useCallback((order: EditSpec['order']) => setSpec((s) => setOrder(s, order)), []);
  const headerOf = useMemo(
    () => (catalogue.data ? headerIn(catalogue.data) : (f: PivotFieldInfo) => f.label),
    [catalogue.data],
  );
  // A note about the previous pivot (copied, exported, refused) does not outlive it.
  useEffect(() => setMessage(null), [spec]);

  const copy = useCallback(async () => {
    if (!gridApi.current) return;
    await copyText(gridAsTsv(gridApi.current));
    setMessage('已复制到剪贴板，可直接粘贴到 Excel / WPS。');
  }, []);

  useEffect(() => {
    const listener = (): void => void copy();
    document.addEventListener('pivot-copy', listener);
    return () => document.removeEventListener('pivot-copy', listener);
  }, [copy]);

  const exportAs = async (kind: 'xlsx' | 'csv'): Promise<void> => {
    setMessage(null);
    try {
      // Written in the host's work folder, then a download (browser) or the save dialog (desktop).
      const method = kind === 'xlsx' ? 'pivot.exportXlsx' : 'pivot.exportCsv';
      const done = await call(method, { spec: runSpec, snapshotId: snapshot.id, ...across });
      const outcome = await deliver(done.delivery, '导出透视表');
      if (!outcome.saved) return;
      setMessage(`已导出 ${done.rows} 行${outcome.savedAs ? `到 ${outcome.savedAs}` : `（${done.delivery.fileName}，已下载）`}`);
    } catch (err) {
      setMessage(`导出失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (catalogue.error) return <ErrorNotice error={catalogue.error.error} onRetry={catalogue.reload} />;
  if (!catalogue.data) return <Loading text="正在读取字段目录…" />;
  const cat = catalogue.data;
  const onDrill = (key: CellKey, title: string): void => {
    if ('acrossCounties' in across) setMessage('跨县透视不能列出户：取消“跨县”后在各县的快照中双击查看。');
    else setDrill({ request: { spec: runSpec, snapshotId: snapshot.id, key, limit: 500 }, title });
  };

  return (
    <div className="pivot-page">
      <ViewHeader title="透视分析" />
      <div className="pivot-view" data-testid="pivot-view">
        <aside className="pivot-side">
          <AnalysesBar spec={runSpec} snapshotId={snapshot.id} onOpen={(a) => setSpec(fromSpec(a.spec))}
            onMessage={setMessage} />
          <FieldList catalogue={cat} onAdd={add} />
        </aside>
        <div className="pivot-main">
          <PivotZones catalogue={cat} spec={spec} snapshotId={snapshot.id}
            incomeFilter={run.result?.meta.incomeFilter ?? null} onSpec={setSpec} onMessage={setMessage} />
          <PivotToolbar catalogue={cat} spec={spec} snapshotId={snapshot.id} table={table} result={run.result}
            slow={run.slow} showChart={showChart} onSpec={setSpec} onCopy={() => void copy()}
            onToggleChart={() => setShowChart(!showChart)}
            onExport={(kind) => void exportAs(kind)} />
          {counties > 1 ? (
            <label className="pivot-across" data-testid="pivot-across">
              <input type="checkbox" checked={acrossChecked} onChange={(e) => setAcross(e.target.checked)} />
              跨县：{counties} 个县各取最新快照（把“县”放到行或列，合计由各县汇总值计算）
            </label>
          ) : null}
          {message ? <p className="pivot-message" data-testid="pivot-message">{message}</p> : null}
          {spec.values.length === 0 ? <p className="panel-note">把一个度量拖到“值”区（或点度量旁的 +）开始。</p> : null}
          {run.error ? <ErrorNotice error={run.error.error} /> : null}
          {table && !showChart && !('acrossCounties' in across) ? (
            <p className="pivot-hint" data-testid="drill-hint">双击表中任一数字，列出它所计的户（可导出 Excel）。</p>
          ) : null}
          {table ? (
            showChart ? <PivotChart table={table} headerOf={headerOf} /> : (
              <PivotGrid table={table} order={spec.order} headerOf={headerOf} onOrder={onOrder}
                onReady={(api) => (gridApi.current = api)} onDrill={onDrill} />
            )
          ) : null}
          {run.result ? <PivotKoujing result={run.result} /> : null}
        </div>
      </div>
      {drill ? <DrillDialog request={drill.request} title={drill.title} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}
