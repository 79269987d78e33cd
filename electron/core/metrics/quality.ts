import type { Db } from '../db/database';
import {
  type CODED_COLUMNS, selectDibaoWithoutDibaoIncome, selectDistinctValues, selectHouseholdsWithValues, selectIllnessWithoutUnhealthy,
  selectIncomeFormulaIssues, selectInvalidIds, selectPersonsInTwoHouseholds, selectSizeMismatch,
  type CodedTable, type FlaggedHousehold,
} from '../db/queries/qualityQueries';
import {
  CAUSE, EDUCATION, ELIMINATION_METHOD, EVENT_TYPE, HEALTH, HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_TYPE, HOUSING,
  IDENTIFICATION_STANDARD, LABOUR, MONITORING_CATEGORY, RELATION, RISK, SCHOOLING, SEX, STATUS, UNHEALTHY, WORK_STATUS,
  resolveCode, type CodeList,
} from '../../../shared/domain/codeLists';
import { classOfMeasure } from '../../../shared/domain/measureClasses';
import {
  QUALITY_RULES, QUALITY_RULE_LABELS, type QualityFinding, type QualityRequest, type QualityResult, type QualityRule,
} from '../../../shared/api/metrics';
import { exitsForScope } from './exits';
import { flowsForScope } from './flows';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const DEFAULT_LIMIT_PER_RULE = 2000;

/** The import's warnings about the income formula (domain.md), re-reported per household. */
const FORMULA_ISSUE_CODES = ['income.netMismatch', 'income.perCapitaMismatch', 'income.transferMismatch'] as const;

const NOTES = [
  '因病无患病成员：主要致贫原因为因病，有家庭成员记录，但无成员健康状况为长期慢性病或患有大病。',
  '低保贫困户无低保金：有收入记录，但各年低保金均为空或 0（按年看会把后来退出低保的户也算进来，故按全部年度判断）。',
  '收入公式不一致：导入时纯收入、人均纯收入或转移性收入与公式相差超过 1 元的记录（系统已按公式计算）。',
  '家庭人口数与成员数：只比较有成员记录的户。代码值：与代码表及其别名比对，不在表中的值原样保留。',
  '动态调整平衡关系、脱贫当年收入低于标准或无收入记录：与动态调整表和收入法脱贫方式的口径相同。',
];

/** Which code list each coded column is checked against, and how the column is named to the user. */
const COLUMN_LISTS: { table: CodedTable; column: string; label: string; list: CodeList | 'measure' }[] = [
  { table: 'household', column: 'type', label: '户信息·户类型', list: HOUSEHOLD_TYPE },
  { table: 'household', column: 'attribute', label: '户信息·贫困户属性', list: HOUSEHOLD_ATTRIBUTE },
  { table: 'household', column: 'standard', label: '户信息·识别标准', list: IDENTIFICATION_STANDARD },
  { table: 'household', column: 'main_cause', label: '户信息·主要致贫原因', list: CAUSE },
  { table: 'household', column: 'other_causes', label: '户信息·其他致贫原因', list: CAUSE },
  { table: 'household', column: 'status', label: '户信息·脱贫状态', list: STATUS },
  { table: 'household', column: 'return_cause', label: '户信息·返贫原因', list: RISK },
  { table: 'household', column: 'mon_category', label: '户信息·监测对象类别', list: MONITORING_CATEGORY },
  { table: 'household', column: 'risk1', label: '户信息·致贫返贫风险1', list: RISK },
  { table: 'household', column: 'risk2', label: '户信息·致贫返贫风险2', list: RISK },
  { table: 'household', column: 'risk3', label: '户信息·致贫返贫风险3', list: RISK },
  { table: 'household', column: 'risk4', label: '户信息·致贫返贫风险4', list: RISK },
  { table: 'household', column: 'risk5', label: '户信息·致贫返贫风险5', list: RISK },
  { table: 'household', column: 'elim_method', label: '户信息·风险消除方式', list: ELIMINATION_METHOD },
  { table: 'household', column: 'housing', label: '户信息·住房安全等级', list: HOUSING },
  { table: 'person', column: 'relation', label: '家庭成员·与户主关系', list: RELATION },
  { table: 'person', column: 'sex', label: '家庭成员·性别', list: SEX },
  { table: 'person', column: 'education', label: '家庭成员·文化程度', list: EDUCATION },
  { table: 'person', column: 'schooling', label: '家庭成员·在校生状况', list: SCHOOLING },
  { table: 'person', column: 'health', label: '家庭成员·健康状况', list: HEALTH },
  { table: 'person', column: 'labour', label: '家庭成员·劳动技能', list: LABOUR },
  { table: 'person', column: 'work_status', label: '家庭成员·务工状况', list: WORK_STATUS },
  { table: 'measure', column: 'name', label: '帮扶措施·措施类别', list: 'measure' },
  { table: 'event', column: 'type', label: '状态变化·变化类型', list: EVENT_TYPE },
  { table: 'event', column: 'reason', label: '状态变化·返贫原因', list: RISK },
];

function splitCauses(text: string): string[] {
  return text.split(/[、,，;；/]/).map((t) => t.trim()).filter((t) => t !== '');
}

function known(list: CodeList | 'measure', value: string): boolean {
  return list === 'measure' ? classOfMeasure(value) !== null : resolveCode(list, value).known;
}

function finding(rule: QualityRule, h: Pick<FlaggedHousehold, 'householdCode' | 'township' | 'village'> | null, detail: string): QualityFinding {
  return {
    rule, ruleLabel: QUALITY_RULE_LABELS[rule], householdCode: h?.householdCode ?? null, township: h?.township ?? null,
    village: h?.village ?? null, detail,
  };
}

function codeFindings(scope: MetricScope): QualityFinding[] {
  const out: QualityFinding[] = [];
  const distinct = new Map<CodedTable, Map<string, Set<string>>>();
  for (const c of COLUMN_LISTS) {
    const table = c.table;
    const column = c.column as (typeof CODED_COLUMNS)[typeof table][number];
    let values = distinct.get(table);
    if (!values) {
      values = selectDistinctValues(scope.db, scope.snapshot.id, table) as Map<string, Set<string>>;
      distinct.set(table, values);
    }
    const seen = [...(values.get(c.column) ?? [])];
    if (c.column === 'other_causes') {
      const bad = new Set(seen.flatMap(splitCauses).filter((v) => !known(c.list, v)));
      if (bad.size === 0) continue;
      for (const h of selectHouseholdsWithValues(scope.db, scope.households, table, column, [...bad])) {
        for (const v of splitCauses(String(h.a ?? '')).filter((x) => bad.has(x))) {
          out.push(finding('codeOutsideList', h, `${c.label}：“${v}”不在代码表中`));
        }
      }
      continue;
    }
    const bad = seen.filter((v) => !known(c.list, v));
    for (const h of selectHouseholdsWithValues(scope.db, scope.households, table, column, bad)) {
      out.push(finding('codeOutsideList', h, `${c.label}：“${String(h.a)}”不在代码表中`));
    }
  }
  return out;
}

export function qualityMetrics(db: Db, request: QualityRequest = {}): QualityResult {
  return qualityForScope(resolveScope(db, request), request.limitPerRule === undefined ? DEFAULT_LIMIT_PER_RULE : request.limitPerRule);
}

/** Runs every rule; counts are complete, the findings listed per rule stop at limitPerRule (null = all). */
export function qualityForScope(scope: MetricScope, limitPerRule: number | null): QualityResult {
  const db = scope.db;
  const hs = scope.households;
  const byRule = new Map<QualityRule, QualityFinding[]>(QUALITY_RULES.map((r) => [r, []]));
  const push = (list: QualityFinding[]): void => {
    for (const f of list) byRule.get(f.rule)?.push(f);
  };

  push(selectIllnessWithoutUnhealthy(db, hs, UNHEALTHY).map((h) =>
    finding('illnessWithoutUnhealthyMember', h, `主要致贫原因为因病，但 ${String(h.a)} 名家庭成员中无${UNHEALTHY.join('或')}者`)));
  push(selectDibaoWithoutDibaoIncome(db, hs).map((h) =>
    finding('dibaoWithoutDibaoIncome', h, `低保贫困户，但 ${String(h.a)}–${String(h.b)} 年的收入记录中低保金均为空或 0`)));
  push(selectIncomeFormulaIssues(db, hs, FORMULA_ISSUE_CODES).map((h) =>
    finding('incomeFormulaMismatch', h, `${String(h.b)} 年：${String(h.a)}`)));
  push(selectSizeMismatch(db, hs).map((h) =>
    finding('sizeMismatch', h, `家庭人口数为 ${String(h.a)}，家庭成员表中有 ${String(h.b)} 人`)));
  push(selectPersonsInTwoHouseholds(db, hs).map((h) =>
    finding('personInTwoHouseholds', h, `证件号码 ${String(h.a)} 同时出现在户 ${String(h.b)}`)));
  push(selectInvalidIds(db, hs).map((h) =>
    finding('invalidIdChecksum', h, `证件号码 ${String(h.a)} 的校验位不正确`)));
  push(codeFindings(scope));
  push(flowsForScope(scope).breaks.map((b) =>
    finding('flowIdentityBreak', b, `${b.year} 年${b.eventType}：${b.detail}`)));
  push(exitsForScope(scope).toCheck.map((c) => c.method === '收入未达线'
    ? finding('exitIncomeBelowLine', c, `${c.year} 年脱贫，当年人均纯收入 ${c.perCapita?.toFixed(2) ?? '—'} 元低于标准 ${c.line ?? '—'} 元`)
    : finding('exitWithoutIncome', c, `${c.year} 年脱贫，但没有该年的收入记录`)));

  const counts = QUALITY_RULES.map((rule) => {
    const all = byRule.get(rule) ?? [];
    const listed = limitPerRule === null ? all.length : Math.min(all.length, limitPerRule);
    return { rule, ruleLabel: QUALITY_RULE_LABELS[rule], count: all.length, listed };
  });
  const findings = QUALITY_RULES.flatMap((rule) => {
    const all = byRule.get(rule) ?? [];
    return limitPerRule === null ? all : all.slice(0, limitPerRule);
  });
  return {
    koujing: makeKoujing(scope, { years: [], population: POPULATIONS.allHouseholds, notes: NOTES }),
    counts,
    total: counts.reduce((s, c) => s + c.count, 0),
    findings,
  };
}
