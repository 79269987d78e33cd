import type { Db } from '../db/database';
import { clearDerived } from '../db/queries/derivedTables';
import { getSnapshot } from '../db/snapshotRepo';
import { ensureExitAttribution, ensureIncomeRisk } from './exitAttribution';
import { ensureFlowLedger } from './flows';
import { incomeForScope, panelGrowth } from './income';
import { ensureIncomeAreaTotals } from './incomeArea';
import { resolveScope, type MetricScope } from './scope';

/** The stage every step of the preparation reports (the job's progress line). */
export const PREPARE_STAGE = '准备分析数据…';

/**
 * One step of the preparation: a derived table of the snapshot, built in its own transaction and
 * stamped, so that a metric called between two steps finds each table either whole or absent (and
 * then builds it itself, as it always can). `weight`: its rough share of the time, for progress.
 */
export interface PrepareStep {
  readonly name: string;
  readonly weight: number;
  readonly run: (scope: MetricScope) => void;
}

export const PREPARE_STEPS: readonly PrepareStep[] = [
  { name: '脱贫方式归因', weight: 30, run: (scope) => ensureExitAttribution(scope) },
  { name: '动态调整台账', weight: 20, run: (scope) => ensureFlowLedger(scope) },
  { name: '全县收入', weight: 8, run: (scope) => incomeForScope(scope, { population: 'crossSection' }) },
  { name: '平衡面板', weight: 7, run: (scope) => panelGrowth(scope) },
  { name: '乡镇和村的收入', weight: 20, run: (scope) => ensureIncomeAreaTotals(scope.db, scope.snapshot.id) },
  { name: '收入返贫风险', weight: 15, run: (scope) => ensureIncomeRisk(scope) },
];

export interface PrepareTiming {
  readonly step: string;
  readonly ms: number;
}

export interface PrepareOptions {
  /** Called before each step with the share done and the stage text (PREPARE_STAGE and the step). */
  readonly progress?: (fraction: number, stage: string) => void;
  /** Asked between steps; true stops the preparation (what is built stays built). */
  readonly cancelled?: () => boolean;
  /** Awaited between steps, so that the host's other calls are answered meanwhile. */
  readonly between?: () => Promise<void>;
}

export interface PrepareResult {
  readonly snapshotId: number;
  /** False when the snapshot was deleted meanwhile or the preparation was stopped. */
  readonly complete: boolean;
  readonly ms: number;
  readonly steps: readonly PrepareTiming[];
}

const TOTAL_WEIGHT = PREPARE_STEPS.reduce((s, step) => s + step.weight, 0);

/**
 * Builds the derived tables of a snapshot under its line set (exit attribution, the flow ledger,
 * county-wide income sums and the all-years panel, township and village income cells, the income
 * risk rows), step by step, so that the first view after an import is as fast as the next. Every
 * metric also builds what it needs on first use; this only moves the cost off the first view.
 */
export async function prepareDerivedInSteps(db: Db, snapshotId: number, options: PrepareOptions = {}): Promise<PrepareResult> {
  const t0 = performance.now();
  const steps: PrepareTiming[] = [];
  let done = 0;
  for (const step of PREPARE_STEPS) {
    if (options.cancelled?.()) return { snapshotId, complete: false, ms: performance.now() - t0, steps };
    // The scope is resolved afresh each step: the snapshot may have been deleted, or its line set changed.
    if (!getSnapshot(db, snapshotId)) return { snapshotId, complete: false, ms: performance.now() - t0, steps };
    options.progress?.(done / TOTAL_WEIGHT, `${PREPARE_STAGE}（${step.name}）`);
    const s0 = performance.now();
    step.run(resolveScope(db, { snapshotId }));
    steps.push({ step: step.name, ms: Math.round(performance.now() - s0) });
    done += step.weight;
    if (options.between) await options.between();
  }
  return { snapshotId, complete: true, ms: Math.round(performance.now() - t0), steps };
}

/** The same preparation in one go (CLI after an import, tests, the bench); returns each step's time. */
export function prepareDerived(db: Db, snapshotId: number): PrepareTiming[] {
  const steps: PrepareTiming[] = [];
  for (const step of PREPARE_STEPS) {
    const s0 = performance.now();
    step.run(resolveScope(db, { snapshotId }));
    steps.push({ step: step.name, ms: Math.round(performance.now() - s0) });
  }
  return steps;
}

/** Forgets a snapshot's derived tables (to time a first call, or after a rule change in development). */
export function forgetDerived(db: Db, snapshotId: number): void {
  clearDerived(db, snapshotId);
}
