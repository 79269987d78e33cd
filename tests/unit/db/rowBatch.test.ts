import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { RowBatch } from '../../../electron/core/db/queries/batchInsert';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-rowbatch-'));
  db = openDatabase(join(dir, 'batch.sqlite'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RowBatch', () => {
  it.each([0, 1, 63, 64, 65, 200])('writes every one of %i rows once, in order, literals of the tuple included', (n) => {
    db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(k INTEGER, v REAL, fixed INTEGER, label TEXT)');
    const batch = new RowBatch(db, 'INSERT INTO t(k, v, fixed, label)', '(?, ?, 7, ?)', 3);
    for (let k = 0; k < n; k++) {
      const at = batch.slot();
      batch.params[at] = k;
      batch.params[at + 1] = k / 4;
      batch.params[at + 2] = k % 3 === 0 ? null : `行${k}`;
    }
    batch.end();
    const rows = db.prepare('SELECT k, v, fixed, label FROM t ORDER BY rowid').raw().all() as unknown[][];
    expect(rows).toEqual(Array.from({ length: n }, (_, k) => [k, k / 4, 7, k % 3 === 0 ? null : `行${k}`]));
  });
});
