import type { Db } from '../db/database';
import { getSnapshot, latestSnapshotId, type SnapshotRecord } from '../db/snapshotRepo';
import { householdScope, type HouseholdScope } from '../db/queries/householdScope';
import { selectLines } from '../db/queries/lineQueries';
import type { LineYear } from '../../../shared/domain/povertyLines';
import type { MetricFilter, MetricScopeRequest } from '../../../shared/api/metricScope';
import { Refusal } from '../refusal';

/** Everything a metric needs to know about what it is computing over. */
export interface MetricScope {
  readonly db: Db;
  readonly snapshot: SnapshotRecord;
  /** The line set in use: the request's override, else the snapshot's setting. */
  readonly lineSet: string;
  readonly lines: readonly LineYear[];
  readonly filter: MetricFilter;
  readonly households: HouseholdScope;
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
}

export function resolveSnapshot(db: Db, snapshotId: number | undefined): SnapshotRecord {
  const id = snapshotId ?? latestSnapshotId(db);
  if (id === null) throw new Refusal('not_found', '数据库中还没有快照：请先导入县级导出文件或生成演示县。');
  const snapshot = getSnapshot(db, id);
  if (!snapshot) throw new Refusal('not_found', `没有找到快照 #${id}`);
  return snapshot;
}

export function resolveScope(db: Db, request: MetricScopeRequest = {}): MetricScope {
  const snapshot = resolveSnapshot(db, request.snapshotId);
  const lineSet = request.lineSet ?? snapshot.lineSet;
  const lines = selectLines(db, lineSet);
  if (lines.length === 0) throw new Refusal('not_found', `没有名为“${lineSet}”的贫困线标准（可用 lines.sets 查看已有标准）`);
  const filter = normaliseFilter(request.filter ?? {});
  const from = request.years?.from ?? null;
  const to = request.years?.to ?? null;
  if (from !== null && to !== null && from > to) {
    throw new Refusal('invalid_request', `年度范围有误：起始年 ${from} 晚于结束年 ${to}`);
  }
  return {
    db, snapshot, lineSet, lines, filter, households: householdScope(snapshot.id, filter), yearFrom: from, yearTo: to,
  };
}

/** Drops empty lists so that the 口径 shows only the conditions that narrow the county. */
function normaliseFilter(filter: MetricFilter): MetricFilter {
  const out: MetricFilter = {};
  if (filter.townships?.length) out.townships = [...filter.townships];
  if (filter.villages?.length) out.villages = [...filter.villages];
  if (filter.attributes?.length) out.attributes = [...filter.attributes];
  if (filter.householdTypes?.length) out.householdTypes = [...filter.householdTypes];
  if (filter.mainCauses?.length) out.mainCauses = [...filter.mainCauses];
  if (filter.exitCohorts?.length) out.exitCohorts = [...filter.exitCohorts];
  return out;
}

/** Years of `available` inside the scope's range. */
export function yearsInScope(scope: MetricScope, available: readonly number[]): number[] {
  return available.filter(
    (y) => (scope.yearFrom === null || y >= scope.yearFrom) && (scope.yearTo === null || y <= scope.yearTo),
  );
}

export function inYearRange(scope: MetricScope, year: number): boolean {
  return (scope.yearFrom === null || year >= scope.yearFrom) && (scope.yearTo === null || year <= scope.yearTo);
}
