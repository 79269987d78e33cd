/**
 * One colour per category, the same in every view, chart and saved image: a reader who learnt that
 * 因病 is red on 返贫分析 finds it red on 监测帮扶. Colours follow meaning where a meaning is shared
 * (就业 and 工资性收入 are one blue, 产业 and 净经营性收入 one green, 兜底保障 and 兜底性收入 one
 * amber), so the income structure and the exit attribution read alike. Aliases of a code list
 * (因灾 = 因自然灾害, 缺劳力 = 缺劳动力, 其它 = 其他) share their colour.
 */

/** Causes of poverty and 致贫返贫风险 / 返贫原因 (one list for colour purposes). */
const CAUSES: Readonly<Record<string, string>> = {
  因病: '#c0504d',
  因残: '#8c6bb1',
  因学: '#4f81bd',
  因灾: '#d79b2b',
  因自然灾害: '#d79b2b',
  因意外事故: '#e07b39',
  因产业项目失败: '#5b8c3a',
  因务工就业不稳: '#2f7fb8',
  缺劳动力: '#7f6a4d',
  缺劳力: '#7f6a4d',
  住房出现安全问题: '#a0522d',
  义务教育阶段适龄儿童少年失学辍学: '#5fa0a8',
  饮水出现安全问题: '#3e9bcf',
  家庭成员未参加基本医疗保险: '#b56b8f',
  缺土地: '#8a7f3a',
  缺水: '#6fa8dc',
  缺技术: '#6b7fa8',
  缺资金: '#b8863b',
  交通条件落后: '#7d8a5a',
  自身发展动力不足: '#9b7fb8',
  其他: '#8c96a3',
  其它: '#8c96a3',
  未填写: '#c3cad3',
};

/** Exit attribution (all three methods) and the income sources that carry the same meaning. */
const METHODS: Readonly<Record<string, string>> = {
  兜底保障: '#d98b1f',
  就业: '#1f5fa8',
  产业: '#4f9a5a',
  资产收益: '#3f9a94',
  其他转移: '#8a7bb0',
  收入未达线: '#a8332f',
  无收入记录: '#9aa5b1',
  开发式: '#4a6fa5',
  '开发式+兜底': '#b59a5b',
  保障: '#6aa3b8',
  无措施记录: '#c3cad3',
};

const INCOME_SOURCES: Readonly<Record<string, string>> = {
  wage: METHODS['就业'] as string,
  netBusiness: METHODS['产业'] as string,
  property: METHODS['资产收益'] as string,
  transfer: '#b07aa1',
  support: METHODS['兜底保障'] as string,
  otherTransfer: METHODS['其他转移'] as string,
};

const MONITORING: Readonly<Record<string, string>> = {
  脱贫不稳定户: '#c0504d',
  边缘易致贫户: '#d79b2b',
  突发严重困难户: '#6b7fa8',
  帮扶消除: '#2e7d4f',
  自然消除: '#7fb58f',
  未消除: '#c3cad3',
};

/** The stock-and-flow table's columns and the Sankey's nodes. */
const FLOWS: Readonly<Record<string, string>> = {
  年初未脱贫: '#6b7888',
  新识别: '#1f5fa8',
  返贫: '#c0504d',
  脱贫: '#4f9a5a',
  自然减少: '#9aa5b1',
  清退: '#7f6a4d',
  年末未脱贫: '#3e4c5c',
};

/** The figures themselves, not a category: 人均纯收入, its median, the line in use. */
export const SERIES_COLORS = {
  perCapita: '#1f5fa8',
  median: '#6aa3d8',
  panel: '#c0504d',
  line: '#a8332f',
  threshold: '#d98b1f',
  count: '#4f81bd',
  rate: '#c0504d',
  neutral: '#6b7888',
  positive: '#4f9a5a',
  negative: '#c0504d',
} as const;

/** Categories nobody planned for (a provincial addition such as 因婚): a stable colour from the name. */
const FALLBACK = ['#5b6f8a', '#9c6b4e', '#4e8a7d', '#8a5b7d', '#7d8a4e', '#4e6a8a', '#a07850', '#6a5b8a'];

function fallbackColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return FALLBACK[hash % FALLBACK.length] as string;
}

export type PaletteFamily = 'cause' | 'method' | 'source' | 'monitoring' | 'flow';

const FAMILIES: Readonly<Record<PaletteFamily, Readonly<Record<string, string>>>> = {
  cause: CAUSES,
  method: METHODS,
  source: INCOME_SOURCES,
  monitoring: MONITORING,
  flow: FLOWS,
};

/** The colour of a category: `categoryColor('cause', '因病')`. */
export function categoryColor(family: PaletteFamily, name: string): string {
  return FAMILIES[family][name] ?? fallbackColor(name);
}
