import type { Db } from '../../db/database';
import { selectStamp } from '../../db/queries/attributionQueries';
import { ensureExitAttribution } from '../../metrics/exitAttribution';
import type { MetricScope } from '../../metrics/scope';

/** Household id → the methods of its latest 脱贫 event. */
export type ExitMethods = ReadonlyMap<number, { readonly income: string; readonly structural: string }>;

/**
 * The exit-method dimensions come from the metrics engine (one home for the rule): it attributes
 * every 脱贫 event under the line set and keeps the result in exit_attribution; the pivot takes each
 * household's latest exit. The stamp says what that attribution was computed from, so that the
 * pivot tables are refreshed when the lines are edited or another line set is chosen.
 */
export function exitAttributionStamp(scope: Pick<MetricScope, 'db' | 'snapshot' | 'lineSet' | 'lines'>): string {
  ensureExitAttribution(scope);
  return `${scope.lineSet}|${selectStamp(scope.db, scope.snapshot.id, `exit_attribution:${scope.lineSet}`) ?? ''}`;
}

export function latestExitMethods(db: Db, snapshotId: number, lineSet: string): ExitMethods {
  const rows = db.prepare(
    `SELECT household_id, income_method, structural_method FROM exit_attribution
     WHERE snapshot_id = ? AND line_set = ? AND is_latest = 1`,
  ).raw().all(snapshotId, lineSet) as [number, string, string][];
  return new Map(rows.map(([id, income, structural]) => [id, { income, structural }]));
}
