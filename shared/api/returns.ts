import { z } from 'zod';
import { Koujing, MetricScopeRequest } from './metricScope';

/** Returns to poverty (spec/metrics.md §返贫): returns by year and cause, and the income-risk list. */

export const ReturnsRequest = MetricScopeRequest.extend({
  /** Rows of the income-risk list returned (counts are always complete); default 2000. */
  riskListLimit: z.number().int().positive().optional(),
}).strict();
export type ReturnsRequest = z.infer<typeof ReturnsRequest>;

export const CountRate = z.object({
  households: z.number().int(), persons: z.number().int(), rate: z.number().nullable(),
});
export const CountShare = z.object({ households: z.number().int(), persons: z.number().int(), share: z.number() });

export const ReturnsYear = z.object({
  year: z.number().int(),
  households: z.number().int(),
  persons: z.number().int(),
  /** persons returned ÷ persons of households with a 脱贫 event in a year ≤ Y−1. */
  rate: z.number().nullable(),
  denominatorHouseholds: z.number().int(),
  denominatorPersons: z.number().int(),
  byCause: z.record(z.string(), CountRate),
});
export type ReturnsYear = z.infer<typeof ReturnsYear>;

export const IncomeRiskItem = z.object({
  householdCode: z.string(),
  /** 户主证件号 as stored: masked (the region and the last two characters), never the number. */
  headIdMasked: z.string().nullable(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  lastExitYear: z.number().int(),
  persons: z.number().int(),
  perCapita: z.number(),
  /** L(Y): the poverty line up to 2020, the monitoring threshold from 2021. */
  line: z.number().nullable(),
  monitoringThreshold: z.number().nullable(),
  /** 人均纯收入 < L(Y). */
  belowLine: z.boolean(),
  belowThreshold: z.boolean(),
  returnRecorded: z.boolean(),
  monitored: z.boolean(),
});
export type IncomeRiskItem = z.infer<typeof IncomeRiskItem>;

export const ReturnsResult = z.object({
  koujing: Koujing,
  byYear: z.array(ReturnsYear),
  totals: z.object({ households: z.number().int(), persons: z.number().int(), events: z.number().int() }),
  /** Shares of returned persons (all chosen years) by 返贫原因. */
  causeDistribution: z.record(z.string(), CountShare),
  byTownship: z.array(z.object({
    township: z.string(), households: z.number().int(), persons: z.number().int(), share: z.number(),
    byCause: z.record(z.string(), CountShare),
  })),
  /** Returned persons by the method of the exit the return followed. */
  byExitMethod: z.object({
    income: z.record(z.string(), CountShare),
    structural: z.record(z.string(), CountShare),
  }),
  incomeRisk: z.object({
    byYear: z.array(z.object({
      year: z.number().int(),
      line: z.number().nullable(),
      monitoringThreshold: z.number().nullable(),
      /** Exited before Y with 人均纯收入(Y) < L(Y) or < the monitoring threshold. */
      households: z.number().int(),
      persons: z.number().int(),
      belowLine: z.number().int(),
      belowThreshold: z.number().int(),
      returnRecorded: z.number().int(),
    })),
    /** In (year, household) order; at most `listLimit` rows of `total`. */
    list: z.array(IncomeRiskItem),
    total: z.number().int(),
  }),
});
export type ReturnsResult = z.infer<typeof ReturnsResult>;

export const returnsApi = {
  'metrics.returns': { request: ReturnsRequest, response: ReturnsResult },
} as const;
