import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/common';
import type { ParquetExportResult } from '../../../../shared/api/export';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { ErrorNotice } from '../../components/Feedback';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format/numbers';

type Scope = 'current' | 'all';

/**
 * 导出 Parquet: the current snapshot or every snapshot as Hive-style partitions with manifest.json and
 * koujing.sql, handed over as one .zip (a download in the browser, the save dialog in the desktop app).
 */
export function ParquetExportPanel({ current, count }: { readonly current: SnapshotSummary | null; readonly count: number }): ReactNode {
  const [scope, setScope] = useState<Scope>('current');
  const [names, setNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ result: ParquetExportResult; savedAs: string | null; saved: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await call('export.parquet', scope === 'all' ? { all: true, names } : { snapshotIds: current ? [current.id] : [], names });
      if (!result.delivery) throw new ApiCallError({ code: 'internal', message: '导出没有生成文件' });
      const outcome = await deliver(result.delivery, '保存 Parquet 导出');
      setDone({ result, savedAs: outcome.savedAs, saved: outcome.saved });
    } catch (err) {
      setError(err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const partitions = done?.result.manifest.partitions ?? [];
  return (
    <Panel
      title="导出给多县汇总（Parquet）"
      note="按“县代码/截止日期”分区的 Parquet 文件，附 manifest.json（行数、SHA-256、所用贫困线）和口径 SQL（koujing.sql），可用 DuckDB、Spark、Trino 汇总多县。身份证号只有加密散列和遮蔽形式。"
    >
      <div className="import-controls" data-testid="parquet-export">
        <label className="keep-names">
          <input type="radio" name="parquet-scope" checked={scope === 'current'} disabled={busy || !current} onChange={() => setScope('current')} />
          当前快照{current ? `（#${current.id} ${current.countyName}）` : ''}
        </label>
        <label className="keep-names">
          <input type="radio" name="parquet-scope" checked={scope === 'all'} disabled={busy} onChange={() => setScope('all')} />
          全部 {formatCount(count)} 个快照
        </label>
        <label className="keep-names">
          <input type="checkbox" checked={names} disabled={busy} onChange={(event) => setNames(event.target.checked)} />
          包含姓名（仅限内部使用）
        </label>
        <button type="button" className="button" disabled={busy || count === 0} onClick={() => void run()} data-testid="parquet-export-button">
          {busy ? '正在导出…' : '导出 Parquet（.zip）'}
        </button>
      </div>
      {done ? (
        <p className="import-summary" data-testid="parquet-export-done">
          {done.saved ? '已导出' : '已生成但未保存'} {formatCount(partitions.length)} 个快照（
          {partitions.map((p) => `${p.countyName} ${p.asOf}`).join('、')}）：{done.result.delivery?.fileName}
          {done.savedAs ? `，保存到 ${done.savedAs}` : ''}。
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Panel>
  );
}
