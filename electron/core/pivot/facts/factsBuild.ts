import type { Db } from '../../db/database';
import type { MetricScope } from '../../metrics/scope';
import { CubeBuild } from './cubeBuild';
import { CodeMaps } from './codeFunctions';
import { clearFacts, writeCubesReady, writeFactsReady } from './factsState';
import { buildHouseholdFacts } from './householdFacts';
import { buildIncomeFacts, incomeYearSpans } from './incomeFacts';
import { buildPersonDictionaries, buildPersonFacts, personIdRanges } from './personFacts';

/** Members written per step (a step holds the write lock for its duration: a few seconds at most). */
const PERSONS_PER_STEP = 250_000;
/** Income rows written per step, about (a year with more is a step alone). */
const INCOME_ROWS_PER_STEP = 350_000;

export interface BuildStep {
  readonly fraction: number;
  readonly stage: string;
  /** The last step of the detail tables: after it, pivots read them. */
  readonly factsReady?: boolean;
  /**
   * Reading that needs no write lock, run before the step's transaction; what it returns is the
   * write, run inside it (the cube passes: seconds of reading, a short write).
   */
  readonly read?: () => () => void;
  readonly run?: () => void;
}

/**
 * A build of one snapshot's pivot tables in committed steps: the detail tables (households,
 * members in id ranges, income rows a year at a time), then the cubes. Each step is its own
 * transaction, so that no step holds the database for long: a second import waits at most one
 * step, and between steps the host answers other calls. Whoever needs the tables drives the same
 * run: the preparation job step by step with pauses, a pivot that cannot wait for the detail
 * tables through to them at once (then it reads the detail rows; the job goes on with the cubes).
 */
export interface BuildRun {
  readonly snapshotId: number;
  readonly exitStamp: string;
  readonly steps: readonly BuildStep[];
  next: number;
  readonly started: number;
}

function factSteps(scope: MetricScope, exitStamp: string, started: number): BuildStep[] {
  const { db, snapshot, lineSet } = scope;
  const codes = new CodeMaps();
  const ranges = personIdRanges(db, snapshot.id, PERSONS_PER_STEP);
  const years = incomeYearSpans(db, snapshot.id, INCOME_ROWS_PER_STEP);
  return [
    { fraction: 0.02, stage: '整理户信息', run: () => {
      clearFacts(db, snapshot.id);
      codes.register(db);
      buildHouseholdFacts(db, snapshot.id, lineSet, codes);
      buildPersonDictionaries(db, snapshot.id, codes);
    } },
    ...ranges.map((range, i): BuildStep => ({
      fraction: 0.1 + (0.15 * i) / ranges.length, stage: '整理家庭成员', run: () => {
        // Another build may have registered its own codes on the connection meanwhile.
        codes.register(db);
        buildPersonFacts(db, snapshot.id, snapshot.asOf, range, codes);
      },
    })),
    ...years.map((span, i): BuildStep => ({
      fraction: 0.25 + (0.3 * i) / years.length, stage: '整理收入记录', run: () => buildIncomeFacts(db, snapshot.id, span),
    })),
    { fraction: 0.55, stage: '明细表就绪', factsReady: true, run: () => {
      writeFactsReady(db, snapshot.id, lineSet, exitStamp, performance.now() - started);
    } },
  ];
}

function cubeSteps(db: Db, snapshotId: number, started: number): BuildStep[] {
  const cubes = new CubeBuild(db, snapshotId);
  return [
    { fraction: 0.56, stage: '生成户汇总表', read: () => cubes.sumHouseholdCubes() },
    { fraction: 0.6, stage: '生成成员汇总表', read: () => cubes.sumPersonCubes() },
    { fraction: 0.7, stage: '生成收入汇总表', read: () => cubes.sumIncomeCubes() },
    { fraction: 0.9, stage: '生成收入中位数汇总表', run: () => {
      cubes.writeMedianCubes();
      writeCubesReady(db, snapshotId, performance.now() - started);
    } },
  ];
}

const runs = new WeakMap<Db, Map<number, BuildRun>>();
const claims = new WeakMap<Db, Map<number, string>>();

function perDb<T>(map: WeakMap<Db, Map<number, T>>, db: Db): Map<number, T> {
  let m = map.get(db);
  if (!m) {
    m = new Map();
    map.set(db, m);
  }
  return m;
}

/** The run under way for a snapshot, if any. */
export function currentRun(db: Db, snapshotId: number): BuildRun | undefined {
  return perDb(runs, db).get(snapshotId);
}

/**
 * A new run: the whole build, or only the cubes when the detail tables are already there
 * (a build stopped after them, e.g. by closing the host).
 */
export function startRun(scope: MetricScope, exitStamp: string, factsDone: boolean): BuildRun {
  const started = performance.now();
  const run: BuildRun = {
    snapshotId: scope.snapshot.id, exitStamp, next: 0, started,
    steps: [
      ...(factsDone ? [] : factSteps(scope, exitStamp, started)),
      ...cubeSteps(scope.db, scope.snapshot.id, started),
    ],
  };
  perDb(runs, scope.db).set(scope.snapshot.id, run);
  return run;
}

export function runDone(run: BuildRun): boolean {
  return run.next >= run.steps.length;
}

/** Whether the run has passed the step that makes the detail tables readable. */
export function runFactsReady(run: BuildRun): boolean {
  const at = run.steps.findIndex((s) => s.factsReady);
  return at < 0 || run.next > at;
}

/** Runs the run's next step in a transaction of its own; a failed step is rolled back and may be run again. */
export function runStep(db: Db, run: BuildRun, onProgress?: (fraction: number, stage: string) => void): void {
  const step = run.steps[run.next];
  if (!step) return;
  onProgress?.(step.fraction, step.stage);
  // The run's own tables are read here: no other writer touches them while the run owns the snapshot.
  const write = step.read?.();
  db.exec('BEGIN IMMEDIATE');
  try {
    step.run?.();
    write?.();
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  run.next++;
  if (runDone(run)) {
    perDb(runs, db).delete(run.snapshotId);
    onProgress?.(1, '完成');
  }
}

/** Gives a run up (a cancel): what it wrote is removed, so that no half-built table is left. */
export function abandonRun(db: Db, run: BuildRun): void {
  perDb(runs, db).delete(run.snapshotId);
  if (run.next === 0) return;
  db.transaction(() => clearFacts(db, run.snapshotId))();
}

/**
 * A job says it will build a snapshot's tables (the preparation after an import): until it
 * releases the claim, a pivot that needs the tables builds only the detail tables itself and
 * leaves the cubes to the job. Returns false when another job holds the claim.
 */
export function claimBuild(db: Db, snapshotId: number, owner: string): boolean {
  const m = perDb(claims, db);
  const holder = m.get(snapshotId);
  if (holder !== undefined) return holder === owner;
  m.set(snapshotId, owner);
  return true;
}

export function releaseBuild(db: Db, snapshotId: number, owner: string): void {
  const m = perDb(claims, db);
  if (m.get(snapshotId) === owner) m.delete(snapshotId);
}

/** The owner of a snapshot's claim (a job's id), if a job is building its tables. */
export function buildClaim(db: Db, snapshotId: number): string | undefined {
  return perDb(claims, db).get(snapshotId);
}
