import type { MeasureDef } from './types';

const INCOME_ROWS = '当年有收入记录的户';
const PER_CAPITA_NOTE = '按人口加权：各户该项收入之和 ÷ 各户当年收入记录上的家庭人口数之和（不是各户人均数的平均）';

/**
 * Every measure a pivot can show. Per-capita figures are person-weighted (metrics.md): Σ收入 / Σ人口
 * over the households of the cell, so that a cell, its subtotal and the total are consistent.
 */
export const MEASURES: readonly MeasureDef[] = [
  {
    key: 'households', label: '户数', group: '户数与人数', grain: 'household', formula: { kind: 'sum', component: 'n' },
    unit: '户', format: 'count', additive: true, aggregation: '计数（户）',
    koujing: '户数：每户计一次',
    koujingIncome: `户数：${INCOME_ROWS}，每户计一次`,
    koujingPerson: '户数：有符合条件的家庭成员的户，每户只计一次（各行之和可能大于合计）',
  },
  {
    key: 'persons', label: '人数', group: '户数与人数', grain: 'household', formula: { kind: 'sum', component: 'size' },
    unit: '人', format: 'count', additive: true, aggregation: '求和（家庭人口数）',
    koujing: '人数：户信息中的现家庭人口数之和',
    koujingIncome: '人数：当年收入记录上的家庭人口数之和（人均纯收入的分母）',
  },
  {
    key: 'householdsShare', label: '户数占比', group: '占比', grain: 'household', formula: { kind: 'sum', component: 'n' },
    unit: '', format: 'share', additive: false, shareOf: { measure: 'households', of: 'grand' },
    aggregation: '户数 ÷ 总计户数', koujing: '户数占总计户数的比例（筛选后的全部户为 100%）',
  },
  {
    key: 'personsShare', label: '人数占比', group: '占比', grain: 'household', formula: { kind: 'sum', component: 'size' },
    unit: '', format: 'share', additive: false, shareOf: { measure: 'persons', of: 'grand' },
    aggregation: '人数 ÷ 总计人数', koujing: '人数占总计人数的比例（筛选后的全部人口为 100%）',
  },
  {
    key: 'netIncome', label: '纯收入合计', group: '收入', grain: 'income', formula: { kind: 'sum', component: 'net' },
    unit: '元', format: 'yuan', additive: true, aggregation: '求和（纯收入）',
    koujing: `纯收入之和（元）：${INCOME_ROWS}；纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性收入 − 生产经营性支出`,
  },
  {
    key: 'perCapitaIncome', label: '人均纯收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'net' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ纯收入 ÷ Σ家庭人口数',
    koujing: `人均纯收入（元/人）：${PER_CAPITA_NOTE}`,
  },
  {
    key: 'medianPerCapitaIncome', label: '人均纯收入中位数', group: '收入', grain: 'income', formula: { kind: 'weightedMedian' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: '按人口加权的中位数',
    koujing: '户人均纯收入按人口加权的中位数：最小的 v，使人均纯收入 ≤ v 的户的人口之和不少于全部人口的一半',
  },
  {
    key: 'wageIncome', label: '人均工资性收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'wage' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ工资性收入 ÷ Σ家庭人口数',
    koujing: `人均工资性收入（元/人）：${PER_CAPITA_NOTE}；空白计为 0`,
  },
  {
    key: 'netBusinessIncome', label: '人均净经营性收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'netBusiness' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ(生产经营性收入 − 生产经营性支出) ÷ Σ家庭人口数',
    koujing: `人均净经营性收入（元/人）= 生产经营性收入 − 生产经营性支出；${PER_CAPITA_NOTE}`,
  },
  {
    key: 'propertyIncome', label: '人均财产性收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'property' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ财产性收入 ÷ Σ家庭人口数',
    koujing: `人均财产性收入（元/人）：${PER_CAPITA_NOTE}`,
  },
  {
    key: 'transferIncome', label: '人均转移性收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'transfer' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ转移性收入 ÷ Σ家庭人口数',
    koujing: `人均转移性收入（元/人，含兜底性收入）：${PER_CAPITA_NOTE}`,
  },
  {
    key: 'supportIncome', label: '人均兜底性收入', group: '收入', grain: 'income', formula: { kind: 'perCapita', numerator: 'support' },
    unit: '元/人', format: 'yuan', additive: false, aggregation: 'Σ(低保金 + 特困供养金) ÷ Σ家庭人口数',
    koujing: `人均兜底性收入（元/人）= 低保金 + 特困供养金（转移性收入的一部分）；${PER_CAPITA_NOTE}`,
  },
  {
    key: 'members', label: '成员人数', group: '家庭成员', grain: 'person', formula: { kind: 'sum', component: 'members' },
    unit: '人', format: 'count', additive: true, aggregation: '计数（家庭成员）',
    koujing: '家庭成员名单中的人数（每名成员计一次；可能与户信息中的家庭人口数不同）',
  },
];
