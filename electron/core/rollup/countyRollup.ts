import type { Db } from '../db/database';
import { listSnapshots, type SnapshotRecord } from '../db/snapshotRepo';
import { selectReturnEvents } from '../db/queries/returnQueries';
import { headlineFigures, headlineParts } from '../metrics/pooled';
import { resolveScope } from '../metrics/scope';
import type { RollupResult } from '../../../shared/api/rollup';

const NOTES = [
  '每县取其最新的快照（同一县代码的多个快照只取截止日期最晚者）；各县按各自快照使用的贫困线标准计算。',
  '合计由各县的原始行汇总后再计算：人均纯收入 = 各县 Σ纯收入 ÷ 各县 Σ人口，占比 = 各县该项人口之和 ÷ 各县总人口之和，不是各县比率的相加或平均。',
  '人均纯收入取各县最近的收入年度；年均增长的起止年度对所有县相同（最早的收入年度至该年度）。',
  '脱贫方式按收入法，占比为脱贫人口（按脱贫事件计，户数为户次）之比；返贫率为该年返贫人口 ÷ 上年及以前脱贫户的人口。',
];

/** The newest snapshot of each county (by county code, else by name), in county order. */
export function newestByCounty(db: Db): SnapshotRecord[] {
  const byCounty = new Map<string, SnapshotRecord>();
  for (const s of listSnapshots(db)) {
    const key = s.countyCode ?? `name:${s.countyName}`;
    if (!byCounty.has(key)) byCounty.set(key, s);
  }
  return [...byCounty.values()].sort((a, b) => (a.countyCode ?? a.countyName).localeCompare(b.countyCode ?? b.countyName, 'zh-Hans-CN'));
}

/**
 * 多县汇总: the headline figures of each county's newest snapshot and of all of them pooled. The
 * years are common to every column: the latest income year of any county, the earliest for growth,
 * the latest year with a 返贫 in any county.
 */
export function countyRollup(db: Db): RollupResult {
  const snapshots = newestByCounty(db);
  const scopes = snapshots.map((s) => resolveScope(db, { snapshotId: s.id }));
  let returnYear: number | null = null;
  for (const scope of scopes) {
    const events = selectReturnEvents(db, scope.households, null, null);
    const last = events[events.length - 1];
    if (last && (returnYear === null || last.year > returnYear)) returnYear = last.year;
  }
  const parts = scopes.map((scope) => headlineParts(scope, returnYear));
  const years = parts.flatMap((p) => p.income.map((r) => r.year));
  const span = { income: years.length ? Math.max(...years) : null, cagrFrom: years.length ? Math.min(...years) : null };
  return {
    counties: snapshots.map((s, k) => ({
      countyCode: s.countyCode, countyName: s.countyName, snapshotId: s.id, asOf: s.asOf, lineSet: (scopes[k] as { lineSet: string }).lineSet,
      figures: headlineFigures([parts[k] as (typeof parts)[number]], span),
    })),
    total: parts.length > 0 ? headlineFigures(parts, span) : null,
    incomeYear: span.income,
    cagrFrom: span.cagrFrom,
    returnYear,
    notes: NOTES,
  };
}
