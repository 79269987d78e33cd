import { z } from 'zod';
import { Koujing, MetricScopeRequest } from './metricScope';

/** Exits (spec/metrics.md §脱贫方式): exit events by year and their attribution by three methods. */

export const INCOME_METHODS = ['兜底保障', '就业', '产业', '资产收益', '其他转移', '收入未达线', '无收入记录'] as const;
export type IncomeMethod = (typeof INCOME_METHODS)[number];
export const STRUCTURAL_METHODS = ['兜底保障', '开发式'] as const;
export type StructuralMethod = (typeof STRUCTURAL_METHODS)[number];
export const RECORDED_METHODS = ['开发式', '兜底保障', '开发式+兜底', '保障', '其他', '无措施记录'] as const;
export type RecordedMethod = (typeof RECORDED_METHODS)[number];
export const ATTRIBUTION_METHODS = ['income', 'structural', 'recorded'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];
export const ATTRIBUTION_METHOD_LABELS: Readonly<Record<AttributionMethod, string>> = {
  income: '收入法', structural: '结构法', recorded: '措施记录法',
};

export const Share = z.object({
  /** 户次: exit events (a household exiting twice counts twice). */
  households: z.number().int(),
  persons: z.number().int(),
  /** persons ÷ all exit persons of the chosen years. */
  share: z.number(),
  householdShare: z.number(),
});
export type Share = z.infer<typeof Share>;

export const Attribution = z.object({
  income: z.record(z.string(), Share),
  structural: z.record(z.string(), Share),
  recorded: z.record(z.string(), Share),
});
export type Attribution = z.infer<typeof Attribution>;

export const AgreementMatrix = z.object({
  rowMethod: z.enum(ATTRIBUTION_METHODS),
  columnMethod: z.enum(ATTRIBUTION_METHODS),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  /** cells[r][c]: exit events / persons classed rows[r] by one method and columns[c] by the other. */
  households: z.array(z.array(z.number().int())),
  persons: z.array(z.array(z.number().int())),
});
export type AgreementMatrix = z.infer<typeof AgreementMatrix>;

export const ExitCheckItem = z.object({
  householdCode: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  method: z.enum(['收入未达线', '无收入记录']),
  persons: z.number().int(),
  perCapita: z.number().nullable(),
  line: z.number().nullable(),
});
export type ExitCheckItem = z.infer<typeof ExitCheckItem>;

export const ExitsResult = z.object({
  koujing: Koujing,
  byYear: z.array(z.object({
    year: z.number().int(),
    /** Distinct households with a 脱贫 event in the year. */
    households: z.number().int(),
    persons: z.number().int(),
    /** 户次 (exit events) of the year, for the attribution tables. */
    events: z.number().int(),
    attribution: Attribution,
  })),
  totals: z.object({ events: z.number().int(), households: z.number().int(), persons: z.number().int() }),
  attribution: Attribution,
  /** 开发式 (就业+产业+资产收益+其他转移 by the income method) versus 兜底保障: the report sentence. */
  headline: z.object({
    developmentPersons: z.number().int(), developmentShare: z.number(),
    supportPersons: z.number().int(), supportShare: z.number(),
    employmentPersons: z.number().int(), employmentShare: z.number(),
    industryPersons: z.number().int(), industryShare: z.number(),
  }),
  agreement: z.array(AgreementMatrix),
  /** 收入未达线 and 无收入记录 exits, listed for checking. */
  toCheck: z.array(ExitCheckItem),
});
export type ExitsResult = z.infer<typeof ExitsResult>;

export const exitsApi = {
  'metrics.exits': { request: MetricScopeRequest, response: ExitsResult },
} as const;
