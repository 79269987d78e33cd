import type { Db } from '../../db/database';
import { resolveScope, type MetricScope } from '../../metrics/scope';
import { buildCubes, countCubeRows, type CubeRows } from './cubes';
import { CodeMaps } from './codeFunctions';
import { loadDictionary, type PivotDictionary } from './dictionary';
import { exitAttributionStamp } from './exitMethods';
import { buildHouseholdFacts } from './householdFacts';
import { buildIncomeFacts, incomeYearsOf } from './incomeFacts';
import { buildPersonFacts } from './personFacts';

/** Bump when the fact tables, cubes or dictionaries change shape or meaning: they are rebuilt. */
export const FACTS_VERSION = 2;

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
  for (const table of ['pivot_cube', 'pivot_income', 'pivot_person', 'pivot_household', 'pivot_dict', 'pivot_build'] as const) {
    db.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?`).run(snapshotId);
  }
}

/**
 * Builds every pivot table of a snapshot in one transaction: dictionaries and households, members,
 * income rows, then the cubes. Takes seconds at county scale (measured in the bench), once per
 * snapshot and again only when the exit attribution changes (lines edited, another line set).
 */
function build(scope: MetricScope, exitStamp: string, onProgress: FactsProgress | undefined): FactsState {
  const { db, snapshot, lineSet } = scope;
  const started = performance.now();
  return db.transaction(() => {
    clear(db, snapshot.id);
    const codes = new CodeMaps();
    codes.register(db);
    onProgress?.(0.02, '整理户信息');
    buildHouseholdFacts(db, snapshot.id, lineSet, codes);
    onProgress?.(0.1, '整理家庭成员');
    buildPersonFacts(db, snapshot.id, snapshot.asOf, codes);
    onProgress?.(0.25, '整理收入记录');
    buildIncomeFacts(db, snapshot.id);
    onProgress?.(0.6, '生成汇总表');
    buildCubes(db, snapshot.id, 'household');
    buildCubes(db, snapshot.id, 'person');
    onProgress?.(0.7, '生成汇总表');
    buildCubes(db, snapshot.id, 'income');
    const state: FactsState = {
      version: FACTS_VERSION, lineSet, exitStamp, incomeYears: incomeYearsOf(db, snapshot.id), cubeRows: countCubeRows(db, snapshot.id),
      builtAt: new Date().toISOString(), buildMs: Math.round(performance.now() - started),
    };
    db.prepare(
      `INSERT INTO pivot_build(snapshot_id, version, line_set, exit_stamp, income_years, cube_rows, built_at, build_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(snapshot.id, state.version, state.lineSet, state.exitStamp, JSON.stringify(state.incomeYears), JSON.stringify(state.cubeRows),
      state.builtAt, state.buildMs);
    onProgress?.(1, '完成');
    return state;
  })();
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
  let state = readState(db, scope.snapshot.id);
  const rebuilt = !state || state.version !== FACTS_VERSION || state.exitStamp !== exitStamp;
  if (rebuilt) state = build(scope, exitStamp, request.onProgress);
  return { scope, state: state as FactsState, dictionary: dictionaryFor(db, scope.snapshot.id, state as FactsState), rebuilt };
}
