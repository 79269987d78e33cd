import type { PivotKoujing } from '../../../shared/api/pivot';
import { FILTER_OP_LABELS } from '../../../shared/semantic/types';
import type { CheckedFilter } from '../../../shared/semantic/specCheck';
import { lineSetLabel } from '../metrics/koujing';
import type { PivotPlan } from './plan';

function filterText(f: CheckedFilter): string {
  const values = f.values.map((v) => (v === null ? f.dimension.missingLabel : String(v)));
  switch (f.op) {
    case 'in': return `${f.dimension.label}：${values.join('、')}`;
    case 'notIn': return `${f.dimension.label}${FILTER_OP_LABELS.notIn}：${values.join('、')}`;
    case 'between': return `${f.dimension.label} ${values[0] ?? ''}–${values[1] ?? ''}`;
    case 'isNull': return `${f.dimension.label}为空`;
    case 'notNull': return `${f.dimension.label}不为空`;
  }
}

function population(plan: PivotPlan): string {
  const county = `${plan.facts.scope.snapshot.countyName}（快照 #${plan.facts.scope.snapshot.id}，截至 ${plan.facts.scope.snapshot.asOf}）`;
  if (plan.grain === 'income') return `${county}在所选收入年度有收入记录的户（每户每年一条收入记录）`;
  if (plan.grain === 'person') return `${county}户的家庭成员（家庭成员名单，每人一条）`;
  return `${county}户信息中的全部户（含普通农户监测户及自然减少、清退的户，可用筛选排除）`;
}

/** The 口径 of a pivot: who is counted, which year, which filters, what each field means. */
export function pivotKoujing(plan: PivotPlan): PivotKoujing {
  const spec = plan.spec;
  const notes: string[] = [...(plan.years?.notes ?? [])];
  if (plan.grain !== 'income' && spec.year !== null) notes.push(`分析设置的收入年度 ${spec.year} 未使用：所选指标和字段不读收入记录`);
  if (plan.unknownFilterValues.length) notes.push(`筛选值在本快照中不存在，未匹配任何户：${[...new Set(plan.unknownFilterValues)].join('、')}`);
  if (spec.topN) {
    const level = spec.rows[spec.topN.level];
    notes.push(`只列出每组中按“${spec.values.find((v) => v.key === spec.topN?.by)?.label ?? spec.topN.by}”${spec.topN.direction === 'desc' ? '最大' : '最小'}的 ${spec.topN.n} 个${level?.label ?? ''}；上级合计仍包含未列出的项`);
  }
  const dims = [...spec.rows, ...spec.columns, ...spec.filters.map((f) => f.dimension)];
  if (dims.some((d) => d.key === 'exitMethodIncome' || d.key === 'exitMethodStructural')) {
    notes.push(`脱贫方式按贫困线标准“${lineSetLabel(plan.facts.scope.db, plan.facts.scope.lineSet)}”归因`);
  }
  if (plan.grain === 'person' && spec.values.some((v) => v.measure.key === 'households')) {
    notes.push('按成员分组时，一户的成员可分属不同组，各组户数之和可能大于合计户数');
  }
  const seen = new Set<string>();
  return {
    population: population(plan),
    filters: spec.filters.length ? spec.filters.map(filterText).join('；') : '全县（无筛选）',
    incomeYear: plan.years?.text ?? null,
    dimensions: dims.filter((d) => !seen.has(d.key) && seen.add(d.key)).map((d) => ({
      key: d.key, label: d.label, text: d.koujing,
    })),
    measures: spec.values.map((v) => ({
      key: v.key,
      label: v.label,
      text: v.share === null
        ? (plan.grain === 'income' ? v.measure.koujingIncome : plan.grain === 'person' ? v.measure.koujingPerson : undefined) ?? v.measure.koujing
        : `${v.label}：${v.measure.label}${v.share === 'grand' ? '占总计' : v.share === 'row' ? '占本行合计（各列之和）' : '占本列合计（各行之和）'}的比例`,
    })),
    notes,
  };
}
