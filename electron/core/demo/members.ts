import type { PersonRow } from '../db/snapshotRows';
import type { HouseholdStory } from './householdStory';
import { corruptCheckCharacter, daysInMonth, type IdRegistry } from './idNumbers';
import { ETHNICITIES, FEMALE_GIVEN, MALE_GIVEN, NEIGHBOUR_AREA_CODES, SURNAMES } from './placeNames';
import { type Random, weightedTable } from './random';

const SUPPORT_TEMPLATES = weightedTable([['elderlyCouple', 25], ['elderlySingle', 15], ['illFamily', 38], ['leftBehind', 22]] as const);
const DEVELOPMENT_TEMPLATES = weightedTable([['nuclear', 50], ['threeGenerations', 30], ['withParents', 20]] as const);
const CHILDREN_NUCLEAR = weightedTable([[1, 40], [2, 42], [3, 15], [4, 3]] as const);
const GRANDCHILDREN = weightedTable([[0, 25], [1, 45], [2, 25], [3, 5]] as const);
const EDUCATION_1990S = weightedTable([['初中', 45], ['高中', 25], ['小学', 15], ['大专及以上', 12], ['文盲或半文盲', 3]] as const);
const EDUCATION_1970S = weightedTable([['小学', 35], ['初中', 45], ['高中', 10], ['文盲或半文盲', 8], ['大专及以上', 2]] as const);
const EDUCATION_1950S = weightedTable([['文盲或半文盲', 30], ['小学', 50], ['初中', 17], ['高中', 3]] as const);
const EDUCATION_OLDEST = weightedTable([['文盲或半文盲', 60], ['小学', 35], ['初中', 5]] as const);
const HEALTH_CHILD = weightedTable([['健康', 97], ['长期慢性病', 1.5], ['残疾', 1], ['患有大病', 0.5]] as const);
const HEALTH_FRAIL = weightedTable([['健康', 20], ['长期慢性病', 32], ['患有大病', 24], ['残疾', 24]] as const);
const HEALTH_ADULT = weightedTable([['健康', 85], ['长期慢性病', 9], ['患有大病', 3], ['残疾', 3]] as const);
const HEALTH_ELDERLY = weightedTable([['健康', 55], ['长期慢性病', 32], ['患有大病', 7], ['残疾', 6]] as const);
const LABOUR_OLDER = weightedTable([['普通劳动力', 60], ['弱劳动力或半劳动力', 35], ['技能劳动力', 5]] as const);
const LABOUR_ADULT = weightedTable([['普通劳动力', 78], ['技能劳动力', 17], ['弱劳动力或半劳动力', 5]] as const);
const WORK_PLACES_WEAK = weightedTable([['乡（镇）内务工', 70], ['乡（镇）外县内务工', 30]] as const);

/** Ages are taken at the export date, 2023-12-31; school grades at the 2023 school year. */
const REFERENCE_YEAR = 2023;
const BAD_CHECKSUM_RATE = 0.001;

export interface DemoMember {
  readonly person: PersonRow;
  readonly birthYear: number;
  readonly age: number;
  /** Has labour capacity (普通/技能/弱劳动力) and is of working age, not in school. */
  readonly canWork: boolean;
  readonly workMonths: number;
  readonly unhealthy: boolean;
  readonly disabled: boolean;
  readonly student: string | null;
}

interface Draft {
  relation: string;
  male: boolean;
  age: number;
  surname: string;
  outsider: boolean;
}

type Template = 'tekunSingle' | 'tekunSiblings' | 'elderlyCouple' | 'elderlySingle' | 'illFamily' | 'leftBehind'
  | 'nuclear' | 'threeGenerations' | 'withParents';

function templateFor(rng: Random, story: HouseholdStory): Template {
  if (story.attribute === '特困供养贫困户') return rng.chance(0.85) ? 'tekunSingle' : 'tekunSiblings';
  if (story.path === 'support') {
    return rng.from(SUPPORT_TEMPLATES);
  }
  return rng.from(DEVELOPMENT_TEMPLATES);
}

function children(
  rng: Random, parentAge: number, surname: string, count: number, son: string, daughter: string,
): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const age = parentAge - rng.int(20, 36);
    if (age < 0) continue;
    const male = rng.chance(0.53);
    out.push({ relation: male ? son : daughter, male, age, surname, outsider: false });
  }
  return out;
}

function draftHousehold(rng: Random, story: HouseholdStory): Draft[] {
  const surname = rng.from(SURNAME_TABLE);
  const other = (): string => rng.from(SURNAME_TABLE);
  const t = templateFor(rng, story);
  const head = (min: number, max: number, maleShare: number): Draft =>
    ({ relation: '户主', male: rng.chance(maleShare), age: rng.int(min, max), surname, outsider: false });
  const spouseOf = (h: Draft): Draft =>
    ({ relation: '配偶', male: !h.male, age: Math.max(18, h.age + (h.male ? -rng.int(0, 5) : rng.int(0, 5))), surname: other(), outsider: rng.chance(0.12) });

  switch (t) {
    case 'tekunSingle':
      return [head(62, 90, 0.65)];
    case 'tekunSiblings': {
      const h = head(62, 85, 0.6);
      return [h, { relation: '兄弟姐妹', male: rng.chance(0.5), age: Math.max(55, h.age + rng.int(-8, 8)), surname, outsider: false }];
    }
    case 'elderlyCouple': {
      const h = head(62, 85, 0.9);
      return [h, spouseOf(h)];
    }
    case 'elderlySingle':
      return [head(60, 88, 0.55)];
    case 'illFamily': {
      const h = head(35, 58, 0.85);
      const members = [h];
      if (rng.chance(0.7)) members.push(spouseOf(h));
      return [...members, ...children(rng, h.age, surname, rng.int(1, 3), '之子', '之女')];
    }
    case 'leftBehind': {
      const h = head(58, 75, 0.8);
      const members = [h];
      if (rng.chance(0.6)) members.push(spouseOf(h));
      const n = rng.int(1, 2);
      for (let i = 0; i < n; i++) {
        const male = rng.chance(0.53);
        members.push({ relation: male ? '之孙子' : '之孙女', male, age: rng.int(3, 15), surname, outsider: false });
      }
      return members;
    }
    case 'nuclear': {
      const h = head(28, 56, 0.9);
      const members = [h];
      if (rng.chance(0.92)) members.push(spouseOf(h));
      return [...members, ...children(rng, h.age, surname, rng.from(CHILDREN_NUCLEAR), '之子', '之女')];
    }
    case 'threeGenerations': {
      const h = head(50, 68, 0.9);
      const members = [h];
      if (rng.chance(0.85)) members.push(spouseOf(h));
      const sonAge = Math.max(20, h.age - rng.int(22, 32));
      members.push({ relation: '之子', male: true, age: sonAge, surname, outsider: false });
      if (rng.chance(0.8)) {
        members.push({ relation: '之儿媳', male: false, age: Math.max(19, sonAge - rng.int(0, 4)), surname: other(), outsider: rng.chance(0.15) });
      }
      if (rng.chance(0.2)) members.push({ relation: '之女', male: false, age: Math.max(16, sonAge - rng.int(1, 6)), surname, outsider: false });
      return [...members, ...children(rng, sonAge, surname, rng.from(GRANDCHILDREN), '之孙子', '之孙女')];
    }
    case 'withParents': {
      const h = head(30, 50, 0.9);
      const members = [h];
      if (rng.chance(0.9)) members.push(spouseOf(h));
      members.push(...children(rng, h.age, surname, rng.int(1, 2), '之子', '之女'));
      const parentAge = Math.min(95, h.age + rng.int(22, 34));
      if (rng.chance(0.7)) members.push({ relation: '之父', male: true, age: parentAge, surname, outsider: false });
      if (members.length < 4 || rng.chance(0.6)) {
        members.push({ relation: '之母', male: false, age: Math.min(95, parentAge - rng.int(0, 4)), surname: other(), outsider: false });
      }
      return members;
    }
  }
}

function schoolingOf(rng: Random, age: number): string {
  if (age >= 3 && age <= 5) return rng.chance(0.9) ? '学前教育' : '非在校生';
  if (age >= 6 && age <= 11) return '小学';
  if (age === 12) return '七年级';
  if (age === 13) return '八年级';
  if (age === 14) return '九年级';
  if (age >= 15 && age <= 17) {
    if (!rng.chance(0.85)) return '非在校生';
    const grade = ['一', '二', '三'][age - 15] as string;
    return rng.chance(0.6) ? `高中${grade}年级` : `中职${grade}年级`;
  }
  if (age >= 18 && age <= 21 && rng.chance(0.25)) return rng.chance(0.6) ? `高职${['一', '二', '三'][Math.min(2, age - 18)] as string}年级` : '大专及以上';
  return '非在校生';
}

function educationOf(rng: Random, birthYear: number, age: number, schooling: string): string {
  if (age < 6) return '学龄前儿童';
  if (schooling === '小学') return '小学';
  if (schooling.endsWith('年级') && ['七', '八', '九'].includes(schooling[0] ?? '')) return '初中';
  if (schooling.startsWith('高中') || schooling.startsWith('中职')) return '高中';
  if (schooling.startsWith('高职') || schooling === '大专及以上') return '大专及以上';
  if (age < 15) return rng.chance(0.8) ? '初中' : '小学';
  if (birthYear >= 1990) return rng.from(EDUCATION_1990S);
  if (birthYear >= 1970) return rng.from(EDUCATION_1970S);
  if (birthYear >= 1950) return rng.from(EDUCATION_1950S);
  return rng.from(EDUCATION_OLDEST);
}

function healthOf(rng: Random, age: number, frail: boolean): string {
  if (age < 16) return rng.from(HEALTH_CHILD);
  if (frail) return rng.from(HEALTH_FRAIL);
  if (age < 60) return rng.from(HEALTH_ADULT);
  return rng.from(HEALTH_ELDERLY);
}

function labourOf(rng: Random, age: number, health: string, student: boolean): string {
  if (age < 16 || student) return '无劳动力';
  if (age > 65) return rng.chance(0.8) ? '无劳动力' : '弱劳动力或半劳动力';
  if (health === '患有大病' || health === '残疾') return rng.chance(0.6) ? '丧失劳动力' : '弱劳动力或半劳动力';
  if (health === '长期慢性病') return rng.chance(0.5) ? '弱劳动力或半劳动力' : '普通劳动力';
  if (age > 55) return rng.from(LABOUR_OLDER);
  return rng.from(LABOUR_ADULT);
}

const WORK_PLACES = weightedTable<string>([
  ['省外务工', 35], ['县外省内务工', 25], ['乡（镇）外县内务工', 20], ['乡（镇）内务工', 20],
]);
const SURNAME_TABLE = weightedTable(SURNAMES);
const ETHNICITY_TABLE = weightedTable(ETHNICITIES);

function workShare(story: HouseholdStory): number {
  switch (story.path) {
    case 'employment': return 0.55;
    case 'industry': return 0.25;
    case 'support': return 0.1;
    default: return 0.35;
  }
}

function birthOf(rng: Random, age: number): { year: number; month: number; day: number } {
  const year = REFERENCE_YEAR - age;
  const month = rng.int(1, 12);
  return { year, month, day: rng.int(1, daysInMonth(year, month)) };
}

function nameOf(rng: Random, surname: string, male: boolean): string {
  const pool = male ? MALE_GIVEN : FEMALE_GIVEN;
  return rng.chance(0.75) ? `${surname}${rng.pick(pool)}${rng.pick(pool)}` : `${surname}${rng.pick(pool)}`;
}

/**
 * The members of one household, 户主 first, each consistent with the story: a 特困 household is
 * an old person alone, a 低保 household has little labour and ill or disabled members, a
 * development household has at least one able worker; age drives school, labour and work.
 */
export function generateMembers(
  rng: Random, story: HouseholdStory, householdCode: string, countyCode: string, ids: IdRegistry,
): DemoMember[] {
  const drafts = draftHousehold(rng, story);
  const ethnicity = rng.from(ETHNICITY_TABLE);
  const support = story.path === 'support';
  const isDibao = story.attribute === '低保贫困户';
  const isTekun = story.attribute === '特困供养贫困户';

  const healths = drafts.map((d) => healthOf(rng, d.age, support && d.age >= 16));
  const adults = drafts.map((d, i) => [d, i] as const).filter(([d]) => d.age >= 16).map(([, i]) => i);
  const forceIndex = (adults.length ? rng.pick(adults) : 0);
  if (story.mainCause === '因病') {
    if (story.flaws.illnessWithoutPatient) {
      for (let i = 0; i < healths.length; i++) if (healths[i] === '长期慢性病' || healths[i] === '患有大病') healths[i] = '健康';
    } else if (!healths.some((h) => h === '长期慢性病' || h === '患有大病')) {
      healths[forceIndex] = rng.chance(0.6) ? '长期慢性病' : '患有大病';
    }
  }
  if (story.mainCause === '因残' && !healths.includes('残疾')) healths[forceIndex] = '残疾';

  const schoolings = drafts.map((d) => schoolingOf(rng, d.age));
  const labours = drafts.map((d, i) => labourOf(rng, d.age, healths[i] as string, (schoolings[i] as string) !== '非在校生'));
  if (!support) {
    // A development household has one able worker: the youngest working-age adult out of school.
    const candidates = drafts
      .map((d, i) => [d, i] as const)
      .filter(([d, i]) => d.age >= 18 && d.age <= 60 && schoolings[i] === '非在校生')
      .sort((a, b) => a[0].age - b[0].age);
    const earner = candidates[0];
    if (earner && !['普通劳动力', '技能劳动力'].includes(labours[earner[1]] as string)) {
      labours[earner[1]] = rng.chance(0.8) ? '普通劳动力' : '技能劳动力';
      const h = healths[earner[1]];
      if (h === '患有大病' || h === '残疾') healths[earner[1]] = '长期慢性病';
    }
  } else {
    // Income-support households keep little labour: working-age members are weak or unable.
    drafts.forEach((d, i) => {
      if (d.age >= 16 && d.age <= 65 && labours[i] === '普通劳动力' && rng.chance(0.8)) {
        labours[i] = '弱劳动力或半劳动力';
        if (healths[i] === '健康') healths[i] = '长期慢性病';
      }
      if (labours[i] === '技能劳动力') labours[i] = '弱劳动力或半劳动力';
    });
  }

  let someoneWorks = false;
  return drafts.map((d, i): DemoMember => {
    const birth = birthOf(rng, d.age);
    const area = d.outsider ? rng.pick(NEIGHBOUR_AREA_CODES) : countyCode;
    const issued = ids.issue(area, birth, d.male);
    const idNumber = rng.chance(BAD_CHECKSUM_RATE) ? corruptCheckCharacter(issued.id) : issued.id;
    const schooling = schoolings[i] as string;
    const health = healths[i] as string;
    const labour = labours[i] as string;
    const birthYear = Number(issued.birthDate.slice(0, 4));
    const age = REFERENCE_YEAR - birthYear;
    const canWork = age >= 16 && age <= 65 && schooling === '非在校生' && labour !== '丧失劳动力' && labour !== '无劳动力';
    const mustWork = story.path === 'employment' && !someoneWorks && (labour === '普通劳动力' || labour === '技能劳动力');
    const works = canWork && (mustWork || rng.chance(labour === '弱劳动力或半劳动力' ? 0.3 : workShare(story)));
    if (works) someoneWorks = true;
    const workStatus = works
      ? (labour === '弱劳动力或半劳动力' ? rng.from(WORK_PLACES_WEAK) : rng.from(WORK_PLACES))
      : '其他/非务工';
    const workMonths = works ? (workStatus === '省外务工' || workStatus === '县外省内务工' ? rng.int(6, 12) : rng.int(3, 10)) : 0;
    const medical = rng.chance(0.99);
    const inSchool = schooling !== '非在校生';
    const tekunPerson = isTekun && (d.relation === '户主' || d.relation === '兄弟姐妹');
    const person: PersonRow = {
      householdCode,
      name: nameOf(rng, d.surname, d.male),
      idNumber,
      sex: d.male ? '男' : '女',
      birthDate: issued.birthDate,
      relation: d.relation,
      // Blood relatives share the household's 民族; a spouse or 儿媳 may have married in from another.
      ethnicity: (d.relation === '配偶' || d.relation === '之儿媳') && rng.chance(0.25) ? rng.from(ETHNICITY_TABLE) : ethnicity,
      education: educationOf(rng, birthYear, age, schooling),
      schooling,
      health,
      labour,
      workStatus,
      workMonths,
      medicalInsurance: medical,
      seriousIllnessInsurance: medical && rng.chance(0.98),
      pensionInsurance: age >= 16 && !inSchool && rng.chance(0.9),
      dibao: isDibao,
      tekun: tekunPerson,
      sourceRow: null,
    };
    return {
      person, birthYear, age, canWork, workMonths, unhealthy: health === '长期慢性病' || health === '患有大病',
      disabled: health === '残疾', student: inSchool ? schooling : null,
    };
  });
}
