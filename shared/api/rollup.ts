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
  /** 人均纯收入 (元/人) of the roll-up's income year, cross-section. */
  perCapita: z.number().nullable(),
  incomeHouseholds: z.number().int(),
  /** 年均增长 over the roll-up's year range (null when a county lacks one of its ends). */
  cagr: z.number().nullable(),
  /** Exit events (户次) and their persons (人). */
  exitEvents: z.number().int(),
  exitPersons: z.number().int(),
  /** Shares of exit persons by the income method. */
  supportShare: z.number().nullable(),
  employmentShare: z.number().nullable(),
  industryShare: z.number().nullable(),
  /** 返贫 in the roll-up's return year: persons and 返贫率 over the exited persons before it. */
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
  incomeYear: z.number().int().nullable(),
  cagrFrom: z.number().int().nullable(),
  returnYear: z.number().int().nullable(),
  notes: z.array(z.string()),
});
export type RollupResult = z.infer<typeof RollupResult>;

export const rollupApi = {
  'rollup.counties': { request: z.object({}).strict(), response: RollupResult },
} as const;
