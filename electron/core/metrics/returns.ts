import type { Db } from '../db/database';
import { selectExitsOfHouseholds, selectFirstExitCohorts } from '../db/queries/exitQueries';
import { selectIncomeRiskByYear, selectIncomeRiskList, selectReturnEvents, type ReturnEventRow } from '../db/queries/returnQueries';
import { RISK, resolveCode } from '../../../shared/domain/codeLists';
import type { IncomeRiskItem, ReturnsRequest, ReturnsResult, ReturnsYear } from '../../../shared/api/returns';
import { ensureExitAttribution, ensureIncomeRisk, riskLimits } from './exitAttribution';
import { incomeYearsOf } from './income';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const NO_CAUSE = '未填写';
const NO_EXIT = '无脱贫记录';

const NOTES = [
  '返贫以状态变化中的返贫事件为准；同一户同一年多次返贫计一次；按年只列有返贫的年度。人口为户信息中的现家庭人口数。',
  '返贫率(Y) = Y 年返贫人口 ÷ Y−1 年及以前有过脱贫事件的户的人口（不重复计户）；分原因返贫率的分母相同。',
  '返贫原因取返贫事件的原因，未填时取户信息的返贫原因；都未填记为“未填写”。原因分布与分乡镇、分脱贫方式的合计按“户·年”相加。',
  '按脱贫方式：返贫前最近一次脱贫（早于返贫年度的最近一次；没有则为同年的脱贫）的方式。',
  '收入返贫风险(Y)：Y 年以前脱贫、Y 年人均纯收入低于当年标准 L(Y) 或低于监测标准的户，不论是否记录了返贫；户数完整，名单按年度、户排序，列出前若干户。',
];

interface CountShareAcc { households: number; persons: number }

function add(map: Map<string, CountShareAcc>, k: string, persons: number): void {
  const a = map.get(k) ?? { households: 0, persons: 0 };
  a.households += 1;
  a.persons += persons;
  map.set(k, a);
}

function withShares(
  map: Map<string, CountShareAcc>, totalPersons: number,
): Record<string, { households: number; persons: number; share: number }> {
  const out: Record<string, { households: number; persons: number; share: number }> = {};
  for (const [k, a] of [...map].sort((x, y) => y[1].persons - x[1].persons || x[0].localeCompare(y[0], 'zh-Hans-CN'))) {
    out[k] = { ...a, share: totalPersons > 0 ? a.persons / totalPersons : 0 };
  }
  return out;
}

function causeOf(raw: string | null): string {
  return raw === null ? NO_CAUSE : resolveCode(RISK, raw).label;
}

/** One returned household in one year (the unit of every returns table). */
interface ReturnCase extends ReturnEventRow {
  readonly causeLabel: string;
}

function returnCases(events: readonly ReturnEventRow[]): ReturnCase[] {
  const seen = new Set<string>();
  const out: ReturnCase[] = [];
  for (const e of events) {
    const k = `${e.householdId}|${e.year}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ ...e, causeLabel: causeOf(e.cause) });
  }
  return out;
}

/** Persons (and households) of households whose first 脱贫 year is ≤ year, from the cohort table. */
function exitedBy(
  cohorts: readonly { firstExit: number; households: number; persons: number }[], year: number,
): { households: number; persons: number } {
  let households = 0;
  let persons = 0;
  for (const c of cohorts) {
    if (c.firstExit <= year) {
      households += c.households;
      persons += c.persons;
    }
  }
  return { households, persons };
}

/**
 * The parts of 返贫率(Y) for one year: returned households and persons, and the denominator (persons
 * of households first exited in Y−1 or before). Several counties pool by adding the parts.
 */
export function returnsInYear(scope: MetricScope, year: number): {
  households: number; persons: number; denominatorHouseholds: number; denominatorPersons: number;
} {
  ensureExitAttribution(scope);
  const cases = returnCases(selectReturnEvents(scope.db, scope.households, year, year));
  const denominator = exitedBy(selectFirstExitCohorts(scope.db, scope.households, scope.lineSet), year - 1);
  return {
    households: cases.length, persons: cases.reduce((s, c) => s + c.persons, 0),
    denominatorHouseholds: denominator.households, denominatorPersons: denominator.persons,
  };
}

/**
 * Every year a return could be counted in: from the year after the first exit to the snapshot's
 * 截至 year (or the scope's ends). A year without a 返贫 is a 0.0 % year, not a missing one.
 */
function returnYears(
  scope: MetricScope, cases: readonly { year: number }[], cohorts: readonly { firstExit: number }[],
): number[] {
  const firstExit = Math.min(...cohorts.map((c) => c.firstExit));
  const asOfYear = Number(scope.snapshot.asOf.slice(0, 4));
  const caseYears = cases.map((c) => c.year);
  if (!Number.isFinite(firstExit)) return [...new Set(caseYears)].sort((a, b) => a - b);
  const from = Math.max(firstExit + 1, scope.yearFrom ?? -Infinity);
  const to = Math.min(
    Math.max(Number.isFinite(asOfYear) ? asOfYear : -Infinity, ...caseYears), scope.yearTo ?? Infinity,
  );
  const years = new Set(caseYears);
  for (let y = from; y <= to; y += 1) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/**
 * The year 概览 and 返贫分析 show 返贫率 for: the last year of the 返贫率 series with a denominator —
 * the snapshot's 截至 year once the county has exits (a year without returns counts as 0 %).
 */
export function latestReturnYear(scope: MetricScope): number | null {
  ensureExitAttribution(scope);
  const cases = returnCases(selectReturnEvents(scope.db, scope.households, scope.yearFrom, scope.yearTo));
  const cohorts = selectFirstExitCohorts(scope.db, scope.households, scope.lineSet);
  const years = returnYears(scope, cases, cohorts).filter((y) => exitedBy(cohorts, y - 1).persons > 0);
  return years[years.length - 1] ?? null;
}

export function returnsMetrics(db: Db, request: ReturnsRequest = {}): ReturnsResult {
  return returnsForScope(resolveScope(db, request), { riskListLimit: request.riskListLimit });
}

/** Parts the standard set can skip (the income-risk list reads every low-income row after an exit). */
export interface ReturnsOptions {
  readonly incomeRisk?: boolean;
  readonly byExitMethod?: boolean;
  readonly riskListLimit?: number | undefined;
}

const DEFAULT_RISK_LIST_LIMIT = 2000;

export function returnsForScope(scope: MetricScope, options: ReturnsOptions = {}): ReturnsResult {
  ensureExitAttribution(scope);
  const db = scope.db;
  const cases = returnCases(selectReturnEvents(db, scope.households, scope.yearFrom, scope.yearTo));
  const cohorts = selectFirstExitCohorts(db, scope.households, scope.lineSet);
  const years = returnYears(scope, cases, cohorts);

  const byYear: ReturnsYear[] = years.map((year) => {
    const ofYear = cases.filter((c) => c.year === year);
    const denominator = exitedBy(cohorts, year - 1);
    const rate = (persons: number): number | null => (denominator.persons > 0 ? persons / denominator.persons : null);
    const causes = new Map<string, CountShareAcc>();
    for (const c of ofYear) add(causes, c.causeLabel, c.persons);
    const persons = ofYear.reduce((s, c) => s + c.persons, 0);
    const byCause: ReturnsYear['byCause'] = {};
    for (const [cause, a] of causes) byCause[cause] = { ...a, rate: rate(a.persons) };
    return {
      year, households: ofYear.length, persons, rate: rate(persons),
      denominatorHouseholds: denominator.households, denominatorPersons: denominator.persons, byCause,
    };
  });

  const totalPersons = cases.reduce((s, c) => s + c.persons, 0);
  const causes = new Map<string, CountShareAcc>();
  const townships = new Map<string, { acc: CountShareAcc; causes: Map<string, CountShareAcc> }>();
  for (const c of cases) {
    add(causes, c.causeLabel, c.persons);
    const t = townships.get(c.township) ?? { acc: { households: 0, persons: 0 }, causes: new Map() };
    t.acc.households += 1;
    t.acc.persons += c.persons;
    add(t.causes, c.causeLabel, c.persons);
    townships.set(c.township, t);
  }

  const byMethod = options.byExitMethod === false ? { income: new Map(), structural: new Map() }
    : returnsByExitMethod(scope, cases);
  const risk = options.incomeRisk === false ? { byYear: [], list: [], total: 0 }
    : incomeRisk(scope, options.riskListLimit ?? DEFAULT_RISK_LIST_LIMIT);
  return {
    koujing: makeKoujing(scope, {
      years, population: POPULATIONS.register, lineYears: options.incomeRisk === false ? years : [...new Set([
        ...years, ...incomeYearsOf(scope).filter((y) => years.includes(y)),
      ])], notes: NOTES,
    }),
    byYear,
    totals: { households: cases.length, persons: totalPersons, events: cases.length },
    causeDistribution: withShares(causes, totalPersons),
    byTownship: [...townships].sort((a, b) => a[0].localeCompare(b[0], 'zh-Hans-CN')).map(([township, t]) => ({
      township, households: t.acc.households, persons: t.acc.persons,
      share: totalPersons > 0 ? t.acc.persons / totalPersons : 0,
      byCause: withShares(t.causes, t.acc.persons),
    })),
    byExitMethod: {
      income: withShares(byMethod.income, totalPersons), structural: withShares(byMethod.structural, totalPersons),
    },
    incomeRisk: risk,
  };
}

/**
 * Each return by the method of the exit it followed (the latest exit before the return year, else one in the same
 * year).
 */
function returnsByExitMethod(scope: MetricScope, cases: readonly ReturnCase[]): {
  income: Map<string, CountShareAcc>; structural: Map<string, CountShareAcc>;
} {
  const exits = selectExitsOfHouseholds(scope.db, scope.snapshot.id, scope.lineSet, [
    ...new Set(cases.map((c) => c.householdId)),
  ]);
  const byHousehold = new Map<number, typeof exits>();
  for (const e of exits) byHousehold.set(e.householdId, [...(byHousehold.get(e.householdId) ?? []), e]);
  const income = new Map<string, CountShareAcc>();
  const structural = new Map<string, CountShareAcc>();
  for (const c of cases) {
    const list = byHousehold.get(c.householdId) ?? [];
    const before = list.filter((e) => e.year < c.year);
    const exit = before[before.length - 1] ?? list.find((e) => e.year === c.year);
    add(income, exit?.incomeMethod ?? NO_EXIT, c.persons);
    add(structural, exit?.structuralMethod ?? NO_EXIT, c.persons);
  }
  return { income, structural };
}

/** The income-risk rows derived with the exit attribution (under the scope's line set), counted and listed. */
function incomeRisk(scope: MetricScope, listLimit: number): ReturnsResult['incomeRisk'] {
  ensureIncomeRisk(scope);
  const limits = new Map(riskLimits(scope.lines).map((l) => [l.year, l]));
  // Every income year the rule could judge is listed, with zeros where no household fell below.
  const counts = new Map(selectIncomeRiskByYear(scope.db, scope.households, scope.lineSet).map((y) => [y.year, y]));
  const byYear = incomeYearsOf(scope).filter((year) => limits.has(year)).map((year) => ({
    year, households: 0, persons: 0, belowLine: 0, belowThreshold: 0, returnRecorded: 0, ...counts.get(year),
    line: limits.get(year)?.line ?? null, monitoringThreshold: limits.get(year)?.threshold ?? null,
  }));
  const list: IncomeRiskItem[] = selectIncomeRiskList(
    scope.db, scope.households, scope.lineSet, scope.yearFrom, scope.yearTo, listLimit,
  )
    .map((r) => ({
      householdCode: r.householdCode, headIdMasked: r.headIdMasked, township: r.township, village: r.village,
      year: r.year, lastExitYear: r.lastExitYear,
      persons: r.persons, perCapita: r.perCapita, line: limits.get(r.year)?.line ?? null,
      monitoringThreshold: limits.get(r.year)?.threshold ?? null, belowLine: r.belowLine === 1,
      belowThreshold: r.belowThreshold === 1, returnRecorded: r.returnRecorded === 1, monitored: r.monitored === 1,
    }));
  return { byYear, list, total: byYear.reduce((s, y) => s + y.households, 0) };
}
