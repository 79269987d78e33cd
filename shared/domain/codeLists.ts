/**
 * Code lists of domain.md. Each value has a stable ASCII key for code and its Chinese label as it
 * appears in exports; the label is what is stored and shown. Aliases are older or regional wordings
 * that mean the same value (已脱贫 → 已脱贫（享受政策）); values outside a list are kept verbatim and
 * reported, never mapped to 其他.
 */
export interface CodeValue {
  readonly key: string;
  readonly label: string;
  readonly aliases?: readonly string[];
}

export interface CodeList {
  readonly key: string;
  readonly label: string;
  readonly values: readonly CodeValue[];
}

function list(key: string, label: string, values: readonly CodeValue[]): CodeList {
  return { key, label, values };
}

export const HOUSEHOLD_TYPE = list('householdType', '户类型', [
  { key: 'registered', label: '脱贫户', aliases: ['贫困户', '建档立卡户', '建档立卡贫困户'] },
  { key: 'ordinary', label: '普通农户', aliases: ['一般农户'] },
]);

export const HOUSEHOLD_ATTRIBUTE = list('householdAttribute', '贫困户属性', [
  { key: 'attr.general', label: '一般贫困户', aliases: ['一般户'] },
  { key: 'attr.dibao', label: '低保贫困户', aliases: ['低保户'] },
  { key: 'attr.tekun', label: '特困供养贫困户', aliases: ['五保户', '五保贫困户', '特困供养户', '分散供养特困人员'] },
]);

export const CAUSE = list('cause', '致贫原因', [
  { key: 'cause.illness', label: '因病' },
  { key: 'cause.disability', label: '因残' },
  { key: 'cause.education', label: '因学' },
  { key: 'cause.disaster', label: '因灾' },
  { key: 'cause.land', label: '缺土地' },
  { key: 'cause.water', label: '缺水' },
  { key: 'cause.skills', label: '缺技术' },
  { key: 'cause.labour', label: '缺劳力', aliases: ['缺劳动力'] },
  { key: 'cause.capital', label: '缺资金' },
  { key: 'cause.transport', label: '交通条件落后' },
  { key: 'cause.motivation', label: '自身发展动力不足' },
  { key: 'cause.other', label: '其他', aliases: ['其它'] },
]);

export const STATUS = list('status', '脱贫状态', [
  { key: 'status.notExited', label: '未脱贫' },
  { key: 'status.exitedSupported', label: '已脱贫（享受政策）', aliases: ['已脱贫', '脱贫(享受政策)', '已脱贫(享受政策)'] },
  { key: 'status.exitedUnsupported', label: '已脱贫（不再享受政策）', aliases: ['脱贫(不再享受政策)', '已脱贫(不再享受政策)'] },
  { key: 'status.returned', label: '返贫' },
  { key: 'status.naturalDecrease', label: '自然减少' },
  { key: 'status.removed', label: '清退' },
]);

export const MONITORING_CATEGORY = list('monitoringCategory', '监测对象类别', [
  { key: 'mon.unstable', label: '脱贫不稳定户', aliases: ['脱贫监测户'] },
  { key: 'mon.marginal', label: '边缘易致贫户', aliases: ['边缘户'] },
  { key: 'mon.sudden', label: '突发严重困难户' },
]);

export const RISK = list('risk', '致贫返贫风险', [
  { key: 'risk.illness', label: '因病' },
  { key: 'risk.disability', label: '因残' },
  { key: 'risk.education', label: '因学' },
  { key: 'risk.disaster', label: '因自然灾害', aliases: ['因灾'] },
  { key: 'risk.accident', label: '因意外事故' },
  { key: 'risk.industryFailure', label: '因产业项目失败' },
  { key: 'risk.employment', label: '因务工就业不稳' },
  { key: 'risk.labour', label: '缺劳动力', aliases: ['缺劳力'] },
  { key: 'risk.housing', label: '住房出现安全问题' },
  { key: 'risk.dropout', label: '义务教育阶段适龄儿童少年失学辍学' },
  { key: 'risk.drinkingWater', label: '饮水出现安全问题' },
  { key: 'risk.noMedicalInsurance', label: '家庭成员未参加基本医疗保险' },
  { key: 'risk.other', label: '其他', aliases: ['其它'] },
]);

export const ELIMINATION_METHOD = list('eliminationMethod', '风险消除方式', [
  { key: 'elim.assisted', label: '帮扶消除' },
  { key: 'elim.natural', label: '自然消除' },
]);

export const IDENTIFICATION_STANDARD = list('standard', '识别标准', [
  { key: 'std.national', label: '国家标准' },
  { key: 'std.provincial', label: '省定标准' },
  { key: 'std.prefectural', label: '市定标准' },
]);

export const EVENT_TYPE = list('eventType', '变化类型', [
  { key: 'event.identified', label: '识别' },
  { key: 'event.exited', label: '脱贫' },
  { key: 'event.returned', label: '返贫' },
  { key: 'event.naturalDecrease', label: '自然减少' },
  { key: 'event.removed', label: '清退' },
  { key: 'event.monitored', label: '纳入监测' },
  { key: 'event.riskEliminated', label: '风险消除' },
]);

export const HOUSING = list('housing', '住房安全等级', [
  { key: 'housing.A', label: 'A' },
  { key: 'housing.B', label: 'B' },
  { key: 'housing.C', label: 'C' },
  { key: 'housing.D', label: 'D' },
  { key: 'housing.safe', label: '安全' },
]);

export const RELATION = list('relation', '与户主关系', [
  { key: 'rel.head', label: '户主' },
  { key: 'rel.spouse', label: '配偶' },
  { key: 'rel.son', label: '之子' },
  { key: 'rel.daughter', label: '之女' },
  { key: 'rel.daughterInLaw', label: '之儿媳' },
  { key: 'rel.sonInLaw', label: '之女婿' },
  { key: 'rel.grandson', label: '之孙子' },
  { key: 'rel.granddaughter', label: '之孙女' },
  { key: 'rel.father', label: '之父' },
  { key: 'rel.mother', label: '之母' },
  { key: 'rel.sibling', label: '兄弟姐妹' },
  { key: 'rel.other', label: '其他', aliases: ['其它'] },
]);

export const SEX = list('sex', '性别', [
  { key: 'sex.male', label: '男' },
  { key: 'sex.female', label: '女' },
]);

export const EDUCATION = list('education', '文化程度', [
  { key: 'edu.illiterate', label: '文盲或半文盲' },
  { key: 'edu.primary', label: '小学' },
  { key: 'edu.junior', label: '初中' },
  { key: 'edu.senior', label: '高中' },
  { key: 'edu.college', label: '大专及以上' },
  { key: 'edu.preschool', label: '学龄前儿童' },
]);

export const SCHOOLING = list('schooling', '在校生状况', [
  { key: 'school.none', label: '非在校生' },
  { key: 'school.preschool', label: '学前教育' },
  { key: 'school.primary', label: '小学' },
  { key: 'school.g7', label: '七年级' },
  { key: 'school.g8', label: '八年级' },
  { key: 'school.g9', label: '九年级' },
  { key: 'school.senior1', label: '高中一年级' },
  { key: 'school.senior2', label: '高中二年级' },
  { key: 'school.senior3', label: '高中三年级' },
  { key: 'school.vocational1', label: '中职一年级' },
  { key: 'school.vocational2', label: '中职二年级' },
  { key: 'school.vocational3', label: '中职三年级' },
  { key: 'school.highervoc1', label: '高职一年级' },
  { key: 'school.highervoc2', label: '高职二年级' },
  { key: 'school.highervoc3', label: '高职三年级' },
  { key: 'school.college', label: '大专及以上' },
]);

export const HEALTH = list('health', '健康状况', [
  { key: 'health.healthy', label: '健康' },
  { key: 'health.chronic', label: '长期慢性病' },
  { key: 'health.serious', label: '患有大病' },
  { key: 'health.disabled', label: '残疾' },
]);

export const LABOUR = list('labour', '劳动技能', [
  { key: 'labour.ordinary', label: '普通劳动力' },
  { key: 'labour.skilled', label: '技能劳动力' },
  { key: 'labour.weak', label: '弱劳动力或半劳动力' },
  { key: 'labour.lost', label: '丧失劳动力' },
  { key: 'labour.none', label: '无劳动力' },
]);

export const WORK_STATUS = list('workStatus', '务工状况', [
  { key: 'work.township', label: '乡（镇）内务工', aliases: ['乡(镇)内务工', '乡镇内务工'] },
  { key: 'work.county', label: '乡（镇）外县内务工', aliases: ['乡(镇)外县内务工', '乡镇外县内务工'] },
  { key: 'work.province', label: '县外省内务工' },
  { key: 'work.outside', label: '省外务工' },
  { key: 'work.none', label: '其他/非务工', aliases: ['其他', '非务工', '其它', '无'] },
]);

/** Labour skills that count as having labour for the structural exit method (metrics.md). */
export const LABOUR_WITH_CAPACITY: readonly string[] = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'];

/** Health states that count as "unhealthy" for the 因病 consistency rule. */
export const UNHEALTHY: readonly string[] = ['长期慢性病', '患有大病'];

export const ALL_CODE_LISTS: readonly CodeList[] = [
  HOUSEHOLD_TYPE, HOUSEHOLD_ATTRIBUTE, CAUSE, STATUS, MONITORING_CATEGORY, RISK, ELIMINATION_METHOD,
  IDENTIFICATION_STANDARD, EVENT_TYPE, HOUSING, RELATION, SEX, EDUCATION, SCHOOLING, HEALTH, LABOUR,
  WORK_STATUS,
];

/**
 * Folds the cosmetic differences of real exports before a label is compared: full-width to
 * half-width, spaces removed, Chinese brackets to ASCII.
 */
export function foldLabel(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    if (/\s/.test(ch)) continue;
    out += ch;
  }
  return out.replace(/（/g, '(').replace(/）/g, ')');
}

export interface ResolvedCode {
  /** The canonical label to store, or the value itself (folded) when it is not in the list. */
  readonly label: string;
  readonly key: string | null;
  readonly known: boolean;
}

const indexCache = new Map<CodeList, Map<string, CodeValue>>();

function indexOf(codeList: CodeList): Map<string, CodeValue> {
  let index = indexCache.get(codeList);
  if (!index) {
    index = new Map();
    for (const value of codeList.values) {
      index.set(foldLabel(value.label), value);
      for (const alias of value.aliases ?? []) index.set(foldLabel(alias), value);
    }
    indexCache.set(codeList, index);
  }
  return index;
}

/** Maps a raw cell to its code-list value; unknown values keep their own text. */
export function resolveCode(codeList: CodeList, raw: string): ResolvedCode {
  const folded = foldLabel(raw);
  const hit = indexOf(codeList).get(folded);
  if (hit) return { label: hit.label, key: hit.key, known: true };
  return { label: raw.trim(), key: null, known: false };
}

export function labelsOf(codeList: CodeList): string[] {
  return codeList.values.map((v) => v.label);
}
