import type { Db } from '../../db/database';
import { resolveScope, type MetricScope } from '../../metrics/scope';
import { buildCubes, countCubeRows, type CubeRows } from './cubes';
import { CodeMaps } from './codeFunctions';
import { loadDictionary, type PivotDictionary } from './dictionary';
import { exitAttributionStamp } from './exitMethods';
import { buildHouseholdFacts } from './householdFacts';
import { buildIncomeFacts, incomeYearsOf } from './incomeFacts';
import { buildMedianCubes } from './medianCubes';
import { buildPairCubes } from './pairCubes';
import { buildPersonFacts } from './personFacts';

/** Bump when the fact tables, cubes or dictionaries change shape or meaning: they are rebuilt. */
export const FACTS_VERSION = 8;

export interface FactsState {
  readonly version: number;
  readonly lineSet: string;
  readonly exitStamp: string;
  readonly incomeYears: readonly number[];
  readonly cubeRows: CubeRows;
  readonly builtAt: string;
  readonly buildMs: number;
}

/** A snapshot's pivot tables, ready to query, with what they were built from. */
export interface PivotFacts {
  readonly scope: MetricScope;
  readonly state: FactsState;
  readonly dictionary: PivotDictionary;
  /** True when this call (re)built the tables. */
  readonly rebuilt: boolean;
}

export type FactsProgress = (fraction: number, stage: string) => void;

function readState(db: Db, snapshotId: number): FactsState | null {
  const row = db.prepare(
    `SELECT version, line_set, exit_stamp, income_years, cube_rows, built_at, build_ms FROM pivot_build WHERE snapshot_id = ?`,
  ).get(snapshotId) as { version: number; line_set: string; exit_stamp: string; income_years: string; cube_rows: string; built_at: string; build_ms: number } | undefined;
  if (!row) return null;
  return {
    version: row.version, lineSet: row.line_set, exitStamp: row.exit_stamp, incomeYears: JSON.parse(row.income_years) as number[],
    cubeRows: JSON.parse(row.cube_rows) as CubeRows, builtAt: row.built_at, buildMs: row.build_ms,
  };
}

function clear(db: Db, snapshotId: number): void {
  for (const table of ['pivot_median_cube', 'pivot_bucket', 'pivot_cube', 'pivot_income', 'pivot_person', 'pivot_household', 'pivot_dict', 'pivot_build'] as const) {
    db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(snapshotId);
  }
}

/** A snapshot whose tables are being built by a job (the connection is inside its transaction). */
export class FactsBuilding extends Error {}

/** A build job was cancelled between steps (everything rolled back). */
export class FactsCancelled extends Error {}

const building = new WeakMap<Db, Set<number>>();

function buildingSet(db: Db): Set<number> {
  let set = building.get(db);
  if (!set) {
    set = new Set();
    building.set(db, set);
  }
  return set;
}

interface BuildStep {
  readonly fraction: number;
  readonly stage: string;
  readonly run: () => void;
}

/**
 * The steps of a build: dictionaries and households, members, income rows, then the cubes. Takes
 * a few minutes at county scale (measured in the bench), once per snapshot and again only when the
 * exit attribution changes (lines edited, another line set).
 */
function buildSteps(scope: MetricScope): BuildStep[] {
  const { db, snapshot, lineSet } = scope;
  const codes = new CodeMaps();
  return [
    { fraction: 0.02, stage: '整理户信息', run: () => {
      clear(db, snapshot.id);
      codes.register(db);
      buildHouseholdFacts(db, snapshot.id, lineSet, codes);
    } },
    { fraction: 0.1, stage: '整理家庭成员', run: () => buildPersonFacts(db, snapshot.id, snapshot.asOf, codes) },
    { fraction: 0.25, stage: '整理收入记录', run: () => buildIncomeFacts(db, snapshot.id) },
    { fraction: 0.55, stage: '生成户与成员汇总表', run: () => {
      buildCubes(db, snapshot.id, 'household');
      buildCubes(db, snapshot.id, 'person');
      buildPairCubes(db, snapshot.id);
    } },
    { fraction: 0.65, stage: '生成收入汇总表', run: () => {
      buildCubes(db, snapshot.id, 'income');
      buildMedianCubes(db, snapshot.id);
    } },
  ];
}

function finishBuild(scope: MetricScope, exitStamp: string, started: number): FactsState {
  const { db, snapshot, lineSet } = scope;
  const state: FactsState = {
    version: FACTS_VERSION, lineSet, exitStamp, incomeYears: incomeYearsOf(db, snapshot.id), cubeRows: countCubeRows(db, snapshot.id),
    builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - started),
  };
  db.prepare(
    `INSERT INTO pivot_build(snapshot_id, version, line_set, exit_stamp, income_years, cube_rows, built_at, build_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(snapshot.id, state.version, state.lineSet, state.exitStamp, JSON.stringify(state.incomeYears), JSON.stringify(state.cubeRows),
    state.builtAt, state.buildMs);
  return state;
}

/**
 * The build as a sequence that pauses after each step: driven straight through for a pivot that
 * needs its tables now, or with a turn of the event loop at each pause for a job (progress can
 * then be polled, and a cancel rolls everything back). One transaction: committed whole or not.
 */
function* buildRun(scope: MetricScope, exitStamp: string, onProgress: FactsProgress | undefined): Generator<void, FactsState, void> {
  const { db, snapshot } = scope;
  const set = buildingSet(db);
  if (set.has(snapshot.id)) throw new FactsBuilding('正在建立该快照的透视汇总表，请稍候再试');
  set.add(snapshot.id);
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const step of buildSteps(scope)) {
      onProgress?.(step.fraction, step.stage);
      step.run();
      yield;
    }
    const state = finishBuild(scope, exitStamp, started);
    db.exec('COMMIT');
    onProgress?.(1, '完成');
    return state;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    set.delete(snapshot.id);
  }
}

function buildNow(scope: MetricScope, exitStamp: string, onProgress: FactsProgress | undefined): FactsState {
  const run = buildRun(scope, exitStamp, onProgress);
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}

const dictionaries = new WeakMap<Db, Map<number, { readonly builtAt: string; readonly dictionary: PivotDictionary }>>();

function dictionaryFor(db: Db, snapshotId: number, state: FactsState): PivotDictionary {
  let perDb = dictionaries.get(db);
  if (!perDb) {
    perDb = new Map();
    dictionaries.set(db, perDb);
  }
  const cached = perDb.get(snapshotId);
  if (cached && cached.builtAt === state.builtAt) return cached.dictionary;
  const dictionary = loadDictionary(db, snapshotId);
  perDb.set(snapshotId, { builtAt: state.builtAt, dictionary });
  return dictionary;
}

export interface FactsRequest {
  readonly snapshotId?: number;
  readonly lineSet?: string;
  readonly onProgress?: FactsProgress;
}

/**
 * The pivot tables of a snapshot (default: the newest), built on first use and rebuilt when stale.
 * Import and the demo generator may call this right after writing a snapshot so that the first
 * pivot is instant.
 */
export function ensurePivotFacts(db: Db, request: FactsRequest = {}): PivotFacts {
  const scope = resolveScope(db, { snapshotId: request.snapshotId, lineSet: request.lineSet });
  const exitStamp = exitAttributionStamp(scope);
  if (buildingSet(db).has(scope.snapshot.id)) throw new FactsBuilding('正在建立该快照的透视汇总表，请稍候再试');
  let state = readState(db, scope.snapshot.id);
  const rebuilt = !state || state.version !== FACTS_VERSION || state.exitStamp !== exitStamp;
  if (rebuilt) state = buildNow(scope, exitStamp, request.onProgress);
  return { scope, state: state as FactsState, dictionary: dictionaryFor(db, scope.snapshot.id, state as FactsState), rebuilt };
}

/** Whether a snapshot's pivot tables are current (no build needed). */
export function pivotFactsReady(db: Db, request: Omit<FactsRequest, 'onProgress'> = {}): { ready: boolean; scope: MetricScope; exitStamp: string } {
  const scope = resolveScope(db, { snapshotId: request.snapshotId, lineSet: request.lineSet });
  const exitStamp = exitAttributionStamp(scope);
  const state = readState(db, scope.snapshot.id);
  return { ready: state !== null && state.version === FACTS_VERSION && state.exitStamp === exitStamp, scope, exitStamp };
}

/**
 * Builds a snapshot's pivot tables as a job would: the event loop gets a turn between steps;
 * `cancelled` is asked between steps and rolls everything back.
 */
export async function buildPivotFactsInSteps(
  db: Db, request: Omit<FactsRequest, 'onProgress'>, onProgress: FactsProgress, cancelled: () => boolean,
): Promise<FactsState> {
  const { ready, scope, exitStamp } = pivotFactsReady(db, request);
  const current = readState(db, scope.snapshot.id);
  if (ready && current) return current;
  const run = buildRun(scope, exitStamp, onProgress);
  let step = run.next();
  while (!step.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    step = cancelled() ? run.throw(new FactsCancelled()) : run.next();
  }
  return step.value;
}

