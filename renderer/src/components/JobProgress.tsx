import type { ReactNode } from 'react';
import type { JobStatus } from '../../../shared/api/jobs';

const STATE_LABEL: Readonly<Record<JobStatus['state'], string>> = {
  running: '进行中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

/** A long task's progress bar, stage and 取消 button (see api/jobs.ts for the polling). */
export function JobProgress({ status, onCancel }: {
  readonly status: JobStatus; readonly onCancel?: () => void;
}): ReactNode {
  const percent = status.progress === null ? null : Math.round(status.progress * 100);
  return (
    <div className={`job-progress ${status.state}`} role="status">
      <div className="job-line">
        <span className="job-stage">{status.stage}</span>
        <span className="job-state">
          {STATE_LABEL[status.state]}
          {percent !== null && status.state === 'running' ? ` ${percent}%` : ''}
        </span>
        {onCancel && status.state === 'running' ? (
          <button type="button" className="button small" onClick={onCancel}>
            取消
          </button>
        ) : null}
      </div>
      <div className="job-bar">
        <div className={percent === null ? 'job-fill indeterminate' : 'job-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      {status.error ? <p className="job-error">{status.error}</p> : null}
    </div>
  );
}
