import type { IncomeRow, MeasureRow } from '../db/snapshotRows';
import { classOfMeasure } from '../../../shared/domain/measureClasses';
import { LAST_EXIT_YEAR, LAST_YEAR, type HouseholdStory } from './householdStory';
import type { DemoMember } from './members';
import { type Random, weightedTable, yuan } from './random';

const EMPLOYMENT_MEASURES = weightedTable([['就业帮扶', 60], ['公益岗位帮扶', 25], ['劳务输出', 10], ['扶贫车间', 5]] as const);

export interface MeasureContext {
  readonly story: HouseholdStory;
  readonly members: readonly DemoMember[];
  readonly incomes: readonly IncomeRow[];
  readonly householdCode: string;
  readonly relocated: boolean;
  readonly unsafeHousingRepaired: boolean;
}

const PUBLIC_JOBS = ['公益性岗位（村庄保洁员）', '公益性岗位（护路员）', '公益性岗位（水管员）', '公益性岗位（村级信息员）'];
const INDUSTRY_CONTENT = ['发放产业扶持资金（生猪养殖）', '发放产业扶持资金（肉牛养殖）', '发放产业扶持资金（核桃种植）', '发放产业扶持资金（烤烟种植）', '发放产业扶持资金（中药材种植）'];

const classCache = new Map<string, string | null>();

/** classOfMeasure folds its label every call; the demo asks the same few names a million times. */
function measureClass(name: string): string | null {
  let cls = classCache.get(name);
  if (cls === undefined) {
    cls = classOfMeasure(name);
    classCache.set(name, cls);
  }
  return cls;
}

/** The measure for a monitoring or return risk, as county offices pair them. */
function measureForRisk(rng: Random, risk: string): readonly [string, string, number] {
  switch (risk) {
    case '因病': return ['健康帮扶', '医疗救助及大病保险倾斜', yuan(rng.uniform(1000, 8000))];
    case '因残': return ['综合保障', '残疾人两项补贴', yuan(rng.uniform(600, 1800))];
    case '因自然灾害': return ['综合保障', '临时救助（自然灾害）', yuan(rng.uniform(1000, 5000))];
    case '因意外事故': return ['综合保障', '临时救助（意外事故）', yuan(rng.uniform(1000, 5000))];
    case '因务工就业不稳': return ['就业帮扶', '推荐就业岗位、发放务工交通补贴', yuan(rng.uniform(300, 1500))];
    case '因产业项目失败': return ['产业帮扶', '产业奖补资金', yuan(rng.uniform(1000, 5000))];
    case '缺劳动力': return ['综合保障', '纳入农村最低生活保障', yuan(rng.uniform(2000, 6000))];
    case '因学': return ['其他教育帮扶', '雨露计划补助', 3000];
    case '住房出现安全问题': return ['住房安全保障', '农村危房改造', yuan(rng.uniform(15000, 40000))];
    case '饮水出现安全问题': return ['饮水安全保障', '农村饮水安全巩固提升', yuan(rng.uniform(500, 3000))];
    case '家庭成员未参加基本医疗保险': return ['健康帮扶', '资助参加城乡居民基本医疗保险', 350];
    case '义务教育阶段适龄儿童少年失学辍学': return ['义务教育保障', '控辍保学劝返', 0];
    default: return ['社会帮扶', '结对帮扶', yuan(rng.uniform(500, 3000))];
  }
}

/**
 * The 帮扶措施 of one household, matching its story: a support exit gets 综合保障 (低保 or 特困
 * 供养) in the years up to its exit, an employment exit 就业帮扶 or a public-welfare job, an
 * industry exit 产业帮扶 and often a 小额信贷; health, education and housing measures follow the
 * members; returns and monitoring get the measure of their risk.
 */
export function generateMeasures(rng: Random, ctx: MeasureContext): MeasureRow[] {
  const { story, householdCode } = ctx;
  const rows: MeasureRow[] = [];
  const add = (year: number, name: string, content: string, amount: number): void => {
    rows.push({ householdCode, year, name, measureClass: measureClass(name), content, amount, sourceRow: null });
  };
  const supportAmount = (year: number): number => {
    const row = ctx.incomes.find((r) => r.year === year);
    return row ? (row.dibao ?? 0) + (row.tekun ?? 0) : yuan(rng.uniform(2000, 5000));
  };

  if (story.registered && story.identifiedYear !== null) {
    const ident = story.identifiedYear;
    const firstExit = story.exits[0];
    const end = firstExit ?? Math.min(LAST_EXIT_YEAR, (story.removal?.year ?? LAST_EXIT_YEAR + 1) - 1);
    const during = (): number => rng.int(ident, Math.max(ident, end));
    const nearExit = (): number => Math.max(ident, end - rng.int(0, 1));
    const tekun = story.attribute === '特困供养贫困户';
    const supportContent = tekun ? '特困人员救助供养' : '农村最低生活保障';

    switch (story.path) {
      case 'support':
        for (let y = Math.max(ident, end - 2); y <= end; y++) add(y, '综合保障', supportContent, supportAmount(y));
        if (story.exits.length && rng.chance(0.6)) {
          const y = rng.int(2021, LAST_YEAR);
          if (!story.removal || story.removal.year > y) add(y, '综合保障', supportContent, supportAmount(y));
        }
        break;
      case 'employment': {
        const kind = rng.from(EMPLOYMENT_MEASURES);
        if (kind === '就业帮扶') add(nearExit(), kind, '转移就业，发放务工交通补贴', yuan(rng.uniform(500, 1500)));
        else if (kind === '公益岗位帮扶') add(nearExit(), kind, rng.pick(PUBLIC_JOBS), yuan(rng.uniform(6000, 9600)));
        else if (kind === '劳务输出') add(nearExit(), kind, '有组织劳务输出', 0);
        else add(nearExit(), kind, '扶贫车间就近就业', 0);
        if (rng.chance(0.2)) add(during(), '就业帮扶', '职业技能培训', 0);
        break;
      }
      case 'industry':
        add(nearExit(), '产业帮扶', rng.pick(INDUSTRY_CONTENT), yuan(rng.uniform(2000, 6000)));
        if (rng.chance(0.5)) add(during(), '金融帮扶', '扶贫小额信贷', rng.chance(0.7) ? 50000 : 30000);
        break;
      case 'asset':
        for (let y = Math.max(ident, end - 1); y <= end; y++) add(y, rng.chance(0.5) ? '光伏' : '资产收益', '资产收益分红', yuan(rng.uniform(500, 3000)));
        break;
      case 'transfer':
        for (let y = Math.max(ident, end - 1); y <= end; y++) add(y, '生态帮扶', '生态护林员', 10000);
        break;
    }

    if ((story.mainCause === '因病' || ctx.members.some((m) => m.unhealthy)) && rng.chance(0.6)) {
      add(during(), '健康帮扶', '先诊疗后付费、医疗救助', yuan(rng.uniform(500, 5000)));
    }
    const vocational = ctx.members.some((m) => m.student !== null && (m.student.startsWith('中职') || m.student.startsWith('高职')));
    if (vocational && rng.chance(0.7)) add(during(), '其他教育帮扶', '雨露计划补助', 3000);
    else if ((story.mainCause === '因学' || ctx.members.some((m) => m.student !== null)) && rng.chance(0.4)) {
      add(during(), '义务教育保障', '义务教育阶段“两免一补”', yuan(rng.uniform(1000, 2500)));
    }
    if (ctx.unsafeHousingRepaired) add(during(), '住房安全保障', '农村危房改造', yuan(rng.uniform(15000, 40000)));
    if (ctx.relocated) add(rng.int(Math.max(ident, 2016), 2019), '易地扶贫搬迁', '建档立卡搬迁安置', 60000);
    if (rng.chance(0.05)) add(during(), '饮水安全保障', '农村饮水安全巩固提升', yuan(rng.uniform(500, 3000)));
    if (rng.chance(0.05)) add(during(), '社会帮扶', '结对帮扶', yuan(rng.uniform(500, 3000)));

    if (story.returnYear !== null && story.returnCause !== null) {
      const [name, content, amount] = measureForRisk(rng, story.returnCause);
      add(story.returnYear, name, content, amount);
    }
  }

  if (story.monitoring) {
    const m = story.monitoring;
    const year = Number(m.date.slice(0, 4));
    for (const risk of m.risks.slice(0, 2)) {
      const [name, content, amount] = measureForRisk(rng, risk);
      add(year, name, content, amount);
    }
  }
  return rows;
}
