import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/common';
import type { ExportManifest } from '../../../../shared/api/export';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice } from '../../components/Feedback';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format/numbers';

type Scope = 'current' | 'all';

/** What the last export did: written (where, when known), or why nothing was written. */
interface Done {
  readonly manifest: ExportManifest | null;
  readonly fileName: string | null;
  readonly savedAs: string | null;
  readonly outcome: 'written' | 'unsaved' | 'cancelled' | 'declined';
}

const NO_REQUEST = {};

/**
 * 导出 Parquet: the current snapshot or every snapshot as Hive-style partitions with manifest.json and
 * koujing.sql. The desktop app writes the folder where the system's folder dialog says (asking first
 * when it holds files); the browser downloads the same folder as one .zip.
 */
export function ParquetExportPanel({ current, count }: {
  readonly current: SnapshotSummary | null; readonly count: number;
}): ReactNode {
  const [scope, setScope] = useState<Scope>('current');
  const [names, setNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const desktop = useApiQuery('app.info', NO_REQUEST).data?.host === 'electron';

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    const request = scope === 'all' ? { all: true, names } : { snapshotIds: current ? [current.id] : [], names };
    try {
      if (desktop) {
        const result = await call('export.parquetFolder', request);
        setDone({ manifest: result.manifest, fileName: null, savedAs: result.outDir, outcome: result.outcome });
        return;
      }
      const result = await call('export.parquet', request);
      if (!result.delivery) throw new ApiCallError({ code: 'internal', message: '导出没有生成文件' });
      const outcome = await deliver(result.delivery, '保存 Parquet 导出');
      setDone({
        manifest: result.manifest, fileName: result.delivery.fileName, savedAs: outcome.savedAs,
        outcome: outcome.saved ? 'written' : 'unsaved',
      });
    } catch (err) {
      setError(err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const partitions = done?.manifest?.partitions ?? [];
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
          {busy ? '正在导出…' : desktop ? '选择文件夹并导出 Parquet' : '导出 Parquet（.zip）'}
        </button>
      </div>
      {done ? <p className="import-summary" data-testid="parquet-export-done">{doneText(done, partitions)}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Panel>
  );
}

function doneText(done: Done, partitions: ExportManifest['partitions']): string {
  if (done.outcome === 'cancelled') return '没有选择文件夹，未导出。';
  if (done.outcome === 'declined') return `文件夹 ${done.savedAs ?? ''} 不是空的，按您的选择未导出。`;
  const list = `${formatCount(partitions.length)} 个快照（${partitions.map((p) => `${p.countyName} ${p.asOf}`).join('、')}）`;
  const where = done.fileName ? `：${done.fileName}${done.savedAs ? `，保存到 ${done.savedAs}` : ''}` : `到 ${done.savedAs ?? ''}`;
  return `${done.outcome === 'written' ? '已导出' : '已生成但未保存'} ${list}${where}。`;
}
