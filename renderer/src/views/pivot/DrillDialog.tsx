import type { ReactNode } from 'react';
import type { DrillRequest } from '../../../../shared/api/pivot';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { formatAmount, formatCount } from '../../format/numbers';

/** The households behind one cell, with their income history: how a surprising number is checked. */
export function DrillDialog({ request, title, onClose }: { readonly request: DrillRequest; readonly title: string; readonly onClose: () => void }): ReactNode {
  const drill = useApiQuery('pivot.drill', request);
  return (
    <div className="pivot-dialog-backdrop" onClick={onClose}>
      <div className="pivot-dialog" role="dialog" aria-label="明细" data-testid="drill-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>明细：{title}</h2>
          <button type="button" className="button small" onClick={onClose}>关闭</button>
        </header>
        {drill.loading ? <Loading text="正在查询明细…" /> : null}
        {drill.error ? <ErrorNotice error={drill.error.error} /> : null}
        {drill.data ? (
          <>
            <p className="panel-note" data-testid="drill-total">
              共 {formatCount(drill.data.total)} 户{drill.data.truncated ? `，显示前 ${formatCount(drill.data.households.length)} 户` : ''}。{drill.data.koujing}
            </p>
            <div className="pivot-dialog-body">
              <table className="pivot-drill-table">
                <thead>
                  <tr>
                    <th>户编号</th><th>户主证件号（脱敏）</th><th>乡镇</th><th>行政村</th><th>属性</th><th>状态</th><th>人口</th><th>收入历史（年度：人均纯收入，元）</th>
                  </tr>
                </thead>
                <tbody>
                  {drill.data.households.map((h) => (
                    <tr key={h.code}>
                      <td>{h.code}</td>
                      <td>{h.headIdMasked ?? '—'}</td>
                      <td>{h.township}</td>
                      <td>{h.village}</td>
                      <td>{h.attribute ?? '—'}</td>
                      <td>{h.status ?? '—'}</td>
                      <td className="num">{h.size}</td>
                      <td>{h.incomes.map((i) => `${i.year}：${formatAmount(i.perCapita)}`).join('；') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
