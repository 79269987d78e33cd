import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/common';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatDateZh } from '../../format/numbers';
import { useSnapshots } from '../../state/snapshotContext';
import { ConfirmDialog } from './ConfirmDialog';
import { type FinishedImport, ImportPanel } from './ImportPanel';
import { type IssueSubject, IssuesPanel } from './IssuesPanel';
import { SnapshotTable } from './SnapshotTable';
import { ParquetExportPanel } from './ParquetExportPanel';
import { IdSecretPanel } from './IdSecretPanel';
import './dataManagement.css';

/** 数据管理: import exports, see and save their problems, list and delete snapshots. */
export function DataView(): ReactNode {
  const { snapshots, current, error, refresh, select } = useSnapshots();
  const [subject, setSubject] = useState<IssueSubject | null>(null);
  const [toDelete, setToDelete] = useState<SnapshotSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  const onImported = async ({ fileName, status, result }: FinishedImport): Promise<void> => {
    if (status.state === 'cancelled') return;
    if (result) {
      await refresh();
      select(result.snapshotId);
      setSubject({ kind: 'job', jobId: status.jobId, title: `导入警告：${fileName}（快照 #${result.snapshotId}）`, issues: status.issues });
    } else {
      setSubject({ kind: 'job', jobId: status.jobId, title: `导入被拒绝：${fileName}`, issues: status.issues });
    }
  };

  const confirmDelete = async (): Promise<void> => {
    if (!toDelete) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await call('snapshots.delete', { id: toDelete.id });
      if (subject?.kind === 'snapshot' && subject.snapshotId === toDelete.id) setSubject(null);
      setToDelete(null);
      await refresh();
    } catch (err) {
      setDeleteError(err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) });
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className="data-view">
      <ViewHeader title="数据管理" />
      <ImportPanel onFinished={onImported} />
      <Panel title="已导入的快照" note="每次导入生成一个快照（某县某日的全部数据）；分析页顶部可切换快照。">
        {error ? <ErrorNotice error={error.error} onRetry={() => void refresh()} /> : null}
        {deleteError ? <ErrorNotice error={deleteError} /> : null}
        {snapshots === null && !error ? (
          <Loading />
        ) : (
          <SnapshotTable
            snapshots={snapshots ?? []}
            selectedId={subject?.kind === 'snapshot' ? subject.snapshotId : null}
            onShowIssues={(s) => setSubject({ kind: 'snapshot', snapshotId: s.id, title: `快照 #${s.id} ${s.countyName} 的导入警告（${formatCount(s.warningCount)} 条）` })}
            onDelete={(s) => {
              setDeleteError(null);
              setToDelete(s);
            }}
          />
        )}
      </Panel>
      {subject ? <IssuesPanel subject={subject} /> : null}
      <ParquetExportPanel current={current} count={snapshots?.length ?? 0} />
      <IdSecretPanel snapshots={snapshots?.length ?? 0} />
      {toDelete ? (
        <ConfirmDialog title="删除快照" confirmLabel="确定删除" busy={deleting} onConfirm={() => void confirmDelete()} onCancel={() => setToDelete(null)}>
          <p>
            确定要删除快照 #{toDelete.id}（{toDelete.countyName}，截至 {formatDateZh(toDelete.asOf)}，{formatCount(toDelete.households)} 户{' '}
            {formatCount(toDelete.persons)} 人，来源 {toDelete.sourceName}）吗？
          </p>
          <p className="confirm-warning">删除后该快照的全部数据将无法恢复，如需要请重新导入原文件。</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
