/**
 * Every headline figure of the views (概览's cards, the figure line over each analysis view), with
 * the grain it counts: one table, so that the unit word a view prints is read from here and a
 * test can check every figure on every page against it (#13: "one figure, one number").
 *
 * Grains: 户 and 人 count households and persons once; 户次 and 人次 count events (a household
 * that exited, returned and exited again is one 户 and two 户次); 户·年 counts a household in each
 * year it qualifies.
 */
export type FigureGrain =
  | 'households' | 'persons' | 'householdEvents' | 'personEvents' | 'householdYears'
  | 'share' | 'yuan' | 'months' | 'rules' | 'findings';

export const GRAIN_UNIT: Readonly<Record<FigureGrain, string>> = {
  households: '户', persons: '人', householdEvents: '户次', personEvents: '人次', householdYears: '户·年',
  share: '%', yuan: '元', months: '个月', rules: '条规则', findings: '条',
};

export interface HeadlineFigure {
  readonly label: string;
  readonly grain: FigureGrain;
  /** Where the figure comes from: the metric and its field. */
  readonly source: string;
}

export const HEADLINE_FIGURES = {
  // 概览
  'overview.registered': { label: '累计识别建档立卡', grain: 'households', source: 'metrics.flows 年初 + 新识别' },
  'overview.exited': { label: '累计脱贫', grain: 'households', source: 'metrics.exits totals.households' },
  'overview.exitRate': { label: '脱贫率', grain: 'share', source: '累计脱贫人口 ÷ 累计识别人口' },
  'overview.income': { label: '人均纯收入', grain: 'yuan', source: 'metrics.income crossSection' },
  'overview.supportShare': { label: '兜底保障脱贫占比', grain: 'share', source: 'metrics.exits headline.supportShare（人次）' },
  'overview.returnRate': { label: '返贫率', grain: 'share', source: 'metrics.returns byYear.rate' },
  'overview.monitored': { label: '防返贫监测对象', grain: 'households', source: 'metrics.monitoring identified' },
  'overview.eliminationRate': { label: '风险消除率', grain: 'share', source: 'metrics.monitoring eliminated.rate' },
  // 收入增长
  'income.first': { label: '首年人均纯收入', grain: 'yuan', source: 'metrics.income crossSection' },
  'income.last': { label: '末年人均纯收入', grain: 'yuan', source: 'metrics.income crossSection' },
  'income.cagr': { label: '年均增长', grain: 'share', source: 'metrics.income cagr' },
  // 脱贫方式
  'exits.households': { label: '脱贫户', grain: 'households', source: 'metrics.exits totals.households' },
  'exits.persons': { label: '脱贫人口', grain: 'persons', source: 'metrics.exits totals.persons' },
  'exits.events': { label: '脱贫户次', grain: 'householdEvents', source: 'metrics.exits totals.events' },
  'exits.developmentShare': { label: '开发式占比', grain: 'share', source: 'metrics.exits headline（人次）' },
  'exits.supportShare': { label: '兜底保障占比', grain: 'share', source: 'metrics.exits headline（人次）' },
  'exits.supportPersons': { label: '兜底保障脱贫人次', grain: 'personEvents', source: 'metrics.exits headline.supportPersons' },
  // 返贫分析
  'returns.households': { label: '返贫户', grain: 'households', source: 'metrics.returns totals.households' },
  'returns.persons': { label: '返贫人口', grain: 'persons', source: 'metrics.returns totals.persons' },
  'returns.events': { label: '返贫户次', grain: 'householdEvents', source: 'metrics.returns totals.events' },
  'returns.latestRate': { label: '返贫率', grain: 'share', source: 'metrics.returns byYear.rate' },
  'returns.incomeRisk': { label: '收入低于标准的已脱贫户', grain: 'householdYears', source: 'metrics.returns incomeRisk.total' },
  // 监测帮扶
  'monitoring.households': { label: '监测对象户', grain: 'households', source: 'metrics.monitoring identified.households' },
  'monitoring.persons': { label: '监测对象人口', grain: 'persons', source: 'metrics.monitoring identified.persons' },
  'monitoring.eliminated': { label: '风险已消除', grain: 'households', source: 'metrics.monitoring eliminated.households' },
  'monitoring.unresolved': { label: '尚未消除', grain: 'households', source: 'metrics.monitoring unresolved.households' },
  'monitoring.rate': { label: '风险消除率', grain: 'share', source: 'metrics.monitoring eliminated.rate' },
  'monitoring.months': { label: '纳入监测到风险消除', grain: 'months', source: 'metrics.monitoring medianMonthsToElimination' },
  // 数据质量
  'quality.rules': { label: '共检查', grain: 'rules', source: 'metrics.quality counts' },
  'quality.findings': { label: '发现问题', grain: 'findings', source: 'metrics.quality total' },
  'quality.rulesHit': { label: '涉及', grain: 'rules', source: 'metrics.quality counts' },
} as const satisfies Readonly<Record<string, HeadlineFigure>>;

export type HeadlineFigureId = keyof typeof HEADLINE_FIGURES;

/** The unit word printed after a figure; a share carries its % in the value itself. */
export function figureUnit(id: HeadlineFigureId): string {
  const grain: FigureGrain = HEADLINE_FIGURES[id].grain;
  return grain === 'share' ? '' : GRAIN_UNIT[grain];
}

/**
 * 动态调整表's columns: its stocks (年初、年末未脱贫) count each household (person) once, its flows
 * count events, since a household that returned and exited again is in 脱贫 twice over the years.
 */
export function flowColumnGrain(stock: boolean, unit: 'households' | 'persons'): FigureGrain {
  if (unit === 'households') return stock ? 'households' : 'householdEvents';
  return stock ? 'persons' : 'personEvents';
}
