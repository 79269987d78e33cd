import type { Db } from '../db/database';
import { selectExitCube, selectExitsToCheck, type ExitCubeRow, type ExitQuery } from '../db/queries/exitQueries';
import { INCOME_METHODS, RECORDED_METHODS, STRUCTURAL_METHODS, type AgreementMatrix, type Attribution, type AttributionMethod, type ExitsResult, type Share } from '../../../shared/api/exits';
import { type MetricScopeRequest } from '../../../shared/api/metricScope';
import { ensureExitAttribution } from './exitAttribution';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const NOTES = [
  '脱贫以状态变化中的脱贫事件为准；返贫后再次脱贫计为新的一次脱贫事件，按年统计的“脱贫户数”为不重复户数。',
  '脱贫方式占比 = 该方式脱贫人口 ÷ 全部脱贫人口（按脱贫事件计，户数为户次），人口为户信息中的现家庭人口数。',
  '收入法：当年无收入记录 → 无收入记录；人均纯收入 < 当年标准 → 收入未达线；(纯收入 − 低保金 − 特困供养金) ÷ 人口 < 当年标准 → 兜底保障；否则取工资性（就业）、净经营性（产业）、财产性（资产收益）、转移性扣除兜底（其他转移）中最大者，相等时按此顺序。',
  '结构法：低保贫困户、特困供养贫困户，或无成员的劳动技能为普通劳动力、技能劳动力、弱劳动力或半劳动力 → 兜底保障；否则开发式。',
  '措施记录法：截至脱贫年度记录的帮扶措施（年度为空的措施视为已记录）；同时有开发式（就业、产业）与兜底保障措施 → 开发式+兜底；仅开发式 → 开发式；仅兜底保障 → 兜底保障；否则有保障类措施 → 保障；否则 → 其他；无措施 → 无措施记录。',
];

const CATEGORIES: Readonly<Record<AttributionMethod, readonly string[]>> = {
  income: INCOME_METHODS, structural: STRUCTURAL_METHODS, recorded: RECORDED_METHODS,
};

function methodOf(row: ExitCubeRow, method: AttributionMethod): string {
  return method === 'income' ? row.incomeMethod : method === 'structural' ? row.structuralMethod : row.recordedMethod;
}

/** Shares of one method over the given cube rows; every category of the method is listed, zeros included. */
function shares(rows: readonly ExitCubeRow[], method: AttributionMethod): Record<string, Share> {
  const totalPersons = rows.reduce((s, r) => s + r.persons, 0);
  const totalEvents = rows.reduce((s, r) => s + r.events, 0);
  const acc = new Map<string, { households: number; persons: number }>();
  for (const c of CATEGORIES[method]) acc.set(c, { households: 0, persons: 0 });
  for (const r of rows) {
    const m = methodOf(r, method);
    const a = acc.get(m) ?? { households: 0, persons: 0 };
    a.households += r.events;
    a.persons += r.persons;
    acc.set(m, a);
  }
  const out: Record<string, Share> = {};
  for (const [m, a] of acc) {
    out[m] = {
      households: a.households,
      persons: a.persons,
      share: totalPersons > 0 ? a.persons / totalPersons : 0,
      householdShare: totalEvents > 0 ? a.households / totalEvents : 0,
    };
  }
  return out;
}

function attribution(rows: readonly ExitCubeRow[]): Attribution {
  return { income: shares(rows, 'income'), structural: shares(rows, 'structural'), recorded: shares(rows, 'recorded') };
}

function agreement(
  rows: readonly ExitCubeRow[], rowMethod: AttributionMethod, columnMethod: AttributionMethod,
): AgreementMatrix {
  const extra = (method: AttributionMethod): string[] =>
    [...new Set(rows.map((r) => methodOf(r, method)))].filter((m) => !CATEGORIES[method].includes(m));
  const rowLabels = [...CATEGORIES[rowMethod], ...extra(rowMethod)];
  const columnLabels = [...CATEGORIES[columnMethod], ...extra(columnMethod)];
  const households = rowLabels.map(() => columnLabels.map(() => 0));
  const persons = rowLabels.map(() => columnLabels.map(() => 0));
  for (const r of rows) {
    const i = rowLabels.indexOf(methodOf(r, rowMethod));
    const j = columnLabels.indexOf(methodOf(r, columnMethod));
    (households[i] as number[])[j] = ((households[i] as number[])[j] ?? 0) + r.events;
    (persons[i] as number[])[j] = ((persons[i] as number[])[j] ?? 0) + r.persons;
  }
  return { rowMethod, columnMethod, rows: rowLabels, columns: columnLabels, households, persons };
}

export function exitsMetrics(db: Db, request: MetricScopeRequest = {}): ExitsResult {
  return exitsForScope(resolveScope(db, request));
}

/** The standard set skips the list of exits to check (on odd data it can run to many thousand rows). */
export function exitsForScope(scope: MetricScope, options: { toCheck?: boolean } = {}): ExitsResult {
  ensureExitAttribution(scope);
  const q: ExitQuery = { households: scope.households, lineSet: scope.lineSet, from: scope.yearFrom, to: scope.yearTo };
  const cube = selectExitCube(scope.db, q);
  const sum = (rows: readonly ExitCubeRow[], f: (r: ExitCubeRow) => number): number =>
    rows.reduce((s, r) => s + f(r), 0);
  const years = [...new Set(cube.map((r) => r.year))].sort((a, b) => a - b);
  const byYear = years.map((year) => {
    const rows = cube.filter((r) => r.year === year);
    return {
      year, households: sum(rows, (r) => r.households), persons: sum(rows, (r) => r.householdPersons),
      events: sum(rows, (r) => r.events), attribution: attribution(rows),
    };
  });
  const all = attribution(cube);
  const totalPersons = sum(cube, (r) => r.persons);
  const personsOf = (...methods: string[]): number => methods.reduce((s, m) => s + (all.income[m]?.persons ?? 0), 0);
  const shareOf = (p: number): number => (totalPersons > 0 ? p / totalPersons : 0);
  const development = personsOf('就业', '产业', '资产收益', '其他转移');
  const totals = {
    events: sum(cube, (r) => r.events), households: sum(cube, (r) => r.distinctInRange),
    persons: sum(cube, (r) => r.distinctPersonsInRange),
  };
  return {
    koujing: makeKoujing(scope, { years, population: POPULATIONS.exitEvents, lineYears: years, notes: NOTES }),
    byYear,
    totals,
    attribution: all,
    headline: {
      developmentPersons: development, developmentShare: shareOf(development),
      supportPersons: personsOf('兜底保障'), supportShare: shareOf(personsOf('兜底保障')),
      employmentPersons: personsOf('就业'), employmentShare: shareOf(personsOf('就业')),
      industryPersons: personsOf('产业'), industryShare: shareOf(personsOf('产业')),
    },
    agreement: [agreement(cube, 'income', 'structural'), agreement(cube, 'income', 'recorded'), agreement(cube, 'structural', 'recorded')],
    toCheck: options.toCheck === false ? [] : selectExitsToCheck(scope.db, q),
  };
}
