import type { SectionTemplate } from './placeholder';

export const basicTemplate: SectionTemplate = {
  section: 'basic',
  text: [
    '全县建档立卡脱贫户{建档立卡户数}、{建档立卡人数}，其中已脱贫{已脱贫户数}、{已脱贫人数}，脱贫率{脱贫率}；尚未脱贫{未脱贫户数}、{未脱贫人数}。',
    '统计年度内共有{累计脱贫户数}、{累计脱贫人数}实现脱贫（按脱贫事件计，返贫后再次脱贫的户只计一次）。全县有贫困村{贫困村数}个，已出列{已出列贫困村数}个。',
  ].join('\n'),
  placeholders: [
    { name: '建档立卡户数', description: '户类型为脱贫户的户数', value: (f, x) => x.households(f.register.registered.households) },
    { name: '建档立卡人数', description: '建档立卡户的现家庭人口数合计', value: (f, x) => x.persons(f.register.registered.persons) },
    { name: '已脱贫户数', description: '脱贫状态为已脱贫的户数', value: (f, x) => x.households(f.register.exited.households) },
    { name: '已脱贫人数', description: '已脱贫户的人口', value: (f, x) => x.persons(f.register.exited.persons) },
    { name: '脱贫率', description: '已脱贫人口 ÷ 建档立卡人口', value: (f, x) => (f.register.exitRate === null ? null : x.percent(f.register.exitRate)) },
    { name: '未脱贫户数', description: '脱贫状态为未脱贫的户数', value: (f, x) => x.households(f.register.notExited.households) },
    { name: '未脱贫人数', description: '未脱贫户的人口', value: (f, x) => x.persons(f.register.notExited.persons) },
    { name: '累计脱贫户数', description: '统计年度内有脱贫事件的不重复户数', value: (f, x) => x.households(f.exits.totals.households) },
    { name: '累计脱贫人数', description: '统计年度内有脱贫事件的不重复户的人口', value: (f, x) => x.persons(f.exits.totals.persons) },
    { name: '贫困村数', description: '行政村表中的贫困村个数', value: (f) => String(f.register.poorVillages) },
    { name: '已出列贫困村数', description: '填有出列年度的贫困村个数', value: (f) => String(f.register.poorVillagesDelisted) },
  ],
};
