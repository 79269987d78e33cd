import { z } from 'zod';
import { UserIssue } from './common';

/**
 * Long work (import, demo generation, report export) runs as a job that the client polls: the same
 * over IPC and HTTP, with progress and a cancel button, and no push channel to keep alive.
 */
export const JobState = z.enum(['running', 'done', 'failed', 'cancelled']);

export const JobStatus = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: JobState,
  /** 0..1, or null while the total is unknown. */
  progress: z.number().min(0).max(1).nullable(),
  stage: z.string(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  issues: z.array(UserIssue),
});
export type JobStatus = z.infer<typeof JobStatus>;

export const JobRef = z.object({ jobId: z.string() });

/**
 * The jobs still running, optionally of one kind: the host starts some by itself (after an import,
 * `metrics.prepare` prepares the analysis data, stage 准备分析数据…), and a view finds them here.
 */
export const ActiveJobs = z.object({ kind: z.string().optional() });

export const jobsApi = {
  'jobs.status': { request: JobRef, response: JobStatus },
  'jobs.cancel': { request: JobRef, response: JobStatus },
  'jobs.active': { request: ActiveJobs, response: z.array(JobStatus) },
} as const;
