import type { RollupFigures } from '../../../shared/api/rollup';
import type { IncomeSumRow } from '../db/queries/incomeQueries';
import { exitsForScope } from './exits';
import { countyIncomeSums } from './incomeCounty';
import { cagr, incomeYear } from './incomeGrowth';
import { monitoringForScope } from './monitoring';
import { returnsInYear } from './returns';
import type { MetricScope } from './scope';

/**
 * Headline figures over one county or several pooled: each figure is built from additive parts
 * (sums of rows, counts of persons) that several counties add up, and only then divided — so the
 * total of a roll-up is computed from the rows of every county, never from the counties' ratios.
 * The divisions are the metrics' own (incomeYear, cagr): one home per figure.
 */
export interface HeadlineParts {
  readonly households: number;
  readonly persons: number;
  readonly income: readonly IncomeSumRow[];
  readonly exitEvents: number;
  readonly exitPersons: number;
  readonly exitPersonsByMethod: Readonly<Record<string, number>>;
  /** 返贫 in the county's own return year (its 截至 year): persons and the denominator's persons. */
  readonly returns: { readonly year: number | null; readonly persons: number; readonly denominatorPersons: number };
  readonly monitored: number;
  readonly eliminated: number;
}

/** The additive parts of one county-wide scope (its snapshot's counts and the metrics' sums). */
export function headlineParts(scope: MetricScope, returnYear: number | null): HeadlineParts {
  const exits = exitsForScope(scope, { toCheck: false });
  const byMethod = Object.fromEntries(Object.entries(exits.attribution.income).map(([k, v]) => [k, v.persons]));
  const returns = returnYear === null ? { persons: 0, denominatorPersons: 0 } : returnsInYear(scope, returnYear);
  const monitoring = monitoringForScope(scope);
  return {
    households: scope.snapshot.households,
    persons: scope.snapshot.persons,
    income: countyIncomeSums(scope.db, scope.snapshot.id),
    exitEvents: Object.values(exits.attribution.income).reduce((s, v) => s + v.households, 0),
    exitPersons: Object.values(byMethod).reduce((s, v) => s + v, 0),
    exitPersonsByMethod: byMethod,
    returns: { year: returnYear, persons: returns.persons, denominatorPersons: returns.denominatorPersons },
    monitored: monitoring.identified.households,
    eliminated: monitoring.eliminated.households,
  };
}

/** The rows of one year summed over the parts; null when a part has no row for it. */
function pooledRows(rows: readonly (IncomeSumRow | undefined)[], year: number): IncomeSumRow | null {
  if (rows.length === 0 || rows.some((r) => r === undefined)) return null;
  const present = rows as readonly IncomeSumRow[];
  const add = (f: (r: IncomeSumRow) => number): number => present.reduce((s, r) => s + f(r), 0);
  return {
    year, households: add((r) => r.households), persons: add((r) => r.persons), net: add((r) => r.net),
    wage: add((r) => r.wage), netBusiness: add((r) => r.netBusiness), property: add((r) => r.property),
    transfer: add((r) => r.transfer), support: add((r) => r.support),
  };
}

/** A part's latest income year (its 截至 side of the income series). */
function latestIncomeYear(p: HeadlineParts): number | null {
  return p.income.length > 0 ? Math.max(...p.income.map((r) => r.year)) : null;
}

/** One year when every part has the same one, else null (each county then shows its own). */
function common(years: readonly (number | null)[]): number | null {
  const set = [...new Set(years)];
  return set.length === 1 ? (set[0] ?? null) : null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The headline figures of the pooled parts (one county: its own figures). 人均纯收入 is each
 * county's latest income year and 返贫率 its 截至 year, pooled as they are; 年均增长 runs from the
 * common first year to the latest year, so the total has one only when the counties share it.
 */
export function headlineFigures(parts: readonly HeadlineParts[], years: { cagrFrom: number | null }): RollupFigures {
  const add = (f: (p: HeadlineParts) => number): number => parts.reduce((s, p) => s + f(p), 0);
  const incomeYears = parts.map(latestIncomeYear);
  const toYear = common(incomeYears);
  const latestRows = parts.map((p, k) => p.income.find((r) => r.year === incomeYears[k]));
  const last = incomeYears.some((y) => y === null) ? null : pooledRows(latestRows, toYear ?? 0);
  const first = years.cagrFrom === null ? null
    : pooledRows(parts.map((p) => p.income.find((r) => r.year === years.cagrFrom)), years.cagrFrom);
  const g1 = last ? incomeYear(last, null).perCapita : null;
  const g0 = first ? incomeYear(first, null).perCapita : null;
  const growth = toYear !== null && years.cagrFrom !== null ? cagr(years.cagrFrom, toYear, g0, g1, null) : null;
  const exitPersons = add((p) => p.exitPersons);
  const method = (m: string): number => add((p) => p.exitPersonsByMethod[m] ?? 0);
  const returned = add((p) => p.returns.persons);
  const denominator = add((p) => p.returns.denominatorPersons);
  const monitored = add((p) => p.monitored);
  const eliminated = add((p) => p.eliminated);
  return {
    households: add((p) => p.households), persons: add((p) => p.persons),
    incomeYear: toYear, perCapita: g1, incomeHouseholds: last?.households ?? 0, cagr: growth?.value ?? null,
    exitEvents: add((p) => p.exitEvents), exitPersons,
    supportShare: share(method('兜底保障'), exitPersons), employmentShare: share(method('就业'), exitPersons),
    industryShare: share(method('产业'), exitPersons),
    returnYear: common(parts.map((p) => p.returns.year)),
    returnedPersons: returned, returnDenominatorPersons: denominator, returnRate: share(returned, denominator),
    monitoredHouseholds: monitored, eliminatedHouseholds: eliminated, eliminationRate: share(eliminated, monitored),
  };
}
