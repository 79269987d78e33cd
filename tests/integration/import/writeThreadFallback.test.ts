import { existsSync, renameSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { makeTempDir } from './support/tempDir';
import { smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('thread-fallback');
afterAll(() => tmp.remove());

describe('a write thread that fails before the end', () => {
  it('leaves the rows to the caller connection, and never writes a database of its own', async () => {
    const file = tmp.path('county.xlsx');
    await writeWorkbook(file, smallCounty());
    const opened = tmp.path('opened.sqlite');
    const db = openDatabase(opened);
    try {
      // The file is moved while open (the caller's handle still reaches it): the thread, which opens
      // the file by name, finds nothing there and fails; the caller writes the rows itself.
      const moved = tmp.path('moved.sqlite');
      renameSync(opened, moved);
      const result = await importSnapshot(db, file, { writeMode: 'thread' });
      expect(result.errors).toEqual([]);
      expect(result.writtenBy).toBe('inline');
      expect(result.counts).toMatchObject({ households: 3, persons: 5, incomeRows: 5 });
      const row = db.prepare(`SELECT households, persons, income_rows FROM snapshot WHERE id = ?`).get(result.snapshotId);
      expect(row).toEqual({ households: 3, persons: 5, income_rows: 5 });
      // The thread created no database under the old name.
      expect(existsSync(opened)).toBe(false);
    } finally {
      db.close();
    }
  });
});
