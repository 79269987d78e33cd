import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Db } from '../../db/database';
import type { SnapshotMeta } from '../../db/snapshotRows';
import { BackgroundWrite } from './backgroundWrite';

/**
 * Where an import writes: 'thread' — on a write thread while the file is still being read (two
 * cores busy instead of one); 'inline' — on the caller's connection after the reading. 'auto'
 * takes the thread for a source of some size in a database file (an in-memory database cannot be
 * shared with a thread; a small file is written in less time than a thread takes to start).
 */
export type WriteMode = 'auto' | 'thread' | 'inline';

/** Sources at least this large are written on a thread in 'auto' mode. */
export const THREAD_MIN_BYTES = 16 * 1024 * 1024;
/**
 * Bytes of source per row, on the low side (CSV ≈ 130, xlsx ≈ 100): the write's size is judged from it before a row is
 * read.
 */
const BYTES_PER_ROW = 150;

async function sourceBytes(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return info.size;
    const names = (await readdir(path)).filter((n) => extname(n).toLowerCase() === '.csv');
    const sizes = await Promise.all(names.map(async (n) => (await stat(join(path, n))).size));
    return sizes.reduce((a, b) => a + b, 0);
  } catch {
    return 0;
  }
}

function isFileDatabase(db: Db): boolean {
  return !db.memory && db.name !== '' && db.name !== ':memory:';
}

/**
 * Starts the write thread when `mode` asks for it (or 'auto' finds the source large), with what is
 * known of the snapshot before reading (the rest is filled in when the reading is done); null:
 * write inline. 'thread' where no thread can be had (an in-memory database, a build without the
 * compiled thread) is an error, so that a test asking for the thread never silently runs without it.
 */
export async function startWriteThread(db: Db, source: string, mode: WriteMode,
  known: {
    readonly keepNames: boolean; readonly lineSet?: string; readonly idSecret: Buffer;
  }): Promise<BackgroundWrite | null> {
  if (mode === 'inline') return null;
  const bytes = await sourceBytes(source);
  if (mode === 'auto' && (bytes < THREAD_MIN_BYTES || !isFileDatabase(db))) return null;
  if (!isFileDatabase(db)) throw new Error('写入线程只能写数据库文件（内存数据库不能跨线程共享）');
  const meta: SnapshotMeta = {
    countyCode: null, countyName: '', asOf: '', sourceName: basename(source), sourceSha256: '', keepNames: known.keepNames,
    eventsDerived: false, ...(known.lineSet ? { lineSet: known.lineSet } : {}),
  };
  const write = BackgroundWrite.start(db.name, meta, Math.round(bytes / BYTES_PER_ROW), known.idSecret);
  if (!write && mode === 'thread') throw new Error('找不到编译后的写入线程（dist/…/writeWorker.js）：请先运行 npm run build:node');
  return write;
}
