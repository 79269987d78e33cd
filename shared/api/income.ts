import { z } from 'zod';
import { GroupDimension, Koujing, MetricScopeRequest } from './metricScope';

/** Income (spec/metrics.md §收入增长): series by year, growth, contribution by source, the distribution. */

export const IncomeRequest = MetricScopeRequest.extend({
  groupBy: GroupDimension.optional(),
  /** crossSection (default), panel, or both side by side. */
  population: z.enum(['crossSection', 'panel', 'both']).optional(),
  /** A stored CPI series name: adds 实际增长 figures. */
  cpiSeries: z.string().min(1).optional(),
}).strict();
export type IncomeRequest = z.infer<typeof IncomeRequest>;

export const INCOME_SOURCES = ['wage', 'netBusiness', 'property', 'transfer'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: Readonly<Record<IncomeSource | 'support' | 'otherTransfer', string>> = {
  wage: '工资性收入', netBusiness: '净经营性收入', property: '财产性收入', transfer: '转移性收入',
  support: '兜底性收入（低保金+特困供养金）', otherTransfer: '其他转移性收入',
};

const SourceNumbers = z.object({
  wage: z.number(), netBusiness: z.number(), property: z.number(), transfer: z.number(),
  support: z.number(), otherTransfer: z.number(),
});

export const IncomeYear = z.object({
  year: z.number().int(),
  households: z.number().int(),
  /** Σ 家庭人口数 of the income rows of the year. */
  persons: z.number().int(),
  /** Σ 纯收入 (元). */
  netIncome: z.number(),
  /** Σ纯收入 / Σ人口; null when there are no persons. */
  perCapita: z.number().nullable(),
  medianPerCapita: z.number().nullable(),
  /** Per-capita amounts by source (元 per person). */
  wage: z.number().nullable(),
  netBusiness: z.number().nullable(),
  property: z.number().nullable(),
  transfer: z.number().nullable(),
  support: z.number().nullable(),
  otherTransfer: z.number().nullable(),
  /** Source ÷ group 人均纯收入; wage+netBusiness+property+transfer = 1. */
  shares: SourceNumbers.nullable(),
  /** G(Y)/G(Y−1) − 1 (null for the first year or a missing year). */
  yoy: z.number().nullable(),
  /** 实际增长: YoY deflated by the CPI series (null without a series or its year). */
  realYoy: z.number().nullable(),
});
export type IncomeYear = z.infer<typeof IncomeYear>;

export const Growth = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** 年均增长 (CAGR), null when either end has no income. */
  value: z.number().nullable(),
  /** 实际年均增长, null without a complete CPI series. */
  real: z.number().nullable(),
});
export type Growth = z.infer<typeof Growth>;

export const Contribution = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Δ group 人均纯收入. */
  change: z.number().nullable(),
  /** Δ per-capita source ÷ Δ group 人均纯收入; the four sources add up to 1. support+otherTransfer = transfer. */
  bySource: SourceNumbers.nullable(),
});
export type Contribution = z.infer<typeof Contribution>;

export const IncomeSeries = z.object({
  byYear: z.array(IncomeYear),
  cagr: Growth.nullable(),
  contribution: Contribution.nullable(),
});
export type IncomeSeries = z.infer<typeof IncomeSeries>;

export const IncomeGroup = z.object({
  /** The group's value (null = blank in the data, or the whole filter when not grouped). */
  group: z.string().nullable(),
  crossSection: IncomeSeries.nullable(),
  /** Households with an income row in every year of the range. */
  panel: IncomeSeries.extend({ households: z.number().int() }).nullable(),
});
export type IncomeGroup = z.infer<typeof IncomeGroup>;

export const IncomeResult = z.object({
  koujing: Koujing,
  groupBy: GroupDimension.nullable(),
  cpiSeries: z.string().nullable(),
  groups: z.array(IncomeGroup),
});
export type IncomeResult = z.infer<typeof IncomeResult>;

/** The distribution of household 人均纯收入 in one year (a histogram with the year's line marked). */
export const IncomeDistributionRequest = MetricScopeRequest.extend({
  /** The income year; default the last income year in the range. */
  year: z.number().int().optional(),
  /** Width of a bin in 元; default chosen so that about 25 bins reach the 99th percentile. */
  binWidth: z.number().positive().optional(),
}).strict();
export type IncomeDistributionRequest = z.infer<typeof IncomeDistributionRequest>;

export const IncomeBin = z.object({
  /** Lower bound (inclusive), 元/人; null for the bin of negative incomes. */
  from: z.number().nullable(),
  /** Upper bound (exclusive); null for the open top bin. */
  to: z.number().nullable(),
  households: z.number().int(),
  persons: z.number().int(),
});
export type IncomeBin = z.infer<typeof IncomeBin>;

export const IncomeDistributionResult = z.object({
  koujing: Koujing,
  /** Income years of the scope (what the year picker offers). */
  years: z.array(z.number().int()),
  /** The year shown; null when the scope has no income rows. */
  year: z.number().int().nullable(),
  binWidth: z.number(),
  bins: z.array(IncomeBin),
  totals: z.object({ households: z.number().int(), persons: z.number().int() }),
  /** L(Y) of the year under the line set in use; null when the set has no value for it. */
  line: z.number().nullable(),
  /** Households with 人均纯收入 < L(Y) and their persons; null without a line. */
  belowLine: z.object({ households: z.number().int(), persons: z.number().int() }).nullable(),
});
export type IncomeDistributionResult = z.infer<typeof IncomeDistributionResult>;

export const incomeApi = {
  'metrics.income': { request: IncomeRequest, response: IncomeResult },
  'metrics.incomeDistribution': { request: IncomeDistributionRequest, response: IncomeDistributionResult },
} as const;
