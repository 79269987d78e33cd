import type { Db } from '../db/database';
import { selectIncomeYears } from '../db/queries/incomeQueries';
import { visitYearPerCapita } from '../db/queries/incomeDistributionQueries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import type { IncomeBin, IncomeDistributionRequest, IncomeDistributionResult } from '../../../shared/api/income';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, yearsInScope } from './scope';
import { Refusal } from '../refusal';

/** Bin widths a reader takes in at a glance (元). */
const NICE_WIDTHS = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000] as const;
/** About this many bins up to the 99th percentile: finer bins are noise at a township's size. */
const TARGET_BINS = 25;

const NOTES = [
  '按户计：每户一条当年收入记录，人均纯收入 = 纯收入 ÷ 当年收入记录上的家庭人口数；人数为这些户的家庭人口数之和。',
  '分组为左闭右开区间（如 [4000, 4500) 元）；最高一组含其上的全部户，负收入单列一组。',
  '低于标准：人均纯收入 < 当年贫困线（2021 年起为监测标准）。',
];

/** Where the regular bins end: the 99th percentile of household 人均纯收入 (0 when all are negative or none). */
function regularTop(sortedValues: Float64Array): number {
  if (sortedValues.length === 0) return 0;
  return Math.max(sortedValues[Math.min(sortedValues.length - 1, Math.floor(sortedValues.length * 0.99))] as number, 0);
}

/** The smallest nice width that reaches the 99th percentile within TARGET_BINS bins. */
export function chooseBinWidth(sortedValues: Float64Array): number {
  if (sortedValues.length === 0) return 1000;
  const top = regularTop(sortedValues);
  return NICE_WIDTHS.find((w) => Math.floor(top / w) + 1 <= TARGET_BINS) ?? NICE_WIDTHS[NICE_WIDTHS.length - 1]!;
}

/**
 * Household 人均纯收入 of one income year in bins, with the year's line and the households below
 * it: the distribution behind the mean that 收入增长 shows (the cross-section of that year).
 */
export function incomeDistribution(db: Db, request: IncomeDistributionRequest = {}): IncomeDistributionResult {
  const scope = resolveScope(db, request);
  const years = yearsInScope(scope, selectIncomeYears(db, scope.snapshot.id));
  if (request.year !== undefined && !years.includes(request.year)) {
    throw new Refusal('invalid_request', `所选范围内没有 ${request.year} 年的收入记录；有收入记录的年度：${years.join('、') || '无'}`);
  }
  const year = request.year ?? years[years.length - 1] ?? null;
  const koujing = makeKoujing(scope, {
    years: year === null ? [] : [year], population: POPULATIONS.crossSection, lineYears: year === null ? [] : [year],
    notes: NOTES,
  });
  const line = year === null ? null : lineForYear(scope.lines, year);
  if (year === null) {
    return {
      koujing, years, year, binWidth: request.binWidth ?? 1000, bins: [], totals: { households: 0, persons: 0 }, line,
      belowLine: null,
    };
  }

  const values: number[] = [];
  const sizes: number[] = [];
  visitYearPerCapita(db, scope.households, year, ([perCapita, size]) => {
    values.push(perCapita);
    sizes.push(size);
  });
  const sorted = Float64Array.from(values).sort();
  const width = request.binWidth ?? chooseBinWidth(sorted);
  const regular = Math.floor(regularTop(sorted) / width) + 1;
  const max = sorted.length ? (sorted[sorted.length - 1] as number) : 0;
  const hasNegative = sorted.length > 0 && (sorted[0] as number) < 0;
  const hasOpenTop = max >= regular * width;

  const bins: { from: number | null; to: number | null; households: number; persons: number }[] = [];
  if (hasNegative) bins.push({ from: null, to: 0, households: 0, persons: 0 });
  const firstRegular = bins.length;
  for (let k = 0; k < regular; k++) bins.push({ from: k * width, to: (k + 1) * width, households: 0, persons: 0 });
  if (hasOpenTop) bins.push({ from: regular * width, to: null, households: 0, persons: 0 });

  let below = { households: 0, persons: 0 };
  let persons = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const size = sizes[i] as number;
    persons += size;
    const index = v < 0 ? 0 : Math.min(firstRegular + Math.floor(v / width), bins.length - 1);
    const bin = bins[index]!;
    bin.households += 1;
    bin.persons += size;
    if (line !== null && v < line) below = { households: below.households + 1, persons: below.persons + size };
  }
  return {
    koujing, years, year, binWidth: width, bins: bins as IncomeBin[],
    totals: { households: values.length, persons }, line, belowLine: line === null ? null : below,
  };
}
