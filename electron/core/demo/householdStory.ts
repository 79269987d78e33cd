import { type Random, type WeightedTable, weightedTable } from './random';

/**
 * What happens to one household from 2014 to 2023, decided before any row is written so that
 * members, income, measures and events all tell the same story. Rates are calibrated to what
 * county reports show: identification mostly in 2014, exits concentrated in 2016–2019, about a
 * third of exits resting on 低保/特困 income support, returns of 1–3 % a year mostly 因病/因灾.
 */
export type ExitPath = 'support' | 'employment' | 'industry' | 'asset' | 'transfer';

export interface Monitoring {
  readonly category: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly risks: readonly string[];
  readonly eliminated: boolean;
  readonly method: string | null;
  readonly eliminationDate: string | null;
}

export interface Removal {
  readonly type: '自然减少' | '清退';
  readonly year: number;
  readonly reason: string;
}

export interface HouseholdStory {
  /** 脱贫户 (registered) or a monitored 普通农户. */
  readonly registered: boolean;
  readonly attribute: string | null;
  readonly path: ExitPath;
  readonly mainCause: string | null;
  readonly otherCauses: readonly string[];
  readonly identifiedYear: number | null;
  /** Exit years in order: one, or two after a 返贫. */
  readonly exits: readonly number[];
  readonly returnYear: number | null;
  readonly returnCause: string | null;
  readonly removal: Removal | null;
  readonly monitoring: Monitoring | null;
  readonly status: string | null;
  /** An exit year whose income stays under the line (收入未达线), a rare data finding. */
  readonly shortfallExit: number | null;
  /** An exit year without an income row (无收入记录), rarer still. */
  readonly missingIncomeYear: number | null;
  /** Deliberate data-quality findings. */
  readonly flaws: { readonly sizeMismatch: boolean; readonly illnessWithoutPatient: boolean };
}

export const FIRST_YEAR = 2014;
export const LAST_EXIT_YEAR = 2020;
export const LAST_YEAR = 2023;

const IDENTIFICATION = weightedTable([
  [2014, 70], [2015, 9], [2016, 7], [2017, 6], [2018, 4], [2019, 2.5], [2020, 1.5],
] as const);
const EXIT_WEIGHTS: Readonly<Record<number, number>> = {
  2014: 5, 2015: 10, 2016: 19, 2017: 22, 2018: 23, 2019: 14, 2020: 7,
};
/** Yearly hazard of 返贫 for an exited household, before the household's own factors. */
const RETURN_HAZARD: Readonly<Record<number, number>> = {
  2015: 0.024, 2016: 0.024, 2017: 0.021, 2018: 0.018, 2019: 0.015, 2020: 0.012,
};

/**
 * Support households are small (old people alone or in couples), so for a third of exit *persons*
 * (the share reports quote) they are about 40 % of exit households.
 */
const ATTRIBUTES = weightedTable([['一般贫困户', 56], ['低保贫困户', 35], ['特困供养贫困户', 9]] as const);
const DEVELOPMENT_PATHS = weightedTable<ExitPath>([['employment', 66], ['industry', 26], ['asset', 4], ['transfer', 4]]);

const SUPPORT_CAUSES = weightedTable<string>([
  ['因病', 35], ['因残', 25], ['缺劳力', 30], ['自身发展动力不足', 4], ['因灾', 3], ['其他', 3],
]);
const DEVELOPMENT_CAUSES = weightedTable<string>([
  ['因病', 15], ['缺技术', 25], ['缺资金', 22], ['因学', 10], ['缺劳力', 5], ['交通条件落后', 6], ['自身发展动力不足', 5],
  ['缺土地', 4], ['因灾', 3], ['缺水', 2], ['因残', 2], ['其他', 1],
]);
const ALL_CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足', '其他'];

const RETURN_CAUSE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['因病', 45], ['因自然灾害', 22], ['因残', 7], ['因意外事故', 8], ['因务工就业不稳', 7], ['因产业项目失败', 6], ['缺劳动力', 3], ['因学', 2],
];
const RETURN_CAUSES = weightedTable(RETURN_CAUSE_WEIGHTS);
/** A household poor 因病 falls back 因病 twice as often. */
const RETURN_CAUSES_ILL = weightedTable(RETURN_CAUSE_WEIGHTS.map(([c, w]) => [c, c === '因病' ? w * 2 : w] as const));
export const MONITORING_RISKS = weightedTable<string>([
  ['因病', 34], ['因残', 10], ['因自然灾害', 10], ['因意外事故', 8], ['因务工就业不稳', 10], ['因产业项目失败', 5], ['缺劳动力', 9],
  ['因学', 5], ['住房出现安全问题', 3], ['饮水出现安全问题', 1], ['家庭成员未参加基本医疗保险', 1], ['义务教育阶段适龄儿童少年失学辍学', 1],
  ['其他', 3],
]);
const NATURAL_DECREASE_REASONS = weightedTable([['死亡', 70], ['婚出', 8], ['转为城镇户籍', 10], ['服刑', 2], ['其他', 10]] as const);
const REMOVAL_REASONS: readonly string[] = ['识别不精准', '家庭有财政供养人员', '家庭有商品房或小汽车', '回头看清退'];

const OTHER_CAUSE_COUNT = weightedTable([[0, 40], [1, 40], [2, 20]] as const);
const MONITORING_YEAR = weightedTable([[2021, 45], [2022, 35], [2023, 20]] as const);
const RISK_COUNT = weightedTable([[1, 55], [2, 30], [3, 15]] as const);

const SHORTFALL_EXIT_RATE = 0.012;
const MISSING_INCOME_RATE = 0.006;
const MONITORED_EXITED_RATE = 0.04;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function dateOf(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Exit-year distributions by identification year: exiting in the year of identification happens, but less often. */
const EXIT_YEAR_BY_IDENTIFICATION = new Map<number, WeightedTable<number>>();
for (let identified = FIRST_YEAR; identified <= LAST_EXIT_YEAR; identified++) {
  const entries: [number, number][] = [];
  for (let y = identified; y <= LAST_EXIT_YEAR; y++) {
    entries.push([y, (EXIT_WEIGHTS[y] ?? 0) * (y === identified && y < LAST_EXIT_YEAR ? 0.6 : 1)]);
  }
  EXIT_YEAR_BY_IDENTIFICATION.set(identified, weightedTable(entries));
}

function exitYearFor(rng: Random, identified: number): number {
  const table = EXIT_YEAR_BY_IDENTIFICATION.get(identified);
  if (!table) throw new RangeError(`识别年度超出范围：${identified}`);
  return rng.from(table);
}

function otherCausesFor(rng: Random, main: string): string[] {
  const n = rng.from(OTHER_CAUSE_COUNT);
  return rng.sample(ALL_CAUSES.filter((c) => c !== main), n);
}

function monitoringFor(rng: Random, category: string, firstRisk: string | null): Monitoring {
  const year = rng.from(MONITORING_YEAR);
  const month = year === 2023 ? rng.int(1, 10) : rng.int(1, 12);
  const day = rng.int(1, 28);
  const nRisks = rng.from(RISK_COUNT);
  const risks: string[] = firstRisk ? [firstRisk] : [];
  while (risks.length < nRisks) {
    const r = rng.from(MONITORING_RISKS);
    if (!risks.includes(r)) risks.push(r);
  }
  const months = rng.int(4, 14);
  const endIndex = year * 12 + (month - 1) + months;
  const endYear = Math.floor(endIndex / 12);
  const endMonth = (endIndex % 12) + 1;
  const eliminated = endYear <= LAST_YEAR && rng.chance(0.9);
  return {
    category,
    date: dateOf(year, month, day),
    risks,
    eliminated,
    method: eliminated ? (rng.chance(0.85) ? '帮扶消除' : '自然消除') : null,
    eliminationDate: eliminated ? dateOf(endYear, endMonth, rng.int(1, 28)) : null,
  };
}

/** A 普通农户 in the monitoring system: never registered, so no attribute, cause or exit. */
function ordinaryStory(rng: Random): HouseholdStory {
  const category = rng.chance(0.7) ? '边缘易致贫户' : '突发严重困难户';
  const first = rng.from(MONITORING_RISKS);
  return {
    registered: false, attribute: null, path: rng.from(DEVELOPMENT_PATHS), mainCause: null, otherCauses: [],
    identifiedYear: null, exits: [], returnYear: null, returnCause: null, removal: null,
    monitoring: monitoringFor(rng, category, first), status: null, shortfallExit: null, missingIncomeYear: null,
    flaws: { sizeMismatch: rng.chance(0.003), illnessWithoutPatient: false },
  };
}

export function householdStory(rng: Random, ordinary: boolean): HouseholdStory {
  if (ordinary) return ordinaryStory(rng);
  const attribute: string = rng.from(ATTRIBUTES);
  const path: ExitPath = attribute === '特困供养贫困户' || (attribute === '低保贫困户' && rng.chance(0.9))
    ? 'support'
    : rng.from(DEVELOPMENT_PATHS);
  const mainCause = rng.from(path === 'support' ? SUPPORT_CAUSES : DEVELOPMENT_CAUSES);
  const otherCauses = otherCausesFor(rng, mainCause);
  const identifiedYear: number = rng.from(IDENTIFICATION);
  const plannedExit = exitYearFor(rng, identifiedYear);

  // Removed before exiting: 清退 mostly in the 2015–2017 回头看, 自然减少 any year.
  let removal: Removal | null = null;
  const removalDraw = rng.next();
  if (plannedExit > identifiedYear && removalDraw < 0.012) {
    const year = rng.int(identifiedYear + 1, plannedExit);
    removal = removalDraw < 0.006
      ? { type: '清退', year, reason: rng.pick(REMOVAL_REASONS) }
      : { type: '自然减少', year, reason: rng.from(NATURAL_DECREASE_REASONS) };
  }

  const exits: number[] = [];
  let returnYear: number | null = null;
  let returnCause: string | null = null;
  if (!removal) {
    exits.push(plannedExit);
    const factor = (mainCause === '因病' ? 1.5 : 1) * (path === 'support' ? 0.6 : 1.1);
    for (let y = plannedExit + 1; y <= LAST_EXIT_YEAR; y++) {
      if (rng.chance((RETURN_HAZARD[y] ?? 0) * factor)) {
        returnYear = y;
        break;
      }
    }
    if (returnYear !== null) {
      returnCause = rng.from(mainCause === '因病' ? RETURN_CAUSES_ILL : RETURN_CAUSES);
      // Every return before 2020 exits again by 2020; a 2020 return mostly stays 返贫 in the export.
      if (returnYear < LAST_EXIT_YEAR) {
        exits.push(Math.min(LAST_EXIT_YEAR, returnYear + (rng.chance(0.7) ? 1 : 2)));
      } else if (rng.chance(0.3)) {
        returnYear = null;
        returnCause = null;
      }
    }
    // Single elderly households die out after exit: 自然减少 of a 脱贫户 (not a flow out of poverty).
    const lastExit = exits[exits.length - 1] as number;
    const exitedNow = returnYear === null || exits.length === 2;
    const deathRate = attribute === '特困供养贫困户' ? 0.08 : 0.008;
    if (exitedNow && lastExit < LAST_YEAR && rng.chance(deathRate)) {
      removal = { type: '自然减少', year: rng.int(lastExit + 1, LAST_YEAR), reason: rng.from(NATURAL_DECREASE_REASONS) };
    }
  }

  const finallyExited = exits.length > 0 && (returnYear === null || exits.length === 2);
  let monitoring: Monitoring | null = null;
  if (finallyExited && !removal) {
    const rate = MONITORED_EXITED_RATE * (path === 'support' ? 1.4 : 1) * (mainCause === '因病' ? 1.4 : 1);
    if (rng.chance(rate)) {
      const first = mainCause === '因病' && rng.chance(0.6) ? '因病' : rng.from(MONITORING_RISKS);
      monitoring = monitoringFor(rng, '脱贫不稳定户', first);
    }
  }

  let status: string;
  if (removal) status = removal.type;
  else if (!finallyExited) status = '返贫';
  else {
    const last = exits[exits.length - 1] as number;
    const unsupportedShare = path === 'support' ? 0 : last <= 2016 ? 0.4 : 0.1;
    status = rng.chance(unsupportedShare) ? '已脱贫（不再享受政策）' : '已脱贫（享受政策）';
  }

  const shortfallExit = exits.length > 0 && rng.chance(SHORTFALL_EXIT_RATE) ? rng.pick(exits) : null;
  const missingIncomeYear = exits.length > 0 && shortfallExit === null && rng.chance(MISSING_INCOME_RATE)
    ? rng.pick(exits) : null;

  return {
    registered: true, attribute, path, mainCause, otherCauses, identifiedYear, exits, returnYear, returnCause, removal,
    monitoring, status, shortfallExit, missingIncomeYear,
    flaws: { sizeMismatch: rng.chance(0.003), illnessWithoutPatient: mainCause === '因病' && rng.chance(0.015) },
  };
}

/** The income years of a household: from identification (or 2021 for a 普通农户) to 2023, stopping at removal. */
export function incomeYears(story: HouseholdStory): number[] {
  const first = story.identifiedYear ?? 2021;
  const last = story.removal ? story.removal.year - 1 : LAST_YEAR;
  const years: number[] = [];
  for (let y = first; y <= last; y++) if (y !== story.missingIncomeYear) years.push(y);
  return years;
}
