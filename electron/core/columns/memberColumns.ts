import { HOUSEHOLD_CODE_ALIASES } from './householdColumns';
import { plainColumnsOf, type SheetColumn } from './sheetColumn';

/** 家庭成员 (import-format.md): one person per row, stored in `person`. */
export const MEMBER_COLUMNS = [
  { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true,
    kind: 'household', field: 'householdCode', sql: ['household_id'], example: '5329990010010001' },
  { key: 'name', header: '姓名',
    kind: 'text', field: 'name', sql: ['name'], example: '张三' },
  { key: 'idNumber', header: '证件号码', aliases: ['身份证号', '身份证号码', '证件号'], required: true,
    kind: 'memberId', field: 'idNumber', sql: ['id_hash', 'id_masked', 'id_kind', 'id_valid'], example: '532999********001X' },
  { key: 'sex', header: '性别',
    kind: 'label', field: 'sex', sql: ['sex'], example: '男' },
  { key: 'birthDate', header: '出生日期',
    kind: 'date', field: 'birthDate', sql: ['birth_date'], example: '1968-03-05' },
  { key: 'relation', header: '与户主关系',
    kind: 'label', field: 'relation', sql: ['relation'], example: '户主' },
  { key: 'ethnicity', header: '民族',
    kind: 'label', field: 'ethnicity', sql: ['ethnicity'], example: '汉族' },
  { key: 'education', header: '文化程度',
    kind: 'label', field: 'education', sql: ['education'], example: '初中' },
  { key: 'schooling', header: '在校生状况', aliases: ['在校生情况'],
    kind: 'label', field: 'schooling', sql: ['schooling'], example: '非在校生' },
  { key: 'health', header: '健康状况',
    kind: 'label', field: 'health', sql: ['health'], example: '健康' },
  { key: 'labour', header: '劳动技能', aliases: ['劳动能力'],
    kind: 'label', field: 'labour', sql: ['labour'], example: '普通劳动力' },
  { key: 'workStatus', header: '务工状况',
    kind: 'label', field: 'workStatus', sql: ['work_status'], example: '县外省内务工' },
  { key: 'workMonths', header: '务工时间(月)', aliases: ['务工时间', '务工时长'], templateHeader: '务工时间（月）',
    kind: 'count', field: 'workMonths', sql: ['work_months'], example: 8 },
  { key: 'insMedical', header: '是否参加城乡居民基本医疗保险',
    kind: 'flag', field: 'medicalInsurance', sql: ['ins_medical'], example: '是' },
  { key: 'insSerious', header: '是否参加大病保险',
    kind: 'flag', field: 'seriousIllnessInsurance', sql: ['ins_serious'], example: '是' },
  { key: 'insPension', header: '是否参加城乡居民基本养老保险',
    kind: 'flag', field: 'pensionInsurance', sql: ['ins_pension'], example: '是' },
  { key: 'dibao', header: '是否享受低保',
    kind: 'flag', field: 'dibao', sql: ['dibao'], example: '否' },
  { key: 'tekun', header: '是否特困供养人员',
    kind: 'flag', field: 'tekun', sql: ['tekun'], example: '否' },
] as const satisfies readonly SheetColumn[];

export type MemberColumn = (typeof MEMBER_COLUMNS)[number]['key'];

/** The table's plain columns: read, carried and stored by their kind alone. */
export const MEMBER_PLAIN = plainColumnsOf(MEMBER_COLUMNS);
