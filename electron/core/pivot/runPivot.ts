import type { PivotResult, PivotRunRequest } from '../../../shared/api/pivot';
import { PivotRunRequest as PivotRunRequestSchema } from '../../../shared/api/pivot';
import { issuesText, ZH_ERRORS } from '../../../shared/api/issueText';
import { checkPivotSpec, type CheckedSpec } from '../../../shared/semantic/specCheck';
import { membersLine } from '../../../shared/format/reconcileText';
import { reconcileSnapshot } from '../metrics/reconcile';
import type { Db } from '../db/database';
import { lazyCubeFor } from './facts/lazyCubes';
import { incomeFilterEffect } from './incomeFilterEffect';
import { incomeFilterKey, rememberedIncomeFilter } from './incomeFilterMemo';
import { ensurePivotFacts, type FactsProgress, type PivotFacts } from './facts/pivotFacts';
import { bucketMedians } from './bucketMedians';
import { countDistinctHouseholds } from './distinctHouseholds';
import { columnMedians, MANY_GROUPS } from './columnMedians';
import { addMedians, buildGroups, type QueryRows } from './groups';
import type { MedianSink } from './medianSink';
import { pivotResult } from './pivotResult';
import { planPivot, type PivotPlan, type PlanOptions } from './plan';
import type { SqlPart } from './sqlParts';
import { Refusal } from '../refusal';
import { feedRows } from '../db/rowFeed';

export interface RunOptions extends PlanOptions {
  readonly onProgress?: FactsProgress;
}

/** Checks a spec against the catalogue; an unknown field, measure or op is refused with the valid ones. */
export function checkSpec(spec: PivotRunRequest['spec']): CheckedSpec {
  const parsed = PivotRunRequestSchema.shape.spec.safeParse(spec, ZH_ERRORS);
  if (!parsed.success) throw new Refusal('refused', `透视设置格式不正确：${issuesText(parsed.error.issues)}`);
  const checked = checkPivotSpec(parsed.data);
  if (!checked.ok) throw new Refusal('refused', checked.message);
  return checked.spec;
}

/** The snapshot's pivot tables (built on first use); an unknown snapshot or line set is refused. */
export function pivotFactsFor(
  db: Db, request: { snapshotId?: number; lineSet?: string }, onProgress?: FactsProgress,
): PivotFacts {
  try {
    return ensurePivotFacts(db, { snapshotId: request.snapshotId, lineSet: request.lineSet, onProgress });
  } catch (err) {
    if (err instanceof Refusal) throw new Refusal(err.code === 'not_found' ? 'not_found' : 'refused', err.message);
    throw err;
  }
}

/** The median rows handed to the sink in the query's order, until it knows every median (db/rowFeed.ts). */
function feedMedians(db: Db, part: SqlPart, sink: MedianSink): void {
  feedRows(db, 'pivot_median_feed', part.sql, part.params, (row) => sink.add(row));
}

/** Feeds a plan's median rows (of one year, or of all its years) to a sink. */
export function feedMediansFor(db: Db, plan: PivotPlan): (sink: MedianSink, year: number | null) => void {
  const feeds = new Map(plan.medianFeeds.map((f) => [f.year, f.part]));
  return (sink, year) => {
    const part = feeds.get(year);
    if (part) feedMedians(db, part, sink);
  };
}

/**
 * Runs a plan's queries on the workstation database. Medians: from the median cubes when they
 * answer; for many groups from the kept rows (columnMedians.ts); else from the rows fed in order.
 */
export function queryRows(db: Db, plan: PivotPlan): QueryRows {
  const all = (p: SqlPart): unknown[][] => db.prepare(p.sql).raw().all(...p.params) as unknown[][];
  const rowFeed = plan.medianFeeds.length ? feedMediansFor(db, plan) : null;
  return {
    additive: (visit) => {
      if (plan.additiveFeed) feedRows(db, 'pivot_additive_feed', plan.additiveFeed.sql, plan.additiveFeed.params, visit);
      else if (plan.additive) for (const row of all(plan.additive)) visit(row);
    },
    median: null,
    distinct: countDistinctHouseholds(db, plan),
    medianGroups: plan.medianBuckets ? (groups) => bucketMedians(db, plan, groups) : rowFeed ? (groups) => {
      const count = [...groups.values()].reduce((s, m) => s + m.size, 0);
      if (count >= MANY_GROUPS && columnMedians(db, plan, groups)) return;
      addMedians(plan, groups, rowFeed);
    } : undefined,
  };
}

/**
 * 人数 (Σ家庭人口数) and 成员人数 (member rows) are two counts of one concept, and the top bar shows
 * the member rows: where a pivot shows either, its 口径 reconciles them for the whole snapshot (#13).
 * Not in an income pivot, whose 人数 is the income rows' 家庭人口数.
 */
export function personsReconcileNote(
  db: Db, snapshotId: number, grain: string, measures: readonly string[],
): string | null {
  if (grain === 'income' || !measures.some((m) => m === 'persons' || m === 'members')) return null;
  return `全快照（不计筛选）：${membersLine(reconcileSnapshot(db, snapshotId))}`;
}

/**
 * pivot.run: spec → long form (cli.md). Builds the snapshot's pivot tables on first use, then reads
 * a cube or the detail rows, rolls up totals and shares in memory and says its 口径.
 */
export function runPivot(db: Db, request: PivotRunRequest, options: RunOptions = {}): PivotResult {
  const { result, facts } = runPivotOnly(db, request, options);
  result.meta.incomeFilter = rememberedIncomeFilter(db, incomeFilterKey(facts, request, result),
    () => incomeFilterEffect((r) => runPivotOnly(db, r).result, request, result));
  return result;
}

/** One pivot as asked, without counting what an implied income year removed; with the tables it read. */
function runPivotOnly(
  db: Db, request: PivotRunRequest, options: RunOptions = {},
): { result: PivotResult; facts: PivotFacts } {
  let started = performance.now();
  const spec = checkSpec(request.spec);
  const facts = pivotFactsFor(db, request, options.onProgress);
  // A first use builds the snapshot's tables: that once-only wait is said in the 口径, not in elapsedMs.
  const buildNote = facts.rebuilt ? `本次先建立了快照的透视汇总表（用时 ${(facts.state.buildMs / 1000).toFixed(1)} 秒，之后的分析直接使用）` : null;
  if (facts.rebuilt) started = performance.now();
  const plan = planPivot(spec, facts, {
    lazyCube: (grain, needed, years) => lazyCubeFor(db, facts, grain, needed, years), ...options,
  });
  const groups = buildGroups(plan, queryRows(db, plan));
  const result = pivotResult(plan, groups, performance.now() - started);
  if (buildNote) result.meta.koujing.notes.push(buildNote);
  if (!facts.state.cubesReady) result.meta.koujing.notes.push('透视汇总表正在后台生成，本次直接读取明细表（结果相同，只是稍慢）');
  const note = personsReconcileNote(db, result.meta.snapshotId, plan.grain, spec.values.map((v) => v.measure.key));
  if (note) result.meta.koujing.notes.push(note);
  return { result, facts };
}
