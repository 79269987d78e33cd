import type { IncomeMethod, RecordedMethod, StructuralMethod } from '../../../shared/api/exits';
import { HOUSEHOLD_ATTRIBUTE, LABOUR_WITH_CAPACITY } from '../../../shared/domain/codeLists';
import { MEASURE_CLASSES, classOfMeasure, isDevelopmentClass, type MeasureClass } from '../../../shared/domain/measureClasses';

/** The income row of the exit year, amounts with blanks already counted as 0. */
export interface ExitIncome {
  readonly size: number;
  readonly net: number;
  readonly perCapita: number;
  readonly wage: number;
  readonly business: number;
  readonly businessCost: number;
  readonly property: number;
  readonly transfer: number;
  readonly dibao: number;
  readonly tekun: number;
}

/**
 * Income method of metrics.md, in its order:
 * 1. no income row for the exit year → 无收入记录;
 * 2. 人均纯收入 < L → 收入未达线;
 * 3. (纯收入 − 低保金 − 特困供养金) / 人口 < L → 兜底保障;
 * 4. the largest of 工资性 (就业), 净经营性 (产业), 财产性 (资产收益), 转移性 − 兜底 (其他转移);
 *    ties go to the earlier one in that order.
 * When the line of the year is missing (not entered), steps 2 and 3 cannot be judged and are
 * skipped; the 口径 then names the missing year.
 */
export function incomeMethod(row: ExitIncome | null, line: number | null): IncomeMethod {
  if (row === null) return '无收入记录';
  if (line !== null) {
    if (row.perCapita < line) return '收入未达线';
    if ((row.net - row.dibao - row.tekun) / row.size < line) return '兜底保障';
  }
  const candidates: readonly [IncomeMethod, number][] = [
    ['就业', row.wage],
    ['产业', row.business - row.businessCost],
    ['资产收益', row.property],
    ['其他转移', row.transfer - row.dibao - row.tekun],
  ];
  let best = candidates[0] as [IncomeMethod, number];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  return best[0];
}

const SUPPORT_ATTRIBUTES = new Set(
  HOUSEHOLD_ATTRIBUTE.values.filter((v) => v.key === 'attr.dibao' || v.key === 'attr.tekun').map((v) => v.label),
);

/**
 * Structural method: 兜底保障 when the household is a 低保贫困户 or 特困供养贫困户, or when no member's
 * 劳动技能 is one with labour capacity (普通劳动力, 技能劳动力, 弱劳动力或半劳动力) — which includes a
 * household without member records, as the rule reads; otherwise 开发式.
 */
export function structuralMethod(attribute: string | null, hasLabourCapacity: boolean): StructuralMethod {
  if (attribute !== null && SUPPORT_ATTRIBUTES.has(attribute)) return '兜底保障';
  return hasLabourCapacity ? '开发式' : '兜底保障';
}

export const LABOUR_CAPACITY_LABELS: readonly string[] = LABOUR_WITH_CAPACITY;

/**
 * The class of a stored measure: the importer's class when it is one of domain.md's, else the class
 * of the class text or of the measure name; a measure outside the table counts as 其他 (and is
 * reported by the data-quality check).
 */
export function measureClassOf(storedClass: string | null, name: string): MeasureClass | null {
  if (storedClass !== null) {
    if ((MEASURE_CLASSES as readonly string[]).includes(storedClass)) return storedClass as MeasureClass;
    const byClassText = classOfMeasure(storedClass);
    if (byClassText) return byClassText;
  }
  return classOfMeasure(name);
}

/**
 * Recorded method over the classes of the measures recorded up to the exit year. Precedence:
 * a 开发式 (就业 or 产业) measure together with a 兜底保障 one → 开发式+兜底; else 开发式; else
 * 兜底保障; else 保障 (health, education, housing, water: they protect but carry no income); else 其他
 * (including measures outside domain.md's table); no measure at all → 无措施记录.
 */
export function recordedMethod(classes: ReadonlySet<MeasureClass | null>): RecordedMethod {
  if (classes.size === 0) return '无措施记录';
  let development = false;
  let support = false;
  let protection = false;
  for (const c of classes) {
    if (c !== null && isDevelopmentClass(c)) development = true;
    else if (c === '兜底保障') support = true;
    else if (c === '保障') protection = true;
  }
  if (development && support) return '开发式+兜底';
  if (development) return '开发式';
  if (support) return '兜底保障';
  if (protection) return '保障';
  return '其他';
}
