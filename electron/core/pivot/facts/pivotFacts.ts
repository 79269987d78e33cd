import type { Db } from '../../db/database';
import { resolveScope, type MetricScope } from '../../metrics/scope';
import { loadDictionary, type PivotDictionary } from './dictionary';
import { exitAttributionStamp } from './exitMethods';
import {
  abandonRun, buildClaim, claimBuild, currentRun, releaseBuild, runDone, runFactsReady, runStep, startRun,
  type BuildRun,
} from './factsBuild';
import { isCurrent, readState, type FactsState } from './factsState';
import { cancellation, Refusal } from '../../refusal';

export { FACTS_VERSION, type FactsState } from './factsState';

/** A snapshot's pivot tables, ready to query, with what they were built from. */
export interface PivotFacts {
  readonly scope: MetricScope;
  readonly state: FactsState;
  readonly dictionary: PivotDictionary;
  /** True when this call built the tables (the whole build, for want of a job making them). */
  readonly rebuilt: boolean;
}

export type FactsProgress = (fraction: number, stage: string) => void;

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

/** The run to drive for a snapshot: the one under way, or a new one from where the tables stand. */
function runFor(scope: MetricScope, exitStamp: string, state: FactsState | null): BuildRun {
  const run = currentRun(scope.db, scope.snapshot.id);
  if (run && run.exitStamp === exitStamp) return run;
  if (run) throw new Refusal('refused', '正在按另一套贫困线建立该快照的透视汇总表，请稍候再试');
  return startRun(scope, exitStamp, isCurrent(state, exitStamp));
}

/**
 * The pivot tables of a snapshot (default: the newest). When a job is building them (the
 * preparation after an import), this waits for no cube: it drives the build through the detail
 * tables, if they are not there yet, and the pivot reads the detail rows until the job has made
 * the cubes. With no job at work (the CLI, tests, a build that stopped), it builds them whole.
 */
export function ensurePivotFacts(db: Db, request: FactsRequest = {}): PivotFacts {
  const scope = resolveScope(db, { snapshotId: request.snapshotId, lineSet: request.lineSet });
  const exitStamp = exitAttributionStamp(scope);
  let state = readState(db, scope.snapshot.id);
  const jobAtWork = buildClaim(db, scope.snapshot.id) !== undefined;
  if (isCurrent(state, exitStamp) && (state.cubesReady || jobAtWork)) {
    return { scope, state, dictionary: dictionaryFor(db, scope.snapshot.id, state), rebuilt: false };
  }
  const run = runFor(scope, exitStamp, state);
  const factsOnly = jobAtWork;
  while (!runDone(run) && !(factsOnly && runFactsReady(run))) runStep(db, run, request.onProgress);
  state = readState(db, scope.snapshot.id);
  if (!isCurrent(state, exitStamp)) throw new Error('透视汇总表建立后状态不一致');
  return { scope, state, dictionary: dictionaryFor(db, scope.snapshot.id, state), rebuilt: !factsOnly };
}

/** Whether a snapshot's pivot tables are complete, cubes included (no build needed). */
export function pivotFactsReady(db: Db, request: Omit<FactsRequest, 'onProgress'> = {}): { ready: boolean; scope: MetricScope; exitStamp: string } {
  const scope = resolveScope(db, { snapshotId: request.snapshotId, lineSet: request.lineSet });
  const exitStamp = exitAttributionStamp(scope);
  const state = readState(db, scope.snapshot.id);
  return { ready: isCurrent(state, exitStamp) && state.cubesReady, scope, exitStamp };
}

export interface StepHooks {
  readonly onProgress: FactsProgress;
  readonly cancelled: () => boolean;
  /** Awaited before each step (the host answers calls meanwhile; writers finish first). */
  readonly between?: () => Promise<void>;
}

/**
 * Builds a snapshot's pivot tables as a job: a committed step at a time with `between` awaited
 * before each; a pivot may drive the same run meanwhile. `owner` (the job's id) claims the build
 * for its duration. A cancel between steps removes what the run wrote.
 */
export async function buildPivotFactsInSteps(
  db: Db, request: Omit<FactsRequest, 'onProgress'>, owner: string, hooks: StepHooks,
): Promise<FactsState> {
  const { ready, scope, exitStamp } = pivotFactsReady(db, request);
  const current = readState(db, scope.snapshot.id);
  if (ready && current) return current;
  if (!claimBuild(db, scope.snapshot.id, owner)) throw new Refusal('refused', '正在建立该快照的透视汇总表，请稍候再试');
  try {
    for (;;) {
      await (hooks.between ? hooks.between() : new Promise<void>((resolve) => setImmediate(resolve)));
      const now = readState(db, scope.snapshot.id);
      if (isCurrent(now, exitStamp) && now.cubesReady) break;
      const run = runFor(scope, exitStamp, now);
      if (hooks.cancelled()) {
        abandonRun(db, run);
        throw cancellation();
      }
      runStep(db, run, hooks.onProgress);
      if (runDone(run)) break;
    }
  } finally {
    releaseBuild(db, scope.snapshot.id, owner);
  }
  const state = readState(db, scope.snapshot.id);
  if (!state) throw new Error('透视汇总表建立后没有状态');
  return state;
}
