import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { feedRows } from '../../../electron/core/db/rowFeed';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-rowfeed-'));
  db = openDatabase(join(dir, 'feed.sqlite'));
  db.exec('CREATE TABLE t(k INTEGER PRIMARY KEY, v REAL)');
  const insert = db.prepare('INSERT INTO t(k, v) VALUES (?, ?)');
  for (let k = 1; k <= 1000; k++) insert.run(k, k / 2);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feedRows: rows through an SQLite function, with an early stop', () => {
  it('visits every row, in the query order, with its arguments', () => {
    const seen: number[] = [];
    const stopped = feedRows(db, 'test_feed', 'SELECT SUM(test_feed(k, v)) FROM t WHERE k > ?', [990], (row) => {
      seen.push(row[0] as number);
      expect(row[1]).toBe((row[0] as number) / 2);
    });
    expect(stopped).toBe(false);
    expect(seen).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]);
  });

  it('ends the scan when the visitor says so: no row after that one is read', () => {
    let visited = 0;
    const stopped = feedRows(db, 'test_feed', 'SELECT SUM(test_feed(k)) FROM t', [], (row) => {
      visited++;
      return row[0] === 7;
    });
    expect(stopped).toBe(true);
    expect(visited).toBe(7);
  });

  it('lets a visitor\'s own error through, and the connection keeps working after a stop or an error', () => {
    expect(() => feedRows(db, 'test_feed', 'SELECT SUM(test_feed(k)) FROM t', [], () => {
      throw new RangeError('out of order');
    })).toThrow(RangeError);
    expect(() => feedRows(db, 'test_feed', 'SELECT SUM(test_feed(nosuch)) FROM t', [], () => false)).toThrow(/nosuch/);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1000);
  });
});
