import { execFileSync } from 'node:child_process';
import {
  closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { DEMO_GENERATOR_VERSION } from '../../electron/core/demo/demoCounty';
import { EVOLUTION_VERSION } from '../../electron/core/demo/evolution/evolutionRates';
import { writeLaterDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';
import { benchEvaluationPaint } from './evaluationPaint';
import { LARGE_COUNTY, type LargeCounty } from './largeCounty';

/** Budgets of issue 15 on the large county: two 300,000-household snapshots compared, signals of one. */
const COMPARE_BUDGET_MS = 10_000;
const COMPARE_BUDGET_MB = 1536;
const SIGNALS_BUDGET_MS = 3000;
const RUNS = 3;

interface ChildResult { ms: number; cpuMs: number; maxRssMb: number; summary: unknown; [k: string]: unknown }

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * The cached county with its export a year later written beside it (the demo evolution over the
 * same 300,000 households): built once into <repo>/.tmp/bench-evaluation, never in the county cache.
 */
async function ensurePair(county: LargeCounty, households: number, log: (line: string) => void): Promise<string> {
  const dir = join(process.cwd(), '.tmp', 'bench-evaluation');
  const name = `pair-${households}-s${LARGE_COUNTY.seed}-g${DEMO_GENERATOR_VERSION}-e${EVOLUTION_VERSION}.sqlite`;
  const file = join(dir, name);
  if (existsSync(file)) {
    // Opened once with write access so that migrations landed since it was built are applied (the
    // measured runs open it read-only and would miss a table such as line_set).
    openDatabase(file).close();
    return file;
  }
  mkdirSync(dir, { recursive: true });
  const work = `${file}.building`;
  rmSync(work, { force: true });
  copyFileSync(county.dbPath, work);
  log(`写入次年快照（${households} 户）到 ${file}`);
  const started = performance.now();
  const db = openDatabase(work);
  try {
    await writeLaterDemoSnapshot(db, { households, seed: LARGE_COUNTY.seed, incomeFrom: LARGE_COUNTY.incomeFrom });
  } finally {
    db.close();
  }
  log(`  用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  renameSync(work, file);
  return file;
}

function runChild(args: readonly string[]): ChildResult {
  const script = join(__dirname, 'evaluationChild.js');
  const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildResult;
}

function measured(args: readonly string[], budgetMs: number, budgetMb: number | null): Record<string, unknown> {
  const runs = Array.from({ length: RUNS }, () => runChild(args));
  const ms = median(runs.map((r) => r.ms));
  const maxRssMb = Math.max(...runs.map((r) => r.maxRssMb));
  const extra: Record<string, unknown> = {};
  for (const k of ['listMs', 'journeyMs']) {
    if (typeof runs[0]?.[k] === 'number') extra[k] = median(runs.map((r) => r[k] as number));
  }
  return {
    ms, ...extra, cpuMs: median(runs.map((r) => r.cpuMs)), maxRssMb, budgetMs, budgetMb,
    ok: ms <= budgetMs && (budgetMb === null || maxRssMb <= budgetMb), runs: runs.map((r) => r.ms),
    loadAverage: loadavg()[0] ?? 0, summary: runs[0]?.summary,
  };
}

/**
 * `tuopin signals` as typed (`bin/tuopin.js`, module loading included), its output written to a
 * file as `> file` would; the --json output is then read back to check that it lists every flagged exit.
 */
function measuredCli(path: string, id: number, json: boolean): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-eval-cli-'));
  const outFile = join(dir, json ? 'signals.json' : 'signals.txt');
  const bin = join(process.cwd(), 'bin', 'tuopin.js');
  const args = [bin, 'signals', '--db', path, '--snapshot', String(id), ...(json ? ['--json'] : [])];
  try {
    const runs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const fd = openSync(outFile, 'w');
      const t0 = performance.now();
      try {
        execFileSync(process.execPath, args, { stdio: ['ignore', fd, 'inherit'] });
      } finally {
        closeSync(fd);
      }
      runs.push(Math.round(performance.now() - t0));
      bytes = statSync(outFile).size;
    }
    const summary: Record<string, unknown> = { bytes };
    if (json) {
      const s = JSON.parse(readFileSync(outFile, 'utf8')) as { flaggedTotal: number; households: unknown[] };
      if (s.households.length !== s.flaggedTotal) {
        throw new Error(`signals --json 列出 ${s.households.length} 户次，任一信号 ${s.flaggedTotal} 户次`);
      }
      summary.households = s.households.length;
    }
    const ms = median(runs);
    return {
      ms, budgetMs: SIGNALS_BUDGET_MS, ok: ms <= SIGNALS_BUDGET_MS, runs, loadAverage: loadavg()[0] ?? 0, summary,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 跨期对比 of the two large snapshots, each in a fresh process; the signals of each as 收入测算核查
 * asks for them through the loopback host (a fresh process each: first use), and `tuopin signals`
 * and `--json` on the large county (A, the cached 300,000 households) as a user types them.
 */
export async function benchEvaluation(county: LargeCounty, households: number, log: (line: string) => void):
  Promise<Record<string, unknown>> {
  const pair = await ensurePair(county, households, log);
  const ids = (() => {
    const db = openDatabase(pair, { readonly: true });
    try {
      return (db.prepare(`SELECT id FROM snapshot ORDER BY as_of, id`).all() as { id: number }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  })();
  const [a, b] = ids as [number, number];
  const loadBefore = loadavg()[0] ?? 0;
  const compare = measured(['compare', pair, String(a), String(b)], COMPARE_BUDGET_MS, COMPARE_BUDGET_MB);
  const signalsA = measured(['signals', pair, String(a)], SIGNALS_BUDGET_MS, null);
  const signalsB = measured(['signals', pair, String(b)], SIGNALS_BUDGET_MS, null);
  const cliText = measuredCli(pair, a, false);
  const cliJson = measuredCli(pair, a, true);
  const loadAfter = loadavg()[0] ?? 0;
  log(`  收入测算核查（页面请求，首次）：A ${String(signalsA.ms)} ms（连同列表 ${String(signalsA.journeyMs)} ms），`
    + `B ${String(signalsB.ms)} ms；tuopin signals ${String(cliText.ms)} ms，--json ${String(cliJson.ms)} ms`);
  log('跨期对比与收入测算核查的首绘（Chromium，回环地址）…');
  const paint = await benchEvaluationPaint(pair, b, log);
  return {
    households, snapshots: { a, b }, compare, signalsA, signalsB, signalsCli: { text: cliText, json: cliJson }, paint,
    loadAverage: { before: loadBefore, after: loadAfter, afterPaint: loadavg()[0] ?? 0 },
  };
}
