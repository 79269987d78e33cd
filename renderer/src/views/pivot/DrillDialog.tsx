import { useState, type ReactNode } from 'react';
import type { DrillRequest } from '../../../../shared/api/pivot';
import { call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { formatAmount, formatCount } from '../../format/numbers';

/** 导出 Excel: every household of the cell (not only those listed), downloaded or saved where the user says. */
function DrillExport({ request, title }: { readonly request: DrillRequest; readonly title: string }): ReactNode {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    setNote(null);
    try {
      const { limit: _shown, ...cell } = request;
      const done = await call('pivot.exportDrill', { ...cell, title });
      const outcome = await deliver(done.delivery, '导出明细');
      const where = outcome.savedAs ? `到 ${outcome.savedAs}` : `（${done.delivery.fileName}，已下载）`;
      if (outcome.saved) setNote(`已导出 ${formatCount(done.rows)} 户${where}`);
    } catch (err) {
      setNote(`导出失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {note ? <span className="panel-note" data-testid="drill-export-note">{note}</span> : null}
      <button type="button" className="button small" onClick={() => void run()} disabled={busy}>
        {busy ? '正在导出…' : '导出 Excel'}
      </button>
    </>
  );
}

/** The households behind one cell, with their income history: how a surprising number is checked. */
export function DrillDialog({ request, title, onClose }: {
  readonly request: DrillRequest;
  readonly title: string;
  readonly onClose: () => void;
}): ReactNode {
  const drill = useApiQuery('pivot.drill', request);
  return (
    <div className="pivot-dialog-backdrop" onClick={onClose}>
      <div className="pivot-dialog" role="dialog" aria-label="明细" data-testid="drill-dialog"
        onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>明细：{title}</h2>
          <div className="pivot-dialog-actions">
            {drill.data ? <DrillExport request={request} title={title} /> : null}
            <button type="button" className="button small" onClick={onClose}>关闭</button>
          </div>
        </header>
        {drill.loading ? <Loading text="正在查询明细…" /> : null}
        {drill.error ? <ErrorNotice error={drill.error.error} /> : null}
        {drill.data ? (
          <>
            <p className="panel-note" data-testid="drill-total">
              {/* The 口径 says the count (共 N 户, 列出前 M 户) once */}
              {drill.data.koujing}{drill.data.truncated ? '（导出 Excel 含全部）' : ''}
            </p>
            <div className="pivot-dialog-body">
              <table className="pivot-drill-table">
                <thead>
                  <tr>
                    <th>户编号</th><th>户主证件号（脱敏）</th><th>乡镇</th><th>行政村</th><th>属性</th><th>状态</th><th>人口</th>
                    <th>收入历史（年度：人均纯收入，元）</th>
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
