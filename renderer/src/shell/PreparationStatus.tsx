import { useEffect, useState, type ReactNode } from 'react';
import type { JobStatus } from '../../../shared/api/jobs';
import { call } from '../api/client';

/**
 * The job kind the host gives the preparation of analysis data after an import (electron/core/service/derivedJob.ts).
 */
const PREPARE_KIND = 'metrics.prepare';
const POLL_BUSY_MS = 1500;
const POLL_IDLE_MS = 5000;

/**
 * Says in the top bar that the host is preparing a snapshot's analysis data after an import, so a
 * statistician who opens a view meanwhile knows why the first figures take longer. Polls the host's
 * running jobs: often while one runs, rarely otherwise.
 */
export function PreparationStatus(): ReactNode {
  const [job, setJob] = useState<JobStatus | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      let running: JobStatus | null = null;
      try {
        running = (await call('jobs.active', { kind: PREPARE_KIND }))[0] ?? null;
      } catch {
        // A host that cannot say is treated as idle; the views report their own errors.
      }
      if (!live) return;
      setJob(running);
      timer = setTimeout(() => void poll(), running ? POLL_BUSY_MS : POLL_IDLE_MS);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, []);

  if (!job) return null;
  const percent = job.progress === null ? null : Math.round(job.progress * 100);
  return (
    <div className="preparation-status" role="status" data-testid="preparation-status" title="导入后的分析数据准备：完成前打开的视图需要多等一会儿，数字不受影响">
      <span className="preparation-text">{job.stage || '正在准备分析数据…'}</span>
      {percent !== null ? (
        <span className="preparation-bar" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </span>
      ) : null}
      {percent !== null ? <span className="preparation-percent">{percent}%</span> : null}
    </div>
  );
}
