import type { ReportFigures } from '../figures';
import { THRESHOLDS } from '../thresholds';
import { listText, type SectionTemplate } from './placeholder';

/** Townships whose 兜底保障 share of exit persons is above the threshold (with enough exits to judge). */
export function supportHeavyTownships(f: ReportFigures): { township: string; share: number }[] {
  return f.exitTownships
    .filter((t) => t.persons >= THRESHOLDS.minExitPersons && t.supportShare > THRESHOLDS.supportShare)
    .map((t) => ({ township: t.township, share: t.supportShare }));
}

function exitEventPersons(f: ReportFigures): number {
  return Object.values(f.exits.attribution.income).reduce((s, v) => s + v.persons, 0);
}

export const exitsTemplate: SectionTemplate = {
  section: 'exits',
  text: [
    '统计年度内共发生脱贫{脱贫户次}，涉及{脱贫事件人数}（返贫后再次脱贫计为新的一次）。按收入法认定脱贫方式：依靠就业、产业等开发式措施脱贫{开发式脱贫人数}，占{开发式占比}，其中依靠就业脱贫{就业脱贫人数}，占{就业占比}，依靠产业脱贫{产业脱贫人数}，占{产业占比}；依靠低保、特困供养等兜底保障脱贫{兜底脱贫人数}，占{兜底占比}。',
    '按结构法（贫困户属性与劳动能力）认定，兜底保障占{结构法兜底占比}。两种方法口径不同，并列供参考；各年度脱贫方式构成见图表。',
    '{兜底乡镇情况}',
  ].join('\n'),
  placeholders: [
    { name: '脱贫户次', description: '统计年度内的脱贫事件数（户次）', value: (f, x) => x.households(f.exits.totals.events, '户次') },
    { name: '脱贫事件人数', description: '脱贫事件涉及的人口（按事件计）', value: (f, x) => x.persons(exitEventPersons(f), '人次') },
    { name: '开发式脱贫人数', description: '收入法就业、产业、资产收益、其他转移的脱贫人口', value: (f, x) => x.persons(f.exits.headline.developmentPersons, '人次') },
    { name: '开发式占比', description: '开发式脱贫人口占全部脱贫人口的比重', value: (f, x) => x.percent(f.exits.headline.developmentShare) },
    { name: '就业脱贫人数', description: '收入法认定为就业的脱贫人口', value: (f, x) => x.persons(f.exits.headline.employmentPersons, '人次') },
    { name: '就业占比', description: '就业脱贫人口的比重', value: (f, x) => x.percent(f.exits.headline.employmentShare) },
    { name: '产业脱贫人数', description: '收入法认定为产业的脱贫人口', value: (f, x) => x.persons(f.exits.headline.industryPersons, '人次') },
    { name: '产业占比', description: '产业脱贫人口的比重', value: (f, x) => x.percent(f.exits.headline.industryShare) },
    { name: '兜底脱贫人数', description: '收入法认定为兜底保障的脱贫人口', value: (f, x) => x.persons(f.exits.headline.supportPersons, '人次') },
    { name: '兜底占比', description: '兜底保障脱贫人口的比重（收入法）', value: (f, x) => x.percent(f.exits.headline.supportShare) },
    {
      name: '结构法兜底占比', description: '结构法认定为兜底保障的脱贫人口比重',
      value: (f, x) => { const v = f.exits.attribution.structural['兜底保障']; return v ? x.percent(v.share) : null; },
    },
    { name: '兜底阈值', description: '乡镇兜底保障占比的关注阈值', value: (f, x) => x.percent(THRESHOLDS.supportShare) },
    {
      name: '兜底乡镇情况', description: '兜底保障占比超过阈值的乡镇（一句话）',
      value: (f, x) => {
        const heavy = supportHeavyTownships(f);
        const rule = `（规则：脱贫人口不少于${THRESHOLDS.minExitPersons}人的乡镇中，收入法兜底保障占比超过${x.percent(THRESHOLDS.supportShare)}）`;
        return heavy.length === 0
          ? `没有兜底保障占比超过${x.percent(THRESHOLDS.supportShare)}的乡镇${rule}。`
          : `兜底保障占比超过${x.percent(THRESHOLDS.supportShare)}的乡镇有${listText(heavy.map((t) => `${t.township}（${x.percent(t.share)}）`))}${rule}。`;
      },
    },
  ],
};
