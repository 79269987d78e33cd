import type { QualityRule } from '../../../../shared/api/quality';
import type { ReportFigures } from '../figures';
import type { ReportFormatter } from '../reportFormat';
import { THRESHOLDS } from '../thresholds';
import { supportHeavyTownships } from './exits';
import { townshipsRanked } from './income';
import { listText, type SectionTemplate } from './placeholder';

/** Data-quality rules whose findings touch a figure of this report. */
const REPORTED_RULES: readonly QualityRule[] = [
  'exitIncomeBelowLine', 'exitWithoutIncome', 'flowIdentityBreak', 'incomeFormulaMismatch', 'sizeMismatch', 'personInTwoHouseholds',
];

function supportProblem(f: ReportFigures, x: ReportFormatter): string {
  const heavy = supportHeavyTownships(f);
  const rule = `（规则：脱贫人口不少于${THRESHOLDS.minExitPersons}人的乡镇，收入法兜底保障脱贫人口占比超过${x.percent(THRESHOLDS.supportShare)}）`;
  if (heavy.length === 0) return `一是兜底保障占比总体可控，未发现兜底保障占比过高的乡镇${rule}。`;
  return `一是部分乡镇脱贫较多依赖兜底保障，${listText(heavy.map((t) => `${t.township}兜底保障占${x.percent(t.share)}`))}${rule}。`;
}

function illnessProblem(f: ReportFigures, x: ReportFormatter): string {
  const rule = '（规则：比较有返贫的首个年度与最后年度的因病返贫率，返贫率分母同返贫率）';
  const years = f.returns.byYear.filter((y) => y.byCause['因病']?.rate !== undefined);
  const first = f.returns.byYear[0];
  const last = f.returns.byYear.at(-1);
  if (!first || !last || first.year === last.year) return `二是因病返贫的变化趋势无法判断（有返贫记录的年度不足两个）${rule}。`;
  const r0 = first.byCause['因病']?.rate ?? 0;
  const r1 = last.byCause['因病']?.rate ?? 0;
  const trend = r1 > r0 ? '上升' : r1 < r0 ? '下降' : '持平';
  const head = r1 > r0 ? '二是因病返贫风险上升' : '二是因病返贫未见上升';
  const change = trend === '持平'
    ? `${first.year}年为${x.percent(r0)}，${last.year}年仍为${x.percent(r1)}`
    : `由${first.year}年的${x.percent(r0)}${trend}到${last.year}年的${x.percent(r1)}`;
  return `${head}，因病返贫率${change}（有因病返贫的年度${years.length}个）${rule}。`;
}

function belowLineProblem(f: ReportFigures, x: ReportFormatter): string {
  const rule = '（规则：此前已脱贫、当年人均纯收入低于当年贫困线或监测标准的户，不论是否记录返贫）';
  const last = f.returns.incomeRisk.byYear.at(-1);
  const notSupported = f.exits.attribution.income['收入未达线'];
  const exitPart = notSupported && notSupported.households > 0
    ? `另有${x.households(notSupported.households, '户次')}脱贫当年人均纯收入低于标准（收入未达线）`
    : '没有脱贫当年人均纯收入低于标准的脱贫事件';
  if (!last) return `三是已脱贫户收入情况：没有可判断的收入年度；${exitPart}${rule}。`;
  const lineText = last.line === null ? '' : `（标准${x.yuan(last.line)}）`;
  return `三是${last.year}年有${x.households(last.households)}、${x.persons(last.persons)}已脱贫户人均纯收入低于标准${lineText}，其中低于贫困线${x.households(last.belowLine)}，已记录返贫${x.households(last.returnRecorded)}；${exitPart}${rule}。`;
}

function lagProblem(f: ReportFigures, x: ReportFormatter): string {
  const county = f.income.groups[0]?.crossSection?.cagr?.value ?? null;
  const rule = `（规则：乡镇人均纯收入年均增长低于全县${x.percent(THRESHOLDS.incomeLag)}以上）`;
  if (county === null) return `四是乡镇收入增长差异无法判断（年均增长需要至少两个收入年度）${rule}。`;
  const lagging = townshipsRanked(f).filter((t) => t.cagr !== null && t.cagr < county - THRESHOLDS.incomeLag);
  if (lagging.length === 0) return `四是各乡镇收入增长较为均衡，没有年均增长明显落后于全县（${x.growth(county)}）的乡镇${rule}。`;
  return `四是部分乡镇收入增长滞后，全县年均${x.growth(county)}，${listText(lagging.map((t) => `${t.township}年均${x.growth(t.cagr ?? 0)}`))}${rule}。`;
}

function qualityProblem(f: ReportFigures): string {
  const found = f.quality.counts.filter((c) => REPORTED_RULES.includes(c.rule) && c.count > 0);
  const rule = '（规则：数据质量检查中涉及本报告数字的规则；详见“数据质量”页）';
  if (found.length === 0) return `五是数据质量方面，未发现影响本报告数字的问题${rule}。`;
  return `五是数据质量方面，${found.map((c) => `“${c.ruleLabel}”${c.count}条`).join('、')}，相关数字使用前应核实${rule}。`;
}

export const problemsTemplate: SectionTemplate = {
  section: 'problems',
  text: ['{兜底占比问题}', '{因病返贫问题}', '{收入低于标准问题}', '{增长滞后问题}', '{数据质量问题}'].join('\n'),
  placeholders: [
    { name: '兜底占比问题', description: '兜底保障占比超过阈值的乡镇（含规则与阈值）', value: supportProblem },
    { name: '因病返贫问题', description: '因病返贫率的变化（含规则）', value: illnessProblem },
    { name: '收入低于标准问题', description: '已脱贫户收入低于标准的户数（含规则）', value: belowLineProblem },
    { name: '增长滞后问题', description: '收入增长落后于全县的乡镇（含规则与阈值）', value: lagProblem },
    { name: '数据质量问题', description: '涉及报告数字的数据质量发现', value: (f) => qualityProblem(f) },
  ],
};
