import { fork } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { HTTP_API_PREFIX, HTTP_TOKEN_HEADER, type ApiMethod } from '../../shared/api/contract';
import { answerFromWire } from '../../shared/api/wire';
import type { PivotResult, PivotSpecInput } from '../../shared/api/pivot';
import type { JobStatus } from '../../shared/api/jobs';
import { openDatabase } from '../../electron/core/db/database';
import { FACT_TABLES } from '../../electron/core/pivot/facts/factColumns';
import { planPivot } from '../../electron/core/pivot/plan';
import { checkSpec, pivotFactsFor } from '../../electron/core/pivot/runPivot';
import { registerPickedSource } from '../../electron/core/import/pickedSources';
import { startHttpHost } from '../../electron/http/httpHost';
import { ensureLargeCounty, fittingWorkbook } from './largeCounty';
import { copyTable, duckPivot, sameFigures, summary } from './pivotBench';
import { medianBuild, timedBuild, type BuildTiming } from './buildTiming';

/** Budgets of issue 14 on the large county. */
const BUDGET = { interactiveSeconds: 90, pivotBuildSeconds: 20, pivotP95Ms: 500, peakRssMb: 1500 } as const;
const RUNS = Number(process.env.JOURNEY_BENCH_RUNS ?? 10);
const BUILD_RUNS = Number(process.env.JOURNEY_BUILD_RUNS ?? 3);
const POLL_MS = 200;

function specs(): { name: string; spec: PivotSpecInput }[] {
  const dir = [join(process.cwd(), 'tests', 'bench', 'journeySpecs'), join(__dirname, 'journeySpecs')].find((d) => existsSync(d));
  if (!dir) throw new Error('没有找到 journeySpecs 目录');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), spec: JSON.parse(readFileSync(join(dir, f), 'utf8')) as PivotSpecInput }));
}

function rssHighWaterMarkMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : 0;
}

const round1 = (ms: number): number => Math.round(ms * 10) / 10;
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * The page's way of calling: POST /api/<method> with the token, JSON both ways, and the answer
 * checked with the contract's zod schema (and decoded from its wire form), as renderer/src/api/client.ts does.
 */
function hostClient(origin: string, token: string) {
  return async <M extends ApiMethod>(method: M, payload: unknown): Promise<unknown> => {
    const text = await post(`${origin}${HTTP_API_PREFIX}${method}`, token, JSON.stringify(payload));
    const envelope = JSON.parse(text) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message ?? '失败'}`);
    const answer = answerFromWire(method, envelope.data);
    if (!answer.ok) throw new Error(`${method}: 结果不符合约定（${answer.message}）`);
    return answer.data;
  };
}

/**
 * One POST on a connection of its own: a kept-alive connection may be closed by the host's idle
 * timer just as the next poll is sent, while a long step held its thread.
 */
function post(url: string, token: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The user's journey on the large county, in a fresh process (so that its peak memory is its
 * own): a loopback host on an empty database; 导入 of the .xlsx; as soon as the import has
 * committed, every view's first call and a first pivot, as a user opening them one after another
 * would (the preparation runs meanwhile); the preparation's end (the metrics' tables and the pivot
 * tables); then three many-group pivots through the host, each beside DuckDB over the same rows.
 */
async function journey(xlsxPath: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-journey-'));
  const dbFile = join(dir, 'county.sqlite');
  const db = openDatabase(dbFile);
  const host = await startHttpHost({ db, databasePath: dbFile, workDir: dir });
  const call = hostClient(host.origin, host.token);
  const loadBefore = loadavg()[0] ?? 0;
  const cpu0 = process.cpuUsage();
  try {
    const t0 = performance.now();
    const since = (): number => performance.now() - t0;
    // Picked as the desktop's open dialog picks it (the file stays where it is; the page gets an id).
    const { source } = registerPickedSource(host.context, xlsxPath);
    const { jobId } = (await call('imports.start', { source })) as { jobId: string };
    let status: JobStatus;
    for (;;) {
      status = (await call('jobs.status', { jobId })) as JobStatus;
      if (status.state !== 'running') break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (status.state !== 'done') {
      const first = status.issues.filter((i) => i.severity === 'error').slice(0, 3).map((i) => JSON.stringify(i)).join('\n');
      throw new Error(`导入失败：${status.error ?? status.state}\n${first}`);
    }
    const importMs = since();
    const snapshotId = (status.result as { snapshotId: number }).snapshotId;
    const prepare = ((await call('jobs.active', {})) as JobStatus[]).find((j) => j.kind === 'metrics.prepare');
    const base = { snapshotId };
    const first = specs()[0];
    if (!first) throw new Error('没有透视设置');
    // Every view's first call (registry order), then 透视分析's first answer.
    const views: [string, ApiMethod, unknown][] = [
      ['总览·收入', 'metrics.income', base], ['脱贫', 'metrics.exits', base], ['返贫', 'metrics.returns', { ...base, riskListLimit: 50 }],
      ['监测', 'metrics.monitoring', base], ['动态调整', 'metrics.flows', base], ['收入分布', 'metrics.incomeDistribution', base],
      ['数据质量', 'metrics.quality', base], ['收入年度', 'pivot.dimensionValues', { field: 'year', snapshotId }],
      [`透视分析 ${first.name}`, 'pivot.run', { spec: first.spec, snapshotId }],
    ];
    const answered: Record<string, number> = {};
    for (const [label, method, payload] of views) {
      await call(method, payload);
      answered[label] = seconds(since());
    }
    const interactiveMs = since();
    let prepared: JobStatus | null = null;
    if (prepare) {
      for (;;) {
        prepared = (await call('jobs.status', { jobId: prepare.jobId })) as JobStatus;
        if (prepared.state !== 'running') break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    const preparedMs = since();
    type Prepared = { steps?: { step: string; ms: number }[]; pivotMs?: number | null };
    const prepResult = (prepared?.result ?? null) as Prepared | null;
    const peakDuringJourneyMb = rssHighWaterMarkMb();

    // (b) The summary-table build on its own, from nothing, as a quiet machine does it: during the
    // journey its detail part is driven by whichever view asks first, so the job's own time above
    // is only part of it.
    const builds: BuildTiming[] = [];
    for (let k = 0; k < BUILD_RUNS; k++) builds.push(timedBuild(db, snapshotId, { fromNothing: true }));
    const build = medianBuild(builds);

    // Three many-group pivots through the host, prepared, beside DuckDB over the same detail rows.
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const pivots: Record<string, unknown>[] = [];
    try {
      for (const table of Object.values(FACT_TABLES)) await copyTable(db, con, table, snapshotId);
      const facts = pivotFactsFor(db, { snapshotId });
      for (const { name, spec } of specs()) {
        const firstStart = performance.now();
        await call('pivot.run', { spec, snapshotId });
        const firstMs = round1(performance.now() - firstStart);
        const ours: number[] = [];
        const server: number[] = [];
        let ourResult: PivotResult | null = null;
        for (let k = 0; k < RUNS; k++) {
          const t = performance.now();
          ourResult = (await call('pivot.run', { spec, snapshotId })) as PivotResult;
          ours.push(performance.now() - t);
          server.push(ourResult.meta.elapsedMs);
        }
        const duck: number[] = [];
        let duckResult: PivotResult | null = null;
        for (let k = 0; k < RUNS; k++) {
          const t = performance.now();
          duckResult = await duckPivot(con, planPivot(checkSpec(spec), facts, { useCubes: false }));
          duck.push(performance.now() - t);
        }
        const o = summary(ours);
        const d = summary(duck);
        pivots.push({
          spec: name, groups: ourResult?.rows.length, source: ourResult?.meta.source, firstMs,
          hostP50: o.p50, hostP95: o.p95,
          serverMsP50: summary(server).p50,
          duckdbP50: d.p50, duckdbP95: d.p95, ratioP50: Math.round((o.p50 / d.p50) * 100) / 100,
          sameFigures: ourResult && duckResult ? sameFigures(ourResult, duckResult) : false,
          withinBudget: o.p95 <= BUDGET.pivotP95Ms && o.p50 <= d.p50,
        });
      }
    } finally {
      con.closeSync();
      instance.closeSync();
    }
    const cpu = process.cpuUsage(cpu0);
    const peakMb = rssHighWaterMarkMb();
    const jobPivotMs = prepResult?.pivotMs ?? null;
    return {
      loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
      importSeconds: seconds(importMs),
      /** From 导入 to every view's first answer and a first pivot answer. */
      interactiveSeconds: seconds(interactiveMs),
      answeredAtSeconds: answered,
      preparedSeconds: seconds(preparedMs),
      preparationSteps: prepResult?.steps ?? null,
      /**
       * The pivot-table part of the preparation job (its steps and the pauses between them; the detail
       * tables may have been made earlier for a view that asked).
       */
      preparationPivotSeconds: jobPivotMs === null ? null : seconds(jobPivotMs),
      /** The whole summary-table build from nothing, median of BUILD_RUNS (wall; CPU and stages beside). */
      summaryTableBuild: {
        seconds: seconds(build.wallMs), cpuSeconds: seconds(build.cpuMs),
        runsSeconds: build.runsWallMs.map(seconds), runsCpuSeconds: build.runsCpuMs.map(seconds),
        stageMs: build.stageMs,
      },
      processCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      peakRssMb: { journey: peakDuringJourneyMb, withDuckdb: peakMb },
      pivots,
      budget: BUDGET,
      withinBudget: {
        interactive: interactiveMs / 1000 <= BUDGET.interactiveSeconds,
        pivotBuild: build.wallMs / 1000 <= BUDGET.pivotBuildSeconds,
        pivots: pivots.every((p) => p.withinBudget === true),
        memory: peakDuringJourneyMb <= BUDGET.peakRssMb,
      },
    };
  } finally {
    await host.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const CHILD_FLAG = '--tuopin-journey-bench-child';

if (process.argv[2] === CHILD_FLAG && process.send) {
  const send = process.send.bind(process);
  journey(process.argv[3] as string).then(
    (figures) => send(figures, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

function journeyInChild(source: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [CHILD_FLAG, source], { execArgv: ['--expose-gc'], stdio: ['inherit', 'inherit', 'pipe', 'ipc'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.once('message', (m) => resolve(m as Record<string, unknown>));
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`旅程基准子进程退出码 ${code}：${err.trim()}`)); });
  });
}

/**
 * `npm run bench` part "journey": the large county from 导入 of its .xlsx to fully interactive, in
 * a child process. The workbook continues 收入情况 on 收入情况(2) (2.07 million rows do not fit one
 * Excel sheet); TUOPIN_JOURNEY_SOURCE=csv takes the county's CSV folder instead.
 */
export async function benchJourney(): Promise<Record<string, unknown>> {
  const households = process.env.TUOPIN_BENCH_HOUSEHOLDS ? Number(process.env.TUOPIN_BENCH_HOUSEHOLDS) : undefined;
  const county = await ensureLargeCounty(households ? { households } : {});
  if (process.env.TUOPIN_JOURNEY_SOURCE === 'csv') return { source: 'csv', ...(await journeyInChild(county.csvDir)) };
  return { source: 'xlsx', ...(await journeyInChild(await fittingWorkbook(county))) };
}
