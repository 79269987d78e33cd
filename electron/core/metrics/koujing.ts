import { LINE_SET_LABELS, lineForYear, type LineSetName } from '../../../shared/domain/povertyLines';
import type { Db } from '../db/database';
import { selectLineSetLabel } from '../db/queries/standardQueries';
import type { Koujing, LineValue, MetricFilter, Population } from '../../../shared/api/metricScope';
import type { MetricScope } from './scope';

const INCOME_ROW_SIZE = '人口为当年收入记录上的家庭人口数（人均纯收入的分母）';
const CURRENT_SIZE = '人口为户信息中的现家庭人口数';

/** The populations of metrics.md, each with the words a report prints under the figure. */
export const POPULATIONS = {
  crossSection: { kind: 'crossSection', label: '截面：当年有收入记录的全部户', persons: 'incomeRowSize', personsLabel: INCOME_ROW_SIZE },
  panel: { kind: 'panel', label: '平衡面板：所选年度范围内每个有收入数据的年度都有收入记录的户', persons: 'incomeRowSize', personsLabel: INCOME_ROW_SIZE },
  crossSectionAndPanel: {
    kind: 'crossSectionAndPanel', label: '截面（当年有收入记录的全部户）与平衡面板（每年都有收入记录的户）并列',
    persons: 'incomeRowSize', personsLabel: INCOME_ROW_SIZE,
  },
  exitEvents: { kind: 'exitEvents', label: '脱贫事件：状态变化中的每一次脱贫（户次；返贫后再次脱贫计为新的一次）', persons: 'currentHouseholdSize', personsLabel: CURRENT_SIZE },
  register: { kind: 'register', label: '建档立卡户：按状态变化事件（识别、脱贫、返贫、自然减少、清退）', persons: 'currentHouseholdSize', personsLabel: CURRENT_SIZE },
  monitored: { kind: 'monitored', label: '防返贫监测对象：户信息中填有监测对象类别的户', persons: 'currentHouseholdSize', personsLabel: CURRENT_SIZE },
  allHouseholds: { kind: 'allHouseholds', label: '快照中的全部户', persons: 'currentHouseholdSize', personsLabel: CURRENT_SIZE },
} as const satisfies Record<string, Population>;

/** A set's Chinese name: the one given in 标准设置, else the shipped one, else its key. */
export function lineSetLabel(db: Db, name: string): string {
  return selectLineSetLabel(db, name) ?? (LINE_SET_LABELS as Record<string, string>)[name as LineSetName] ?? name;
}

export function filterText(filter: MetricFilter): string {
  const parts: string[] = [];
  if (filter.townships?.length) parts.push(`乡镇：${filter.townships.join('、')}`);
  if (filter.villages?.length) parts.push(`行政村：${filter.villages.join('、')}`);
  if (filter.attributes?.length) parts.push(`贫困户属性：${filter.attributes.join('、')}`);
  if (filter.householdTypes?.length) parts.push(`户类型：${filter.householdTypes.join('、')}`);
  if (filter.mainCauses?.length) parts.push(`主要致贫原因：${filter.mainCauses.join('、')}`);
  if (filter.exitCohorts?.length) parts.push(`首次脱贫年度：${filter.exitCohorts.join('、')}`);
  return parts.length ? parts.join('；') : '全县';
}

/** L(Y) and its two parts for each year asked (a year without a stored line shows nulls). */
export function lineValues(scope: MetricScope, years: readonly number[]): LineValue[] {
  return [...new Set(years)].sort((a, b) => a - b).map((year) => {
    const row = scope.lines.find((l) => l.year === year);
    return {
      year,
      povertyLine: row?.povertyLine ?? null,
      monitoringThreshold: row?.monitoringThreshold ?? null,
      line: lineForYear(scope.lines, year),
    };
  });
}

export interface KoujingParts {
  readonly years: readonly number[];
  readonly population: Population;
  /** Years whose line values the result used (default: none). */
  readonly lineYears?: readonly number[];
  readonly notes?: readonly string[];
}

export function makeKoujing(scope: MetricScope, parts: KoujingParts): Koujing {
  const sorted = [...parts.years].sort((a, b) => a - b);
  const lines = lineValues(scope, parts.lineYears ?? []);
  const missing = lines.filter((l) => l.line === null).map((l) => l.year);
  const notes = [...(parts.notes ?? [])];
  if (missing.length) notes.push(`标准“${lineSetLabel(scope.db, scope.lineSet)}”缺少 ${missing.join('、')} 年的贫困线或监测标准，相关判断无法进行，请在“标准设置”中填写。`);
  return {
    snapshotId: scope.snapshot.id,
    county: scope.snapshot.countyName,
    asOf: scope.snapshot.asOf,
    years: { from: scope.yearFrom ?? sorted[0] ?? null, to: scope.yearTo ?? sorted[sorted.length - 1] ?? null },
    filter: scope.filter,
    filterText: filterText(scope.filter),
    population: parts.population,
    lineSet: { name: scope.lineSet, label: lineSetLabel(scope.db, scope.lineSet) },
    lines,
    notes,
  };
}
