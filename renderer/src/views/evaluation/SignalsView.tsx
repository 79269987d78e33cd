import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type ReactNode } from 'react';
import {
  SIGNALS, SIGNAL_LABELS, type BandHousehold, type FlaggedExit, type Signal, type SignalSelection,
  type SignalThresholds, type SignalsResult,
} from '../../../../shared/api/evaluation';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { useApiQuery } from '../../api/useApiQuery';
import { Chart } from '../../components/Chart';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { ErrorNotice } from '../../components/Feedback';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatShare } from '../../format/numbers';
import { KoujingBlock } from '../common/KoujingBlock';
import { koujingTooltipLine } from '../common/koujingText';
import { EmptyNotice, QueryState } from '../common/QueryState';
import '../common/views.css';
import './evaluation.css';
import { HouseholdRecordDrawer } from './HouseholdRecordDrawer';
import { bunchingOption, histogramOption } from './signalsCharts';

type SignalKey = Signal | 'any';

const FLAGGED_COLUMNS: ColDef<FlaggedExit>[] = [
  { field: 'household', headerName: '户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇', minWidth: 90 },
  { field: 'village', headerName: '行政村', minWidth: 90 },
  { field: 'headIdMasked', headerName: '户主证件号（已脱敏）', minWidth: 170 },
  { field: 'exitYear', headerName: '脱贫年度', maxWidth: 100 },
  numberColumn<FlaggedExit>('line', '标准（元）'),
  numberColumn<FlaggedExit>('perCapita', '人均纯收入（元）', 2),
  { headerName: '信号', valueGetter: (p) => p.data?.signals.join('、') ?? '', minWidth: 100 },
  { headerName: '原因', valueGetter: (p) => p.data?.reasons.join('；') ?? '', minWidth: 360, flex: 2, tooltipValueGetter: (p) => p.data?.reasons.join('\n') ?? '' },
];

const BAND_COLUMNS: ColDef<BandHousehold>[] = [
  { field: 'household', headerName: '户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇' },
  { field: 'village', headerName: '行政村' },
  { field: 'headIdMasked', headerName: '户主证件号（已脱敏）', minWidth: 170 },
  { field: 'status', headerName: '脱贫状态', minWidth: 130 },
  { field: 'year', headerName: '年度', maxWidth: 90 },
  numberColumn<BandHousehold>('line', '标准（元）'),
  numberColumn<BandHousehold>('perCapita', '人均纯收入（元）', 2),
];

function selectionText(s: SignalSelection): string {
  const where = `${s.year === undefined ? '各年度' : `${s.year} 年`} · ${s.township ?? '全县'}`;
  if (s.kind === 'band') return `${where} · 人均纯收入在 [${s.fromRatio}L, ${s.toRatio}L) 的脱贫户`;
  return `${where} · ${s.signal === 'any' ? '任一信号' : `${s.signal} ${SIGNAL_LABELS[s.signal]}`}`;
}

/** 收入测算核查: the signals of calculated exits on the current snapshot. */
export function SignalsView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const request = useMemo(() => ({ snapshotId: snapshot.id }), [snapshot.id]);
  // The figures without a list: the grid below asks for its own page of households.
  const figures = useMemo(() => ({ snapshotId: snapshot.id, listLimit: 0 }), [snapshot.id]);
  const signals = useApiQuery('evaluation.signals', figures);
  const [selection, setSelection] = useState<SignalSelection>({ kind: 'signal', signal: 'any' });
  const [township, setTownship] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ApiCallError | 'busy' | null>(null);

  const exportXlsx = async (): Promise<void> => {
    setExporting('busy');
    try {
      await deliver(await call('evaluation.exportSignals', request), '保存收入测算核查');
      setExporting(null);
    } catch (err) {
      setExporting(err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }));
    }
  };

  return (
    <div className="analysis-view" data-testid="signals-view">
      <ViewHeader title="收入测算核查">
        <button type="button" className="button" data-testid="export-signals" disabled={exporting === 'busy'} onClick={() => void exportXlsx()}>
          {exporting === 'busy' ? '正在导出…' : '导出 Excel'}
        </button>
      </ViewHeader>
      {exporting instanceof ApiCallError ? <ErrorNotice error={exporting.error} /> : null}
      <QueryState query={signals} loadingText="正在核查脱贫当年的收入…" isEmpty={(d) => d.exits === 0} emptyText="这个快照没有脱贫记录：没有可核查的脱贫。">
        {(s) => (
          <>
            <KoujingBlock koujing={s.koujing} />
            <SignalTiles s={s} selection={selection} onSelect={setSelection} />
            <div className="chart-grid">
              <Panel
                title="按脱贫年度的信号（户次）"
                className="wide"
                note="点击数字列出这些脱贫；有收入记录的才作判断"
                actions={(
                  <select aria-label="乡镇" value={township ?? ''} onChange={(e) => setTownship(e.target.value || null)}>
                    <option value="">全县</option>
                    {[
                      ...new Set(s.byArea.map((r) => r.township).filter((t): t is string => t !== null)),
                    ].map((t) => <option key={t} value={t}>{t}</option>)}
                  </select>
                )}
              >
                <ByYearTable s={s} township={township} selection={selection} onSelect={setSelection} />
              </Panel>
              <BunchingPanels s={s} township={township} onSelect={setSelection} />
              <Panel title={`户名单：${selectionText(selection)}`} className="wide" note="点击一行查看该户历年收入">
                <SelectionGrid snapshotId={snapshot.id} selection={selection} onOpen={setOpened} />
              </Panel>
              <Panel title="阈值设置" className="wide" note="改动后所有信号按新阈值重算，并写入每个数字的口径">
                <ThresholdForm current={s.thresholds} onSaved={signals.reload} />
              </Panel>
            </div>
            {opened ? (
              <HouseholdRecordDrawer sides={[{ label: '本期', snapshotId: snapshot.id, code: opened }]} lines={s.koujing.lines} onClose={() => setOpened(null)} />
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}

function SignalTiles({ s, selection, onSelect }: {
  readonly s: SignalsResult; readonly selection: SignalSelection; readonly onSelect: (x: SignalSelection) => void;
}): ReactNode {
  const tile = (key: SignalKey, label: string, exits: number, households: number, note?: string): ReactNode => {
    const selected = selection.kind === 'signal' && selection.signal === key && selection.year === undefined && selection.township === undefined;
    return (
      <button key={key} type="button" className={`stat-tile figure-button${selected ? ' selected' : ''}`} data-testid={`signal-${key}`} data-value={exits}
        onClick={() => onSelect({ kind: 'signal', signal: key })}>
        <div className="stat-label">{label}</div>
        <div className="stat-value">{formatCount(exits)}<span className="stat-unit">户次</span></div>
        <div className="stat-note">{formatCount(households)} 户{note ? `；${note}` : ''}</div>
      </button>
    );
  };
  return (
    <div className="stat-row">
      <div className="stat-tile" data-testid="signal-exits" data-value={s.exits}>
        <div className="stat-label">脱贫</div>
        <div className="stat-value">{formatCount(s.exits)}<span className="stat-unit">户次</span></div>
        <div className="stat-note">有当年收入记录 {formatCount(s.judged)} 户次</div>
      </div>
      {SIGNALS.map((k) => tile(k, `${k} ${SIGNAL_LABELS[k]}`, s.bySignal[k].exits, s.bySignal[k].households))}
      {tile('any', '任一信号', s.anySignal.exits, s.anySignal.households, `占脱贫 ${formatShare(s.anySignal.share)}`)}
    </div>
  );
}

function ByYearTable({ s, township, selection, onSelect }: {
  readonly s: SignalsResult; readonly township: string | null; readonly selection: SignalSelection;
  readonly onSelect: (x: SignalSelection) => void;
}): ReactNode {
  const rows = s.byArea.filter((r) => r.township === township);
  if (rows.length === 0) return <EmptyNotice>{township ?? '全县'}没有脱贫记录。</EmptyNotice>;
  const keys: readonly SignalKey[] = [...SIGNALS, 'any'];
  return (
    <table className="figures" data-testid="signals-by-year">
      <thead>
        <tr>
          <th className="label">脱贫年度</th><th>脱贫</th><th>有收入记录</th>
          {keys.map((k) => <th key={k}>{k === 'any' ? '任一信号' : `${k} ${SIGNAL_LABELS[k]}`}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.year}>
            <td className="label">{r.year}</td>
            <td>{formatCount(r.exits)}</td>
            <td>{formatCount(r.judged)}</td>
            {keys.map((k) => {
              const v = r[k];
              const selected = selection.kind === 'signal' && selection.signal === k && selection.year === r.year && (selection.township ?? null) === township;
              return (
                <td key={k} className={v > 0 ? `cell-link${selected ? ' cell-selected' : ''}` : 'muted'} data-testid={`cell-${r.year}-${k}`} data-value={v}
                  onClick={v > 0 ? () => onSelect({ kind: 'signal', signal: k, year: r.year, ...(township === null ? {} : { township }) }) : undefined}>
                  {formatCount(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BunchingPanels({ s, township, onSelect }: {
  readonly s: SignalsResult; readonly township: string | null; readonly onSelect: (x: SignalSelection) => void;
}): ReactNode {
  const years = s.histogram.map((h) => h.year);
  const [year, setYear] = useState<number | null>(null);
  const shown = s.histogram.find((h) => h.year === year) ?? s.histogram[s.histogram.length - 1];
  const kl = koujingTooltipLine(s.koujing);
  const t = s.thresholds.nearLine;
  const below = Number((2 - t).toFixed(6));
  const bunching = s.bunching.filter((b) => b.township === township);
  if (!shown) return null;
  return (
    <>
      <Panel
        title={`贫困线附近的分布（${shown.year} 年，全县）`}
        note={`脱贫户当年人均纯收入 ÷ 标准（每格 0.02）；红色为 [L, ${t}L)；点击柱子列出该区间的户`}
        actions={(
          <select aria-label="分布年度" value={shown.year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}年</option>)}
          </select>
        )}
      >
        <Chart
          option={histogramOption(shown, kl, t)}
          height={300}
          fileName={`贫困线附近分布_${shown.year}`}
          onClick={(p) => {
            const bin = shown.bins.find((b) => b.from.toFixed(2) === p.name);
            if (bin) onSelect({ kind: 'band', year: shown.year, fromRatio: bin.from, toRatio: bin.to });
          }}
        />
      </Panel>
      <Panel title="聚集比（全县，按脱贫年度）" note={`线上 [L, ${t}L) 户数 ÷ 线下 [${below}L, L) 户数；远大于 1 表示收入在线上方扎堆`}>
        <Chart option={bunchingOption(s.bunching, kl)} height={300} fileName="聚集比" />
      </Panel>
      <Panel title={`聚集比明细（${township ?? '全县'}）`} className="wide" note="点击线上或线下的户数列出这些户">
        <table className="figures" data-testid="bunching-table">
          <thead><tr><th className="label">年度</th><th>标准（元）</th><th>线上（户）</th><th>线下（户）</th><th>聚集比</th></tr></thead>
          <tbody>
            {bunching.map((b) => (
              <tr key={b.year}>
                <td className="label">{b.year}</td>
                <td>{formatCount(b.line)}</td>
                <td className="cell-link" data-testid={`above-${b.year}`} data-value={b.above}
                  onClick={() => onSelect({ kind: 'band', year: b.year, fromRatio: 1, toRatio: t, ...(township === null ? {} : { township }) })}>
                  {formatCount(b.above)}
                </td>
                <td className="cell-link" data-value={b.below}
                  onClick={() => onSelect({ kind: 'band', year: b.year, fromRatio: below, toRatio: 1, ...(township === null ? {} : { township }) })}>
                  {formatCount(b.below)}
                </td>
                <td data-testid={`ratio-${b.year}`}>{b.ratio === null ? '—' : b.ratio.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}

function SelectionGrid({ snapshotId, selection, onOpen }: {
  readonly snapshotId: number; readonly selection: SignalSelection; readonly onOpen: (code: string) => void;
}): ReactNode {
  const request = useMemo(() => ({ snapshotId, selection, limit: 5000 }), [snapshotId, selection]);
  const drill = useApiQuery('evaluation.signalHouseholds', request);
  return (
    <QueryState query={drill} loadingText="正在列出户…" isEmpty={(d) => d.total === 0} emptyText="这一项没有户。">
      {(d) => (
        <>
          <p className="selection-caption" data-testid="selection-total" data-value={d.total}>{d.koujing}</p>
          {selection.kind === 'signal'
            ? <DataGrid rows={d.exits} columns={FLAGGED_COLUMNS} height={340} exportFileName={`收入测算核查_${selectionText(selection)}`} onRowClicked={(r) => onOpen(r.household)} />
            : <DataGrid rows={d.band} columns={BAND_COLUMNS} height={340} exportFileName={`收入测算核查_${selectionText(selection)}`} onRowClicked={(r) => onOpen(r.household)} />}
        </>
      )}
    </QueryState>
  );
}

const FIELDS: readonly { key: keyof SignalThresholds; label: string; step: number }[] = [
  { key: 'nearLine', label: '刚过线上限（×L）', step: 0.01 },
  { key: 'jump', label: '跳升倍数', step: 0.1 },
  { key: 'fallBack', label: '回落比例', step: 0.05 },
  { key: 'identical', label: '雷同户次', step: 1 },
];

function ThresholdForm({ current, onSaved }: {
  readonly current: SignalThresholds; readonly onSaved: () => void;
}): ReactNode {
  const [draft, setDraft] = useState<SignalThresholds>(current);
  const [error, setError] = useState<ApiCallError | null>(null);
  const save = async (next: SignalThresholds): Promise<void> => {
    try {
      await call('evaluation.setThresholds', next);
      setError(null);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }));
    }
  };
  return (
    <>
      <form className="threshold-form" onSubmit={(e) => { e.preventDefault(); void save(draft); }}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input type="number" step={f.step} value={draft[f.key]} aria-label={f.label}
              onChange={(e) => setDraft({ ...draft, [f.key]: Number(e.target.value) })} />
          </label>
        ))}
        <button type="submit" className="button">保存并重算</button>
        <button type="button" className="button" onClick={() => { const d = { nearLine: 1.1, jump: 1.5, fallBack: 0.8, identical: 5 }; setDraft(d); void save(d); }}>
          恢复默认
        </button>
      </form>
      {error ? <ErrorNotice error={error.error} /> : null}
    </>
  );
}
