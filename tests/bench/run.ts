import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchImport } from './importBench';
import { benchJourney } from './journeyBench';
import { LARGE_COUNTY, ensureLargeCounty } from './largeCounty';
import { benchMetrics } from './metricsBench';
import { benchPivot } from './pivotBench';
import { benchEvaluation } from './evaluationBench';
import { benchParquet } from './parquetBench';
import { benchReport } from './reportBench';

/**
 * `npm run bench`: import, metrics and pivot figures on the large county (300,000 households),
 * printed as JSON and kept in bench-results/latest.json. A benchmark, not a test: it reports
 * medians and ratios and never fails on a slow machine. TUOPIN_BENCH_HOUSEHOLDS makes a smaller
 * county for a quick try; TUOPIN_BENCH_ONLY=import,journey,metrics,pivot,evaluation,parquet,report picks parts.
 */
async function main(): Promise<void> {
  const only = new Set((process.env.TUOPIN_BENCH_ONLY ?? 'import,journey,metrics,pivot,evaluation,parquet,report').split(',').map((s) => s.trim()));
  const households = process.env.TUOPIN_BENCH_HOUSEHOLDS ? Number(process.env.TUOPIN_BENCH_HOUSEHOLDS) : undefined;
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const report: Record<string, unknown> = { startedAt: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length } };

  const county = await ensureLargeCounty({ ...(households ? { households } : {}), log });
  report.county = { counts: county.counts, generation: county.timings, sizes: county.sizes };

  // Metrics and pivots write derived tables: work on a copy so the cached county stays pristine.
  const work = mkdtempSync(join(tmpdir(), 'tuopin-bench-'));
  const dbCopy = join(work, 'county.sqlite');
  copyFileSync(county.dbPath, dbCopy);
  try {
    if (only.has('import')) {
      log('导入基准…');
      report.import = await benchImport();
    }
    if (only.has('journey')) {
      log('旅程基准（导入 → 可用）…');
      report.journey = await benchJourney();
    }
    if (only.has('metrics')) {
      log('指标基准…');
      report.metrics = await benchMetrics(dbCopy);
    }
    if (only.has('pivot')) {
      log('透视基准…');
      report.pivot = await benchPivot(dbCopy);
    }
    if (only.has('evaluation')) {
      log('跨期对比与收入测算核查基准…');
      report.evaluation = await benchEvaluation(county, households ?? LARGE_COUNTY.households, log);
    }
    if (only.has('parquet')) {
      log('Parquet 导出基准…');
      report.parquet = await benchParquet(dbCopy, log);
    }
    if (only.has('report')) {
      log('报告基准（三种格式，演示县与大县）…');
      report.report = await benchReport(dbCopy, log);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  // First-paint timings measured by the e2e view suite, when it has run on this checkout.
  const resultsDir = join(process.cwd(), 'bench-results');
  if (existsSync(resultsDir)) {
    for (const f of readdirSync(resultsDir)) {
      if (f.startsWith('e2e-') && f.endsWith('.json')) report[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
    }
  }
  mkdirSync(resultsDir, { recursive: true });
  const text = JSON.stringify(report, null, 2);
  writeFileSync(join(resultsDir, 'latest.json'), text);
  process.stdout.write(`${text}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
