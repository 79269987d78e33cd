import {
  CAUSE, HEALTH, HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_TYPE, LABOUR, MONITORING_CATEGORY, RISK, SEX, STATUS, WORK_STATUS,
  labelsOf,
} from '../domain/codeLists';
import { INCOME_METHODS, STRUCTURAL_METHODS } from '../api/exits';
import { AGE_GROUP_LABELS } from './ageGroups';
import type { DimensionDef } from './types';

/** 是 before 否: the order statisticians write a yes/no breakdown in. */
export const YES_NO: readonly string[] = ['是', '否'];

const BLANK = '（未填）';

const REGISTER = '按户信息（快照截至日期的登记情况）';

/**
 * Every dimension a pivot can break down by. Household dimensions are the register fields of 户信息
 * as the export states them at the snapshot date; member dimensions come from 家庭成员; 收入年度
 * from 收入情况.
 */
export const DIMENSIONS: readonly DimensionDef[] = [
  {
    key: 'county', label: '县', group: '地区', type: 'category', grain: 'household', source: 'household.county',
    column: 'county', order: { kind: 'name' }, missingLabel: BLANK, koujing: `户所在县（区、市），${REGISTER}`,
  },
  {
    key: 'township', label: '乡镇', group: '地区', type: 'category', grain: 'household', source: 'household.township',
    column: 'township', order: { kind: 'area' }, missingLabel: BLANK,
    koujing: `户所在乡镇，${REGISTER}；按统计用区划代码排序，无代码时按名称`,
  },
  {
    key: 'village', label: '行政村', group: '地区', type: 'category', grain: 'household', source: 'household.township + household.village',
    column: 'village', order: { kind: 'area' }, missingLabel: BLANK,
    koujing: `户所在行政村，${REGISTER}；不同乡镇的同名村分开统计，名称重复时标为“乡镇·村”`,
  },
  {
    key: 'poorVillage', label: '是否贫困村', group: '地区', type: 'boolean', grain: 'household', source: 'household.poor_village',
    column: 'poor_village', order: { kind: 'fixed', labels: YES_NO }, missingLabel: BLANK,
    koujing: `户所在村是否为贫困村，${REGISTER}`,
  },
  {
    key: 'householdType', label: '户类型', group: '户基本情况', type: 'category', grain: 'household', source: 'household.type',
    column: 'household_type', order: { kind: 'codeList', labels: labelsOf(HOUSEHOLD_TYPE) }, missingLabel: BLANK,
    koujing: `脱贫户 / 普通农户（从未建档立卡的监测户），${REGISTER}`,
  },
  {
    key: 'householdAttribute', label: '贫困户属性', group: '户基本情况', type: 'category', grain: 'household', source: 'household.attribute',
    column: 'attribute', order: { kind: 'codeList', labels: labelsOf(HOUSEHOLD_ATTRIBUTE) }, missingLabel: BLANK,
    koujing: `一般贫困户 / 低保贫困户 / 特困供养贫困户，${REGISTER}`,
  },
  {
    key: 'mainCause', label: '主要致贫原因', group: '户基本情况', type: 'category', grain: 'household', source: 'household.main_cause',
    column: 'main_cause', order: { kind: 'codeList', labels: labelsOf(CAUSE) }, missingLabel: BLANK,
    koujing: `户的主要致贫原因（其他致贫原因不计），${REGISTER}`,
  },
  {
    key: 'status', label: '脱贫状态', group: '脱贫与返贫', type: 'category', grain: 'household', source: 'household.status',
    column: 'status', order: { kind: 'codeList', labels: labelsOf(STATUS) }, missingLabel: BLANK,
    koujing: `户的脱贫状态（含自然减少、清退），${REGISTER}`,
  },
  {
    key: 'identifiedYear', label: '识别年度', group: '脱贫与返贫', type: 'year', grain: 'household', source: 'household.identified_year',
    column: 'identified_year', order: { kind: 'numeric' }, missingLabel: BLANK, koujing: `户信息中的识别（纳入）年度`,
  },
  {
    key: 'exitYear', label: '脱贫年度', group: '脱贫与返贫', type: 'year', grain: 'household', source: 'household.exit_year',
    column: 'exit_year', order: { kind: 'numeric' }, missingLabel: BLANK,
    koujing: `户信息中的脱贫年度（返贫后再次脱贫的户为导出文件所记的年度）；未脱贫的户为空`,
  },
  {
    key: 'returnYear', label: '返贫年度', group: '脱贫与返贫', type: 'year', grain: 'household', source: 'household.return_year',
    column: 'return_year', order: { kind: 'numeric' }, missingLabel: BLANK, koujing: `户信息中的返贫年度；未返贫的户为空`,
  },
  {
    key: 'returnCause', label: '返贫原因', group: '脱贫与返贫', type: 'category', grain: 'household', source: 'household.return_cause',
    column: 'return_cause', order: { kind: 'codeList', labels: labelsOf(RISK) }, missingLabel: BLANK,
    koujing: `户信息中的返贫原因（与致贫返贫风险同一代码表）`,
  },
  {
    key: 'exitMethodIncome', label: '脱贫方式（收入法）', group: '脱贫与返贫', type: 'category', grain: 'household',
    source: 'exit_attribution.income_method（最近一次脱贫事件）', column: 'exit_income',
    order: { kind: 'fixed', labels: INCOME_METHODS }, missingLabel: '（无脱贫事件）',
    koujing: '户最近一次脱贫事件按收入法的归因（脱贫当年收入记录与所用贫困线，见指标口径）；没有脱贫事件的户为“无脱贫事件”',
  },
  {
    key: 'exitMethodStructural', label: '脱贫方式（结构法）', group: '脱贫与返贫', type: 'category', grain: 'household',
    source: 'exit_attribution.structural_method（最近一次脱贫事件）', column: 'exit_structural',
    order: { kind: 'fixed', labels: STRUCTURAL_METHODS }, missingLabel: '（无脱贫事件）',
    koujing: '户最近一次脱贫事件按结构法的归因（贫困户属性与成员劳动技能）；没有脱贫事件的户为“无脱贫事件”',
  },
  {
    key: 'relocated', label: '是否易地扶贫搬迁', group: '户基本情况', type: 'boolean', grain: 'household', source: 'household.relocated',
    column: 'relocated', order: { kind: 'fixed', labels: YES_NO }, missingLabel: BLANK, koujing: `户信息中的易地扶贫搬迁标志`,
  },
  {
    key: 'monitoringCategory', label: '监测对象类别', group: '防返贫监测', type: 'category', grain: 'household', source: 'household.mon_category',
    column: 'mon_category', order: { kind: 'codeList', labels: labelsOf(MONITORING_CATEGORY) }, missingLabel: '（非监测对象）',
    koujing: `户信息中的防返贫监测对象类别；未纳入监测的户为“非监测对象”`,
  },
  {
    key: 'mainRisk', label: '主要风险', group: '防返贫监测', type: 'category', grain: 'household', source: 'household.risk1',
    column: 'main_risk', order: { kind: 'codeList', labels: labelsOf(RISK) }, missingLabel: BLANK,
    koujing: `致贫返贫风险中的第一项（主要风险）；每户只计一次`,
  },
  {
    key: 'riskEliminated', label: '风险是否已消除', group: '防返贫监测', type: 'boolean', grain: 'household', source: 'household.risk_eliminated',
    column: 'risk_eliminated', order: { kind: 'fixed', labels: YES_NO }, missingLabel: BLANK,
    koujing: `户信息中的“风险是否已消除”；非监测对象一般为空`,
  },
  {
    key: 'year', label: '收入年度', group: '收入', type: 'year', grain: 'income', source: 'income.year',
    column: 'year', order: { kind: 'numeric' }, missingLabel: BLANK,
    koujing: '收入情况的年度；按年度分列时每户每年计一次（当年有收入记录的户）',
  },
  {
    key: 'sex', label: '性别', group: '家庭成员', type: 'category', grain: 'person', source: 'person.sex',
    column: 'sex', order: { kind: 'codeList', labels: labelsOf(SEX) }, missingLabel: BLANK, koujing: '家庭成员的性别',
  },
  {
    key: 'ageGroup', label: '年龄组', group: '家庭成员', type: 'category', grain: 'person', source: 'person.birth_date 与 snapshot.as_of',
    column: 'age_group', order: { kind: 'fixed', labels: AGE_GROUP_LABELS }, missingLabel: '（出生日期不详）',
    koujing: '家庭成员在快照截至日期的周岁年龄分组（0–15、16–30、31–45、46–60、61–65、66岁及以上）',
  },
  {
    key: 'health', label: '健康状况', group: '家庭成员', type: 'category', grain: 'person', source: 'person.health',
    column: 'health', order: { kind: 'codeList', labels: labelsOf(HEALTH) }, missingLabel: BLANK, koujing: '家庭成员的健康状况',
  },
  {
    key: 'labour', label: '劳动技能', group: '家庭成员', type: 'category', grain: 'person', source: 'person.labour',
    column: 'labour', order: { kind: 'codeList', labels: labelsOf(LABOUR) }, missingLabel: BLANK, koujing: '家庭成员的劳动技能',
  },
  {
    key: 'workStatus', label: '务工状况', group: '家庭成员', type: 'category', grain: 'person', source: 'person.work_status',
    column: 'work_status', order: { kind: 'codeList', labels: labelsOf(WORK_STATUS) }, missingLabel: BLANK, koujing: '家庭成员的务工状况',
  },
];
