import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { importSnapshot } from '../../electron/core/import/importSnapshot';
import { ensureLargeCounty } from './largeCounty';

/** Budgets of issue 3 for the large county (300,000 households, ~1,000,000 members, ~2,100,000 income rows). */
const BUDGET = { xlsxSeconds: 90, csvSeconds: 40, peakRssMb: 1500, dbMb: 600 } as const;

interface ImportFigures {
  readonly seconds: number;
  /** Seconds of CPU this process used: on a busy machine, the figure wall time is compared with. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly dbMb: number;
  readonly stages: Record<string, number>;
  readonly counts: unknown;
  readonly warningCount: number;
  readonly errorCount: number;
  /** One-minute load average before and after: wall time means little when the cores are shared. */
  readonly loadAverage: { readonly before: number; readonly after: number };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}

/**
 * The kernel's high-water mark of this process's RSS (Linux), which also sees the peaks the
 * sampler cannot: the index builds and COMMIT run synchronously, with no timer firing meanwhile.
 */
function rssHighWaterMark(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timeImport(source: string, dbFile: string): Promise<ImportFigures> {
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(f)) rmSync(f);
  collect();
  const db = openDatabase(dbFile);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const stages: Record<string, number> = {};
  const loadBefore = loadavg()[0] ?? 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let stage = '';
  let stageStart = t0;
  try {
    const r = await importSnapshot(db, source, {}, {
      progress: (_f, s) => {
        if (s === stage) return;
        const now = performance.now();
        if (stage) stages[stage] = (stages[stage] ?? 0) + (now - stageStart);
        stage = s;
        stageStart = now;
      },
      cancelled: false,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    peak = Math.max(peak, process.memoryUsage().rss, rssHighWaterMark());
    db.close();
    for (const k of Object.keys(stages)) stages[k] = Math.round((stages[k] ?? 0) / 100) / 10;
    return {
      seconds: Math.round(seconds * 10) / 10, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10, peakRssMb: mb(peak),
      dbMb: mb(statSync(dbFile).size), stages, counts: r.counts, warningCount: r.warningCount, errorCount: r.errorCount,
      loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    };
  } finally {
    clearInterval(sampler);
    if (db.open) db.close();
  }
}

/**
 * Each import runs in a fresh process, so its peak RSS is the import's own and not what writing
 * the test files left in this one.
 */
function importInChild(source: string, dbFile: string): Promise<ImportFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [CHILD_FLAG, source, dbFile], { execArgv: ['--expose-gc'] });
    child.once('message', (m) => resolve(m as ImportFigures));
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`导入子进程退出码 ${code}`)); });
  });
}

const CHILD_FLAG = '--tuopin-import-bench-child';

if (process.argv[2] === CHILD_FLAG && process.send) {
  const send = process.send.bind(process);
  timeImport(process.argv[3] as string, process.argv[4] as string).then(
    (figures) => send(figures, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Import speed of issue 3: the large demo county's CSV folder and template workbook (cached by
 * ensureLargeCounty, the same files the other benches use), each imported into a fresh database
 * file in a fresh process. TUOPIN_BENCH_HOUSEHOLDS makes a smaller county for a quick try.
 */
export async function benchImport(): Promise<Record<string, unknown>> {
  const households = process.env.TUOPIN_BENCH_HOUSEHOLDS ? Number(process.env.TUOPIN_BENCH_HOUSEHOLDS) : undefined;
  const county = await ensureLargeCounty(households ? { households } : {});
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-import-bench-'));
  try {
    const csv = await importInChild(county.csvDir, join(dir, 'csv.sqlite'));
    const workbook = await importInChild(county.xlsxPath, join(dir, 'xlsx.sqlite'));
    return {
      households: county.counts.households,
      budget: BUDGET,
      csv: { ...csv, withinBudget: csv.seconds <= BUDGET.csvSeconds && csv.peakRssMb <= BUDGET.peakRssMb && csv.dbMb <= BUDGET.dbMb },
      xlsx: { ...workbook, fileMb: mb(statSync(county.xlsxPath).size),
        withinBudget: workbook.seconds <= BUDGET.xlsxSeconds && workbook.peakRssMb <= BUDGET.peakRssMb && workbook.dbMb <= BUDGET.dbMb },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
