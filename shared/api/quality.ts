import { z } from 'zod';
import { Koujing, MetricScopeRequest } from './metricScope';

/** Data quality: the consistency rules, their counts and the households they find. */

export const QualityRequest = MetricScopeRequest.extend({
  /** Findings kept per rule (counts are always complete); default 2000, null = all. */
  limitPerRule: z.number().int().positive().nullable().optional(),
}).strict();
export type QualityRequest = z.infer<typeof QualityRequest>;

export const QUALITY_RULES = [
  'illnessWithoutUnhealthyMember', 'dibaoWithoutDibaoIncome', 'incomeFormulaMismatch', 'sizeMismatch',
  'personInTwoHouseholds', 'invalidIdChecksum', 'codeOutsideList', 'flowIdentityBreak',
  'exitIncomeBelowLine', 'exitWithoutIncome',
] as const;
export type QualityRule = (typeof QUALITY_RULES)[number];
export const QUALITY_RULE_LABELS: Readonly<Record<QualityRule, string>> = {
  illnessWithoutUnhealthyMember: '致贫原因为因病但无患病成员',
  dibaoWithoutDibaoIncome: '低保贫困户无低保金收入',
  incomeFormulaMismatch: '收入计算公式不一致',
  sizeMismatch: '家庭人口数与成员数不一致',
  personInTwoHouseholds: '同一人出现在两户',
  invalidIdChecksum: '证件号码校验位错误',
  codeOutsideList: '代码值不在代码表中',
  flowIdentityBreak: '动态调整平衡关系不成立',
  exitIncomeBelowLine: '脱贫当年人均纯收入低于标准',
  exitWithoutIncome: '脱贫当年无收入记录',
};

export const QualityFinding = z.object({
  rule: z.enum(QUALITY_RULES),
  ruleLabel: z.string(),
  householdCode: z.string().nullable(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  detail: z.string(),
});
export type QualityFinding = z.infer<typeof QualityFinding>;

export const QualityResult = z.object({
  koujing: Koujing,
  counts: z.array(z.object({
    rule: z.enum(QUALITY_RULES), ruleLabel: z.string(), count: z.number().int(), listed: z.number().int(),
  })),
  total: z.number().int(),
  findings: z.array(QualityFinding),
});
export type QualityResult = z.infer<typeof QualityResult>;

export const qualityApi = {
  'metrics.quality': { request: QualityRequest, response: QualityResult },
} as const;
