import { DIMENSIONS, FILTER_OPS, FILTER_OP_LABELS, MEASURES, SHARE_BASES, SHARE_LABELS } from '../../../shared/semantic';

/** A spec that runs on any snapshot: households and persons by township and exit year, 2020 incomes. */
export const PIVOT_HELP_EXAMPLE = {
  rows: ['township'],
  columns: ['exitYear'],
  values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }],
  filters: [{ field: 'status', op: 'in', values: ['已脱贫（享受政策）', '已脱贫（不再享受政策）'] }],
  year: 2020,
  totals: true,
};

function keyList(items: readonly { key: string; label: string }[]): string[] {
  const lines: string[] = [];
  let line = '   ';
  for (const item of items) {
    const part = ` ${item.key}（${item.label}）`;
    if (line.length + part.length > 80) {
      lines.push(line);
      line = '   ';
    }
    line += part;
  }
  return [...lines, line];
}

/**
 * What `tuopin pivot --help` teaches: the spec's fields, one example that runs, and the keys it
 * may use, read from the semantic catalogue so that the help cannot name a field that is gone.
 */
export function pivotHelp(): string[] {
  return [
    '',
    '透视设置（SPEC.json）是一个 JSON 对象：',
    '  rows      行维度的键（数组，可空）',
    '  columns   列维度的键（数组，可空）',
    '  values    至少一个度量：{"measure": 键, "share": 占比基数（可选）}',
    `            占比基数：${SHARE_BASES.map((s) => `${s}（${SHARE_LABELS[s]}）`).join('、')}`,
    '  filters   筛选：{"field": 维度键, "op": 运算, "values": [值…]}',
    `            运算：${FILTER_OPS.map((o) => `${o}（${FILTER_OP_LABELS[o]}）`).join('、')}`,
    '  year      收入度量的收入年度（不给时取行列或筛选中的 year，再不然取快照中最新的收入年度，输出会注明）',
    '  totals    true 时输出合计、各级小计和列合计',
    '  sort, topN  排序与前 N 项（可选）',
    '',
    '示例（按乡镇 × 脱贫年度统计已脱贫户的户数、人数和 2020 年人均纯收入）：',
    `  ${JSON.stringify(PIVOT_HELP_EXAMPLE)}`,
    '  保存为 spec.json 后运行：tuopin pivot --spec spec.json',
    '',
    '维度（rows、columns、filters 用）：',
    ...keyList(DIMENSIONS),
    '度量（values 用）：',
    ...keyList(MEASURES),
    '',
    '不存在的字段、度量或运算会被拒绝（退出码 2），并列出可用的键。',
  ];
}
