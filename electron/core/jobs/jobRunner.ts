import { randomUUID } from 'node:crypto';
import type { JobStatus } from '../../../shared/api/jobs';
import type { UserIssue } from '../../../shared/api/common';
import { isCancellation, isRefusal } from '../refusal';

/** What a job's work function is given: report progress, and ask whether to stop. */
export interface JobControl {
  progress(fraction: number | null, stage: string): void;
  /** True once the user pressed 取消; work checks it between chunks and stops cleanly. */
  readonly cancelled: boolean;
  addIssues(issues: readonly UserIssue[]): void;
  /** What a job that then fails found (a refused import: the rows read, every issue's count), kept as its result. */
  keepResult(result: unknown): void;
}

/** Told of every progress step of every job: the CLI prints them as lines on stderr. */
export type JobObserver = (status: JobStatus) => void;

interface JobEntry {
  status: JobStatus;
  cancelRequested: boolean;
}

/** Keeps the jobs of this process; finished jobs are kept for polling until the process ends. */
export class JobRunner {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(private readonly observer: JobObserver | null = null) {}

  start(kind: string, work: (control: JobControl) => Promise<unknown>): string {
    const jobId = randomUUID();
    const entry: JobEntry = {
      status: { jobId, kind, state: 'running', progress: 0, stage: '准备中', result: null, error: null, issues: [] },
      cancelRequested: false,
    };
    this.jobs.set(jobId, entry);
    const observer = this.observer;
    const control: JobControl = {
      progress(fraction, stage) {
        const progress = fraction === null ? null : Math.max(0, Math.min(1, fraction));
        entry.status = { ...entry.status, progress, stage };
        observer?.(entry.status);
      },
      get cancelled() {
        return entry.cancelRequested;
      },
      addIssues(issues) {
        entry.status = { ...entry.status, issues: [...entry.status.issues, ...issues] };
      },
      keepResult(result) {
        entry.status = { ...entry.status, result };
      },
    };
    // Deferred so the caller gets the id before any synchronous part of the work runs.
    setImmediate(() => {
      work(control).then(
        (result) => {
          entry.status = { ...entry.status, state: 'done', progress: 1, stage: '完成', result: result ?? null };
        },
        (err: unknown) => {
          if (isCancellation(err) || entry.cancelRequested) {
            entry.status = { ...entry.status, state: 'cancelled', stage: '已取消', error: null };
          } else if (isRefusal(err)) {
            // A failure the user caused (a bad file): its message is shown as is, with its located issues.
            const issues = [...entry.status.issues, ...(err.details ?? [])];
            entry.status = { ...entry.status, state: 'failed', stage: '失败', error: err.message, issues };
          } else {
            entry.status = { ...entry.status, state: 'failed', stage: '失败', error: err instanceof Error ? err.message : String(err) };
          }
        },
      );
    });
    return jobId;
  }

  status(jobId: string): JobStatus | null {
    return this.jobs.get(jobId)?.status ?? null;
  }

  /** The running jobs, oldest first, optionally of one kind. */
  active(kind?: string): JobStatus[] {
    return [...this.jobs.values()].map((e) => e.status).filter((s) => s.state === 'running' && (kind === undefined || s.kind === kind));
  }

  cancel(jobId: string): JobStatus | null {
    const entry = this.jobs.get(jobId);
    if (!entry) return null;
    if (entry.status.state === 'running') entry.cancelRequested = true;
    return entry.status;
  }

  /** Resolves when the job has ended (for the CLI and tests). */
  async wait(jobId: string, pollMs = 20): Promise<JobStatus> {
    for (;;) {
      const s = this.status(jobId);
      if (!s) throw new Error(`没有任务 ${jobId}`);
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
