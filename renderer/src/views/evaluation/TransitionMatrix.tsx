import type { ReactNode } from 'react';
import { ADDED, VANISHED, type CompareResult } from '../../../../shared/api/evaluation';
import { formatCount } from '../../format/numbers';

export type MatrixUnit = 'households' | 'persons';

/**
 * The centrepiece of 跨期对比: A's 脱贫状态 down, B's across, 新增 as the last row and 消失 as the
 * last column, in households or persons; every cell opens its households.
 */
export function TransitionMatrix({
  result,
  unit,
  selected,
  onSelect,
}: {
  readonly result: CompareResult;
  readonly unit: MatrixUnit;
  readonly selected: { from: string; to: string } | null;
  readonly onSelect: (from: string, to: string) => void;
}): ReactNode {
  const rows = [...result.statuses, ADDED];
  const columns = [...result.statuses, VANISHED];
  const value = (from: string, to: string): number =>
    result.transitions.find((t) => t.from === from && t.to === to)?.[unit] ?? 0;
  const rowTotal = (from: string): number => columns.reduce((s, to) => s + value(from, to), 0);
  const columnTotal = (to: string): number => rows.reduce((s, from) => s + value(from, to), 0);
  return (
    <table className="figures" data-testid="transition-matrix">
      <thead>
        <tr>
          <th className="label">A（{result.from.asOf}）＼ B（{result.to.asOf}）</th>
          {columns.map((c) => <th key={c}>{c}</th>)}
          <th>合计</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((from) => (
          <tr key={from}>
            <td className="label">{from}</td>
            {columns.map((to) => {
              const v = value(from, to);
              const impossible = from === ADDED && to === VANISHED;
              const isSelected = selected?.from === from && selected.to === to;
              const classes = [
                v > 0 ? 'cell-link' : 'muted', from === to ? 'diagonal' : '', isSelected ? 'cell-selected' : '',
              ].filter(Boolean).join(' ');
              return (
                <td
                  key={to}
                  className={classes}
                  data-testid={`cell-${from}-${to}`}
                  data-value={v}
                  title={v > 0 ? `点击查看这 ${formatCount(value(from, to))} ${unit === 'households' ? '户' : '人'}所在的户` : undefined}
                  onClick={v > 0 ? () => onSelect(from, to) : undefined}
                >
                  {impossible ? '' : formatCount(v)}
                </td>
              );
            })}
            <td>{formatCount(rowTotal(from))}</td>
          </tr>
        ))}
        <tr className="total">
          <td className="label">合计</td>
          {columns.map((c) => <td key={c}>{formatCount(columnTotal(c))}</td>)}
          <td>{formatCount(result.transitions.reduce((s, t) => s + t[unit], 0))}</td>
        </tr>
      </tbody>
    </table>
  );
}
