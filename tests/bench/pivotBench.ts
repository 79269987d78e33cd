import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { PivotResult, PivotSpecInput } from '../../shared/api/pivot';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { latestSnapshotId } from '../../electron/core/db/snapshotRepo';
import { FACT_TABLES } from '../../electron/core/pivot/facts/factColumns';
import { buildGroups } from '../../electron/core/pivot/groups';
import { levelId } from '../../electron/core/pivot/levels';
import { pivotResult } from '../../electron/core/pivot/pivotResult';
import { planPivot, type PivotPlan } from '../../electron/core/pivot/plan';
import { checkSpec, pivotFactsFor, runPivot } from '../../electron/core/pivot/runPivot';
import { ensureLargeCounty } from './largeCounty';
import { timedBuild } from './buildTiming';
import type { SqlPart } from '../../electron/core/pivot/sqlParts';

/** Budgets of issue 5 on the large county. */
const TWO_DIMENSION_P95_MS = 100;
const MEDIAN_P95_MS = 500;
const RUNS = Number(process.env.PIVOT_BENCH_RUNS ?? 10);

interface SpecFile {
  readonly name: string;
  readonly spec: PivotSpecInput;
}

function specDir(): string {
  const candidates = [join(process.cwd(), 'tests', 'bench', 'pivotSpecs'), join(__dirname, 'pivotSpecs')];
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) throw new Error(`没有找到透视基准设置目录：${candidates.join('，')}`);
  return dir;
}

export function loadBenchSpecs(): SpecFile[] {
  const dir = specDir();
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({
    name: f.replace(/\.json$/, ''),
    spec: JSON.parse(readFileSync(join(dir, f), 'utf8')) as PivotSpecInput,
  }));
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round((sorted[i] ?? NaN) * 10) / 10;
}

export function summary(times: readonly number[]): { p50: number; p95: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95) };
}

// ── DuckDB over the same rows ───────────────────────────────────────────────────────────────────

const DOUBLE_COLUMNS = new Set(['per_capita', 'net', 'wage', 'net_business', 'property', 'transfer', 'support']);
const CHUNK = 2048;

/** Copies a detail table of one snapshot into DuckDB through data chunks (no SQLite extension needed offline). */
export async function copyTable(db: Db, con: DuckDBConnection, table: string, snapshotId: number): Promise<number> {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
  const types = columns.map((c) => (DOUBLE_COLUMNS.has(c) ? DOUBLE : INTEGER));
  await con.run(`CREATE TABLE ${table} (${columns.map((c) => `${c} ${DOUBLE_COLUMNS.has(c) ? 'DOUBLE' : 'INTEGER'}`).join(', ')})`);
  const appender = await con.createAppender(table);
  let buffer: (number | null)[][] = columns.map(() => []);
  let rows = 0;
  const flush = (): void => {
    if ((buffer[0]?.length ?? 0) === 0) return;
    const chunk = DuckDBDataChunk.create(types);
    chunk.setColumns(buffer);
    appender.appendDataChunk(chunk);
    buffer = columns.map(() => []);
  };
  for (const row of db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE snapshot_id = ?`).raw().iterate(snapshotId) as IterableIterator<(number | null)[]>) {
    for (let i = 0; i < columns.length; i++) buffer[i]?.push(row[i] ?? null);
    rows++;
    if ((buffer[0]?.length ?? 0) === CHUNK) flush();
  }
  flush();
  appender.closeSync();
  return rows;
}

function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

async function duckRows(con: DuckDBConnection, part: SqlPart): Promise<unknown[][]> {
  const reader = await con.runAndReadAll(part.sql, [...part.params]);
  return reader.getRows().map((r) => r.map(plain));
}

/**
 * The weighted median as DuckDB would compute it itself (a running sum over 人均纯收入 within each
 * group, then the first value whose persons reach half): one query per level of the plan.
 */
function duckMedianSql(plan: PivotPlan, level: { rows: number; cols: number }): SqlPart {
  const R = plan.spec.rows.length;
  const keys = [...plan.dims.slice(0, level.rows), ...plan.dims.slice(R, R + level.cols)].map((d) => d.column);
  const partition = keys.length ? `PARTITION BY ${keys.join(', ')}` : '';
  const select = keys.length ? `${keys.join(', ')}, ` : '';
  return {
    sql: `SELECT ${select}MIN(per_capita) FROM (
        SELECT ${select}per_capita,
          SUM(size) OVER (${partition} ORDER BY per_capita ROWS UNBOUNDED PRECEDING) AS below,
          SUM(size) OVER (${partition}) AS total
        FROM ${FACT_TABLES.income} WHERE ${plan.where.sql})
      WHERE below * 2 >= total${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`,
    params: plan.where.params,
  };
}

/**
 * The plan's queries on DuckDB over the detail tables (DuckDB needs no cubes), the median in
 * DuckDB's own SQL; totals, shares and order assembled by the same code as ours.
 */
export async function duckPivot(con: DuckDBConnection, plan: PivotPlan): Promise<PivotResult> {
  const started = performance.now();
  const additive = plan.additive ? await duckRows(con, plan.additive) : [];
  const distinct = new Map<string, unknown[][]>();
  for (const d of plan.distinct) distinct.set(levelId(d.level), await duckRows(con, d.part));
  const groups = buildGroups(plan, {
    additive: (visit) => additive.forEach((row) => visit(row)), median: null, distinct,
  });
  if (plan.median) {
    for (const level of plan.levels) {
      const map = groups.get(levelId(level));
      for (const row of await duckRows(con, duckMedianSql(plan, level))) {
        const codes = row.slice(0, -1).map((v) => (v === null ? null : Number(v)));
        const g = map?.get(codes.slice(0, level.rows), codes.slice(level.rows));
        if (g) g.median = Number(row[row.length - 1]);
      }
    }
  }
  return pivotResult(plan, groups, performance.now() - started);
}

export function sameFigures(a: PivotResult, b: PivotResult): boolean {
  const close = (x: unknown, y: unknown): boolean =>
    x === y || (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)));
  const lines = (p: readonly unknown[][], q: readonly unknown[][]): boolean =>
    p.length === q.length && p.every((l, i) => l.length === q[i]?.length && l.every((v, j) => close(v, q[i]?.[j])));
  return lines(a.rows, b.rows) && lines(a.totals, b.totals);
}

/**
 * A working copy of the county with its pivot tables: the cached county stays as imported (the
 * other benches read it), the copy keeps the tables between bench runs.
 */
function workingCopy(dbPath: string): string {
  const copy = `${dbPath}.pivot-bench.sqlite`;
  if (!existsSync(copy) || statSync(copy).mtimeMs < statSync(dbPath).mtimeMs) copyFileSync(dbPath, copy);
  return copy;
}

/**
 * Runs the 20 pivot specs of tests/bench/pivotSpecs on a county database (p50/p95 of RUNS runs
 * each, through runPivot as the app and the CLI call it) and the same queries on DuckDB over the
 * same detail rows, with the ratio ours/DuckDB; checks that both give the same figures.
 */
export async function benchPivot(dbPath: string): Promise<Record<string, unknown>> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const path = workingCopy(dbPath);
  const db = openDatabase(path);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const snapshotId = latestSnapshotId(db);
    if (snapshotId === null) throw new Error(`${dbPath} 中没有快照`);
    const counts = db.prepare('SELECT households, persons, income_rows AS incomeRows FROM snapshot WHERE id = ?').get(snapshotId);
    const build = timedBuild(db, snapshotId, { fromNothing: false, log });
    const facts = pivotFactsFor(db, { snapshotId });
    log(`透视汇总表：${build.rebuilt ? `本次建立，用时 ${build.wallMs} ms` : `已有（建立时用时 ${facts.state.buildMs} ms）`}`);

    const loadStart = performance.now();
    const loaded: Record<string, number> = {};
    for (const table of Object.values(FACT_TABLES)) loaded[table] = await copyTable(db, con, table, snapshotId);
    const duckLoadMs = Math.round(performance.now() - loadStart);
    log(`DuckDB 载入明细表 ${JSON.stringify(loaded)}，用时 ${duckLoadMs} ms`);

    const results: Record<string, unknown>[] = [];
    for (const { name, spec } of loadBenchSpecs()) {
      const checked = checkSpec(spec);
      const ours: number[] = [];
      const oursCpu: number[] = [];
      const leaf: number[] = [];
      const duck: number[] = [];
      let ourResult: PivotResult | null = null;
      let duckResult: PivotResult | null = null;
      // Each engine in a block of its own, after a garbage collection when node runs with --expose-gc,
      // so that one engine's garbage is not collected on the other's clock.
      const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
      collect();
      // The first run may make a session cube for fields no summary table covers: timed on its own.
      const firstStart = performance.now();
      runPivot(db, { spec, snapshotId });
      const firstMs = Math.round((performance.now() - firstStart) * 10) / 10;
      for (let k = 0; k < RUNS; k++) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        ourResult = runPivot(db, { spec, snapshotId });
        ours.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        oursCpu.push((used.user + used.system) / 1000);
      }
      collect();
      for (let k = 0; k < Math.min(RUNS, 3); k++) {
        const t = performance.now();
        runPivot(db, { spec, snapshotId }, { useCubes: false });
        leaf.push(performance.now() - t);
      }
      collect();
      await duckPivot(con, planPivot(checked, facts, { useCubes: false }));
      for (let k = 0; k < RUNS; k++) {
        const t = performance.now();
        duckResult = await duckPivot(con, planPivot(checkSpec(spec), facts, { useCubes: false }));
        duck.push(performance.now() - t);
      }
      const o = summary(ours);
      const oc = summary(oursCpu);
      const l = summary(leaf);
      const d = summary(duck);
      const row = {
        spec: name, source: ourResult?.meta.source, rows: ourResult?.rows.length, totals: ourResult?.totals.length,
        oursFirstMs: firstMs,
        oursP50: o.p50, oursP95: o.p95, oursCpuP50: oc.p50, oursCpuP95: oc.p95, detailP50: l.p50, detailP95: l.p95,
        duckdbP50: d.p50, duckdbP95: d.p95,
        ratioP50: Math.round((o.p50 / d.p50) * 100) / 100,
        sameFigures: ourResult && duckResult ? sameFigures(ourResult, duckResult) : false,
      };
      results.push(row);
      log(`${name.padEnd(40)} first ${String(firstMs).padStart(7)} | ours p50 ${String(o.p50).padStart(7)} p95 ${String(o.p95).padStart(7)} (CPU p95 ${String(oc.p95).padStart(7)}) | detail p50 ${String(l.p50).padStart(7)} | DuckDB p50 ${String(d.p50).padStart(7)} p95 ${String(d.p95).padStart(7)} | ours/DuckDB ${row.ratioP50} ${row.sameFigures ? '' : '（结果不一致！）'}`);
    }
    const byName = (prefix: string): Record<string, unknown> | undefined =>
      results.find((r) => String(r.spec).startsWith(prefix));
    const twoDim = byName('01');
    const median = byName('09');
    return {
      county: counts,
      /**
       * The machine's load while the bench ran (shared machines make wall times noisy; CPU times are the process's
       * own).
       */
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      runs: RUNS,
      pivotTables: {
        rebuiltNow: build.rebuilt, ensureMs: build.wallMs, ensureCpuMs: build.cpuMs, buildMs: facts.state.buildMs,
        stageMs: build.stageMs,
        cubeRows: facts.state.cubeRows,
      },
      duckdbLoadMs: duckLoadMs,
      specs: results,
      budgets: {
        twoDimensionThreeMeasuresFilter: {
          spec: twoDim?.spec, p95: twoDim?.oursP95, cpuP95: twoDim?.oursCpuP95, budget: TWO_DIMENSION_P95_MS,
          ok: Number(twoDim?.oursP95) < TWO_DIMENSION_P95_MS,
        },
        median: {
          spec: median?.spec, p95: median?.oursP95, cpuP95: median?.oursCpuP95, budget: MEDIAN_P95_MS,
          ok: Number(median?.oursP95) < MEDIAN_P95_MS,
        },
      },
      allSameAsDuckdb: results.every((r) => r.sameFigures === true),
    };
  } finally {
    con.closeSync();
    instance.closeSync();
    db.close();
  }
}

if (require.main === module) {
  const arg = process.argv[2];
  const run = async (): Promise<void> => {
    const dbPath = arg ?? (await ensureLargeCounty()).dbPath;
    const result = await benchPivot(dbPath);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
