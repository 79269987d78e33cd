import type { Db } from '../db/database';
import { clearDerived } from '../db/queries/derivedTables';
import { getSnapshot } from '../db/snapshotRepo';
import { ensureExitAttribution, ensureIncomeRisk } from './exitAttribution';
import { ensureFlowLedger } from './flows';
import { prepareQuality } from './quality';
import { reconcileSnapshot } from './reconcile';
import { incomeForScope, panelGrowth } from './income';
import { ensureTownshipCells, incomeAreaTownships, markIncomeAreaComplete } from './incomeArea';
import { resolveScope, type MetricScope } from './scope';

/** The stage every step of the preparation reports (the job's progress line). */
export const PREPARE_STAGE = '准备分析数据…';

/**
 * One step of the preparation: a derived table of the snapshot (or one township's part of one),
 * built in its own transaction and stamped, so that a metric called between two steps finds each
 * table either whole or absent (and then builds it itself, as it always can). `weight`: its rough
 * share of the time, for progress.
 */
export interface PrepareStep {
  /** The table prepared (several steps may share it: one per township). */
  readonly name: string;
  /** What the progress line names: the table and, per township, the township. */
  readonly label: string;
  readonly weight: number;
  readonly run: (scope: MetricScope) => void;
}

/** The steps for a snapshot in the order they run. */
export function prepareSteps(db: Db, snapshotId: number): PrepareStep[] {
  const step = (name: string, weight: number, run: (scope: MetricScope) => void): PrepareStep =>
    ({ name, label: name, weight, run });
  const townships = incomeAreaTownships(db, snapshotId);
  const area = '乡镇和村的收入';
  return [
    step('脱贫方式归因', 25, (scope) => ensureExitAttribution(scope)),
    step('动态调整台账', 25, (scope) => ensureFlowLedger(scope)),
    step('全县收入', 8, (scope) => incomeForScope(scope, { population: 'crossSection' })),
    step('平衡面板', 6, (scope) => panelGrowth(scope)),
    // A township at a time: a view opened meanwhile waits for one township's read, not the county's.
    ...townships.map((t): PrepareStep => ({
      name: area, label: `${area}：${t}`, weight: 24 / townships.length, run: (scope) => ensureTownshipCells(scope.db, scope.snapshot.id, t),
    })),
    step(area, 0, (scope) => markIncomeAreaComplete(scope.db, scope.snapshot.id)),
    step('收入返贫风险', 12, (scope) => ensureIncomeRisk(scope)),
    step('数据质量', 6, (scope) => prepareQuality(scope.db, scope.snapshot.id)),
    // The pivot's 口径 reconciles 人数 with the member rows on every run that shows 人数: counted
    // here (0.5 s on 300,000 households) and kept for the host's connection, so no pivot waits for it.
    step('人数核对', 2, (scope) => { reconcileSnapshot(scope.db, scope.snapshot.id); }),
  ];
}

export interface PrepareTiming {
  readonly step: string;
  readonly ms: number;
}

export interface PrepareOptions {
  /** Called before each step with the share done, the stage text (PREPARE_STAGE and the step) and the table's name. */
  readonly progress?: (fraction: number, stage: string, table: string) => void;
  /** Asked between steps; true stops the preparation (what is built stays built). */
  readonly cancelled?: () => boolean;
  /** Awaited before each step, so that the host's other calls are answered meanwhile (and writers finish). */
  readonly between?: () => Promise<void>;
}

export interface PrepareResult {
  readonly snapshotId: number;
  /** False when the snapshot was deleted meanwhile or the preparation was stopped. */
  readonly complete: boolean;
  readonly ms: number;
  readonly steps: readonly PrepareTiming[];
}


/**
 * Builds the derived tables of a snapshot under its line set (exit attribution, the flow ledger,
 * county-wide income sums and the all-years panel, township and village income cells, the income
 * risk rows), step by step, so that the first view after an import is as fast as the next. Every
 * metric also builds what it needs on first use; this only moves the cost off the first view.
 */
export async function prepareDerivedInSteps(
  db: Db, snapshotId: number, options: PrepareOptions = {},
): Promise<PrepareResult> {
  const t0 = performance.now();
  const steps: PrepareTiming[] = [];
  const plan = prepareSteps(db, snapshotId);
  const total = plan.reduce((sum, step) => sum + step.weight, 0);
  let done = 0;
  for (const step of plan) {
    if (options.between) await options.between();
    if (options.cancelled?.()) return { snapshotId, complete: false, ms: performance.now() - t0, steps };
    // The scope is resolved afresh each step: the snapshot may have been deleted, or its line set changed.
    if (!getSnapshot(db, snapshotId)) return { snapshotId, complete: false, ms: performance.now() - t0, steps };
    options.progress?.(Math.min(done / total, 0.99), `${PREPARE_STAGE}（${step.label}）`, step.name);
    const s0 = performance.now();
    step.run(resolveScope(db, { snapshotId }));
    addTiming(steps, step.name, performance.now() - s0);
    done += step.weight;
  }
  return { snapshotId, complete: true, ms: Math.round(performance.now() - t0), steps };
}

/** The same preparation in one go (tests, the bench); returns each table's time. */
export function prepareDerived(db: Db, snapshotId: number): PrepareTiming[] {
  const steps: PrepareTiming[] = [];
  for (const step of prepareSteps(db, snapshotId)) {
    const s0 = performance.now();
    step.run(resolveScope(db, { snapshotId }));
    addTiming(steps, step.name, performance.now() - s0);
  }
  return steps;
}

/** Adds a step's time to its table's (the townships of one table add up). */
function addTiming(steps: PrepareTiming[], name: string, ms: number): void {
  const last = steps[steps.length - 1];
  if (last && last.step === name) steps[steps.length - 1] = { step: name, ms: last.ms + Math.round(ms) };
  else steps.push({ step: name, ms: Math.round(ms) });
}

/** Forgets a snapshot's derived tables (to time a first call, or after a rule change in development). */
export function forgetDerived(db: Db, snapshotId: number): void {
  clearDerived(db, snapshotId);
}
