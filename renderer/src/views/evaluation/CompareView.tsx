import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type ReactNode } from 'react';
import {
  CHANGE_LABELS, INCOME_FIELD_LABELS, PRESENCE_LABELS, type CompareHousehold, type CompareResult, type CompareSelection,
  type FigureRow,
  type PresenceKind, type RetroIncomeEdit,
} from '../../../../shared/api/evaluation';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { useApiQuery } from '../../api/useApiQuery';
import { DataGrid, numberColumn } from '../../components/DataGrid';
import { ErrorNotice } from '../../components/Feedback';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount } from '../../format/numbers';
import { formatHash, useViewParam } from '../../shell/hashRoute';
import { useSnapshots } from '../../state/snapshotContext';
import { EmptyNotice, QueryState } from '../common/QueryState';
import '../common/views.css';
import './evaluation.css';
import { HouseholdRecordDrawer, type DrawerSide } from './HouseholdRecordDrawer';
import { TransitionMatrix, type MatrixUnit } from './TransitionMatrix';

const PRESENCE_TILES: readonly PresenceKind[] = ['both', 'addedExplained', 'addedUnexplained', 'vanishedExplained', 'vanishedUnexplained', 'renumbered'];
const CHANGE_TILES = ['attribute', 'mainCause', 'size', 'monitoringCategory', 'riskEliminated', 'membersAdded', 'membersGone'] as const;

const HOUSEHOLD_COLUMNS: ColDef<CompareHousehold>[] = [
  { field: 'codeA', headerName: 'A 户编号', minWidth: 150 },
  { field: 'codeB', headerName: 'B 户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇', minWidth: 90 },
  { field: 'village', headerName: '行政村', minWidth: 90 },
  { field: 'headIdMasked', headerName: '户主证件号（已脱敏）', minWidth: 170 },
  { field: 'statusA', headerName: 'A 脱贫状态', minWidth: 120 },
  { field: 'statusB', headerName: 'B 脱贫状态', minWidth: 120 },
  { field: 'detail', headerName: '变化（旧 → 新）', minWidth: 320, flex: 2, tooltipField: 'detail' },
];

const EDIT_COLUMNS: ColDef<RetroIncomeEdit>[] = [
  { field: 'household', headerName: '户编号', minWidth: 150 },
  { field: 'township', headerName: '乡镇' },
  { field: 'village', headerName: '行政村' },
  { field: 'year', headerName: '年度', maxWidth: 90 },
  { headerName: '项目', valueGetter: (p) => (p.data ? INCOME_FIELD_LABELS[p.data.field] : ''), minWidth: 130 },
  numberColumn<RetroIncomeEdit>('from', 'A（原值）'),
  numberColumn<RetroIncomeEdit>('to', 'B（新值）'),
];

const FIGURE_COLUMNS: ColDef<FigureRow>[] = [
  { field: 'section', headerName: '部分', maxWidth: 100 },
  { field: 'figure', headerName: '指标', minWidth: 150 },
  { field: 'year', headerName: '年度', maxWidth: 90 },
  { field: 'unit', headerName: '单位', maxWidth: 90 },
  numberColumn<FigureRow>('a', 'A', 2),
  numberColumn<FigureRow>('b', 'B', 2),
  numberColumn<FigureRow>('difference', '差值（B − A）', 2, {
    cellClassRules: { 'gap-break': (p) => typeof p.value === 'number' && Math.abs(p.value) > 1e-9 },
  }),
];

function sameCounty(a: SnapshotSummary, b: SnapshotSummary): boolean {
  return a.countyCode !== null && b.countyCode !== null ? a.countyCode === b.countyCode : a.countyName === b.countyName;
}

function label(s: SnapshotSummary): string {
  return `#${s.id} · 截至 ${s.asOf} · ${formatCount(s.households)} 户`;
}

function selectionText(s: CompareSelection): string {
  switch (s.kind) {
    case 'presence': return PRESENCE_LABELS[s.presence];
    case 'transition': return `状态 ${s.from} → ${s.to}`;
    case 'change': return s.field === 'any' ? '户信息或成员有变化（变化明细）' : `${CHANGE_LABELS[s.field]}有变化`;
    case 'retroactive': return `${s.township ?? '全县'} · ${{ income: '历史收入记录被修改', events: '历史状态变化被修改', any: '历史数据被修改' }[s.what]}`;
  }
}

/** 跨期对比: choose A and B among the snapshots of the current county. */
export function CompareView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const { snapshots } = useSnapshots();
  const county = useMemo(() => (snapshots ?? []).filter((s) => sameCounty(s, snapshot)).sort(
    (x, y) => x.asOf.localeCompare(y.asOf) || x.id - y.id,
  ),
    [snapshots, snapshot]);
  const at = county.findIndex((s) => s.id === snapshot.id);
  const defaultA = at > 0 ? county[at - 1] : county[at];
  const defaultB = at > 0 ? county[at] : county[at + 1];
  const [fromParam, setFrom] = useViewParam('from', String(defaultA?.id ?? ''));
  const [toParam, setTo] = useViewParam('to', String(defaultB?.id ?? ''));
  const from = county.find((s) => String(s.id) === fromParam) ?? defaultA;
  const to = county.find((s) => String(s.id) === toParam) ?? defaultB;

  return (
    <div className="analysis-view" data-testid="compare-view">
      <ViewHeader title="跨期对比" />
      {county.length < 2 || !from || !to ? (
        <EmptyNotice>
          {snapshot.countyName}只有一个快照。请在“数据管理”中导入同一县另一年度的导出文件，然后在这里比较两期之间的新增、消失、状态变化和历史数据修改。
        </EmptyNotice>
      ) : (
        <>
          <div className="pair-picker">
            <label>
              基期 A
              <select aria-label="基期 A" value={from.id} onChange={(e) => setFrom(e.target.value)}>
                {county.map((s) => <option key={s.id} value={s.id}>{label(s)}</option>)}
              </select>
            </label>
            <span>→</span>
            <label>
              对比期 B
              <select aria-label="对比期 B" value={to.id} onChange={(e) => setTo(e.target.value)}>
                {county.map((s) => <option key={s.id} value={s.id}>{label(s)}</option>)}
              </select>
            </label>
          </div>
          <Comparison key={`${from.id}-${to.id}`} fromId={from.id} toId={to.id} sizes={{ a: from.households, b: to.households }} />
        </>
      )}
    </div>
  );
}

function Comparison({ fromId, toId, sizes }: {
  readonly fromId: number; readonly toId: number; readonly sizes: { readonly a: number; readonly b: number };
}): ReactNode {
  const pair = useMemo(() => ({ fromSnapshotId: fromId, toSnapshotId: toId }), [fromId, toId]);
  const compare = useApiQuery('evaluation.compare', pair);
  const [unit, setUnit] = useState<MatrixUnit>('households');
  const [selection, setSelection] = useState<CompareSelection>({ kind: 'change', field: 'any' });
  const [opened, setOpened] = useState<CompareHousehold | null>(null);
  const [exporting, setExporting] = useState<ApiCallError | 'busy' | null>(null);

  const exportXlsx = async (): Promise<void> => {
    setExporting('busy');
    try {
      await deliver(await call('evaluation.exportCompare', pair), '保存跨期对比');
      setExporting(null);
    } catch (err) {
      setExporting(err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }));
    }
  };

  return (
    <QueryState query={compare} loadingText="正在比较两期快照…">
      {(c) => (
        <>
          <details className="koujing" data-testid="koujing">
            <summary>
              <span className="koujing-title">口径</span>
              <span className="koujing-line">{c.koujing[0]}</span>
            </summary>
            <ul>{c.koujing.slice(1).map((k) => <li key={k}>{k}</li>)}</ul>
          </details>
          <div className="panel-actions" style={{ marginBottom: 8 }}>
            <button type="button" className="button" data-testid="export-compare" disabled={exporting === 'busy'} onClick={() => void exportXlsx()}>
              {exporting === 'busy' ? '正在导出…' : '导出 Excel'}
            </button>
          </div>
          {exporting instanceof ApiCallError ? <ErrorNotice error={exporting.error} /> : null}
          <PresenceTiles c={c} selection={selection} onSelect={setSelection} />
          <PresenceLine c={c} sizes={sizes} />
          <div className="chart-grid">
            <Panel
              title="状态转移矩阵"
              className="wide"
              note={`行：A 的脱贫状态；列：B 的脱贫状态。${unit === 'households' ? '户数' : '人数（B 的家庭人口数，消失的户为 A 的）'}；点击格子查看其中的户`}
              actions={(
                <select aria-label="单位" value={unit} onChange={(e) => setUnit(e.target.value === 'persons' ? 'persons' : 'households')}>
                  <option value="households">户</option>
                  <option value="persons">人</option>
                </select>
              )}
            >
              <TransitionMatrix
                result={c}
                unit={unit}
                selected={selection.kind === 'transition' ? selection : null}
                onSelect={(f, t) => setSelection({ kind: 'transition', from: f, to: t })}
              />
            </Panel>
            <Panel title="记录变化（两期都有的户）" note="户信息中的字段不同的户数；成员按证件号码哈希对应，单位为人">
              <ChangeTiles c={c} selection={selection} onSelect={setSelection} />
            </Panel>
            <Panel title="历史数据修改（按乡镇）" note={`对比期改写了 ${c.from.asOf.slice(0, 4)} 年及以前的记录：点击数字查看其中的户`}>
              <RetroTable c={c} selection={selection} onSelect={setSelection} />
            </Panel>
            <Panel title={`户名单：${selectionText(selection)}`} className="wide" note="点击一行查看该户两期的记录">
              <SelectionGrid pair={pair} selection={selection} onOpen={setOpened} />
            </Panel>
            <Panel title="历史收入记录的修改（旧值 → 新值）" className="wide" note={`共 ${formatCount(c.retroactive.incomeEdits)} 项，涉及收入记录 ${formatCount(c.retroactive.incomeRows)} 条`}>
              {c.lists.retroactiveIncome.length ? (
                <DataGrid rows={c.lists.retroactiveIncome} columns={EDIT_COLUMNS} height={260} exportFileName="历史收入修改" />
              ) : <EmptyNotice>两期之间没有改写历史收入记录。</EmptyNotice>}
            </Panel>
            <Figures pair={pair} onSelect={setSelection} />
          </div>
          {opened ? (
            <HouseholdRecordDrawer
              sides={[{ label: 'A', snapshotId: fromId, code: opened.codeA }, { label: 'B', snapshotId: toId, code: opened.codeB }] satisfies DrawerSide[]}
              onClose={() => setOpened(null)}
            />
          ) : null}
        </>
      )}
    </QueryState>
  );
}

function Tile({ id, label, value, unit, selected, onClick }: {
  readonly id: string; readonly label: string; readonly value: number; readonly unit: string;
  readonly selected: boolean; readonly onClick: () => void;
}): ReactNode {
  return (
    <button type="button" className={`stat-tile figure-button${selected ? ' selected' : ''}`} data-testid={`tile-${id}`} data-value={value} onClick={onClick}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{formatCount(value)}<span className="stat-unit">{unit}</span></div>
    </button>
  );
}

/**
 * The tiles joined to the two snapshots' 户信息 counts (the top bar's 户): A = 仍在册 + 消失 and
 * B = 仍在册 + 新增; 改号 households are among 仍在册. The parts are the core's counts.
 */
function PresenceLine({ c, sizes }: {
  readonly c: CompareResult; readonly sizes: { readonly a: number; readonly b: number };
}): ReactNode {
  const h = c.households;
  const n = formatCount;
  return (
    <p className="headline-reconcile presence-line" data-testid="presence-reconciliation">
      A {n(sizes.a)} 户 = 仍在册 {n(h.both)} 户 + 消失 {n(h.vanished)} 户（原已自然减少或清退 {n(h.vanishedExplained)}、去向不明{' '}
      {n(h.vanishedUnexplained)}）；B {n(sizes.b)} 户 = 仍在册 {n(h.both)} 户 + 新增 {n(h.added)} 户（有记录{' '}
      {n(h.addedExplained)}、无说明 {n(h.addedUnexplained)}）；改号的 {n(h.renumbered)} 户计在仍在册中
    </p>
  );
}

function PresenceTiles({ c, selection, onSelect }: {
  readonly c: CompareResult; readonly selection: CompareSelection; readonly onSelect: (s: CompareSelection) => void;
}): ReactNode {
  return (
    <div className="stat-row">
      {PRESENCE_TILES.map((p) => (
        <Tile
          key={p}
          id={p}
          label={PRESENCE_LABELS[p]}
          value={c.households[p]}
          unit="户"
          selected={selection.kind === 'presence' && selection.presence === p}
          onClick={() => onSelect({ kind: 'presence', presence: p })}
        />
      ))}
    </div>
  );
}

function ChangeTiles({ c, selection, onSelect }: {
  readonly c: CompareResult; readonly selection: CompareSelection; readonly onSelect: (s: CompareSelection) => void;
}): ReactNode {
  return (
    <table className="figures" data-testid="change-table">
      <tbody>
        {CHANGE_TILES.map((f) => {
          const selected = selection.kind === 'change' && selection.field === f;
          const unit = f === 'membersAdded' || f === 'membersGone' ? '人' : '户';
          return (
            <tr key={f}>
              <td className="label">{CHANGE_LABELS[f]}</td>
              <td className={`cell-link${selected ? ' cell-selected' : ''}`} data-testid={`change-${f}`} data-value={c.changes[f]} onClick={() => onSelect({ kind: 'change', field: f })}>
                {formatCount(c.changes[f])} {unit}
              </td>
            </tr>
          );
        })}
        <tr className="total">
          <td className="label">变化明细（任一项）</td>
          <td className="cell-link" onClick={() => onSelect({ kind: 'change', field: 'any' })}>查看</td>
        </tr>
      </tbody>
    </table>
  );
}

function RetroTable({ c, selection, onSelect }: {
  readonly c: CompareResult; readonly selection: CompareSelection; readonly onSelect: (s: CompareSelection) => void;
}): ReactNode {
  if (c.retroactive.byTownship.length === 0) return <EmptyNotice>两期之间没有改写历史记录。</EmptyNotice>;
  const cell = (township: string | undefined, what: 'income' | 'events', value: number): ReactNode => {
    const selected = selection.kind === 'retroactive' && selection.what === what && selection.township === township;
    return (
      <td
        className={value > 0 ? `cell-link${selected ? ' cell-selected' : ''}` : 'muted'}
        onClick={value > 0 ? () => onSelect({ kind: 'retroactive', what, ...(township === undefined ? {} : { township }) }) : undefined}
      >
        {formatCount(value)}
      </td>
    );
  };
  return (
    <table className="figures" data-testid="retro-table">
      <thead>
        <tr><th className="label">乡镇</th><th>收入记录（条）</th><th>状态变化（条）</th><th>涉及户</th></tr>
      </thead>
      <tbody>
        {c.retroactive.byTownship.map((t) => (
          <tr key={t.township}>
            <td className="label">{t.township}</td>
            {cell(t.township, 'income', t.incomeRows)}
            {cell(t.township, 'events', t.events)}
            <td>{formatCount(t.households)}</td>
          </tr>
        ))}
        <tr className="total">
          <td className="label">全县</td>
          {cell(undefined, 'income', c.retroactive.incomeRows)}
          {cell(undefined, 'events', c.retroactive.events)}
          <td data-testid="retro-households" data-value={c.retroactive.households}>{formatCount(c.retroactive.households)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function SelectionGrid({ pair, selection, onOpen }: {
  readonly pair: { fromSnapshotId: number; toSnapshotId: number }; readonly selection: CompareSelection;
  readonly onOpen: (h: CompareHousehold) => void;
}): ReactNode {
  const request = useMemo(() => ({ ...pair, selection, limit: 5000 }), [pair, selection]);
  const drill = useApiQuery('evaluation.compareHouseholds', request);
  return (
    <QueryState query={drill} loadingText="正在列出户…" isEmpty={(d) => d.total === 0} emptyText="这一项没有户。">
      {(d) => (
        <>
          <p className="selection-caption" data-testid="selection-total" data-value={d.total}>{d.koujing}</p>
          <DataGrid rows={d.households} columns={HOUSEHOLD_COLUMNS} height={320} exportFileName={`跨期对比_${selectionText(selection)}`} onRowClicked={onOpen} />
        </>
      )}
    </QueryState>
  );
}

/**
 * Where a standard figure drills: its own view (the section's), opened on snapshot A or B at that
 * year, lists the households behind it; the difference B − A of a past year comes from the history
 * the later export rewrote, which this view lists (income rows for 收入, status changes otherwise).
 */
const FIGURE_VIEWS: Readonly<Record<string, { key: string; label: string; yearParam?: string }>> = {
  收入: { key: 'income', label: '收入增长', yearParam: 'dyear' },
  脱贫: { key: 'exits', label: '脱贫方式' },
  返贫: { key: 'returns', label: '返贫分析' },
  动态调整: { key: 'flows', label: '动态调整' },
};

function figureHash(view: { key: string; yearParam?: string }, snapshotId: number, year: number): string {
  const params = new URLSearchParams({ snapshot: String(snapshotId) });
  if (view.yearParam) params.set(view.yearParam, String(year));
  return formatHash({ view: view.key, params });
}

function Figures({ pair, onSelect }: {
  readonly pair: { fromSnapshotId: number; toSnapshotId: number };
  readonly onSelect: (s: CompareSelection) => void;
}): ReactNode {
  const figures = useApiQuery('evaluation.compareFigures', pair);
  const [row, setRow] = useState<FigureRow | null>(null);
  const view = row ? FIGURE_VIEWS[row.section] : undefined;
  const incomeRow = row?.section === '收入';
  return (
    <Panel
      title="标准指标两期对照"
      className="wide"
      note="两期各自由指标引擎按标准口径计算，只列两期都有的年度；差值不为 0 的标红；点击一行查看其中的户"
    >
      <QueryState query={figures} loadingText="正在计算两期的标准指标…" isEmpty={(f) => f.rows.length === 0} emptyText="两期没有共同的年度。">
        {(f) => (
          <>
            <DataGrid
              rows={f.rows}
              columns={FIGURE_COLUMNS}
              height={320}
              exportFileName="标准指标两期对照"
              onRowClicked={setRow}
            />
            {row && view ? (
              <div className="figure-drill" data-testid="figure-drill">
                <span>{`${row.year} 年${row.figure}：`}</span>
                <a className="button" data-testid="figure-drill-a" href={figureHash(view, f.from.id, row.year)}>
                  {`A（截至 ${f.from.asOf}）的户：在“${view.label}”中查看`}
                </a>
                <a className="button" data-testid="figure-drill-b" href={figureHash(view, f.to.id, row.year)}>
                  {`B（截至 ${f.to.asOf}）的户：在“${view.label}”中查看`}
                </a>
                <button
                  type="button"
                  className="button"
                  data-testid="figure-drill-difference"
                  onClick={() => onSelect({ kind: 'retroactive', what: incomeRow ? 'income' : 'events' })}
                >
                  {`差值的来由：被改写的历史${incomeRow ? '收入记录' : '状态变化'}`}
                </button>
              </div>
            ) : null}
          </>
        )}
      </QueryState>
    </Panel>
  );
}
