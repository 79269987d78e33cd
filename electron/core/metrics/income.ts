import type { Db } from '../db/database';
import { groupExpression } from '../db/queries/householdScope';
import { selectIncomeYears } from '../db/queries/incomeQueries';
import { selectCpi } from '../db/queries/cpiQueries';
import type { IncomeGroup, IncomeRequest, IncomeResult, IncomeSeries } from '../../../shared/api/income';
import { cagr, incomeSeries, type CpiByYear } from './incomeGrowth';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, yearsInScope, type MetricScope } from './scope';
import { ensureExitAttribution } from './exitAttribution';
import { figuresFromRows, type PopulationFigures } from './incomeRows';
import { countyCrossSection, countyPanel, panelEndSums } from './incomeCounty';
import { figuresFromAreaCells } from './incomeArea';
import { Refusal } from '../refusal';

const NOTES = [
  '人均纯收入 = Σ纯收入 ÷ Σ家庭人口数（按人口加权），家庭人口数取当年收入记录上的人数；收入项为空按 0 计。',
  '人均纯收入中位数：按人口加权，取使“人均纯收入不高于该值的户的人口”达到全部人口一半的最小值。',
  '净经营性收入 = 生产经营性收入 − 生产经营性支出；兜底性收入 = 低保金 + 特困供养金，含在转移性收入之内。',
  '年均增长 = (末年人均纯收入 ÷ 首年人均纯收入)^(1/年数) − 1；各来源对增长的贡献 = 该来源人均增量 ÷ 人均纯收入增量，合计为 100%。',
];

function loadCpi(db: Db, series: string | undefined): CpiByYear | null {
  if (!series) return null;
  const rows = selectCpi(db, series);
  if (rows.length === 0) throw new Refusal('not_found', `没有名为“${series}”的居民消费价格指数序列，请先录入。`);
  return new Map(rows.map((r) => [r.year, r.index]));
}

/** The income section of metrics.md for one scope, optionally grouped, cross-section and/or panel. */
export function incomeMetrics(db: Db, request: IncomeRequest = {}): IncomeResult {
  const scope = resolveScope(db, request);
  return incomeForScope(scope, request);
}

export function incomeForScope(scope: MetricScope, request: Pick<IncomeRequest, 'groupBy' | 'population' | 'cpiSeries'>): IncomeResult {
  const db = scope.db;
  const years = incomeYearsOf(scope);
  const population = request.population ?? 'crossSection';
  const cpi = loadCpi(db, request.cpiSeries);
  if (request.groupBy === 'exitMethodIncome' || request.groupBy === 'exitMethodStructural') ensureExitAttribution(scope);
  const group = request.groupBy ? groupExpression(request.groupBy, scope.lineSet) : null;
  let cross: PopulationFigures | null = null;
  let panel: PopulationFigures | null = null;
  if (group === null && !scope.households.filtered) {
    const county = { snapshotId: scope.snapshot.id, years, panelYears: null };
    cross = population === 'panel' ? null : countyCrossSection(db, county);
    panel = population === 'crossSection' ? null : countyPanel(db, { ...county, panelYears: years });
  } else {
    const wantPanel = population !== 'crossSection';
    const both = figuresFromAreaCells(scope, request.groupBy, years, wantPanel)
      ?? figuresFromRows(db, scope.households, group, years, wantPanel);
    cross = population === 'panel' ? null : both.cross;
    panel = population === 'crossSection' ? null : both.panel;
  }

  const groupKeys = new Set<string | null>([...(cross?.years.keys() ?? []), ...(panel?.years.keys() ?? [])]);
  if (!request.groupBy && groupKeys.size === 0) groupKeys.add(null);
  const groups: IncomeGroup[] = [...groupKeys].sort(compareGroups).map((grp) => {
    const crossSeries: IncomeSeries | null = cross ? incomeSeries(cross.years.get(grp) ?? [], years, cpi) : null;
    const panelSeries = panel
      ? { ...incomeSeries(panel.years.get(grp) ?? [], years, cpi), households: panel.households.get(grp) ?? 0 }
      : null;
    return { group: grp, crossSection: crossSeries, panel: panelSeries };
  });

  const notes = [...NOTES];
  if (cpi) notes.push(`实际增长：按居民消费价格指数序列“${request.cpiSeries}”（上年 = 100）平减。`);
  if (request.groupBy === 'exitCohort') notes.push('首次脱贫年度：该户第一次脱贫事件的年度。');
  return {
    koujing: makeKoujing(scope, {
      years,
      population: POPULATIONS[population === 'both' ? 'crossSectionAndPanel' : population],
      notes,
    }),
    groupBy: request.groupBy ?? null,
    cpiSeries: request.cpiSeries ?? null,
    groups,
  };
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'zh-Hans-CN', { numeric: true });
}

/** The income years of the scope (within its year range). */
export function incomeYearsOf(scope: MetricScope): number[] {
  return yearsInScope(scope, selectIncomeYears(scope.db, scope.snapshot.id));
}

/**
 * 年均增长 of the balanced panel over the scope's income years, with its households: the same
 * figure as the panel series' CAGR (incomeForScope with population panel), read in one pass for
 * the standard set.
 */
export function panelGrowth(scope: MetricScope): {
  from: number; to: number; value: number | null; households: number;
} | null {
  const years = incomeYearsOf(scope);
  const from = years[0];
  const to = years[years.length - 1];
  if (from === undefined || to === undefined || from === to) return null;
  const ends = panelEndSums(scope.db, scope.households, years);
  const g0 = ends.persons0 > 0 ? ends.net0 / ends.persons0 : null;
  const g1 = ends.persons1 > 0 ? ends.net1 / ends.persons1 : null;
  return { from, to, value: cagr(from, to, g0, g1, null)?.value ?? null, households: ends.households };
}
