import { DuckDBInstance } from '@duckdb/node-api';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database';
import { withExportCache } from '../db/queries/exportQueries';
import { EXPORT_TABLES } from './exportTables';
import { exportThreadDataSchema, type FromExportThread } from './exportThreadProtocol';
import { writeSourceTable } from './sourceTables';

/**
 * Entry of an export's second thread (exportThread.ts starts it): it reads some of the partition's
 * tables on a read-only connection of its own and writes them with a DuckDB of its own, while the
 * main thread writes the others — the reading and the data chunks are most of an export's work.
 */
async function run(reply: (m: FromExportThread) => void): Promise<void> {
  const data = exportThreadDataSchema.parse(workerData);
  const db = openDatabase(data.dbPath, { readonly: true, mustExist: true });
  // A small share of the export's memory: this DuckDB holds two batches and one merge.
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '128MB', threads: '1' });
  const cons = { append: await instance.connect(), write: await instance.connect(), merge: await instance.connect() };
  try {
    await withExportCache(db, async () => {
      for (const name of data.tables) {
        const table = EXPORT_TABLES.find((t) => t.file === name);
        if (!table) throw new Error(`导出线程不认识的表：${name}`);
        const { rows, merged } = await writeSourceTable(db, cons, data, table);
        await merged;
        reply({ type: 'table', table: name, rows });
      }
    });
    reply({ type: 'done' });
  } finally {
    for (const con of Object.values(cons)) con.closeSync();
    instance.closeSync();
    db.close();
  }
}

if (parentPort) {
  const port = parentPort;
  const reply = (m: FromExportThread): void => port.postMessage(m);
  run(reply).catch((err: unknown) => reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
}
