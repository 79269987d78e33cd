import type { ExitsResult } from '../../../../shared/api/exits';
import type { FlowRow } from '../../../../shared/api/flows';
import type { IncomeResult } from '../../../../shared/api/income';
import type { MonitoringResult } from '../../../../shared/api/monitoring';
import type { ReturnsResult } from '../../../../shared/api/returns';

/**
 * The headline figures of 概览, each read from its metric's result. Only two are put together
 * here from the API's own figures, and the 口径 of each card says how:
 * - 累计识别 = the first year's 年初未脱贫 + every year's 新识别 of the flow table (the flow
 *   identity makes this everyone who was in the unexited stock during the years);
 * - 脱贫率 = persons of households that exited ÷ 累计识别 persons.
 * TODO(metrics): offer both in the metrics API (e.g. flows.registered and exits.exitRate) so that
 * the CLI, the report and this view quote one computation; until then they are derived here.
 */

export interface CountPair {
  readonly households: number;
  readonly persons: number;
}

export interface IncomeEnds {
  readonly firstYear: number;
  readonly first: number;
  readonly lastYear: number;
  readonly last: number;
  /** 年均增长 as the API gives it (null when it could not be computed). */
  readonly cagr: number | null;
  readonly cagrFrom: number | null;
  readonly cagrTo: number | null;
}

export interface LatestReturn {
  readonly year: number;
  readonly households: number;
  readonly persons: number;
  readonly rate: number;
}

/** 累计识别 from the flow table: the first year's start plus every year's 新识别, per unit. */
export function registeredFromFlows(rows: readonly FlowRow[]): CountPair | null {
  const total = (unit: FlowRow['unit']): number | null => {
    const own = rows.filter((r) => r.unit === unit).sort((a, b) => a.year - b.year);
    const first = own[0];
    if (!first) return null;
    return first.start + own.reduce((sum, r) => sum + r.identified, 0);
  };
  const households = total('households');
  const persons = total('persons');
  return households === null || persons === null ? null : { households, persons };
}

/** 脱贫率: exited persons over registered persons; null without a denominator. */
export function exitRate(exited: CountPair | null, registered: CountPair | null): number | null {
  if (!exited || !registered || registered.persons <= 0) return null;
  return exited.persons / registered.persons;
}

export function exitedTotals(exits: ExitsResult): CountPair {
  return { households: exits.totals.households, persons: exits.totals.persons };
}

/** The first and last year with a 人均纯收入, and the API's 年均增长 between them. */
export function incomeEnds(income: IncomeResult): IncomeEnds | null {
  const series = income.groups[0]?.crossSection;
  if (!series) return null;
  const years = series.byYear.filter((y) => y.perCapita !== null);
  const first = years[0];
  const last = years[years.length - 1];
  if (!first || !last) return null;
  return {
    firstYear: first.year,
    first: first.perCapita as number,
    lastYear: last.year,
    last: last.perCapita as number,
    cagr: series.cagr?.value ?? null,
    cagrFrom: series.cagr?.from ?? null,
    cagrTo: series.cagr?.to ?? null,
  };
}

/** The newest year that has a 返贫率. */
export function latestReturn(returns: ReturnsResult): LatestReturn | null {
  const withRate = returns.byYear.filter((y) => y.rate !== null);
  const last = withRate[withRate.length - 1];
  return last ? { year: last.year, households: last.households, persons: last.persons, rate: last.rate as number }
    : null;
}

export function monitoredTotals(monitoring: MonitoringResult): CountPair {
  return { households: monitoring.identified.households, persons: monitoring.identified.persons };
}
