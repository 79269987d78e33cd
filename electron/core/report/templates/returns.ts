import type { ReportFigures } from '../figures';
import type { ReportFormatter } from '../reportFormat';
import type { SectionTemplate } from './placeholder';

function returnRateSentence(f: ReportFigures, x: ReportFormatter): string {
  const years = f.returns.byYear;
  if (years.length === 0) return '统计年度内没有返贫记录。';
  // A rate over a known denominator would give a hidden count away: it is left out with the count.
  const rate = (y: (typeof years)[number]): string => (x.hides(y.persons) ? '返贫率不列（人数少于3人）'
    : `返贫率${y.rate === null ? '无法计算' : x.percent(y.rate)}`);
  const parts = years.map((y) => `${y.year}年${x.households(y.households)}、${x.persons(y.persons)}，${rate(y)}（分母为${y.year - 1}年及以前有过脱贫的${x.persons(y.denominatorPersons)}）`);
  return `分年度看，${parts.join('；')}。`;
}

function causeSentence(f: ReportFigures, x: ReportFormatter): string {
  const causes = Object.entries(f.returns.causeDistribution);
  if (causes.length === 0) return '';
  return `返贫原因按人口排序依次为${causes.map(([c, v]) => `${c}${x.persons(v.persons)}${x.hides(v.persons) ? '' : `（${x.percent(v.share)}）`}`).join('、')}。`;
}

function categorySentence(f: ReportFigures, x: ReportFormatter): string {
  const cats = Object.entries(f.monitoring.byCategory).filter(([, v]) => v.households > 0);
  if (cats.length === 0) return '没有填写监测对象类别的户';
  return `其中${cats.map(([c, v]) => `${c}${x.households(v.households)}、${x.persons(v.persons)}`).join('，')}`;
}

export const returnsTemplate: SectionTemplate = {
  section: 'returns',
  text: [
    '（一）返贫情况',
    '统计年度内全县共有{返贫户数}、{返贫人数}返贫（同一户同一年多次返贫计一次）。{分年度返贫率}{返贫原因排序}',
    '（二）防返贫监测',
    '全县纳入防返贫监测对象{监测户数}、{监测人数}，{监测类别构成}。已消除风险{风险消除户数}，风险消除率{风险消除率}（已消除户数 ÷ 纳入监测户数）。',
  ].join('\n'),
  placeholders: [
    { name: '返贫户数', description: '统计年度内返贫的户（户·年）', value: (f, x) => x.households(f.returns.totals.households) },
    { name: '返贫人数', description: '返贫户的人口', value: (f, x) => x.persons(f.returns.totals.persons) },
    { name: '分年度返贫率', description: '各年度返贫户数、人数与返贫率（含分母）一句话', value: returnRateSentence },
    { name: '返贫原因排序', description: '返贫原因按人口排序一句话（无返贫时为空）', value: causeSentence },
    { name: '监测户数', description: '纳入监测的户数', value: (f, x) => x.households(f.monitoring.identified.households) },
    { name: '监测人数', description: '纳入监测的人口', value: (f, x) => x.persons(f.monitoring.identified.persons) },
    { name: '监测类别构成', description: '按监测对象类别的户数与人数一句话', value: categorySentence },
    { name: '风险消除户数', description: '风险已消除的户数', value: (f, x) => x.households(f.monitoring.eliminated.households) },
    {
      name: '风险消除率', description: '已消除户数 ÷ 纳入监测户数',
      value: (f, x) => (f.monitoring.eliminated.rate === null ? null : x.percent(f.monitoring.eliminated.rate)),
    },
  ],
};
