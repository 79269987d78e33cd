import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { SCHEMA_VERSION } from '../db/database';
import { getSnapshot, type SnapshotRecord } from '../db/snapshotRepo';
import { selectLines } from '../db/queries/lineQueries';
import { householdRanges, selectRawCodes, withExportCache } from '../db/queries/exportQueries';
import { sha256OfFile } from '../delivery/deliveries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import { ELIMINATION_METHOD, MONITORING_CATEGORY, RISK, resolveCode, type CodeList } from '../../../shared/domain/codeLists';
import type { ExportManifest, ExportPartition } from '../../../shared/api/export';
import { EXPORT_TABLES } from './exportTables';
import { startExportThread } from './exportThread';
import { writeSourceTable, type SourceTableJob } from './sourceTables';
import { koujingSql } from './koujingSql';
import {
  writeParquetTable, type BatchFill, type ParquetColumn, type ParquetConnections, type TableWrite,
} from './parquetTable';
import { EXPORT_README } from './exportReadme';
import { Refusal } from '../refusal';

/** Version of the folder's layout and tables (manifest.json says which one a folder has). */
export const EXPORT_FORMAT_VERSION = 1;

/** Households per batch: a batch of the large county's tables stays well under 100 MB in memory. */
const BATCH_HOUSEHOLDS = 12_500;

export interface ParquetExportOptions {
  readonly snapshotIds: readonly number[];
  readonly outDir: string;
  /** Write 户主姓名 / 姓名 (off by default: a folder for circulation carries no names). */
  readonly names: boolean;
  /** Write into a folder that already holds files (same-named partitions are replaced). */
  readonly force: boolean;
  readonly onProgress?: (fraction: number, label: string) => void;
  /** Households per batch (default 25,000); tests make it small to write tables in many parts. */
  readonly batchHouseholds?: number;
}

const CODE_LISTS: Readonly<Record<string, CodeList>> = {
  risk: RISK, monitoringCategory: MONITORING_CATEGORY, eliminationMethod: ELIMINATION_METHOD,
};

function partitionPath(s: SnapshotRecord): { county: string; path: string } {
  const county = s.countyCode ?? `snapshot${s.id}`;
  return { county, path: join(`county_code=${county}`, `as_of=${s.asOf}`) };
}

/**
 * Writes the snapshots as Hive-style partitions (county_code=…/as_of=…/<table>.parquet) with
 * koujing.sql, README.md and manifest.json. Everything is written into a hidden staging folder
 * inside the target first and moved into place only when every file is there, so a failed export
 * leaves no half-written partition behind.
 */
export async function exportParquet(db: Db, options: ParquetExportOptions): Promise<ExportManifest> {
  const snapshots = options.snapshotIds.map((id) => {
    const s = getSnapshot(db, id);
    if (!s) throw new Refusal('refused', `没有找到快照 #${id}`);
    return s;
  });
  if (snapshots.length === 0) throw new Refusal('refused', '数据库中还没有快照：没有可导出的数据。');
  const seen = new Map<string, number>();
  for (const s of snapshots) {
    const p = partitionPath(s).path;
    const other = seen.get(p);
    if (other !== undefined) {
      throw new Refusal('refused', `快照 #${other} 与 #${s.id} 是同一县（${s.countyCode ?? s.countyName}）同一截止日期（${s.asOf}）：一次只能导出其中一个。`);
    }
    seen.set(p, s.id);
  }
  if (existsSync(options.outDir)) {
    if (!statSync(options.outDir).isDirectory()) throw new Refusal('refused', `导出位置 ${options.outDir} 不是文件夹`);
    if (readdirSync(options.outDir).length > 0 && !options.force) {
      throw new Refusal('refused', `目标文件夹 ${options.outDir} 不是空的：请换一个空文件夹，或确认覆盖（命令行加 --force）。`);
    }
  }
  mkdirSync(options.outDir, { recursive: true });

  const staging = mkdtempSync(join(options.outDir, '.tuopin-export-'));
  // Bounded memory: DuckDB holds two batches and streams the merge of the parts (the export thread has its own).
  // One DuckDB thread: each query runs on the thread that started it too, and with the export thread's reading
  // on the second core a second DuckDB thread only competed (bench county: 15.5-16.1 s, 28 s CPU with one;
  // 16.7 s, 29.5 s CPU with two, at load 2-3.4).
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '192MB', threads: '1' });
  const cons: ParquetConnections = {
    append: await instance.connect(), write: await instance.connect(), merge: await instance.connect(),
  };
  try {
    const total = snapshots.length * (EXPORT_TABLES.length + 3);
    let done = 0;
    const step = (label: string): void => {
      done++;
      options.onProgress?.(done / total, label);
    };
    const partitions: ExportPartition[] = [];
    await withExportCache(db, async () => {
      for (const s of snapshots) partitions.push(await writePartition(db, cons, staging, s, options, step));
    });
    writeFileSync(join(staging, 'koujing.sql'), koujingSql(), 'utf8');
    writeFileSync(join(staging, 'README.md'), EXPORT_README, 'utf8');
    const manifest: ExportManifest = {
      formatVersion: EXPORT_FORMAT_VERSION,
      databaseSchemaVersion: SCHEMA_VERSION,
      generatedAt: new Date().toISOString(),
      names: options.names,
      counties: [...new Set(partitions.map((p) => p.countyCode))],
      partitions,
      koujingSha256: await sha256OfFile(join(staging, 'koujing.sql')),
    };
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    moveIntoPlace(staging, options.outDir, partitions.map((p) => p.path));
    return manifest;
  } finally {
    for (const con of Object.values(cons)) con.closeSync();
    instance.closeSync();
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves the staged partitions and files into the target, replacing same-named ones. */
function moveIntoPlace(staging: string, outDir: string, partitionPaths: readonly string[]): void {
  for (const p of partitionPaths) {
    const target = join(outDir, p);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(join(staging, p), target);
  }
  for (const f of ['koujing.sql', 'README.md', 'manifest.json']) renameSync(join(staging, f), join(outDir, f));
}

/**
 * The tables the export thread reads when it can start (exportThread.ts): the person table is the
 * largest read of all; with measure and event it is about half of a county's reading, household and
 * income the other half.
 */
const THREAD_TABLES: ReadonlySet<string> = new Set(['person', 'measure', 'event']);

async function writePartition(
  db: Db, cons: ParquetConnections, staging: string, s: SnapshotRecord, options: ParquetExportOptions,
  step: (label: string) => void,
): Promise<ExportPartition> {
  const { county, path } = partitionPath(s);
  const dir = join(staging, path);
  mkdirSync(dir, { recursive: true });
  const written = new Map<string, { rows: number; bytes: number; sha256: string }>();
  const record = async (table: string, rows: number): Promise<void> => {
    const file = join(dir, `${table}.parquet`);
    written.set(table, { rows, bytes: statSync(file).size, sha256: await sha256OfFile(file) });
    step(`${s.countyName} ${table}`);
  };
  const job: SourceTableJob = {
    snapshotId: s.id, dir, names: options.names,
    // county_code and as_of lead every file, so that a file read on its own still says whose rows it holds.
    partition: [{ name: 'county_code', value: county }, { name: 'as_of', value: s.asOf }],
    ranges: householdRanges(db, s.id, options.batchHouseholds ?? BATCH_HOUSEHOLDS),
  };
  // Each table's merge runs while the next table is read; a table is recorded when its merge ends.
  let merges: Promise<void> = Promise.resolve();
  const chain = (table: string, { rows, merged }: TableWrite): void => {
    // Handled at once: a merge failing while an earlier one still runs is reported by the chain, not as unhandled.
    merged.catch(() => undefined);
    merges = merges.then(() => merged).then(() => record(table, rows));
    merges.catch(() => undefined);
  };
  const write = async (table: string, columns: readonly ParquetColumn[], fill: BatchFill): Promise<void> => {
    chain(table, await writeParquetTable(cons, join(dir, `${table}.parquet`), job.partition, columns, [fill]));
  };

  const onThread = db.memory ? [] : EXPORT_TABLES.filter((t) => THREAD_TABLES.has(t.file)).map((t) => t.file);
  // The thread's tables are recorded (hashed) when it has ended.
  const thread = startExportThread({
    ...job, dbPath: db.name, tables: onThread, ranges: [...job.ranges], partition: [...job.partition],
  });
  const lines = selectLines(db, s.lineSet);
  try {
    for (const t of EXPORT_TABLES) {
      if (!thread || !onThread.includes(t.file)) chain(t.file, await writeSourceTable(db, cons, job, t));
    }
    await write('line', [
      { name: 'year', type: 'INTEGER' }, { name: 'poverty_line', type: 'DOUBLE' },
      { name: 'monitoring_threshold', type: 'DOUBLE' }, { name: 'line', type: 'DOUBLE' },
    ], (add) => {
      for (const l of lines) add([l.year, l.povertyLine, l.monitoringThreshold, lineForYear(lines, l.year)]);
    });
    const codeColumns: ParquetColumn[] = [
      { name: 'field', type: 'VARCHAR' }, { name: 'raw', type: 'VARCHAR' }, { name: 'label', type: 'VARCHAR' },
    ];
    await write('code_label', codeColumns, (add) => {
      for (const c of selectRawCodes(db, s.id)) {
        const list = CODE_LISTS[c.field];
        if (list) add([c.field, c.raw, resolveCode(list, c.raw).label]);
      }
    });
    await write('snapshot', [
      { name: 'snapshot_id', type: 'INTEGER' }, { name: 'county_name', type: 'VARCHAR' },
      { name: 'line_set', type: 'VARCHAR' }, { name: 'source_sha256', type: 'VARCHAR' },
      { name: 'households', type: 'INTEGER' }, { name: 'persons', type: 'INTEGER' },
    ], (add) => add([s.id, s.countyName, s.lineSet, s.sourceSha256, s.households, s.persons]));
    await merges;
    if (thread) for (const [table, rows] of await thread.tables) await record(table, rows);
  } finally {
    // Nothing is left writing into the staging folder when the export ends, failed or not.
    await Promise.allSettled([merges, thread?.tables]);
  }
  // The manifest lists the files in one order whichever thread wrote them.
  const order = [...EXPORT_TABLES.map((t) => t.file), 'line', 'code_label', 'snapshot'];
  const files: ExportPartition['files'] = order.flatMap((table) => {
    const w = written.get(table);
    return w ? [{ table, file: `${path.split('\\').join('/')}/${table}.parquet`, ...w }] : [];
  });
  return {
    countyCode: county, countyName: s.countyName, asOf: s.asOf, snapshotId: s.id, path: path.split('\\').join('/'),
    lineSet: s.lineSet, lines: lines.map((l) => ({
      year: l.year, povertyLine: l.povertyLine, monitoringThreshold: l.monitoringThreshold,
    })),
    files,
  };
}
