import { Worker } from 'node:worker_threads';
import { compiledScript } from '../threads/compiledScript';
import { fromExportThreadSchema, type ExportThreadData } from './exportThreadProtocol';

const WORKER_FILE = 'exportWorker.js';

/**
 * The main thread's handle on an export's second thread: `tables` settles with the row count of each
 * table the thread wrote (complete files in the staging folder) once it has written them all, or
 * rejects with its failure; either way the thread has ended by then, so nothing writes into the
 * staging folder after it settles.
 */
export interface ExportThread {
  readonly tables: Promise<ReadonlyMap<string, number>>;
}

/**
 * Starts the thread; null when it cannot run (an in-memory database, or no compiled thread: tests
 * run the sources and find it in dist/ only once built), and the caller then writes every table.
 */
export function startExportThread(data: ExportThreadData): ExportThread | null {
  const script = compiledScript(__dirname, WORKER_FILE);
  if (!script || data.tables.length === 0) return null;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: data });
  } catch {
    // A runtime that cannot start the thread: the main thread writes every table.
    return null;
  }
  const rows = new Map<string, number>();
  const tables = new Promise<ReadonlyMap<string, number>>((resolve, reject) => {
    let failure: Error | null = null;
    let done = false;
    worker.on('message', (raw: unknown) => {
      const parsed = fromExportThreadSchema.safeParse(raw);
      if (!parsed.success) failure ??= new Error('导出线程的回复格式不对');
      else if (parsed.data.type === 'failed') failure ??= new Error(parsed.data.message);
      else if (parsed.data.type === 'done') done = true;
      else rows.set(parsed.data.table, parsed.data.rows);
    });
    worker.on('error', (err) => {
      failure ??= err;
    });
    // Settled only when the thread has ended: its DuckDB and its files are closed by then.
    worker.on('exit', () => {
      if (failure) reject(failure);
      else if (!done) reject(new Error('导出线程意外退出'));
      else resolve(rows);
    });
  });
  // Seen when the export awaits it (after its own tables), not reported as unhandled meanwhile.
  tables.catch(() => undefined);
  return { tables };
}
