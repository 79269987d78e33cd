import { z } from 'zod';

/**
 * What every metric call takes (snapshot, line set, filter, years, grouping) and the 口径 object every
 * metric result carries, so that a view, a report or the CLI can print what the figure is: which snapshot,
 * which years, which households (filter and population), how persons are counted, and which line values
 * were used. Shares and rates are fractions (0.35, not 35); per-capita amounts are unrounded 元 per person.
 */

/** Households to include; each list is "any of", lists are combined with AND. Empty = 全县. */
export const MetricFilter = z.object({
  townships: z.array(z.string()).optional(),
  /** Village names (with townships, the villages of those townships). */
  villages: z.array(z.string()).optional(),
  attributes: z.array(z.string()).optional(),
  householdTypes: z.array(z.string()).optional(),
  mainCauses: z.array(z.string()).optional(),
  /** 首次脱贫年度: the year of the household's first 脱贫 event. */
  exitCohorts: z.array(z.number().int()).optional(),
}).strict();
export type MetricFilter = z.infer<typeof MetricFilter>;

export const YearRange = z.object({
  from: z.number().int().optional(),
  to: z.number().int().optional(),
}).strict();
export type YearRange = z.infer<typeof YearRange>;

/** What every metric call takes: the snapshot (default: the newest), a line set for this call only. */
export const MetricScopeRequest = z.object({
  snapshotId: z.number().int().positive().optional(),
  /** Overrides the snapshot's line set for this call (the snapshot's setting is not changed). */
  lineSet: z.string().min(1).optional(),
  filter: MetricFilter.optional(),
  years: YearRange.optional(),
}).strict();
export type MetricScopeRequest = z.infer<typeof MetricScopeRequest>;

export const GROUP_DIMENSIONS = [
  'county', 'township', 'village', 'poorVillage', 'householdType', 'attribute', 'mainCause', 'status',
  'exitCohort', 'exitMethodIncome', 'exitMethodStructural',
] as const;
export const GroupDimension = z.enum(GROUP_DIMENSIONS);
export type GroupDimension = z.infer<typeof GroupDimension>;

export const GROUP_DIMENSION_LABELS: Readonly<Record<GroupDimension, string>> = {
  county: '县', township: '乡镇', village: '行政村', poorVillage: '是否贫困村', householdType: '户类型',
  attribute: '贫困户属性', mainCause: '主要致贫原因', status: '脱贫状态', exitCohort: '首次脱贫年度',
  exitMethodIncome: '脱贫方式（收入法，最近一次脱贫）', exitMethodStructural: '脱贫方式（结构法，最近一次脱贫）',
};

export const LineValue = z.object({
  year: z.number().int(),
  povertyLine: z.number().nullable(),
  monitoringThreshold: z.number().nullable(),
  /** L(Y): the poverty line up to 2020, the monitoring threshold from 2021. */
  line: z.number().nullable(),
});
export type LineValue = z.infer<typeof LineValue>;

export const Population = z.object({
  kind: z.enum(['crossSection', 'panel', 'crossSectionAndPanel', 'exitEvents', 'register', 'monitored', 'allHouseholds']),
  label: z.string(),
  persons: z.enum(['incomeRowSize', 'currentHouseholdSize']),
  personsLabel: z.string(),
});
export type Population = z.infer<typeof Population>;

export const Koujing = z.object({
  snapshotId: z.number().int(),
  county: z.string(),
  asOf: z.string(),
  years: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
  filter: MetricFilter,
  /** The filter in words: 全县, or 乡镇：城关镇；贫困户属性：低保贫困户 … */
  filterText: z.string(),
  population: Population,
  lineSet: z.object({ name: z.string(), label: z.string() }),
  /** The line values of the years this result used. */
  lines: z.array(LineValue),
  /** Further 口径 decisions a reader needs (Chinese). */
  notes: z.array(z.string()),
});
export type Koujing = z.infer<typeof Koujing>;
