import { z } from 'zod';
import { Koujing, MetricScopeRequest } from './metricScope';

/** 防返贫监测 (spec/metrics.md): identified, eliminated, by category and risk. */

/** A monitored household whose risk is not removed (yet), as the list on 监测帮扶 shows it. */
export const UnresolvedHousehold = z.object({
  code: z.string(), township: z.string(), village: z.string(), category: z.string(), mainRisk: z.string().nullable(),
  monitoringDate: z.string().nullable(),
  /** Whole months from 纳入监测 to the snapshot's 截至 date; null without a readable date. */
  months: z.number().int().nullable(),
  persons: z.number().int(),
});
export type UnresolvedHousehold = z.infer<typeof UnresolvedHousehold>;

export const MonitoringResult = z.object({
  koujing: Koujing,
  identified: z.object({ households: z.number().int(), persons: z.number().int() }),
  /** By 户类型: 脱贫户 (建档立卡) and 普通农户 (never registered); the parts of identified. */
  byType: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  byCategory: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  /** Each household once per risk it names (up to five). */
  byRisk: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  /** 致贫返贫风险1, the main risk. */
  byMainRisk: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  eliminated: z.object({ households: z.number().int(), persons: z.number().int(), rate: z.number().nullable() }),
  byEliminationMethod: z.record(z.string(), z.object({ households: z.number().int(), rate: z.number().nullable() })),
  byIdentifiedYear: z.array(z.object({
    year: z.number().int(), households: z.number().int(), persons: z.number().int(), eliminated: z.number().int(),
  })),
  /** Median of whole months from 纳入监测 to 风险消除 over eliminated households with both dates. */
  medianMonthsToElimination: z.number().nullable(),
  monthsMeasured: z.number().int(),
  /** Monitored households whose risk is not removed: all counted, the longest-monitored listed first (up to 2000). */
  unresolved: z.object({
    households: z.number().int(), persons: z.number().int(), list: z.array(UnresolvedHousehold),
  }),
});
export type MonitoringResult = z.infer<typeof MonitoringResult>;

export const monitoringApi = {
  'metrics.monitoring': { request: MetricScopeRequest, response: MonitoringResult },
} as const;
