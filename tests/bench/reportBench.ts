import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { latestSnapshotId } from '../../electron/core/db/snapshotRepo';
import { JobRunner } from '../../electron/core/jobs/jobRunner';
import { prepareDerived } from '../../electron/core/metrics/derived';
import type { ServiceContext } from '../../electron/core/service/context';
import { dispatch } from '../../electron/core/service/service';
import { writeDemoCounty } from '../../electron/host/demoCounty';
import { REPORT_FORMATS, ReportExportResult, type ReportFormat } from '../../shared/api/report';

/** Budgets of the report issue: the full report with all charts, per format. */
const BUDGET_MS = { demo: 5000, large: 15000 } as const;
const RUNS = 3;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * CPU ms of this process's ended children (the browser that draws the charts and prints the PDF):
 * cutime + cstime of /proc/self/stat in 1/100 s. Null where there is no /proc.
 */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of the file; the list starts at field 3 (state).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

interface Run { wall: number; cpu: number; childCpu: number | null }

/** One export through the front door (report.export, its job, the delivery), timed wall and CPU. */
async function exportOnce(ctx: ServiceContext, format: ReportFormat): Promise<Run> {
  const c0 = process.cpuUsage();
  const k0 = childCpuMs();
  const t0 = performance.now();
  const started = await dispatch(ctx, 'report.export', { format });
  if (!started.ok) throw new Error(started.error.message);
  const job = await ctx.jobs.wait((started.data as { jobId: string }).jobId, 5);
  if (job.state !== 'done') throw new Error(job.error ?? job.state);
  ReportExportResult.parse(job.result);
  const c = process.cpuUsage(c0);
  const k1 = childCpuMs();
  const childCpu = k0 === null || k1 === null ? null : k1 - k0;
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, childCpu };
}

async function benchCounty(
  db: Db, dbPath: string, budget: number, log: (l: string) => void,
): Promise<Record<string, unknown>> {
  const snapshotId = latestSnapshotId(db);
  if (snapshotId === null) throw new Error('no snapshot');
  // As after an import: the host prepares the analysis data before anyone asks for a report.
  const p0 = performance.now();
  prepareDerived(db, snapshotId);
  const prepareMs = Math.round(performance.now() - p0);
  const workDir = mkdtempSync(join(tmpdir(), 'tuopin-bench-report-'));
  const ctx: ServiceContext = { db, databasePath: dbPath, jobs: new JobRunner(), host: 'cli', workDir };
  const out: Record<string, unknown> = { prepareMs, budgetMs: budget };
  try {
    for (const format of REPORT_FORMATS) {
      const runs: Run[] = [];
      for (let k = 0; k < RUNS; k++) runs.push(await exportOnce(ctx, format));
      const ms = Math.round(median(runs.map((r) => r.wall)));
      const cpuMs = Math.round(median(runs.map((r) => r.cpu)));
      const child = runs.map((r) => r.childCpu).filter((x): x is number => x !== null);
      const browserCpuMs = child.length === runs.length ? Math.round(median(child)) : null;
      const load = Math.round((loadavg()[0] ?? 0) * 10) / 10;
      out[format] = {
        ms, cpuMs, browserCpuMs, runs: runs.map((r) => Math.round(r.wall)), loadAverage: load, ok: ms <= budget,
      };
      log(`  ${format}: ${ms} ms（预算 ${budget} ms），CPU ${cpuMs} ms + 浏览器 ${browserCpuMs ?? '—'} ms，负载 ${load}`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return out;
}

/** The report part of `npm run bench`: every format on the demo county and on the large county. */
export async function benchReport(largeDbPath: string, log: (line: string) => void): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { loadAverageBefore: Math.round((loadavg()[0] ?? 0) * 10) / 10, runs: RUNS };
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-bench-demo-'));
  try {
    const demoPath = join(dir, 'demo.sqlite');
    const demo = openDatabase(demoPath);
    try {
      await writeDemoCounty(demo);
      log(' 演示县：');
      out.demo = await benchCounty(demo, demoPath, BUDGET_MS.demo, log);
    } finally {
      demo.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const large = openDatabase(largeDbPath);
  try {
    log(' 大县：');
    out.large = await benchCounty(large, largeDbPath, BUDGET_MS.large, log);
  } finally {
    large.close();
  }
  out.loadAverageAfter = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  return out;
}
