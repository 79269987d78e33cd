import { useEffect, useRef, useState, type ReactNode } from 'react';
import { PROVINCIAL_PRESETS } from '../../../../shared/domain/povertyLines';
import type { StandardSet, StandardYear } from '../../../../shared/api/standards';
import { ApiCallError, call } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ConfirmDialog } from '../data/ConfirmDialog';

/** One row as typed: the amounts stay text until saved, so that a half-typed value is not lost. */
interface Row {
  readonly year: number;
  readonly povertyLine: string;
  readonly monitoringThreshold: string;
  readonly source: string;
  /** A year the data needs and the set lacks: shown as a question, not left out. */
  readonly asked: boolean;
}

const amountText = (v: number | null): string => (v === null ? '' : String(v));

function rowsOf(set: StandardSet, missing: readonly number[]): Row[] {
  const rows: Row[] = set.years.map((y) => ({
    year: y.year, povertyLine: amountText(y.povertyLine), monitoringThreshold: amountText(y.monitoringThreshold),
    source: y.source ?? '', asked: false,
  }));
  for (const year of missing) {
    const own = rows.findIndex((r) => r.year === year);
    if (own >= 0) rows[own] = { ...(rows[own] as Row), asked: true };
    else rows.push({ year, povertyLine: '', monitoringThreshold: '', source: '', asked: true });
  }
  return rows.sort((a, b) => a.year - b.year);
}

/** Reads an amount as typed (full-width digits, thousands separators); null when empty, NaN when not a number. */
function parseAmount(text: string): number | null {
  const t = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The rows as the contract's years, or the first problem in Chinese (which year, which column). */
function toYears(rows: readonly Row[]): { years: StandardYear[] } | { problem: string } {
  const years: StandardYear[] = [];
  for (const r of rows) {
    const povertyLine = parseAmount(r.povertyLine);
    const monitoringThreshold = parseAmount(r.monitoringThreshold);
    for (const [value, column] of [[povertyLine, '贫困线'], [monitoringThreshold, '监测标准']] as const) {
      if (value !== null && !(value > 0)) return { problem: `${r.year}年的${column}应为大于 0 的数（元/人·年），现为“${column === '贫困线' ? r.povertyLine : r.monitoringThreshold}”` };
    }
    if (povertyLine === null && monitoringThreshold === null) {
      return { problem: `${r.year}年的贫困线和监测标准都没有填写：请填写其一，或删除这一年` };
    }
    years.push({ year: r.year, povertyLine, monitoringThreshold, source: r.source.trim() === '' ? null : r.source.trim() });
  }
  return { years };
}

/** The editor is drawn afresh from what was saved, so the parent keeps the 已保存 line. */
export function SetEditor({ set, missing, saved, onSaved, onDeleted, focusYear = null }: {
  readonly set: StandardSet; readonly missing: readonly number[]; readonly saved: string | null;
  readonly onSaved: (note: string) => void; readonly onDeleted: () => void;
  /** The year a view's warning linked to (#/standards?set=…&year=…): shown and its input focused. */
  readonly focusYear?: number | null;
}): ReactNode {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(set, missing));
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (focusYear === null) return;
    const row = table.current?.querySelector<HTMLTableRowElement>(`tr[data-year="${focusYear}"]`);
    row?.scrollIntoView({ block: 'center' });
    // From 2021 the figures are measured against the monitoring threshold, before against the line
    const which = focusYear >= 2021 ? '监测标准' : '贫困线';
    row?.querySelector<HTMLInputElement>(`input[aria-label="${focusYear}年${which}"]`)?.focus();
  }, [focusYear]);
  const [newYear, setNewYear] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ message: string; years: StandardYear[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [edited, setEdited] = useState(false);

  const edit = (year: number, patch: Partial<Row>): void => {
    setEdited(true);
    setRows((rs) => rs.map((r) => (r.year === year ? { ...r, ...patch } : r)));
  };
  const save = async (years: StandardYear[], confirmDecrease: boolean): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('standards.save', { name: set.name, years, confirmDecrease });
      if (result.status === 'needsConfirmation') {
        setConfirm({ message: result.message, years });
        return;
      }
      setConfirm(null);
      onSaved(result.preparing.length > 0 ? '已保存：使用此标准的快照正在按新数值重新准备分析数据（见顶栏进度）。' : '已保存。');
    } catch (err) {
      setProblem(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (): void => {
    const checked = toYears(rows);
    if ('problem' in checked) setProblem(checked.problem);
    else void save(checked.years, false);
  };
  const addYear = (): void => {
    const year = Number(newYear);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      setProblem(`年度应为 2000—2100 之间的整数，现为“${newYear}”`);
      return;
    }
    if (rows.some((r) => r.year === year)) {
      setProblem(`${year}年已在表中`);
      return;
    }
    setProblem(null);
    setNewYear('');
    setRows((rs) => [...rs, { year, povertyLine: '', monitoringThreshold: '', source: '', asked: false }].sort((a, b) => a.year - b.year));
  };
  const fillPreset = (key: string): void => {
    const preset = PROVINCIAL_PRESETS.find((p) => p.key === key);
    if (!preset) return;
    setRows((rs) => {
      const out = rs.filter((r) => !preset.years.some((y) => y.year === r.year));
      for (const y of preset.years) {
        out.push({
          year: y.year, povertyLine: amountText(y.povertyLine), monitoringThreshold: amountText(y.monitoringThreshold),
          source: y.source, asked: false,
        });
      }
      return out.sort((a, b) => a.year - b.year);
    });
  };
  const remove = async (): Promise<void> => {
    try {
      await call('standards.delete', { name: set.name });
      onDeleted();
    } catch (err) {
      setProblem(err instanceof ApiCallError ? err.message : String(err));
    }
  };

  return (
    <Panel
      title={`${set.label}${set.region ? `（${set.region}）` : ''}`}
      note={set.snapshotIds.length > 0 ? `快照 #${set.snapshotIds.join('、#')} 的数字按此标准计算` : '目前没有快照使用此标准'}
      actions={
        <>
          {set.name !== 'national' ? PROVINCIAL_PRESETS.map((p) => (
            <button key={p.key} type="button" className="button" onClick={() => fillPreset(p.key)}>
              按{p.label}填入
            </button>
          )) : null}
          {!set.builtin ? <button type="button" className="button" onClick={() => void remove()}>删除此标准</button> : null}
        </>
      }
    >
      <table ref={table} className="simple standard-table" data-testid="standard-years">
        <thead>
          <tr>
            <th>年度</th>
            <th>贫困线（元/人·年）</th>
            <th>监测标准（元/人·年）</th>
            <th>来源</th>
            <th aria-label="操作" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year} className={r.asked && r.povertyLine === '' && r.monitoringThreshold === '' ? 'asked' : undefined} data-year={r.year}>
              <td>
                {r.year}
                {r.asked ? <span className="asked-note">数据需要，请填写</span> : null}
              </td>
              <td><input aria-label={`${r.year}年贫困线`} inputMode="decimal" value={r.povertyLine} onChange={(e) => edit(r.year, { povertyLine: e.target.value })} /></td>
              <td><input aria-label={`${r.year}年监测标准`} inputMode="decimal" value={r.monitoringThreshold} onChange={(e) => edit(r.year, { monitoringThreshold: e.target.value })} /></td>
              <td><input aria-label={`${r.year}年来源`} className="source-input" value={r.source} placeholder="文件名称、文号" onChange={(e) => edit(r.year, { source: e.target.value })} /></td>
              <td>
                <button type="button" className="button small" onClick={() => setRows((rs) => rs.filter((x) => x.year !== r.year))}>删除</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="standard-actions">
        <label>
          增加年度
          <input aria-label="增加的年度" inputMode="numeric" value={newYear} onChange={(e) => setNewYear(e.target.value)} placeholder="如 2024" />
        </label>
        <button type="button" className="button" onClick={addYear}>增加</button>
        <span className="spacer" />
        <button type="button" className="button primary" disabled={busy} onClick={submit}>{busy ? '正在保存…' : '保存'}</button>
      </div>
      {problem ? <p className="form-error" role="alert" data-testid="standard-problem">{problem}</p> : null}
      {saved && !edited ? <p className="notice-ok" data-testid="standard-saved">{saved}</p> : null}
      {confirm ? (
        <ConfirmDialog title="标准逐年下降" confirmLabel="确认下调并保存" busy={busy} onCancel={() => setConfirm(null)} onConfirm={() => void save(confirm.years, true)}>
          <p>{confirm.message}</p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
