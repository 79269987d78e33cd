import { z } from 'zod';
import { Koujing, MetricScopeRequest } from './metricScope';

/** 动态调整 (spec/metrics.md): the register's start, in- and outflows and end by year, and its breaks. */

export const FlowRow = z.object({
  year: z.number().int(),
  unit: z.enum(['households', 'persons']),
  start: z.number().int(),
  identified: z.number().int(),
  returned: z.number().int(),
  exited: z.number().int(),
  naturalDecrease: z.number().int(),
  removed: z.number().int(),
  end: z.number().int(),
  /** start + identified + returned − exited − naturalDecrease − removed − end (0 when the identity holds). */
  gap: z.number().int(),
});
export type FlowRow = z.infer<typeof FlowRow>;

export const FlowBreak = z.object({
  householdCode: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  eventType: z.string(),
  detail: z.string(),
});
export type FlowBreak = z.infer<typeof FlowBreak>;

export const FlowsResult = z.object({
  koujing: Koujing,
  rows: z.array(FlowRow),
  identityHolds: z.boolean(),
  breaks: z.array(FlowBreak),
});
export type FlowsResult = z.infer<typeof FlowsResult>;

export const flowsApi = {
  'metrics.flows': { request: MetricScopeRequest, response: FlowsResult },
} as const;
