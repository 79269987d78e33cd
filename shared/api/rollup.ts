import { z } from 'zod';

/**
 * 多县汇总 (issue 16): the headline figures of several counties side by side with their total. The
 * total is computed from the pooled rows' sums (Σ纯收入 ÷ Σ人口 over every county, persons over
 * persons), never a sum or mean of the counties' ratios.
 */
export const RollupFigures = z.object({
  /** Registered households (户) and their persons (人) in the snapshot. */
  households: z.number().int(),
  persons: z.number().int(),
  /**
   * 人均纯收入 (元/人) of each county's latest income year, cross-section (the total pools each
   * county's latest year; incomeYear is null when the counties' years differ).
   */
  incomeYear: z.number().int().nullable(),
  perCapita: z.number().nullable(),
  incomeHouseholds: z.number().int(),
  /** 年均增长 from cagrFrom to the latest income year (null when a county lacks cagrFrom, or the years differ). */
  cagr: z.number().nullable(),
  /** Exit events (户次) and their persons (人). */
  exitEvents: z.number().int(),
  exitPersons: z.number().int(),
  /** Shares of exit persons by the income method. */
  supportShare: z.number().nullable(),
  employmentShare: z.number().nullable(),
  industryShare: z.number().nullable(),
  /**
   * 返贫 in the 截至 year (each county's own, as 概览 shows it): returnYear, persons and 返贫率 over
   * the exited persons before it. The total pools each county's year; its returnYear is null when
   * the counties' years differ.
   */
  returnYear: z.number().int().nullable(),
  returnedPersons: z.number().int(),
  returnDenominatorPersons: z.number().int(),
  returnRate: z.number().nullable(),
  /** 监测对象 (户) and 风险消除率. */
  monitoredHouseholds: z.number().int(),
  eliminatedHouseholds: z.number().int(),
  eliminationRate: z.number().nullable(),
});
export type RollupFigures = z.infer<typeof RollupFigures>;

export const RollupCounty = z.object({
  countyCode: z.string().nullable(),
  countyName: z.string(),
  snapshotId: z.number().int(),
  asOf: z.string(),
  lineSet: z.string(),
  figures: RollupFigures,
});
export type RollupCounty = z.infer<typeof RollupCounty>;

export const RollupResult = z.object({
  /** The newest snapshot of each county, by county code (else name). */
  counties: z.array(RollupCounty),
  total: RollupFigures.nullable(),
  /** The counties' common latest income year; null when their years differ. */
  incomeYear: z.number().int().nullable(),
  cagrFrom: z.number().int().nullable(),
  /** The counties' common return (截至) year; null when their years differ (each row says its own). */
  returnYear: z.number().int().nullable(),
  notes: z.array(z.string()),
});
export type RollupResult = z.infer<typeof RollupResult>;

export const rollupApi = {
  'rollup.counties': { request: z.object({}).strict(), response: RollupResult },
} as const;
