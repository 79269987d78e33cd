/**
 * The sheets and columns of import-format.md (standard template v1): canonical header, aliases,
 * and whether the import cannot go on without the column. Matching folds headers first
 * (headerText.ts), so aliases are written once, in their plain form.
 */
export type SheetKind = 'households' | 'members' | 'income' | 'measures' | 'events' | 'villages';

export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  readonly header: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  /** Amount columns are scaled by a 万元 header or unit row. */
  readonly amount?: boolean;
  /** The template's own unit for an amount column when its header names none. */
  readonly defaultUnit?: '元' | '万元';
}

export interface SheetSchema<K extends string = string> {
  readonly kind: SheetKind;
  /** Sheet name in the template and base name of its CSV file. */
  readonly name: string;
  readonly columns: readonly ColumnSpec<K>[];
  /** Columns that identify this sheet's header row (and the sheet itself when its name says nothing). */
  readonly signature: readonly K[];
}

const HOUSEHOLD_CODE_ALIASES = ['户码', '家庭编号'];

function risk(n: number): ColumnSpec<`risk${1 | 2 | 3 | 4 | 5}`> {
  return {
    key: `risk${n}` as `risk${1 | 2 | 3 | 4 | 5}`,
    header: `致贫返贫风险${n}`,
    aliases: [`风险类型${n}`, `致贫返贫风险类型${n}`, ...(n === 1 ? ['主要风险类型', '致贫返贫风险'] : [])],
  };
}

export const HOUSEHOLD_SHEET = {
  kind: 'households',
  name: '户信息',
  signature: ['code', 'size', 'village'],
  columns: [
    { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true },
    { key: 'county', header: '县', aliases: ['县(市、区、旗)', '区县', '县区', '县(市、区)', '县(区)'], required: true },
    { key: 'township', header: '乡镇', aliases: ['乡(镇)', '乡(镇、街道)', '乡镇(街道)'], required: true },
    { key: 'village', header: '行政村', aliases: ['村', '村(社区)', '行政村(社区)'], required: true },
    { key: 'areaCode', header: '行政区划代码', aliases: ['区划代码', '村级区划代码'] },
    { key: 'poorVillage', header: '是否贫困村', aliases: ['贫困村'] },
    { key: 'headName', header: '户主姓名', aliases: ['户主'] },
    { key: 'headId', header: '户主证件号码', aliases: ['户主身份证号', '户主身份证号码'] },
    { key: 'size', header: '家庭人口数', aliases: ['人口数', '家庭人数', '人数'], required: true },
    { key: 'type', header: '户类型' },
    { key: 'attribute', header: '贫困户属性', aliases: ['户属性'] },
    { key: 'standard', header: '识别标准' },
    { key: 'mainCause', header: '主要致贫原因', aliases: ['致贫原因'] },
    { key: 'otherCauses', header: '其他致贫原因' },
    { key: 'identifiedYear', header: '识别年度', aliases: ['纳入年度', '建档立卡年度', '首次识别时间'] },
    { key: 'status', header: '脱贫状态', aliases: ['贫困户状态', '脱贫属性', '脱贫标识'] },
    { key: 'exitYear', header: '脱贫年度' },
    { key: 'returnYear', header: '返贫年度' },
    { key: 'returnCause', header: '返贫原因' },
    { key: 'relocated', header: '是否易地扶贫搬迁', aliases: ['易地扶贫搬迁户', '是否搬迁户'] },
    { key: 'housing', header: '住房安全等级', aliases: ['危房等级'] },
    { key: 'safeWater', header: '是否解决安全饮水', aliases: ['饮水安全'] },
    { key: 'monCategory', header: '监测对象类别', aliases: ['监测类型', '监测对象类型'] },
    { key: 'monDate', header: '纳入监测时间', aliases: ['识别监测时间'] },
    risk(1), risk(2), risk(3), risk(4), risk(5),
    { key: 'riskEliminated', header: '风险是否已消除', aliases: ['风险是否消除'] },
    { key: 'elimMethod', header: '风险消除方式' },
    { key: 'elimDate', header: '风险消除时间', aliases: ['消除监测时间'] },
  ],
} as const satisfies SheetSchema;

export const MEMBER_SHEET = {
  kind: 'members',
  name: '家庭成员',
  signature: ['code', 'idNumber'],
  columns: [
    { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true },
    { key: 'name', header: '姓名' },
    { key: 'idNumber', header: '证件号码', aliases: ['身份证号', '身份证号码', '证件号'], required: true },
    { key: 'sex', header: '性别' },
    { key: 'birthDate', header: '出生日期' },
    { key: 'relation', header: '与户主关系' },
    { key: 'ethnicity', header: '民族' },
    { key: 'education', header: '文化程度' },
    { key: 'schooling', header: '在校生状况', aliases: ['在校生情况'] },
    { key: 'health', header: '健康状况' },
    { key: 'labour', header: '劳动技能', aliases: ['劳动能力'] },
    { key: 'workStatus', header: '务工状况' },
    { key: 'workMonths', header: '务工时间(月)', aliases: ['务工时间', '务工时长'] },
    { key: 'insMedical', header: '是否参加城乡居民基本医疗保险' },
    { key: 'insSerious', header: '是否参加大病保险' },
    { key: 'insPension', header: '是否参加城乡居民基本养老保险' },
    { key: 'dibao', header: '是否享受低保' },
    { key: 'tekun', header: '是否特困供养人员' },
  ],
} as const satisfies SheetSchema;

export const INCOME_SHEET = {
  kind: 'income',
  name: '收入情况',
  signature: ['code', 'year', 'wage'],
  columns: [
    { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true },
    { key: 'year', header: '年度', aliases: ['收入年度'], required: true },
    { key: 'size', header: '家庭人口数', aliases: ['人口数'] },
    { key: 'wage', header: '工资性收入', amount: true },
    { key: 'business', header: '生产经营性收入', aliases: ['家庭经营性收入'], amount: true },
    { key: 'businessCost', header: '生产经营性支出', aliases: ['生产经营费用支出'], amount: true },
    { key: 'property', header: '财产性收入', amount: true },
    { key: 'transfer', header: '转移性收入', amount: true },
    { key: 'familyPlanning', header: '计划生育金', amount: true },
    { key: 'dibao', header: '低保金', amount: true },
    { key: 'tekun', header: '特困供养金', aliases: ['五保金'], amount: true },
    { key: 'pension', header: '养老保险金', aliases: ['养老金'], amount: true },
    { key: 'eco', header: '生态补偿金', amount: true },
    { key: 'otherTransfer', header: '其他转移性收入', amount: true },
    { key: 'net', header: '纯收入', aliases: ['家庭纯收入', '家庭年纯收入'], amount: true },
    { key: 'perCapita', header: '人均纯收入', aliases: ['年人均纯收入', '家庭年人均纯收入'], amount: true },
  ],
} as const satisfies SheetSchema;

export const MEASURE_SHEET = {
  kind: 'measures',
  name: '帮扶措施',
  signature: ['code', 'name'],
  columns: [
    { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true },
    { key: 'year', header: '年度' },
    { key: 'name', header: '措施类别', aliases: ['帮扶措施', '措施名称', '帮扶措施类别'], required: true },
    { key: 'content', header: '措施内容' },
    { key: 'amount', header: '金额', aliases: ['帮扶金额'], amount: true },
  ],
} as const satisfies SheetSchema;

export const EVENT_SHEET = {
  kind: 'events',
  name: '状态变化',
  signature: ['code', 'type'],
  columns: [
    { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true },
    { key: 'year', header: '年度', aliases: ['变化年度'], required: true },
    { key: 'type', header: '变化类型', aliases: ['变动类型'], required: true },
    { key: 'reason', header: '原因', aliases: ['变化原因'] },
    { key: 'date', header: '日期', aliases: ['变化日期'] },
  ],
} as const satisfies SheetSchema;

export const VILLAGE_SHEET = {
  kind: 'villages',
  name: '村情',
  signature: ['village', 'township'],
  columns: [
    { key: 'areaCode', header: '行政区划代码', aliases: ['区划代码', '村级区划代码'] },
    { key: 'township', header: '乡镇', aliases: ['乡(镇)', '乡(镇、街道)', '乡镇(街道)'], required: true },
    { key: 'village', header: '行政村', aliases: ['村', '村(社区)', '行政村(社区)'], required: true },
    { key: 'poorVillage', header: '是否贫困村', aliases: ['贫困村'] },
    { key: 'delistedYear', header: '出列年度', aliases: ['贫困村出列年度'] },
    { key: 'year', header: '年度' },
    { key: 'collectiveIncome', header: '村集体经济收入', amount: true, defaultUnit: '万元' },
  ],
} as const satisfies SheetSchema;

export type HouseholdColumn = (typeof HOUSEHOLD_SHEET.columns)[number]['key'];
export type MemberColumn = (typeof MEMBER_SHEET.columns)[number]['key'];
export type IncomeColumn = (typeof INCOME_SHEET.columns)[number]['key'];
export type MeasureColumn = (typeof MEASURE_SHEET.columns)[number]['key'];
export type EventColumn = (typeof EVENT_SHEET.columns)[number]['key'];
export type VillageColumn = (typeof VILLAGE_SHEET.columns)[number]['key'];

/** In the order a sheet name is tested: more specific names first. */
export const SHEET_SCHEMAS: readonly SheetSchema[] = [
  MEMBER_SHEET, INCOME_SHEET, MEASURE_SHEET, EVENT_SHEET, VILLAGE_SHEET, HOUSEHOLD_SHEET,
];
