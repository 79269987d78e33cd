import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { makeTempDir } from './support/tempDir';
import { smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('thread-fallback');
afterAll(() => tmp.remove());

/** A process that takes the database's write lock and holds it `ms` milliseconds; resolves once it holds it. */
async function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('locked')) resolve(); });
    child.once('exit', () => reject(new Error('锁进程提前退出')));
  });
  return { done };
}

describe('a write thread that fails before the end', () => {
  it('leaves the rows to be written on the caller connection, which gives the same snapshot', async () => {
    const file = tmp.path('county.xlsx');
    await writeWorkbook(file, smallCounty());
    const dbFile = tmp.path('fallback.sqlite');
    const db = openDatabase(dbFile);
    try {
      // The thread's BEGIN gives up after SQLite's 5 s busy timeout; the lock is let go at 8 s, in the
      // 5 s the caller's own BEGIN then waits.
      const lock = await holdWriteLock(dbFile, 8_000);
      const result = await importSnapshot(db, file, { writeMode: 'thread' });
      await lock.done;
      expect(result.errors).toEqual([]);
      expect(result.writtenBy).toBe('inline');
      expect(result.counts).toMatchObject({ households: 3, persons: 5, incomeRows: 5 });
      const row = db.prepare(`SELECT households, persons, income_rows FROM snapshot WHERE id = ?`).get(result.snapshotId);
      expect(row).toEqual({ households: 3, persons: 5, income_rows: 5 });
    } finally {
      db.close();
    }
  }, 60_000);
});
