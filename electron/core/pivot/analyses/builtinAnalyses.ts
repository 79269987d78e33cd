import type { PivotSpecInput } from '../../../../shared/api/pivot';

const EXITED = ['已脱贫（享受政策）', '已脱贫（不再享受政策）'];

/** The analyses every workstation starts with: the questions of every county briefing. */
export const BUILTIN_ANALYSES: readonly { readonly name: string; readonly spec: PivotSpecInput }[] = [
  {
    name: '乡镇×脱贫年度 脱贫户数与人口',
    spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons' }],
      filters: [{ field: 'exitYear', op: 'notNull', values: [] }], totals: true },
  },
  {
    name: '乡镇×收入年度 人均纯收入',
    spec: { rows: ['township'], columns: ['year'], values: [{ measure: 'perCapitaIncome' }], totals: true },
  },
  {
    name: '返贫原因×返贫年度 返贫户数与人口',
    spec: { rows: ['returnCause'], columns: ['returnYear'], values: [{ measure: 'households' }, { measure: 'persons' }],
      filters: [{ field: 'returnYear', op: 'notNull', values: [] }], totals: true },
  },
  {
    name: '脱贫方式（收入法）×脱贫年度 人口及占比',
    spec: { rows: ['exitMethodIncome'], columns: ['exitYear'], values: [{ measure: 'persons' }, { measure: 'persons', share: 'column' }],
      filters: [{ field: 'exitYear', op: 'notNull', values: [] }], totals: true },
  },
  {
    name: '贫困户属性 收入结构（人均）',
    spec: { rows: ['householdAttribute'], values: [{ measure: 'perCapitaIncome' }, { measure: 'medianPerCapitaIncome' }, { measure: 'wageIncome' },
      { measure: 'netBusinessIncome' }, { measure: 'propertyIncome' }, { measure: 'transferIncome' }, { measure: 'supportIncome' }],
      filters: [{ field: 'status', op: 'in', values: EXITED }], totals: true },
  },
  {
    name: '监测对象类别×主要风险 户数',
    spec: { rows: ['monitoringCategory'], columns: ['mainRisk'], values: [{ measure: 'households' }],
      filters: [{ field: 'monitoringCategory', op: 'notNull', values: [] }], totals: true },
  },
  {
    name: '家庭成员 年龄组×健康状况',
    spec: { rows: ['ageGroup'], columns: ['health'], values: [{ measure: 'members' }], totals: true },
  },
];
