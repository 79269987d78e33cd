import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../../electron/core/demo/demoRowSource';
import { Random } from '../../../electron/core/demo/random';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { writeTemplateWorkbook } from '../../../electron/core/template/writeTemplateWorkbook';
import { makeTempDir } from '../import/support/tempDir';

/**
 * Issue 17's kill test, bounded for CI: the real CLI is killed with SIGKILL at seeded random moments
 * of an import, a demo, a delete and a migration. After every kill the file passes integrity_check,
 * every snapshot in it is whole (its rows as many as it says), the operation either happened or did
 * not (never half), and the next open works. TUOPIN_KILL_SEED and TUOPIN_KILL_ROUNDS change the run.
 */
const SEED = Number(process.env.TUOPIN_KILL_SEED ?? 17);
const ROUNDS = Number(process.env.TUOPIN_KILL_ROUNDS ?? 5);
const HOUSEHOLDS = 3000;
const ROOT = join(__dirname, '..', '..', '..');
const TUOPIN = join(ROOT, 'bin', 'tuopin.js');
const tmp = makeTempDir('kill');
afterAll(() => tmp.remove());

/** The demo's seeded PRNG: the kill moments of a seed are the same on every machine. */
const seededRandom = new Random(SEED);
const random = (): number => seededRandom.next();

interface Run {
  readonly ms: number;
  readonly exit: number | null;
  readonly killed: boolean;
}

/** Runs `tuopin args…`; with `killAfterMs`, SIGKILLs it then (if it is still running). */
function tuopin(args: readonly string[], killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [TUOPIN, ...args], { stdio: 'ignore' });
    let killed = false;
    const timer = killAfterMs === undefined ? null : setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('exit', (exit) => {
      if (timer) clearTimeout(timer);
      resolve({ ms: Date.now() - started, exit, killed: killed && exit === null });
    });
  });
}

interface SnapshotRow {
  id: number;
  households: number;
  persons: number;
  income_rows: number;
}

/**
 * The file as the kill left it, read without migrating: integrity_check ok, no dangling key, and each
 * snapshot whole. Returns the snapshot ids.
 */
function checkWhole(path: string): number[] {
  const db = new Database(path);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const snapshots = db.prepare('SELECT id, households, persons, income_rows FROM snapshot ORDER BY id')
      .all() as SnapshotRow[];
    for (const s of snapshots) {
      const count = (table: string): unknown =>
        db.prepare(`SELECT COUNT(*) FROM ${table} WHERE snapshot_id = ?`).pluck().get(s.id);
      expect({ id: s.id, households: count('household'), persons: count('person'), income: count('income') })
        .toEqual({ id: s.id, households: s.households, persons: s.persons, income: s.income_rows });
    }
    // No row of a snapshot that is not there (a delete cut short would leave some).
    const orphans = db.prepare('SELECT COUNT(*) FROM household WHERE snapshot_id NOT IN (SELECT id FROM snapshot)')
      .pluck().get();
    expect(orphans).toBe(0);
    return snapshots.map((s) => s.id);
  } finally {
    db.close();
  }
}

/** The next open, as the app does it: migrations, seed, and a read. */
function reopen(path: string): void {
  const db = openDatabase(path);
  try {
    expect(db.prepare('SELECT COUNT(*) FROM snapshot').pluck().get()).toBeGreaterThanOrEqual(0);
  } finally {
    db.close();
  }
}

interface Operation {
  readonly name: string;
  /** The database the operation starts from. */
  readonly base: () => string;
  readonly args: (db: string) => string[];
  /** Snapshot ids when it did not happen, and when it did. */
  readonly before: readonly number[];
  readonly after: readonly number[];
  /** Anything else that must be all or nothing (the migration's masks); says which it is. */
  readonly alsoWhole?: (db: string) => string;
}

let oneSnapshot = '';
let oldShape = '';
let workbook = '';

/**
 * Every mask back to the 8-star form of the version before 011 (digits 15–16 shown: two made-up ones),
 * and 011 and 016 not recorded: the next open runs them.
 */
function makeOldShape(path: string): void {
  const db = new Database(path);
  db.exec(`UPDATE person SET id_masked = substr(id_masked, 1, 6) || '********' || '00' || substr(id_masked, 17)
             WHERE length(id_masked) = 18 AND substr(id_masked, 7, 10) = '**********';
           DELETE FROM schema_migration WHERE version IN (11, 16)`);
  db.close();
}

/** The masks are all of one shape: the migration ran whole or not at all. */
function masksOfOneShape(path: string): string {
  const db = new Database(path, { readonly: true });
  const shapes = db.prepare(`SELECT DISTINCT substr(id_masked, 7, 10) = '**********' FROM person
    WHERE length(id_masked) = 18 AND substr(id_masked, 7, 8) = '********'`).pluck().all();
  const recorded = db.prepare('SELECT COUNT(*) FROM schema_migration WHERE version = 11').pluck().get();
  db.close();
  expect(shapes, 'masks of one shape').toHaveLength(1);
  expect(shapes[0] === 1 ? 1 : 0).toBe(recorded);
  return recorded === 1 ? '011 applied' : '011 not applied';
}

const OPERATIONS: Operation[] = [
  {
    name: 'import', base: () => oneSnapshot, before: [1], after: [1, 2],
    args: (db) => ['import', workbook, '--db', db],
  },
  {
    name: 'demo', base: () => oneSnapshot, before: [1], after: [1, 2],
    args: (db) => ['demo', '--db', db, '--households', String(HOUSEHOLDS), '--seed', '9', '--one-snapshot'],
  },
  {
    name: 'delete', base: () => oneSnapshot, before: [1], after: [],
    args: (db) => ['snapshots', '--db', db, '--delete', '1'],
  },
  {
    name: 'migration', base: () => oldShape, args: (db) => ['snapshots', '--db', db], before: [1], after: [1],
    alsoWhole: masksOfOneShape,
  },
];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build:node` first (npm test builds it).');
  }
  oneSnapshot = tmp.path('one.sqlite');
  const db = openDatabase(oneSnapshot);
  await writeDemoSnapshot(db, { households: HOUSEHOLDS, seed: 1 });
  db.close();
  oldShape = tmp.path('old.sqlite');
  copyFileSync(oneSnapshot, oldShape);
  makeOldShape(oldShape);
  workbook = tmp.path('county.xlsx');
  await writeTemplateWorkbook(demoRowSource(demoCounty({ households: HOUSEHOLDS, seed: 4 })), workbook);
}, 120_000);

describe(`SIGKILL at seeded random moments (seed ${SEED}, ${ROUNDS} kills per operation)`, () => {
  const cases = OPERATIONS.map((o) => [o.name, o] as const);
  it.each(cases)('%s: every kill leaves a whole file that opens', async (_n, op) => {
    // Once to the end: how long it runs, and that it succeeds.
    const whole = tmp.path(`${op.name}-whole.sqlite`);
    copyFileSync(op.base(), whole);
    const full = await tuopin(op.args(whole));
    expect(full.exit).toBe(0);
    expect(checkWhole(whole)).toEqual(op.after);
    op.alsoWhole?.(whole);

    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = tmp.path(`${op.name}-${round}.sqlite`);
      copyFileSync(op.base(), file);
      // Anywhere from the process's start to the end of a whole run (module loading included).
      const at = Math.round(random() * full.ms);
      const run = await tuopin(op.args(file), at);
      const ids = checkWhole(file);
      expect([op.before, op.after], `${op.name} killed at ${at} ms`).toContainEqual(ids);
      const state = op.alsoWhole?.(file) ?? `snapshots [${ids.join(',')}]`;
      reopen(file);
      expect(checkWhole(file)).toEqual(ids);
      outcomes.push(`${at} ms ${run.killed ? 'killed' : 'finished'} → ${state}`);
    }
    console.log(`  ${op.name} (whole run ${full.ms} ms): ${outcomes.join('; ')}`);
  }, 120_000);
});
