import type { SectionTemplate } from './placeholder';
import { dateText } from './placeholder';

export const openingTemplate: SectionTemplate = {
  section: 'opening',
  text: [
    '关于{县名}巩固拓展脱贫攻坚成果工作情况的报告',
    '县人大常委会：',
    '根据县人大常委会工作安排，现将{县名}巩固拓展脱贫攻坚成果工作情况报告如下。本报告数据截至{截至日期}，统计年度为{起始年度}年至{结束年度}年。',
  ].join('\n'),
  placeholders: [
    { name: '县名', description: '快照的县名', value: (f) => f.scope.snapshot.countyName },
    { name: '截至日期', description: '快照的数据截至日期', value: (f) => dateText(f.scope.snapshot.asOf) },
    { name: '起始年度', description: '报告年度范围的起始年', value: (f) => yearsOf(f).from },
    { name: '结束年度', description: '报告年度范围的结束年', value: (f) => yearsOf(f).to },
  ],
};

function yearsOf(f: Parameters<SectionTemplate['placeholders'][number]['value']>[0]): { from: string | null; to: string | null } {
  const income = f.income.koujing.years;
  const exits = f.exits.koujing.years;
  const from = f.scope.yearFrom ?? minOf(income.from, exits.from);
  const to = f.scope.yearTo ?? maxOf(income.to, exits.to);
  return { from: from === null ? null : String(from), to: to === null ? null : String(to) };
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
