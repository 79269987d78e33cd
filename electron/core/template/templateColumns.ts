import {
  netIncomeOf,
  type EventRow, type HouseholdRow, type IncomeRow, type MeasureRow, type PersonRow, type VillageRow,
} from '../db/snapshotRows';
import type { SheetName, TemplateRecord } from './rowSource';

/** What a cell holds: text stays text (IDs, 户编号, codes), numbers are numbers, null is blank. */
export type CellValue = string | number | null;

export interface TemplateColumn<R> {
  /** The canonical header of import-format.md. */
  readonly header: string;
  readonly value: (row: R) => CellValue;
}

export interface TemplateSheet<R> {
  readonly name: SheetName;
  /** Title row above the header, after the county name ("青山县脱贫户信息表"). */
  readonly title: string;
  readonly columns: readonly TemplateColumn<R>[];
}

function yesNo(v: boolean | null): string | null {
  return v === null ? null : v ? '是' : '否';
}

/** Dates as the exports show them; a month-only date (YYYY-MM) as YYYYMM, one of the forms the import reads. */
function dateText(v: string | null): string | null {
  if (v === null) return null;
  return /^\d{4}-\d{2}$/.test(v) ? v.replace('-', '') : v;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

const HOUSEHOLD: TemplateSheet<HouseholdRow> = {
  name: '户信息',
  title: '脱贫户信息表',
  columns: [
    { header: '户编号', value: (r) => r.code },
    { header: '县', value: (r) => r.county },
    { header: '乡镇', value: (r) => r.township },
    { header: '行政村', value: (r) => r.village },
    { header: '行政区划代码', value: (r) => r.areaCode },
    { header: '是否贫困村', value: (r) => yesNo(r.poorVillage) },
    { header: '户主姓名', value: (r) => r.headName },
    { header: '户主证件号码', value: (r) => r.headIdNumber },
    { header: '家庭人口数', value: (r) => r.size },
    { header: '户类型', value: (r) => r.type },
    { header: '贫困户属性', value: (r) => r.attribute },
    { header: '识别标准', value: (r) => r.standard },
    { header: '主要致贫原因', value: (r) => r.mainCause },
    { header: '其他致贫原因', value: (r) => (r.otherCauses.length ? r.otherCauses.join('、') : null) },
    { header: '识别年度', value: (r) => r.identifiedYear },
    { header: '脱贫状态', value: (r) => r.status },
    { header: '脱贫年度', value: (r) => r.exitYear },
    { header: '返贫年度', value: (r) => r.returnYear },
    { header: '返贫原因', value: (r) => r.returnCause },
    { header: '是否易地扶贫搬迁', value: (r) => yesNo(r.relocated) },
    { header: '住房安全等级', value: (r) => r.housing },
    { header: '是否解决安全饮水', value: (r) => yesNo(r.safeWater) },
    { header: '监测对象类别', value: (r) => r.monitoringCategory },
    { header: '纳入监测时间', value: (r) => dateText(r.monitoringDate) },
    { header: '致贫返贫风险1', value: (r) => r.risks[0] ?? null },
    { header: '致贫返贫风险2', value: (r) => r.risks[1] ?? null },
    { header: '致贫返贫风险3', value: (r) => r.risks[2] ?? null },
    { header: '致贫返贫风险4', value: (r) => r.risks[3] ?? null },
    { header: '致贫返贫风险5', value: (r) => r.risks[4] ?? null },
    { header: '风险是否已消除', value: (r) => yesNo(r.riskEliminated) },
    { header: '风险消除方式', value: (r) => r.eliminationMethod },
    { header: '风险消除时间', value: (r) => dateText(r.eliminationDate) },
  ],
};

const PERSON: TemplateSheet<PersonRow> = {
  name: '家庭成员',
  title: '家庭成员信息表',
  columns: [
    { header: '户编号', value: (r) => r.householdCode },
    { header: '姓名', value: (r) => r.name },
    { header: '证件号码', value: (r) => r.idNumber },
    { header: '性别', value: (r) => r.sex },
    { header: '出生日期', value: (r) => r.birthDate },
    { header: '与户主关系', value: (r) => r.relation },
    { header: '民族', value: (r) => r.ethnicity },
    { header: '文化程度', value: (r) => r.education },
    { header: '在校生状况', value: (r) => r.schooling },
    { header: '健康状况', value: (r) => r.health },
    { header: '劳动技能', value: (r) => r.labour },
    { header: '务工状况', value: (r) => r.workStatus },
    { header: '务工时间（月）', value: (r) => r.workMonths },
    { header: '是否参加城乡居民基本医疗保险', value: (r) => yesNo(r.medicalInsurance) },
    { header: '是否参加大病保险', value: (r) => yesNo(r.seriousIllnessInsurance) },
    { header: '是否参加城乡居民基本养老保险', value: (r) => yesNo(r.pensionInsurance) },
    { header: '是否享受低保', value: (r) => yesNo(r.dibao) },
    { header: '是否特困供养人员', value: (r) => yesNo(r.tekun) },
  ],
};

const INCOME: TemplateSheet<IncomeRow> = {
  name: '收入情况',
  title: '收入情况表',
  columns: [
    { header: '户编号', value: (r) => r.householdCode },
    { header: '年度', value: (r) => r.year },
    { header: '家庭人口数', value: (r) => r.size },
    { header: '工资性收入', value: (r) => r.wage },
    { header: '生产经营性收入', value: (r) => r.business },
    { header: '生产经营性支出', value: (r) => r.businessCost },
    { header: '财产性收入', value: (r) => r.property },
    { header: '转移性收入', value: (r) => r.transfer },
    { header: '计划生育金', value: (r) => r.familyPlanning },
    { header: '低保金', value: (r) => r.dibao },
    { header: '特困供养金', value: (r) => r.tekun },
    { header: '养老保险金', value: (r) => r.pension },
    { header: '生态补偿金', value: (r) => r.eco },
    { header: '其他转移性收入', value: (r) => r.otherTransfer },
    // Exports carry both totals; the import checks them against the formula (±1 元).
    { header: '纯收入', value: (r) => round2(netIncomeOf(r)) },
    { header: '人均纯收入', value: (r) => round2(netIncomeOf(r) / r.size) },
  ],
};

const MEASURE: TemplateSheet<MeasureRow> = {
  name: '帮扶措施',
  title: '帮扶措施表',
  columns: [
    { header: '户编号', value: (r) => r.householdCode },
    { header: '年度', value: (r) => r.year },
    // The export's 措施类别 column names the measure (综合保障, 就业帮扶 …); its class follows from domain.md.
    { header: '措施类别', value: (r) => r.name },
    { header: '措施内容', value: (r) => r.content },
    { header: '金额（元）', value: (r) => r.amount },
  ],
};

const EVENT: TemplateSheet<EventRow> = {
  name: '状态变化',
  title: '状态变化表',
  columns: [
    { header: '户编号', value: (r) => r.householdCode },
    { header: '年度', value: (r) => r.year },
    { header: '变化类型', value: (r) => r.type },
    { header: '原因', value: (r) => r.reason },
    { header: '日期', value: (r) => dateText(r.date) },
  ],
};

const VILLAGE: TemplateSheet<VillageRow> = {
  name: '村情',
  title: '村情表',
  columns: [
    { header: '行政区划代码', value: (r) => r.areaCode },
    { header: '乡镇', value: (r) => r.township },
    { header: '行政村', value: (r) => r.village },
    { header: '是否贫困村', value: (r) => yesNo(r.poorVillage) },
    { header: '出列年度', value: (r) => r.delistedYear },
    { header: '年度', value: (r) => r.year },
    // Stored in 元, shown in 万元 as the header says (4 decimals keep whole 元).
    { header: '村集体经济收入（万元）', value: (r) => (r.collectiveIncome === null ? null : Number((r.collectiveIncome / 10000).toFixed(4))) },
  ],
};

export const TEMPLATE_SHEETS = {
  户信息: HOUSEHOLD,
  家庭成员: PERSON,
  收入情况: INCOME,
  帮扶措施: MEASURE,
  状态变化: EVENT,
  村情: VILLAGE,
} as const;

export function headersOf(sheet: SheetName): string[] {
  return TEMPLATE_SHEETS[sheet].columns.map((c) => c.header);
}

/** The cells of one record, in header order. */
export function cellsOf(record: TemplateRecord): CellValue[] {
  switch (record.sheet) {
    case '户信息': return HOUSEHOLD.columns.map((c) => c.value(record.row));
    case '家庭成员': return PERSON.columns.map((c) => c.value(record.row));
    case '收入情况': return INCOME.columns.map((c) => c.value(record.row));
    case '帮扶措施': return MEASURE.columns.map((c) => c.value(record.row));
    case '状态变化': return EVENT.columns.map((c) => c.value(record.row));
    case '村情': return VILLAGE.columns.map((c) => c.value(record.row));
  }
}

/** The title rows real exports put above the header. */
export function titleRowsOf(sheet: SheetName, countyName: string, exportDate: string): string[][] {
  return [[`${countyName}${TEMPLATE_SHEETS[sheet].title}`], [`导出日期：${exportDate}`]];
}
