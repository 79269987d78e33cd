import type { JobStatus } from '../../../shared/api/jobs';
import { call } from './client';

/**
 * Polls a job until it ends, reporting every status (progress, stage) on the way. Aborting the
 * signal stops polling (the job itself is stopped with cancelJob).
 */
export async function waitForJob(
  jobId: string,
  options: {
    readonly onStatus?: (status: JobStatus) => void; readonly intervalMs?: number; readonly signal?: AbortSignal;
  } = {},
): Promise<JobStatus> {
  const interval = options.intervalMs ?? 300;
  for (;;) {
    const status = await call('jobs.status', { jobId });
    options.onStatus?.(status);
    if (status.state !== 'running' || options.signal?.aborted) return status;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export function cancelJob(jobId: string): Promise<JobStatus> {
  return call('jobs.cancel', { jobId });
}
