import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import type { SnapshotCounts } from '../../electron/core/db/snapshotWriter';
import { DEMO_GENERATOR_VERSION, demoCounty } from '../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../electron/core/demo/demoRowSource';
import { writeDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';
import { writeTemplateCsv } from '../../electron/core/template/writeTemplateCsv';
import { writeTemplateWorkbook } from '../../electron/core/template/writeTemplateWorkbook';

/**
 * The large county of issue 3's benchmarks: 300,000 households, ≈ 1 million members and, with
 * income rows from 2017 (and each earlier exit or return year), ≈ 2.1 million income rows.
 */
export const LARGE_COUNTY = { households: 300_000, seed: 1, incomeFrom: 2017 } as const;

export interface LargeCounty {
  /** A database holding the county as snapshot `snapshotId` (open it read-only, or copy it first). */
  readonly dbPath: string;
  readonly snapshotId: number;
  /** 户信息.csv … 村情.csv, UTF-8 with BOM. */
  readonly csvDir: string;
  /** The standard template workbook, title rows above the headers. */
  readonly xlsxPath: string;
  readonly counts: SnapshotCounts;
  /** How long each file took to write when it was created (cached runs report the first run's). */
  readonly timings: { readonly dbSeconds: number; readonly csvSeconds: number; readonly xlsxSeconds: number };
  readonly sizes: { readonly dbBytes: number; readonly csvBytes: number; readonly xlsxBytes: number };
}

interface Manifest extends Omit<LargeCounty, 'dbPath' | 'csvDir' | 'xlsxPath'> {
  readonly version: number;
  /** Bumped when the bench county's shape changes without the generator changing. */
  readonly benchVersion: number;
  readonly households: number;
  readonly seed: number;
  /**
   * The workbook continues a sheet past Excel's 1,048,576 rows on 收入情况(2) … (template writer since
   * this field). Absent in caches written before: their 收入情况 is one sheet the import refuses,
   * and fittingWorkbook writes a split copy beside them rather than making the whole cache stale.
   */
  readonly workbookFitsGrid?: boolean;
}

/** 2: income rows from LARGE_COUNTY.incomeFrom (2.1 million at 300,000 households, not 2.67 million). */
const BENCH_VERSION = 2;

export interface LargeCountyOptions {
  /** Smaller counties for trying the benches out; the default is the 300,000. */
  readonly households?: number;
  readonly seed?: number;
  /** Where the files are cached: $TUOPIN_BENCH_DIR, else <repo>/.tmp/bench, else the OS temp folder. */
  readonly dir?: string;
  readonly log?: (line: string) => void;
}

function defaultCacheDir(): string {
  if (process.env.TUOPIN_BENCH_DIR) return resolve(process.env.TUOPIN_BENCH_DIR);
  const repo = process.cwd();
  try {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name?: string };
    if (pkg.name === 'tuopin-workstation') return join(repo, '.tmp', 'bench');
  } catch {
    // not run from the checkout
  }
  return join(tmpdir(), 'tuopin-bench');
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function dirBytes(dir: string, names: readonly string[]): number {
  return names.reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One builder at a time across processes (benches may start in parallel); a dead holder's lock is taken over. */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      const holder = Number(readFileSync(lockFile, 'utf8').trim() || '0');
      if (holder && holder !== process.pid && !alive(holder)) rmSync(lockFile, { force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/**
 * The large demo county as a database, a CSV set and a workbook, created once and cached (the
 * generator is deterministic: the files are rebuilt only when its version, the size or the seed
 * change). The import, metrics and pivot benchmarks read these.
 */
export async function ensureLargeCounty(options: LargeCountyOptions = {}): Promise<LargeCounty> {
  const households = options.households ?? LARGE_COUNTY.households;
  const seed = options.seed ?? LARGE_COUNTY.seed;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = options.dir ?? defaultCacheDir();
  const base = join(dir, `county-${households}-s${seed}`);
  const paths = { dbPath: join(base, 'county.sqlite'), csvDir: join(base, 'csv'), xlsxPath: join(base, 'county.xlsx') };
  const manifestFile = join(base, 'manifest.json');
  const fresh = (m: Manifest | null): m is Manifest =>
    m !== null && m.version === DEMO_GENERATOR_VERSION && m.benchVersion === BENCH_VERSION
      && m.households === households && m.seed === seed
    && existsSync(paths.dbPath) && existsSync(paths.xlsxPath) && existsSync(join(paths.csvDir, '户信息.csv'));

  const cached = readManifest(manifestFile);
  if (fresh(cached)) return { ...paths, ...cached };

  mkdirSync(dir, { recursive: true });
  return withLock(`${base}.lock`, async () => {
    const again = readManifest(manifestFile);
    if (fresh(again)) return { ...paths, ...again };

    rmSync(base, { recursive: true, force: true });
    const work = `${base}.building`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    log(`生成大县基准数据（${households} 户，种子 ${seed}）到 ${base}`);

    let started = performance.now();
    const db = openDatabase(join(work, 'county.sqlite'));
    let written;
    try {
      let lastTenth = -1;
      written = await writeDemoSnapshot(db, {
        households, seed, incomeFrom: LARGE_COUNTY.incomeFrom,
        onProgress: (f) => {
          if (Math.floor(f * 10) > lastTenth) log(`  数据库 ${(lastTenth = Math.floor(f * 10)) * 10}%`);
        },
      });
    } finally {
      // Closing checkpoints the WAL into the file, so the folder can be moved as is.
      db.close();
    }
    const dbSeconds = (performance.now() - started) / 1000;
    log(`  数据库用时 ${dbSeconds.toFixed(1)} 秒`);

    const source = demoRowSource(demoCounty({ households, seed, incomeFrom: LARGE_COUNTY.incomeFrom }));
    started = performance.now();
    const csvCounts = await writeTemplateCsv(source, join(work, 'csv'));
    const csvSeconds = (performance.now() - started) / 1000;
    log(`  CSV 用时 ${csvSeconds.toFixed(1)} 秒`);

    started = performance.now();
    await writeTemplateWorkbook(source, join(work, 'county.xlsx'), {
      onProgress: (sheet, n) => { if (n % 500_000 === 0) log(`  工作簿 ${sheet} ${n} 行`); },
    });
    const xlsxSeconds = (performance.now() - started) / 1000;
    log(`  工作簿用时 ${xlsxSeconds.toFixed(1)} 秒`);

    const csvNames = Object.keys(csvCounts).map((s) => `${s}.csv`);
    const manifest: Manifest = {
      version: DEMO_GENERATOR_VERSION, benchVersion: BENCH_VERSION, households, seed, workbookFitsGrid: true,
      snapshotId: written.snapshotId,
      counts: written.counts,
      timings: { dbSeconds, csvSeconds, xlsxSeconds },
      sizes: {
        dbBytes: statSync(join(work, 'county.sqlite')).size,
        csvBytes: dirBytes(join(work, 'csv'), csvNames),
        xlsxBytes: statSync(join(work, 'county.xlsx')).size,
      },
    };
    writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    renameSync(work, base);
    return { ...paths, ...manifest };
  });
}

/**
 * The county's template workbook as a statistician could open it in Excel: the cached one when it
 * fits the grid, else (a cache written before the writer split long sheets) a copy written once
 * with 收入情况 continued on 收入情况(2), cached in a writable folder ($TUOPIN_BENCH_WORK, else the OS
 * temp folder), since the bench cache may be shared and read-only.
 */
export async function fittingWorkbook(county: LargeCounty, log: (line: string) => void = (line) => {
  process.stderr.write(`${line}\n`);
}): Promise<string> {
  const manifest = readManifest(join(dirname(county.xlsxPath), 'manifest.json'));
  if (manifest?.workbookFitsGrid) return county.xlsxPath;
  const base = process.env.TUOPIN_BENCH_WORK ? resolve(process.env.TUOPIN_BENCH_WORK) : join(tmpdir(), 'tuopin-bench');
  const households = county.counts.households;
  const key = `county-${households}-s${manifest?.seed ?? LARGE_COUNTY.seed}-v${manifest?.version ?? 0}`;
  const file = join(base, `${key}-split.xlsx`);
  if (existsSync(file)) return file;
  mkdirSync(base, { recursive: true });
  return withLock(`${file}.lock`, async () => {
    if (existsSync(file)) return file;
    log(`写出按 Excel 行数上限分表的工作簿（收入情况、收入情况(2) …）到 ${file}`);
    const started = performance.now();
    const source = demoRowSource(demoCounty({
      households, seed: manifest?.seed ?? LARGE_COUNTY.seed, incomeFrom: LARGE_COUNTY.incomeFrom,
    }));
    await writeTemplateWorkbook(source, `${file}.part`, {
      onProgress: (sheet, n) => { if (n % 500_000 === 0) log(`  工作簿 ${sheet} ${n} 行`); },
    });
    renameSync(`${file}.part`, file);
    log(`  工作簿用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
    return file;
  });
}

/** `node dist/tests/bench/largeCounty.js [households]` builds (or finds) the county and prints where it is. */
if (require.main === module) {
  const households = process.argv[2] ? Number(process.argv[2]) : undefined;
  ensureLargeCounty({ households }).then(
    (county) => process.stdout.write(`${JSON.stringify(county, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
