import { useEffect, type ReactNode } from 'react';
import type { HouseholdRecord } from '../../../../shared/api/evaluation';
import type { LineValue } from '../../../../shared/api/metricScope';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { formatYuan } from '../common/zhNumbers';
import '../common/views.css';

export interface DrawerSide {
  readonly label: string;
  readonly snapshotId: number;
  /** 户编号 in that snapshot; null when the household is not there. */
  readonly code: string | null;
}

function incomeOf(record: HouseholdRecord | null | undefined, year: number): HouseholdRecord['incomes'][number] | undefined {
  return record?.incomes.find((i) => i.year === year);
}

/**
 * One household's history, from one snapshot or two side by side (A and B of a comparison): its
 * income rows year by year (a value that B changed is marked), its state changes, and the head's
 * masked ID number only.
 */
export function HouseholdRecordDrawer({
  sides,
  lines,
  onClose,
}: {
  readonly sides: readonly DrawerSide[];
  /** L(Y) by year, when a line is to be shown beside the income. */
  readonly lines?: readonly LineValue[];
  readonly onClose: () => void;
}): ReactNode {
  const first = sides[0];
  const second = sides[1];
  const a = useApiQuery('evaluation.household', first?.code ? { snapshotId: first.snapshotId, code: first.code } : null);
  const b = useApiQuery('evaluation.household', second?.code ? { snapshotId: second.snapshotId, code: second.code } : null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const records = [a.data, b.data];
  const main = b.data ?? a.data;
  const years = [...new Set(records.flatMap((r) => r?.incomes.map((i) => i.year) ?? []))].sort((x, y) => x - y);
  const lineOf = (year: number): number | null => lines?.find((l) => l.year === year)?.line ?? null;
  const title = [...new Set(sides.map((s) => s.code).filter((c): c is string => c !== null))].join(' → ');

  return (
    <div className="history-backdrop" onClick={onClose}>
      <aside className="history-drawer" role="dialog" aria-label="户的历史记录" data-testid="household-record" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>户 {title}</h2>
          <button type="button" className="button small" onClick={onClose}>关闭</button>
        </header>
        {a.loading || b.loading ? <Loading text="正在读取该户的记录…" /> : null}
        {a.error ? <ErrorNotice error={a.error.error} onRetry={a.reload} /> : null}
        {b.error ? <ErrorNotice error={b.error.error} onRetry={b.reload} /> : null}
        {main ? (
          <dl className="history-facts">
            <dt>所在地</dt>
            <dd>{main.township} · {main.village}</dd>
            <dt>户主证件号</dt>
            <dd data-testid="record-masked-id">{main.headIdMasked ?? '—'}（已脱敏）</dd>
            {sides.map((s, k) => {
              const r = records[k];
              return (
                <div key={s.label} style={{ display: 'contents' }}>
                  <dt>{s.label}</dt>
                  <dd>{r ? `${r.status ?? '无脱贫状态'}，${r.attribute ?? '无属性'}，${r.size} 人` : '不在此快照中'}</dd>
                </div>
              );
            })}
          </dl>
        ) : null}
        {years.length > 0 ? (
          <table className="figures" data-testid="record-income">
            <thead>
              <tr>
                <th>年度</th>
                {sides.map((s) => <th key={s.label}>{s.label} 人均纯收入（元）</th>)}
                {sides.map((s) => <th key={`${s.label}-size`}>{s.label} 人口</th>)}
                {lines ? <th>当年标准（元）</th> : null}
              </tr>
            </thead>
            <tbody>
              {years.map((y) => {
                const values = records.slice(0, sides.length).map((r) => incomeOf(r, y));
                const differs = sides.length > 1 && values[0] !== undefined && values[1] !== undefined
                  && (values[0].net !== values[1].net || values[0].size !== values[1].size);
                const line = lineOf(y);
                return (
                  <tr key={y}>
                    <td className="label">{y}</td>
                    {values.map((v, k) => (
                      <td key={k} className={differs ? 'changed' : line !== null && v && v.perCapita < line ? 'gap-break' : undefined}>
                        {v ? formatYuan(v.perCapita) : '—'}
                      </td>
                    ))}
                    {values.map((v, k) => <td key={`s${k}`} className={differs ? 'changed' : undefined}>{v ? v.size : '—'}</td>)}
                    {lines ? <td>{formatYuan(line)}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {sides.map((s, k) => {
          const r = records[k];
          if (!r) return null;
          return (
            <p key={s.label} className="panel-hint">
              {s.label} 状态变化：{r.events.length ? r.events.map((e) => `${e.year}年${e.type}${e.reason ? `（${e.reason}）` : ''}`).join('；') : '无'}
            </p>
          );
        })}
        {sides.length > 1 ? <p className="panel-hint">底色标出两期不一致的收入记录（历史数据修改）。</p> : null}
      </aside>
    </div>
  );
}
