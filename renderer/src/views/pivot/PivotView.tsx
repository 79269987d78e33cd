import './pivot.css';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { DrillRequest, PivotCatalogue, PivotFieldInfo, PivotResult, PivotValue, SavedAnalysis } from '../../../../shared/api/pivot';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { deliver } from '../../api/deliver';
import { ApiCallError, call } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { DrillDialog } from './DrillDialog';
import { DRAG_TYPE, FieldList } from './FieldList';
import { FilterChip } from './FilterChip';
import { PivotChart } from './PivotChart';
import { gridAsTsv, PivotGrid, type CellKey } from './PivotGrid';
import { addField, fromSpec, removeField, setOrder, setShare, setTopN, START_SPEC, toRunSpec, valueKey, type EditSpec, type Zone } from './pivotState';
import { TopNControl, SortControl } from './OrderControls';
import { valueHeader, widen, type WideRow } from './pivotTable';

const ZONES: readonly { zone: Zone; label: string }[] = [
  { zone: 'filters', label: '筛选' },
  { zone: 'columns', label: '列' },
  { zone: 'rows', label: '行' },
  { zone: 'values', label: '值' },
];
const SPINNER_DELAY_MS = 150;

function labelOf(catalogue: PivotCatalogue, key: string): string {
  return catalogue.dimensions.find((d) => d.key === key)?.label ?? catalogue.measures.find((m) => m.key === key)?.label ?? key;
}

/** How a value is named before the engine has answered: 人数, 人数（占行合计%）. */
export function valueLabel(catalogue: PivotCatalogue, v: PivotValue): string {
  const measure = catalogue.measures.find((m) => m.key === v.measure);
  const info: PivotFieldInfo = {
    key: valueKey(v), label: measure?.label ?? v.measure, role: 'value', measure: v.measure, share: v.share ?? null,
    format: v.share ? 'share' : (measure?.format ?? 'count'), unit: v.share ? '' : (measure?.unit ?? ''),
  };
  return headerIn(catalogue)(info);
}

function headerIn(catalogue: PivotCatalogue): (f: PivotFieldInfo) => string {
  return (f) => valueHeader(
    f,
    (key) => labelOf(catalogue, key),
    (share) => catalogue.shareBases.find((b) => b.share === share)?.label ?? share,
  );
}

/** Runs the pivot whenever the spec changes; a spinner only when the answer takes over 150 ms. */
function usePivotRun(request: { spec: ReturnType<typeof toRunSpec>; snapshotId: number } | null): { result: PivotResult | null; error: ApiCallError | null; slow: boolean } {
  const key = request ? JSON.stringify(request) : null;
  const [state, setState] = useState<{ result: PivotResult | null; error: ApiCallError | null }>({ result: null, error: null });
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => live && setSlow(true), SPINNER_DELAY_MS);
    call('pivot.run', JSON.parse(key) as { spec: ReturnType<typeof toRunSpec>; snapshotId: number }).then(
      (result) => live && setState({ result, error: null }),
      (err: unknown) => live && setState({ result: null, error: err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }) }),
    ).finally(() => {
      clearTimeout(timer);
      if (live) setSlow(false);
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { ...state, slow };
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no permission, no focus): the old way still works in a user gesture.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function PivotView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const catalogue = useApiQuery('pivot.catalogue', {});
  const years = useApiQuery('pivot.dimensionValues', { field: 'year', snapshotId: snapshot.id });
  const [spec, setSpec] = useState<EditSpec>(START_SPEC);
  const [drill, setDrill] = useState<{ request: DrillRequest; title: string } | null>(null);
  const [showChart, setShowChart] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [hoverZone, setHoverZone] = useState<Zone | null>(null);
  const gridApi = useRef<GridApi<WideRow> | null>(null);

  const runSpec = useMemo(() => toRunSpec(spec), [spec]);
  // The grid orders rows itself, the engine's way (columnComparator): a new order is not a new
  // query. The sort still goes with exports, saved analyses and drill-through (runSpec).
  const gridSpec = useMemo(() => ({ ...runSpec, sort: [] }), [runSpec]);
  const run = usePivotRun(spec.values.length > 0 ? { spec: gridSpec, snapshotId: snapshot.id } : null);
  const table = useMemo(
    () => (run.result ? widen(run.result, (field) => catalogue.data?.dimensions.find((d) => d.key === field)?.missingLabel) : null),
    [run.result, catalogue.data],
  );

  const add = useCallback((zone: Zone, key: string) => setSpec((s) => addField(s, zone, key)), []);
  const onOrder = useCallback((order: EditSpec['order']) => setSpec((s) => setOrder(s, order)), []);
  const headerOf = useMemo(() => (catalogue.data ? headerIn(catalogue.data) : (f: PivotFieldInfo) => f.label), [catalogue.data]);
  // A note about the previous pivot (copied, exported, refused) does not outlive it.
  useEffect(() => setMessage(null), [spec]);

  const onDrop = (zone: Zone) => (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setHoverZone(null);
    const [kind, key] = event.dataTransfer.getData(DRAG_TYPE).split(':');
    if (!key) return;
    if (zone === 'values' ? kind !== 'measure' : kind !== 'dimension') {
      setMessage(zone === 'values' ? '值区只接受度量（户数、人数、收入…）' : '行、列、筛选区只接受维度');
      return;
    }
    setMessage(null);
    add(zone, key);
  };

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
      const done = await call(kind === 'xlsx' ? 'pivot.exportXlsx' : 'pivot.exportCsv', { spec: runSpec, snapshotId: snapshot.id });
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

  const chips = (zone: Zone): ReactNode => {
    if (zone === 'filters') {
      return spec.filters.map((f) => (
        <FilterChip
          key={f.field}
          filter={f}
          label={labelOf(cat, f.field)}
          snapshotId={snapshot.id}
          onChange={(values) => setSpec((s) => ({ ...s, filters: s.filters.map((x) => (x.field === f.field ? { ...x, values } : x)) }))}
          onRemove={() => setSpec((s) => removeField(s, 'filters', f.field))}
        />
      ));
    }
    if (zone === 'values') {
      return spec.values.map((v) => {
        const key = valueKey(v);
        const measure = cat.measures.find((m) => m.key === v.measure);
        const name = labelOf(cat, v.measure);
        return (
          <span key={key} className="pivot-chip values" data-testid={`chip-values-${key}`} title={valueLabel(cat, v)}>
            <span className="pivot-chip-label">{name}</span>
            {measure?.additive ? (
              <select
                className="pivot-chip-share"
                aria-label={`${name}的显示方式`}
                value={v.share ?? ''}
                onChange={(e) => {
                  const share = e.target.value === '' ? undefined : cat.shareBases.find((b) => b.share === e.target.value)?.share;
                  const next = setShare(spec, key, share);
                  if (next) setSpec(next);
                  else setMessage(`值区已有“${valueLabel(cat, share ? { measure: v.measure, share } : { measure: v.measure })}”`);
                }}
              >
                <option value="">原值</option>
                {cat.shareBases.map((b) => <option key={b.share} value={b.share}>{b.label}</option>)}
              </select>
            ) : null}
            <button type="button" className="pivot-chip-remove" aria-label={`移除${valueLabel(cat, v)}`} onClick={() => setSpec((s) => removeField(s, 'values', key))}>×</button>
          </span>
        );
      });
    }
    return spec[zone].map((key) => (
      <span key={key} className={`pivot-chip ${zone}`} data-testid={`chip-${zone}-${key}`}>
        <span className="pivot-chip-label">{labelOf(cat, key)}</span>
        <button type="button" className="pivot-chip-remove" aria-label={`移除${labelOf(cat, key)}`} onClick={() => setSpec((s) => removeField(s, zone, key))}>×</button>
      </span>
    ));
  };

  return (
    <div className="pivot-view" data-testid="pivot-view">
      <aside className="pivot-side">
        <AnalysesBar spec={runSpec} snapshotId={snapshot.id} onOpen={(a) => setSpec(fromSpec(a.spec))} onMessage={setMessage} />
        <FieldList catalogue={cat} onAdd={add} />
      </aside>
      <div className="pivot-main">
        <div className="pivot-zones">
          {ZONES.map(({ zone, label }) => (
            <div
              key={zone}
              className={`pivot-zone${hoverZone === zone ? ' over' : ''}`}
              data-testid={`zone-${zone}`}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
                setHoverZone(zone);
              }}
              onDragLeave={() => setHoverZone(null)}
              onDrop={onDrop(zone)}
            >
              <span className="pivot-zone-label">{label}</span>
              {chips(zone)}
              <span className="pivot-zone-hint">拖入字段</span>
            </div>
          ))}
        </div>
        <div className="pivot-toolbar">
          <label>
            收入年度
            <select
              value={spec.year ?? ''}
              onChange={(e) => setSpec((s) => ({ ...s, year: e.target.value === '' ? undefined : Number(e.target.value) }))}
              data-testid="year-select"
            >
              <option value="">最新年度</option>
              {years.data?.values.filter((v) => typeof v.value === 'number').map((v) => <option key={String(v.value)} value={String(v.value)}>{v.label}</option>)}
            </select>
          </label>
          <SortControl spec={spec} catalogue={cat} label={(v) => valueLabel(cat, v)} onChange={(order) => setSpec((s) => setOrder(s, order))} />
          <TopNControl spec={spec} catalogue={cat} label={(v) => valueLabel(cat, v)} onChange={(topN) => setSpec((s) => setTopN(s, topN))} />
          <button type="button" className="button small" onClick={() => void copy()} disabled={!table}>复制</button>
          <button type="button" className={`button small${showChart ? ' primary' : ''}`} onClick={() => setShowChart(!showChart)} disabled={!table} data-testid="toggle-chart">
            {showChart ? '显示表格' : '图表'}
          </button>
          <button type="button" className="button small" onClick={() => void exportAs('xlsx')} disabled={!table}>导出 Excel</button>
          <button type="button" className="button small" onClick={() => void exportAs('csv')} disabled={!table}>导出 CSV</button>
          {run.slow ? <span className="loading" role="status" data-testid="pivot-spinner"><span className="spinner" aria-hidden="true" />正在计算…</span> : null}
          {run.result ? <span className="panel-note" data-testid="pivot-meta">{run.result.meta.rowCount} 行{gridSpec.topN ? '（合计含未列出的项）' : ''} · {Math.round(run.result.meta.elapsedMs)} ms{run.result.meta.incomeYear ? ` · 收入年度 ${run.result.meta.incomeYear}` : ''}</span> : null}
        </div>
        {message ? <p className="pivot-message" data-testid="pivot-message">{message}</p> : null}
        {spec.values.length === 0 ? <p className="panel-note">把一个度量拖到“值”区（或点度量旁的 +）开始。</p> : null}
        {run.error ? <ErrorNotice error={run.error.error} /> : null}
        {table ? (
          showChart ? <PivotChart table={table} headerOf={headerOf} /> : <PivotGrid table={table} order={spec.order} headerOf={headerOf} onOrder={onOrder} onReady={(api) => (gridApi.current = api)} onDrill={(key: CellKey, title: string) => setDrill({ request: { spec: runSpec, snapshotId: snapshot.id, key, limit: 500 }, title })} />
        ) : null}
        {run.result ? (
          <details className="pivot-koujing">
            <summary>口径</summary>
            <p>{run.result.meta.koujing.population}；筛选：{run.result.meta.koujing.filters}{run.result.meta.koujing.incomeYear ? `；${run.result.meta.koujing.incomeYear}` : ''}</p>
            <ul>{[...run.result.meta.koujing.dimensions, ...run.result.meta.koujing.measures].map((k) => <li key={k.key}><strong>{k.label}</strong>：{k.text}</li>)}</ul>
          </details>
        ) : null}
      </div>
      {drill ? <DrillDialog request={drill.request} title={drill.title} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}

/** Built-in and saved analyses: open one, save the current pivot as a new one, rename, delete. */
function AnalysesBar({ spec, snapshotId, onOpen, onMessage }: {
  readonly spec: ReturnType<typeof toRunSpec>;
  readonly snapshotId: number;
  readonly onOpen: (a: SavedAnalysis) => void;
  readonly onMessage: (m: string) => void;
}): ReactNode {
  const list = useApiQuery('analyses.list', {});
  const [selected, setSelected] = useState<number | null>(null);
  const [name, setName] = useState('');
  const current = list.data?.find((a) => a.id === selected) ?? null;
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
      list.reload();
    } catch (err) {
      onMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="pivot-analyses" data-testid="analyses">
      <select
        aria-label="分析方案"
        value={selected ?? ''}
        onChange={(e) => {
          const id = Number(e.target.value);
          const a = list.data?.find((x) => x.id === id);
          setSelected(a ? a.id : null);
          if (a) {
            setName(a.name);
            onOpen(a);
          }
        }}
      >
        <option value="">打开分析方案…</option>
        {list.data?.map((a) => <option key={a.id} value={a.id}>{a.builtin ? '［内置］' : ''}{a.name}</option>)}
      </select>
      <input type="text" placeholder="方案名称" value={name} onChange={(e) => setName(e.target.value)} aria-label="方案名称" />
      <div className="pivot-toolbar">
        <button type="button" className="button small" disabled={name.trim() === ''} onClick={() => void guard(async () => {
          const saved = await call('analyses.save', { name: name.trim(), spec, snapshotId });
          setSelected(saved.id);
          onMessage(`已保存分析方案“${saved.name}”`);
        })}>另存为</button>
        <button type="button" className="button small" disabled={!current || current.builtin || name.trim() === ''} onClick={() => void guard(async () => {
          if (!current) return;
          const renamed = await call('analyses.rename', { id: current.id, name: name.trim() });
          onMessage(`已重命名为“${renamed.name}”`);
        })}>重命名</button>
        <button type="button" className="button small" disabled={!current || current.builtin} onClick={() => void guard(async () => {
          if (!current || !window.confirm(`删除分析方案“${current.name}”？`)) return;
          await call('analyses.delete', { id: current.id });
          setSelected(null);
          setName('');
          onMessage(`已删除“${current.name}”`);
        })}>删除</button>
      </div>
    </div>
  );
}
