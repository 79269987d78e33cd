import type { PivotIncomeFilter, PivotResult, PivotRunRequest } from '../../../shared/api/pivot';
import type { Db } from '../db/database';
import type { PivotFacts } from './facts/pivotFacts';

/** Enough for the filter sets of a working session; the oldest is dropped first. */
const KEPT = 64;

const memo = new WeakMap<Db, Map<string, PivotIncomeFilter | null>>();

/**
 * What an implied income year removed depends on the snapshot's pivot tables (their build, their
 * line set), the filters and the year, not on the rows and columns being tried: counted once per
 * such key and reused (two counting pivots per run otherwise, each with its own 口径 work).
 */
export function incomeFilterKey(facts: PivotFacts, request: PivotRunRequest, result: PivotResult): string {
  const { state, scope } = facts;
  const meta = result.meta;
  return JSON.stringify([
    scope.snapshot.id, state.builtAt, state.exitStamp, scope.lineSet, meta.grain, meta.incomeYear,
    meta.incomeYearSource, request.spec.filters ?? [],
  ]);
}

/** The kept answer of `key`, or `count()`'s, kept; a copy either way, so that no caller shares it. */
export function rememberedIncomeFilter(
  db: Db, key: string, count: () => PivotIncomeFilter | null,
): PivotIncomeFilter | null {
  let perDb = memo.get(db);
  if (!perDb) {
    perDb = new Map();
    memo.set(db, perDb);
  }
  let kept = perDb.get(key);
  if (kept === undefined) {
    kept = count();
    if (perDb.size >= KEPT) perDb.delete(perDb.keys().next().value as string);
    perDb.set(key, kept);
  }
  return kept === null ? null : { ...kept };
}
