import type { Contribution, Growth, IncomeSeries, IncomeYear } from '../../../shared/api/income';
import type { IncomeSumRow } from '../db/queries/incomeQueries';

/** The sums of one group and year over its income rows (what the SQL returns). */
export type IncomeSums = IncomeSumRow;

/** Rural CPI by year, previous year = 100. */
export type CpiByYear = ReadonlyMap<number, number>;

function perPerson(sum: number, persons: number): number | null {
  return persons > 0 ? sum / persons : null;
}

/**
 * One year of a group: group 人均纯收入 = Σ纯收入 / Σ人口 (person-weighted mean), each source per
 * capita over the same persons, and shares of the group figure. Because 纯收入 = 工资性 + 净经营性
 * + 财产性 + 转移性 row by row, the four shares add up to 1 (within floating point).
 */
export function incomeYear(s: IncomeSums, median: number | null): IncomeYear {
  const perCapita = perPerson(s.net, s.persons);
  const otherTransfer = s.transfer - s.support;
  const shares = perCapita !== null && s.net !== 0
    ? {
      wage: s.wage / s.net, netBusiness: s.netBusiness / s.net, property: s.property / s.net,
      transfer: s.transfer / s.net, support: s.support / s.net, otherTransfer: otherTransfer / s.net,
    }
    : null;
  return {
    year: s.year,
    households: s.households,
    persons: s.persons,
    netIncome: s.net,
    perCapita,
    medianPerCapita: median,
    wage: perPerson(s.wage, s.persons),
    netBusiness: perPerson(s.netBusiness, s.persons),
    property: perPerson(s.property, s.persons),
    transfer: perPerson(s.transfer, s.persons),
    support: perPerson(s.support, s.persons),
    otherTransfer: perPerson(otherTransfer, s.persons),
    shares,
    yoy: null,
    realYoy: null,
  };
}

/** YoY = G(Y)/G(Y−1) − 1 where both years are present; 实际增长 divides by CPI(Y)/100. */
export function withGrowth(years: readonly IncomeYear[], cpi: CpiByYear | null): IncomeYear[] {
  const byYear = new Map(years.map((y) => [y.year, y]));
  return years.map((y) => {
    const prev = byYear.get(y.year - 1);
    const ratio = prev?.perCapita && y.perCapita !== null ? y.perCapita / prev.perCapita : null;
    const index = cpi?.get(y.year);
    return {
      ...y,
      yoy: ratio === null ? null : ratio - 1,
      realYoy: ratio === null || index === undefined ? null : ratio / (index / 100) - 1,
    };
  });
}

/**
 * 年均增长 over Y0..Y1 = (G(Y1)/G(Y0))^(1/(Y1−Y0)) − 1. Real: the ratio is first divided by the
 * CPI chain Π CPI(y)/100 for y = Y0+1..Y1 (null when a year of the chain is missing).
 */
export function cagr(
  from: number, to: number, g0: number | null, g1: number | null, cpi: CpiByYear | null,
): Growth | null {
  if (to <= from) return null;
  const n = to - from;
  const ok = g0 !== null && g1 !== null && g0 > 0 && g1 > 0;
  const value = ok ? Math.pow(g1 / g0, 1 / n) - 1 : null;
  let real: number | null = null;
  if (ok && cpi) {
    let chain = 1;
    for (let y = from + 1; y <= to; y++) {
      const index = cpi.get(y);
      if (index === undefined) {
        chain = Number.NaN;
        break;
      }
      chain *= index / 100;
    }
    real = Number.isNaN(chain) ? null : Math.pow(g1 / g0 / chain, 1 / n) - 1;
  }
  return { from, to, value, real };
}

/**
 * Contribution of source k to growth Y0→Y1 = Δ(per-capita k) / Δ(group 人均纯收入). The four
 * sources add up to 1 because the per-capita sources add up to the group figure in each year.
 */
export function contribution(from: IncomeYear | undefined, to: IncomeYear | undefined): Contribution | null {
  if (!from || !to || from.year === to.year) return null;
  if (from.perCapita === null || to.perCapita === null) return {
    from: from.year, to: to.year, change: null, bySource: null,
  };
  const change = to.perCapita - from.perCapita;
  const delta = (a: number | null, b: number | null): number => (b ?? 0) - (a ?? 0);
  const bySource = change === 0 ? null : {
    wage: delta(from.wage, to.wage) / change,
    netBusiness: delta(from.netBusiness, to.netBusiness) / change,
    property: delta(from.property, to.property) / change,
    transfer: delta(from.transfer, to.transfer) / change,
    support: delta(from.support, to.support) / change,
    otherTransfer: delta(from.otherTransfer, to.otherTransfer) / change,
  };
  return { from: from.year, to: to.year, change, bySource };
}

/** A whole series for a range: per-year figures with growth, CAGR and contributions over the range ends. */
export function incomeSeries(
  years: readonly IncomeYear[], range: readonly number[], cpi: CpiByYear | null,
): IncomeSeries {
  const withYoy = withGrowth(years, cpi);
  const first = range[0];
  const last = range[range.length - 1];
  if (first === undefined || last === undefined) return { byYear: withYoy, cagr: null, contribution: null };
  const at = (y: number): IncomeYear | undefined => withYoy.find((r) => r.year === y);
  return {
    byYear: withYoy,
    cagr: cagr(first, last, at(first)?.perCapita ?? null, at(last)?.perCapita ?? null, cpi),
    contribution: contribution(at(first), at(last)),
  };
}
