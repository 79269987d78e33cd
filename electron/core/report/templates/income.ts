import type { IncomeYear } from '../../../../shared/api/income';
import type { ReportFigures } from '../figures';
import type { Placeholder, SectionTemplate } from './placeholder';

/** The county's cross-section years that have income, first and last. */
export function incomeEnds(f: ReportFigures): { first: IncomeYear; last: IncomeYear } | null {
  const years = (f.income.groups[0]?.crossSection?.byYear ?? []).filter((y) => y.perCapita !== null);
  const first = years[0];
  const last = years[years.length - 1];
  return first && last ? { first, last } : null;
}

/** Townships by the last year's 人均纯收入, highest first (only those with income that year). */
export function townshipsRanked(f: ReportFigures): {
  township: string; perCapita: number; persons: number; cagr: number | null;
}[] {
  const ends = incomeEnds(f);
  if (!ends) return [];
  return f.townshipIncome.groups.flatMap((g) => {
    const y = g.crossSection?.byYear.find((r) => r.year === ends.last.year);
    if (g.group === null || !y || y.perCapita === null) return [];
    return [{
      township: g.group, perCapita: y.perCapita, persons: y.persons, cagr: g.crossSection?.cagr?.value ?? null,
    }];
  }).sort((a, b) => b.perCapita - a.perCapita || a.township.localeCompare(b.township, 'zh-Hans-CN'));
}

type Source = 'wage' | 'netBusiness' | 'property' | 'transfer';
const SOURCES: readonly { key: Source; label: string }[] = [
  { key: 'wage', label: '工资性' }, { key: 'netBusiness', label: '净经营性' }, { key: 'property', label: '财产性' }, { key: 'transfer', label: '转移性' },
];

const sourcePlaceholders: Placeholder[] = SOURCES.flatMap(({ key, label }) => [
  {
    name: `末年${label}收入`, description: `末年人均${label}收入（元）`,
    value: (f, x) => { const v = incomeEnds(f)?.last[key]; return v === undefined || v === null ? null : x.yuan(v); },
  },
  {
    name: `末年${label}占比`, description: `末年${label}收入占人均纯收入的比重`,
    value: (f, x) => { const v = incomeEnds(f)?.last.shares?.[key]; return v === undefined ? null : x.percent(v); },
  },
  {
    name: `${label}贡献`, description: `首年至末年人均纯收入增量中${label}收入的贡献`,
    value: (f, x) => {
      const v = f.income.groups[0]?.crossSection?.contribution?.bySource?.[key];
      return v === undefined ? null : x.percent(v);
    },
  },
]);

export const incomeTemplate: SectionTemplate = {
  section: 'income',
  text: [
    '（一）收入持续增长',
    '{首年}年至{末年}年，全县脱贫户人均纯收入由{首年人均纯收入}提高到{末年人均纯收入}，年均{年均增长}（截面口径：当年有收入记录的全部户）；其中每年均有收入记录的{面板户数}户，按平衡面板口径年均{面板年均增长}。{末年}年人均纯收入比上年{末年同比}。',
    '（二）收入结构',
    '{末年}年，工资性收入人均{末年工资性收入}，占{末年工资性占比}；净经营性收入人均{末年净经营性收入}，占{末年净经营性占比}；财产性收入人均{末年财产性收入}，占{末年财产性占比}；转移性收入人均{末年转移性收入}，占{末年转移性占比}，其中兜底性收入（低保金、特困供养金）人均{末年兜底性收入}。{首年}年以来人均纯收入的增量中，工资性收入贡献{工资性贡献}，净经营性收入贡献{净经营性贡献}，财产性收入贡献{财产性贡献}，转移性收入贡献{转移性贡献}。',
    '（三）乡镇比较',
    '分乡镇看，{末年}年人均纯收入最高的是{收入最高乡镇}（{最高乡镇人均纯收入}），最低的是{收入最低乡镇}（{最低乡镇人均纯收入}），{乡镇个数}个乡镇的排序见图表。',
  ].join('\n'),
  placeholders: [
    { name: '首年', description: '有收入记录的第一年', value: (f) => { const e = incomeEnds(f); return e ? String(e.first.year) : null; } },
    { name: '末年', description: '有收入记录的最后一年', value: (f) => { const e = incomeEnds(f); return e ? String(e.last.year) : null; } },
    { name: '首年人均纯收入', description: '首年人均纯收入（元，截面）', value: (f, x) => { const v = incomeEnds(f)?.first.perCapita; return v === undefined || v === null ? null : x.yuan(v); } },
    { name: '末年人均纯收入', description: '末年人均纯收入（元，截面）', value: (f, x) => { const v = incomeEnds(f)?.last.perCapita; return v === undefined || v === null ? null : x.yuan(v); } },
    { name: '年均增长', description: '人均纯收入年均增长（截面），写作“增长X.X%”或“下降X.X%”', value: (f, x) => { const v = f.income.groups[0]?.crossSection?.cagr?.value; return v === undefined || v === null ? null : x.growth(v); } },
    { name: '面板年均增长', description: '平衡面板的年均增长', value: (f, x) => { const v = f.income.groups[0]?.panel?.cagr?.value; return v === undefined || v === null ? null : x.growth(v); } },
    { name: '面板户数', description: '平衡面板的户数', value: (f) => { const v = f.income.groups[0]?.panel?.households; return v === undefined ? null : String(v); } },
    { name: '末年同比', description: '末年人均纯收入比上年的增长', value: (f, x) => { const v = incomeEnds(f)?.last.yoy; return v === undefined || v === null ? null : x.growth(v); } },
    ...sourcePlaceholders,
    { name: '末年兜底性收入', description: '末年人均兜底性收入（低保金+特困供养金）', value: (f, x) => { const v = incomeEnds(f)?.last.support; return v === undefined || v === null ? null : x.yuan(v); } },
    { name: '收入最高乡镇', description: '末年人均纯收入最高的乡镇', value: (f) => townshipsRanked(f)[0]?.township ?? null },
    { name: '最高乡镇人均纯收入', description: '该乡镇末年人均纯收入', value: (f, x) => { const t = townshipsRanked(f)[0]; return t ? x.yuan(t.perCapita) : null; } },
    { name: '收入最低乡镇', description: '末年人均纯收入最低的乡镇', value: (f) => townshipsRanked(f).at(-1)?.township ?? null },
    { name: '最低乡镇人均纯收入', description: '该乡镇末年人均纯收入', value: (f, x) => { const t = townshipsRanked(f).at(-1); return t ? x.yuan(t.perCapita) : null; } },
    { name: '乡镇个数', description: '有末年收入记录的乡镇个数', value: (f) => String(townshipsRanked(f).length) },
  ],
};
