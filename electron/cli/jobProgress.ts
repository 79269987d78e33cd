import type { JobStatus } from '../../shared/api/jobs';
import type { JobObserver } from '../core/jobs/jobRunner';
import { PREPARE_STAGE } from '../core/metrics/derived';
import { PREPARE_JOB_KIND, type PreparationResult } from '../core/service/derivedJob';
import type { ServiceContext } from '../core/service/context';
import type { CliIo } from './command';

type Lines = (status: JobStatus) => void;

/** The import's share done, every 5 % (and 100 % once), with its stage. */
function percentLines(io: Pick<CliIo, 'err'>): Lines {
  let lastShown = -1;
  return (s) => {
    const pct = s.progress === null ? null : Math.floor(s.progress * 100);
    if (pct !== null && (pct >= lastShown + 5 || (pct === 100 && lastShown < 100))) {
      lastShown = pct;
      io.err(`${String(pct).padStart(3)}%  ${s.stage}`);
    }
  };
}

/** 准备分析数据…（乡镇和村的收入：城关镇） → 乡镇和村的收入: a table's township steps are one line. */
function tableOf(stage: string): string {
  const inner = stage.startsWith(`${PREPARE_STAGE}（`) ? stage.slice(PREPARE_STAGE.length + 1, -1) : stage;
  return inner.split('：')[0] ?? inner;
}

/** The preparation after a write: one line per table it builds. */
function tableLines(io: Pick<CliIo, 'err'>): Lines {
  let table = '';
  return (s) => {
    const name = tableOf(s.stage);
    if (name !== table) io.err(`${PREPARE_STAGE}（${name}）`);
    table = name;
  };
}

/** Other jobs (the demo's writing): their stage and each further tenth. */
function tenthLines(io: Pick<CliIo, 'err'>): Lines {
  let stage = '';
  let last = -1;
  return (s) => {
    if (s.stage !== stage) last = -1;
    stage = s.stage;
    const step = Math.floor((s.progress ?? 0) * 10);
    if (step > last) {
      last = step;
      io.err(`${s.stage} ${step * 10}%`);
    }
  };
}

/** Every job's progress of a CLI service as lines on stderr, in the form each kind has always had. */
export function progressLines(io: Pick<CliIo, 'err'>): JobObserver {
  const byJob = new Map<string, Lines>();
  return (status) => {
    let lines = byJob.get(status.jobId);
    if (!lines) {
      lines = status.kind === 'import' ? percentLines(io) : status.kind === PREPARE_JOB_KIND ? tableLines(io) : tenthLines(io);
      byJob.set(status.jobId, lines);
    }
    lines(status);
  };
}

/**
 * Waits for the analysis data the service prepares after a snapshot is written (the same job the
 * desktop runs in the background), so that the first figure asked of the database is quick.
 */
export async function awaitPreparation(ctx: ServiceContext, io: Pick<CliIo, 'err'>): Promise<void> {
  for (const job of ctx.jobs.active(PREPARE_JOB_KIND)) {
    const end = await ctx.jobs.wait(job.jobId);
    if (end.state !== 'done') throw new Error(`准备分析数据未完成：${end.error ?? end.state}`);
    const prepared = end.result as PreparationResult;
    const ms = prepared.ms + (prepared.pivotMs ?? 0);
    io.err(`分析数据已准备好，用时 ${(ms / 1000).toFixed(1)} 秒`);
  }
}
