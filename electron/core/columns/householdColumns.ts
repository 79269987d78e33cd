import { plainColumnsOf, type SheetColumn } from './sheetColumn';

/** 户编号 as every sheet may head it. */
export const HOUSEHOLD_CODE_ALIASES = ['户码', '家庭编号'];
export const TOWNSHIP_ALIASES = ['乡(镇)', '乡(镇、街道)', '乡镇(街道)'];
export const VILLAGE_ALIASES = ['村', '村(社区)', '行政村(社区)'];
export const AREA_CODE_ALIASES = ['区划代码', '村级区划代码'];

const RISK_EXAMPLES = ['因病', '因残', null, null, null] as const;

function risk<N extends 1 | 2 | 3 | 4 | 5>(n: N) {
  return {
    key: `risk${n}` as `risk${N}`,
    header: `致贫返贫风险${n}`,
    aliases: [`风险类型${n}`, `致贫返贫风险类型${n}`, ...(n === 1 ? ['主要风险类型', '致贫返贫风险'] : [])],
    kind: 'list',
    field: 'risks',
    sql: [`risk${n}`],
    example: RISK_EXAMPLES[n - 1] ?? null,
  } as const satisfies SheetColumn;
}

/**
 * 户信息 (import-format.md): one household per row, stored in `household`. The order is the
 * template's column order and the INSERT's.
 */
export const HOUSEHOLD_COLUMNS = [
  { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true,
    kind: 'household', field: 'code', sql: ['code'], example: '5329990010010001' },
  { key: 'county', header: '县', aliases: ['县(市、区、旗)', '区县', '县区', '县(市、区)', '县(区)'], required: true,
    kind: 'label', field: 'county', sql: ['county'], example: '青山县' },
  { key: 'township', header: '乡镇', aliases: TOWNSHIP_ALIASES, required: true,
    kind: 'label', field: 'township', sql: ['township'], example: '城关镇' },
  { key: 'village', header: '行政村', aliases: VILLAGE_ALIASES, required: true,
    kind: 'label', field: 'village', sql: ['village'], example: '东坡村' },
  { key: 'areaCode', header: '行政区划代码', aliases: AREA_CODE_ALIASES,
    kind: 'label', field: 'areaCode', sql: ['area_code'], example: '532999101201' },
  { key: 'poorVillage', header: '是否贫困村', aliases: ['贫困村'],
    kind: 'flag', field: 'poorVillage', sql: ['poor_village'], example: '是' },
  { key: 'headName', header: '户主姓名', aliases: ['户主'],
    kind: 'text', field: 'headName', sql: ['head_name'], example: '张三' },
  { key: 'headId', header: '户主证件号码', aliases: ['户主身份证号', '户主身份证号码'],
    kind: 'headId', field: 'headIdNumber', sql: ['head_id_hash', 'head_id_masked'], example: '532999********001X' },
  { key: 'size', header: '家庭人口数', aliases: ['人口数', '家庭人数', '人数'], required: true,
    kind: 'count', field: 'size', sql: ['size'], example: 1 },
  { key: 'type', header: '户类型',
    kind: 'label', field: 'type', sql: ['type'], example: '脱贫户' },
  { key: 'attribute', header: '贫困户属性', aliases: ['户属性'],
    kind: 'label', field: 'attribute', sql: ['attribute'], example: '一般贫困户' },
  { key: 'standard', header: '识别标准',
    kind: 'label', field: 'standard', sql: ['standard'], example: '国家标准' },
  { key: 'mainCause', header: '主要致贫原因', aliases: ['致贫原因'],
    kind: 'label', field: 'mainCause', sql: ['main_cause'], example: '因病' },
  { key: 'otherCauses', header: '其他致贫原因',
    kind: 'list', field: 'otherCauses', sql: ['other_causes'], example: '缺技术、缺资金' },
  { key: 'identifiedYear', header: '识别年度', aliases: ['纳入年度', '建档立卡年度', '首次识别时间'],
    kind: 'year', field: 'identifiedYear', sql: ['identified_year'], example: 2014 },
  { key: 'status', header: '脱贫状态', aliases: ['贫困户状态', '脱贫属性', '脱贫标识'],
    kind: 'label', field: 'status', sql: ['status'], example: '已脱贫（不再享受政策）' },
  { key: 'exitYear', header: '脱贫年度',
    kind: 'year', field: 'exitYear', sql: ['exit_year'], example: 2017 },
  { key: 'returnYear', header: '返贫年度',
    kind: 'year', field: 'returnYear', sql: ['return_year'], example: null },
  { key: 'returnCause', header: '返贫原因',
    kind: 'label', field: 'returnCause', sql: ['return_cause'], example: null },
  { key: 'relocated', header: '是否易地扶贫搬迁', aliases: ['易地扶贫搬迁户', '是否搬迁户'],
    kind: 'flag', field: 'relocated', sql: ['relocated'], example: '否' },
  { key: 'housing', header: '住房安全等级', aliases: ['危房等级'],
    kind: 'label', field: 'housing', sql: ['housing'], example: '安全' },
  { key: 'safeWater', header: '是否解决安全饮水', aliases: ['饮水安全'],
    kind: 'flag', field: 'safeWater', sql: ['safe_water'], example: '是' },
  { key: 'monCategory', header: '监测对象类别', aliases: ['监测类型', '监测对象类型'],
    kind: 'label', field: 'monitoringCategory', sql: ['mon_category'], example: '脱贫不稳定户' },
  { key: 'monDate', header: '纳入监测时间', aliases: ['识别监测时间'],
    kind: 'date', field: 'monitoringDate', sql: ['mon_date'], example: '2021-06-15' },
  risk(1), risk(2), risk(3), risk(4), risk(5),
  { key: 'riskEliminated', header: '风险是否已消除', aliases: ['风险是否消除'],
    kind: 'flag', field: 'riskEliminated', sql: ['risk_eliminated'], example: '是' },
  { key: 'elimMethod', header: '风险消除方式',
    kind: 'label', field: 'eliminationMethod', sql: ['elim_method'], example: '帮扶消除' },
  { key: 'elimDate', header: '风险消除时间', aliases: ['消除监测时间'],
    kind: 'date', field: 'eliminationDate', sql: ['elim_date'], example: '2022-11-30' },
  // The national export's 生产条件 block carries it; with it a statistician reads 生产经营性收入 per 亩 and
  // sees whether the households that left poverty by 产业 were the ones with land.
  { key: 'cultivatedLand', header: '耕地面积(亩)', aliases: ['耕地面积'], templateHeader: '耕地面积（亩）', plain: true,
    kind: 'quantity', field: 'cultivatedLand', sql: ['cultivated_land'], example: 3.5 },
] as const satisfies readonly SheetColumn[];

export type HouseholdColumn = (typeof HOUSEHOLD_COLUMNS)[number]['key'];

/** The table's plain columns: read, carried and stored by their kind alone. */
export const HOUSEHOLD_PLAIN = plainColumnsOf(HOUSEHOLD_COLUMNS);
