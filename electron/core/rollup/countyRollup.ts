import type { Db } from '../db/database';
import { listSnapshots, type SnapshotRecord } from '../db/snapshotRepo';
import { headlineFigures, headlineParts } from '../metrics/pooled';
import { latestReturnYear } from '../metrics/returns';
import { resolveScope } from '../metrics/scope';
import type { RollupResult } from '../../../shared/api/rollup';

const NOTES = [
  '每县取其最新的快照（同一县代码的多个快照只取截止日期最晚者）；各县按各自快照使用的贫困线标准计算。',
  '合计由各县的原始行汇总后再计算：人均纯收入 = 各县 Σ纯收入 ÷ 各县 Σ人口，占比 = 各县该项人口之和 ÷ 各县总人口之和，不是各县比率的相加或平均。',
  '人均纯收入取各县最近的收入年度，合计为各县该年度 Σ纯收入 ÷ Σ人口；年均增长自各县最早的收入年度起，至最近的收入年度（各县最近年度不同时，合计不计算年均增长）。',
  '脱贫方式按收入法，占比为脱贫人口（按脱贫事件计，户数为户次）之比。',
  '返贫率取各县的截至年度（快照截止日期所在年度，与概览相同；该年没有返贫即为 0 %）：该年返贫人口 ÷ 上年及以前脱贫户的人口。合计 = 各县截至年度返贫人口之和 ÷ 各县分母人口之和。',
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
 * 多县汇总: the headline figures of each county's newest snapshot and of all of them pooled. Each
 * county shows its latest income year and its 截至 year's 返贫率 (the years 概览 shows); growth
 * starts at the earliest income year of any county.
 */
export function countyRollup(db: Db): RollupResult {
  const snapshots = newestByCounty(db);
  const scopes = snapshots.map((s) => resolveScope(db, { snapshotId: s.id }));
  const parts = scopes.map((scope) => headlineParts(scope, latestReturnYear(scope)));
  const years = parts.flatMap((p) => p.income.map((r) => r.year));
  const span = { cagrFrom: years.length ? Math.min(...years) : null };
  const total = parts.length > 0 ? headlineFigures(parts, span) : null;
  return {
    counties: snapshots.map((s, k) => ({
      countyCode: s.countyCode, countyName: s.countyName, snapshotId: s.id, asOf: s.asOf,
      lineSet: (scopes[k] as { lineSet: string }).lineSet,
      figures: headlineFigures([parts[k] as (typeof parts)[number]], span),
    })),
    total,
    incomeYear: total?.incomeYear ?? null,
    cagrFrom: span.cagrFrom,
    returnYear: total?.returnYear ?? null,
    notes: NOTES,
  };
}
