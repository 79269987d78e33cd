import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { runDone, runStep, startRun } from '../../../electron/core/pivot/facts/factsBuild';
import { pivotFactsReady } from '../../../electron/core/pivot/facts/pivotFacts';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-facts-lock-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 400, seed: 3 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The cube steps read the detail rows before their transaction: on the large county the income
 * cubes' pass is ≈ 15 s, three times an import connection's busy timeout, and must not hold the
 * write lock meanwhile. Here another connection holds the write lock (an import writing) while
 * the pass runs; only the short write of the cube rows waits for it.
 */
describe('the pivot build in steps', () => {
  it('sums the cubes without the write lock and takes it only to write them', () => {
    const { scope, exitStamp } = pivotFactsReady(db);
    const run = startRun(scope, exitStamp, false);
    const stages: string[] = [];
    const cubeStage = '生成收入汇总表';
    while (run.steps[run.next]?.stage !== cubeStage) {
      stages.push(run.steps[run.next]?.stage ?? '');
      runStep(db, run);
    }
    expect(stages).toContain('明细表就绪');

    const importer = openDatabase(join(dir, 'demo.sqlite'));
    db.pragma('busy_timeout = 0');
    try {
      importer.exec('BEGIN IMMEDIATE');
      const step = run.steps[run.next];
      expect(step?.read).toBeDefined();
      const write = step?.read?.();
      expect(typeof write).toBe('function');
      // The write itself needs the lock: it is refused at once while the other writer holds it.
      expect(() => runStep(db, run)).toThrow(/locked|busy/i);
      importer.exec('COMMIT');
    } finally {
      if (importer.inTransaction) importer.exec('ROLLBACK');
      importer.close();
      db.pragma('busy_timeout = 5000');
    }
    while (!runDone(run)) runStep(db, run);
    expect(pivotFactsReady(db).ready).toBe(true);
    const incomeCubeRows = db.prepare(
      `SELECT COUNT(*) FROM pivot_cube c WHERE c.snapshot_id = ? AND c.year > 0`,
    ).pluck().get(scope.snapshot.id) as number;
    expect(incomeCubeRows).toBeGreaterThan(0);
  });
});
