import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { selectStamp, writeStamp } from '../db/queries/derivedTables';
import {
  STORED_RULES, countExitChecks, countFlowBreaks, countStoredFindings, replaceCodeFindings, replaceCodedValues,
  replaceRuleFindings,
  selectCodedValues, selectExitCheckFindings, selectFlowBreakFindings, selectHouseholdsWithValues, selectStoredFindings,
  type CodedColumn, type CodedTable, type FlaggedHousehold, type StoredRule,
} from '../db/queries/qualityQueries';
import {
  CAUSE, EDUCATION, ELIMINATION_METHOD, EVENT_TYPE, HEALTH, HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_TYPE, HOUSING,
  IDENTIFICATION_STANDARD, LABOUR, MONITORING_CATEGORY, RELATION, RISK, SCHOOLING, SEX, STATUS, UNHEALTHY, WORK_STATUS,
  resolveCode, type CodeList,
} from '../../../shared/domain/codeLists';
import { classOfMeasure } from '../../../shared/domain/measureClasses';
import { QUALITY_RULES, QUALITY_RULE_LABELS, type QualityFinding, type QualityRequest, type QualityResult, type QualityRule } from '../../../shared/api/quality';
import { ensureExitAttribution } from './exitAttribution';
import { ensureFlowLedger } from './flows';
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

/** Which code list each coded column is checked against, and how the column is named to the user (in listing order). */
export const COLUMN_LISTS: { table: CodedTable; column: string; label: string; list: CodeList | 'measure' }[] = [
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

const LABEL_OF_COLUMN = new Map(COLUMN_LISTS.map((c) => [`${c.table}.${c.column}`, c.label]));

function finding(rule: QualityRule, h: Pick<FlaggedHousehold, 'householdCode' | 'township' | 'village'> | null, detail: string): QualityFinding {
  return {
    rule, ruleLabel: QUALITY_RULE_LABELS[rule], householdCode: h?.householdCode ?? null, township: h?.township ?? null,
    village: h?.village ?? null, detail,
  };
}

/** The message of a stored finding (its figures a and b are what the rule's SQL stored). */
function detailOf(rule: StoredRule, h: FlaggedHousehold): string {
  switch (rule) {
    case 'illnessWithoutUnhealthyMember': return `主要致贫原因为因病，但 ${String(h.a)} 名家庭成员中无${UNHEALTHY.join('或')}者`;
    case 'dibaoWithoutDibaoIncome': return `低保贫困户，但 ${String(h.a)}–${String(h.b)} 年的收入记录中低保金均为空或 0`;
    case 'incomeFormulaMismatch': return `${String(h.b)} 年：${String(h.a)}`;
    case 'sizeMismatch': return `家庭人口数为 ${String(h.a)}，家庭成员表中有 ${String(h.b)} 人`;
    case 'personInTwoHouseholds': return `证件号码 ${String(h.a)} 同时出现在户 ${String(h.b)}`;
    case 'invalidIdChecksum': return `证件号码 ${String(h.a)} 的校验位不正确`;
    case 'codeOutsideList': return `${LABEL_OF_COLUMN.get(String(h.a)) ?? String(h.a)}：“${String(h.b)}”不在代码表中`;
  }
}

// ── Per-snapshot findings (quality_value, quality_finding; migration 007) ───────────────────────

/** Bump when a stored rule's SQL changes, so stored findings are recomputed. */
const RULES_VERSION = 1;
const VALUES_VERSION = 1;
const KIND_VALUES = 'quality_value';
const KIND_RULES = 'quality_finding';
const KIND_CODES = 'quality_code';

/** The stored values outside the running program's code lists, column by column in listing order. */
function valuesOutsideLists(values: ReadonlyMap<string, readonly string[]>): {
  column: (typeof COLUMN_LISTS)[number]; bad: string[];
}[] {
  return COLUMN_LISTS.map((c) => {
    const seen = values.get(`${c.table}.${c.column}`) ?? [];
    const candidates = c.column === 'other_causes' ? [...new Set(seen.flatMap(splitCauses))] : seen;
    return { column: c, bad: candidates.filter((v) => !known(c.list, v)) };
  }).filter((x) => x.bad.length > 0);
}

/**
 * Households with a value outside the code lists, in listing order (column by column, then area);
 * a 其他致贫原因 text gives one finding per unknown part.
 */
function codeFindingsOf(
  db: Db, snapshotId: number, outside: ReturnType<typeof valuesOutsideLists>,
): { householdId: number; column: string; value: string }[] {
  const out: { householdId: number; column: string; value: string }[] = [];
  for (const { column: c, bad } of outside) {
    const key = `${c.table}.${c.column}`;
    const rows = selectHouseholdsWithValues(db, snapshotId, c.table, c.column as CodedColumn<CodedTable>, bad);
    if (c.column === 'other_causes') {
      const unknown = new Set(bad);
      for (const h of rows) {
        for (const v of splitCauses(String(h.value)).filter((x) => unknown.has(x))) out.push({
          householdId: h.householdId, column: key, value: v,
        });
      }
      continue;
    }
    for (const h of rows) out.push({ householdId: h.householdId, column: key, value: String(h.value) });
  }
  return out;
}

/**
 * Makes sure the snapshot's stored findings are current: the coded columns' distinct values (one
 * pass per table, once per snapshot), the findings of the rules on members, income and IDs (set-based
 * SQL, once per snapshot and rule version), and the code-value findings, rebuilt when the values
 * outside the running program's code lists differ from those they were built with.
 */
export function prepareQuality(db: Db, snapshotId: number): void {
  const valuesStamp = JSON.stringify({ v: VALUES_VERSION });
  if (selectStamp(db, snapshotId, KIND_VALUES) !== valuesStamp) {
    replaceCodedValues(db, snapshotId);
    writeStamp(db, snapshotId, KIND_VALUES, valuesStamp);
  }
  const rulesStamp = JSON.stringify({ v: RULES_VERSION, unhealthy: UNHEALTHY, formula: FORMULA_ISSUE_CODES });
  if (selectStamp(db, snapshotId, KIND_RULES) !== rulesStamp) {
    replaceRuleFindings(db, snapshotId, UNHEALTHY, FORMULA_ISSUE_CODES);
    writeStamp(db, snapshotId, KIND_RULES, rulesStamp);
  }
  const outside = valuesOutsideLists(selectCodedValues(db, snapshotId));
  const codesStamp = JSON.stringify({
    v: RULES_VERSION,
    outside: createHash('sha256').update(JSON.stringify(outside.map((o) => [o.column.table, o.column.column, o.bad]))).digest('hex'),
  });
  if (selectStamp(db, snapshotId, KIND_CODES) !== codesStamp) {
    replaceCodeFindings(db, snapshotId, codeFindingsOf(db, snapshotId, outside));
    writeStamp(db, snapshotId, KIND_CODES, codesStamp);
  }
}

export function qualityMetrics(db: Db, request: QualityRequest = {}): QualityResult {
  return qualityForScope(
    resolveScope(db, request), request.limitPerRule === undefined ? DEFAULT_LIMIT_PER_RULE : request.limitPerRule,
  );
}

/**
 * Runs every rule; counts are complete (counted by SQL), the findings listed per rule stop at
 * limitPerRule (null = all) and only those are read.
 */
export function qualityForScope(scope: MetricScope, limitPerRule: number | null): QualityResult {
  const db = scope.db;
  const hs = scope.households;
  prepareQuality(db, scope.snapshot.id);
  ensureFlowLedger(scope);
  ensureExitAttribution(scope);
  const { yearFrom: from, yearTo: to, lineSet } = scope;

  const counts = new Map<QualityRule, number>();
  const lists = new Map<QualityRule, QualityFinding[]>();
  const stored = countStoredFindings(db, hs);
  for (const rule of STORED_RULES) {
    counts.set(rule, stored.get(rule) ?? 0);
    lists.set(rule, (stored.get(rule) ?? 0) === 0
      ? []
      : selectStoredFindings(db, hs, rule, limitPerRule).map((h) => finding(rule, h, detailOf(rule, h))));
  }
  counts.set('flowIdentityBreak', countFlowBreaks(db, hs, from, to));
  lists.set('flowIdentityBreak', counts.get('flowIdentityBreak') === 0 ? [] : selectFlowBreakFindings(db, hs, from, to, limitPerRule).map((b) =>
    finding('flowIdentityBreak', b, `${b.year} 年${b.eventType}：${b.detail}`)));
  const exits = countExitChecks(db, hs, lineSet, from, to);
  counts.set('exitIncomeBelowLine', exits.get('收入未达线') ?? 0);
  lists.set('exitIncomeBelowLine', counts.get('exitIncomeBelowLine') === 0 ? [] : selectExitCheckFindings(db, hs, lineSet, from, to, '收入未达线', limitPerRule)
    .map((c) => finding('exitIncomeBelowLine', c, `${c.year} 年脱贫，当年人均纯收入 ${c.perCapita?.toFixed(2) ?? '—'} 元低于标准 ${c.line ?? '—'} 元`)));
  counts.set('exitWithoutIncome', exits.get('无收入记录') ?? 0);
  lists.set('exitWithoutIncome', counts.get('exitWithoutIncome') === 0 ? [] : selectExitCheckFindings(db, hs, lineSet, from, to, '无收入记录', limitPerRule)
    .map((c) => finding('exitWithoutIncome', c, `${c.year} 年脱贫，但没有该年的收入记录`)));

  const summary = QUALITY_RULES.map((rule) => ({
    rule, ruleLabel: QUALITY_RULE_LABELS[rule], count: counts.get(rule) ?? 0, listed: lists.get(rule)?.length ?? 0,
  }));
  return {
    koujing: makeKoujing(scope, { years: [], population: POPULATIONS.allHouseholds, notes: NOTES }),
    counts: summary,
    total: summary.reduce((s, c) => s + c.count, 0),
    findings: QUALITY_RULES.flatMap((rule) => lists.get(rule) ?? []),
  };
}
