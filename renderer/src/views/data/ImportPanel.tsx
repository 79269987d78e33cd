import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/common';
import { ImportJobResult } from '../../../../shared/api/imports';
import type { JobStatus } from '../../../../shared/api/jobs';
import { ApiCallError, call } from '../../api/client';
import { cancelJob, waitForJob } from '../../api/jobs';
import { ErrorNotice } from '../../components/Feedback';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { JobProgress } from '../../components/JobProgress';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format/numbers';

const NAMES_HINT = '勾选时姓名存入本机数据库，名单中可见；不勾选则只存户编号和遮蔽的证件号码，各项统计不受影响。';

export interface FinishedImport {
  readonly fileName: string;
  readonly status: JobStatus;
  /** Set when the import wrote a snapshot. */
  readonly result: ImportJobResult | null;
}

/**
 * Picks an export (dialog, file input or drop), runs the import as a job with its progress bar and
 * 取消, and hands the finished job (done, refused or cancelled) to the view.
 */
export function ImportPanel(
  { onFinished }: { readonly onFinished: (finished: FinishedImport) => void | Promise<void> },
): ReactNode {
  const [keepNames, setKeepNames] = useState(true);
  const [fileName, setFileName] = useState<string | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const polling = useRef<AbortController | null>(null);

  useEffect(() => () => polling.current?.abort(), []);

  const running = status?.state === 'running';

  const start = async (file: PickedFile): Promise<void> => {
    setFileName(file.name);
    setStartError(null);
    setStatus(null);
    const controller = new AbortController();
    polling.current = controller;
    try {
      const { jobId } = await call('imports.start', { source: file.source, keepNames });
      const final = await waitForJob(jobId, { onStatus: setStatus, signal: controller.signal });
      if (controller.signal.aborted) return;
      const parsed = ImportJobResult.safeParse(final.result);
      await onFinished({ fileName: file.name, status: final, result: final.state === 'done' && parsed.success ? parsed.data : null });
    } catch (err) {
      setStartError(err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) });
    }
  };

  const cancel = async (): Promise<void> => {
    if (!status) return;
    try {
      setStatus(await cancelJob(status.jobId));
    } catch (err) {
      setStartError(err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) });
    }
  };

  const done = status?.state === 'done' ? ImportJobResult.safeParse(status.result) : null;

  return (
    <Panel title="导入县级数据" note="导入系统导出的 .xlsx 工作簿、CSV 压缩包（.zip）或单个 .csv；有错误时整批拒绝，数据库不作任何改动。">
      <div className="import-controls">
        {running ? (
          <p className="data-muted">正在导入 {fileName}…</p>
        ) : (
          <FilePicker extensions={['xlsx', 'zip', 'csv']} filterName="县级导出数据" label="选择文件导入…" onPicked={(file) => void start(file)} />
        )}
        <label className="keep-names" title={NAMES_HINT}>
          <input type="checkbox" checked={keepNames} disabled={running} onChange={(event) => setKeepNames(event.target.checked)} />
          导入户主和成员姓名
        </label>
        <p className="keep-names-hint" data-testid="keep-names-hint">{NAMES_HINT}</p>
      </div>
      {status ? (
        <div className="import-status" data-testid="import-status" data-job-id={status.jobId}>
          <p className="import-file">文件：{fileName}</p>
          <JobProgress status={status} onCancel={() => void cancel()} />
          {done?.success ? (
            <p className="import-summary" data-testid="import-summary">
              已导入快照 #{done.data.snapshotId}：
              {formatCount(done.data.counts.households)} 户 {formatCount(done.data.counts.persons)} 人，
              收入 {formatCount(done.data.counts.incomeRows)} 条，帮扶措施 {formatCount(done.data.counts.measureRows)} 条，警告{' '}
              {formatCount(done.data.warningCount)} 条。
            </p>
          ) : null}
          {status.state === 'cancelled' ? <p className="data-muted">导入已取消，数据库未作任何改动。</p> : null}
        </div>
      ) : null}
      {startError ? <ErrorNotice error={startError} /> : null}
    </Panel>
  );
}
