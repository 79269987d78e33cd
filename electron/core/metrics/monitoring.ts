import type { Db } from '../db/database';
import { selectMonitoredHouseholds, type MonitoredHouseholdRow } from '../db/queries/monitoringQueries';
import { ELIMINATION_METHOD, MONITORING_CATEGORY, RISK, resolveCode } from '../../../shared/domain/codeLists';
import type { MetricScopeRequest } from '../../../shared/api/metricScope';
import type { MonitoringResult, UnresolvedHousehold } from '../../../shared/api/monitoring';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const UNRESOLVED_LIST_LIMIT = 2000;

const NOTES = [
  '监测对象以户信息中的监测对象类别、致贫返贫风险、风险消除字段为准（快照时点的状态）；人口为现家庭人口数。',
  '按风险类型：每户每种风险计一次（最多五种）；主要风险为致贫返贫风险1。',
  '风险消除率 = 风险已消除的户数 ÷ 监测对象户数；分消除方式的分母相同。',
  '纳入监测到风险消除的月数按月份计（不计日），取已消除且两个时间都有的户的中位数。',
  '选定年度范围时，按纳入监测时间的年度筛选监测对象。',
];

/** Year and month of a stored date (YYYY-MM-DD, YYYY-MM or YYYYMM); null when unreadable. */
export function yearMonth(date: string | null): { year: number; month: number } | null {
  if (!date) return null;
  const m = /^(\d{4})-?(\d{1,2})/.exec(date.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

export function monthsBetween(from: string | null, to: string | null): number | null {
  const a = yearMonth(from);
  const b = yearMonth(to);
  if (!a || !b) return null;
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** The ordinary median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function risksOf(h: MonitoredHouseholdRow): string[] {
  const labels = [h.risk1, h.risk2, h.risk3, h.risk4, h.risk5]
    .filter((r): r is string => r !== null && r.trim() !== '')
    .map((r) => resolveCode(RISK, r).label);
  return [...new Set(labels)];
}

type Counts = Record<string, { households: number; persons: number }>;

function bump(target: Counts, k: string, persons: number): void {
  const c = target[k] ?? { households: 0, persons: 0 };
  c.households += 1;
  c.persons += persons;
  target[k] = c;
}

export function monitoringMetrics(db: Db, request: MetricScopeRequest = {}): MonitoringResult {
  return monitoringForScope(resolveScope(db, request));
}

export function monitoringForScope(scope: MetricScope): MonitoringResult {
  const rows = selectMonitoredHouseholds(scope.db, scope.households).filter((h) => {
    if (scope.yearFrom === null && scope.yearTo === null) return true;
    const ym = yearMonth(h.monitoringDate);
    return ym !== null && (scope.yearFrom === null || ym.year >= scope.yearFrom)
      && (scope.yearTo === null || ym.year <= scope.yearTo);
  });
  const byCategory: Counts = {};
  for (const v of MONITORING_CATEGORY.values) byCategory[v.label] = { households: 0, persons: 0 };
  const byRisk: Counts = {};
  const byMainRisk: Counts = {};
  const byType: Counts = {};
  const elim = { households: 0, persons: 0 };
  const byMethodCounts = new Map<string, number>(ELIMINATION_METHOD.values.map((v) => [v.label, 0]));
  const byYear = new Map<number, { households: number; persons: number; eliminated: number }>();
  const months: number[] = [];
  const open: UnresolvedHousehold[] = [];
  let persons = 0;
  for (const h of rows) {
    persons += h.persons;
    bump(byCategory, resolveCode(MONITORING_CATEGORY, h.category).label, h.persons);
    bump(byType, h.type, h.persons);
    const risks = risksOf(h);
    for (const r of risks) bump(byRisk, r, h.persons);
    if (risks[0] !== undefined && h.risk1 !== null && h.risk1.trim() !== '') bump(byMainRisk, risks[0], h.persons);
    const ym = yearMonth(h.monitoringDate);
    if (ym) {
      const y = byYear.get(ym.year) ?? { households: 0, persons: 0, eliminated: 0 };
      y.households += 1;
      y.persons += h.persons;
      if (h.eliminated === 1) y.eliminated += 1;
      byYear.set(ym.year, y);
    }
    if (h.eliminated === 1) {
      elim.households += 1;
      elim.persons += h.persons;
      const method = h.eliminationMethod ? resolveCode(ELIMINATION_METHOD, h.eliminationMethod).label : '未填写';
      byMethodCounts.set(method, (byMethodCounts.get(method) ?? 0) + 1);
      const m = monthsBetween(h.monitoringDate, h.eliminationDate);
      if (m !== null) months.push(m);
    } else {
      open.push({
        code: h.code, township: h.township, village: h.village,
        category: resolveCode(MONITORING_CATEGORY, h.category).label,
        mainRisk: risks[0] ?? null, monitoringDate: h.monitoringDate,
        months: monthsBetween(h.monitoringDate, scope.snapshot.asOf),
        persons: h.persons,
      });
    }
  }
  const identified = rows.length;
  const rate = (n: number): number | null => (identified > 0 ? n / identified : null);
  const byEliminationMethod: MonitoringResult['byEliminationMethod'] = {};
  for (const [m, n] of byMethodCounts) byEliminationMethod[m] = { households: n, rate: rate(n) };
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return {
    koujing: makeKoujing(scope, { years, population: POPULATIONS.monitored, notes: NOTES }),
    identified: { households: identified, persons },
    byType,
    byCategory,
    byRisk: sortCounts(byRisk),
    byMainRisk: sortCounts(byMainRisk),
    eliminated: { ...elim, rate: rate(elim.households) },
    byEliminationMethod,
    byIdentifiedYear: years.map((year) => ({
      year, ...(byYear.get(year) as { households: number; persons: number; eliminated: number }),
    })),
    medianMonthsToElimination: median(months),
    monthsMeasured: months.length,
    unresolved: {
      households: open.length,
      persons: open.reduce((s, h) => s + h.persons, 0),
      // Longest in monitoring first: those are the ones a 帮扶 review asks about.
      list: open.sort(
        (a, b) => (b.months ?? -1) - (a.months ?? -1) || a.code.localeCompare(b.code),
      ).slice(0, UNRESOLVED_LIST_LIMIT),
    },
  };
}

function sortCounts(c: Counts): Counts {
  const order = RISK.values.map((v) => v.label);
  const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(c).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0], 'zh-Hans-CN')));
}
