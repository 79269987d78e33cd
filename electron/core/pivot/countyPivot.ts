import type { PivotResult, PivotRunRequest } from '../../../shared/api/pivot';
import type { CheckedSpec } from '../../../shared/semantic/specCheck';
import type { DimensionDef } from '../../../shared/semantic/types';
import type { Db } from '../db/database';
import { Refusal } from '../refusal';
import { newestByCounty } from '../rollup/countyRollup';
import { dictionaryOf, type DictEntry, type DimensionDictionary, type PivotDictionary } from './facts/dictionary';
import { lazyCubeFor } from './facts/lazyCubes';
import { LevelMap, type KeyCode, type LevelGroups } from './group';
import { incomeFilterEffect } from './incomeFilterEffect';
import { buildGroups } from './groups';
import { levelId, neededLevels, type Level } from './levels';
import { planPivot, type PivotPlan } from './plan';
import { decodeKey, pivotResult } from './pivotResult';
import { checkSpec, personsReconcileNote, pivotFactsFor, queryRows, runPivot } from './runPivot';

/** One county's pivot: its plan and its groups at every level, keys in its own dictionary's codes. */
interface CountyPart {
  readonly plan: PivotPlan;
  readonly groups: LevelGroups;
}

/** Is the 县 key kept at this level (so no group of it pools two counties)? */
function keepsCounty(spec: CheckedSpec, level: Level): boolean {
  const r = spec.rows.findIndex((d) => d.key === 'county');
  const c = spec.columns.findIndex((d) => d.key === 'county');
  return (r >= 0 && r < level.rows) || (c >= 0 && c < level.cols);
}

/**
 * One dictionary for every county: each category dimension's labels in county order, each county's
 * own (catalogue) order within it, so that 乡镇 follow their county and closed lists keep their order.
 */
function unifiedDictionary(dims: readonly DimensionDef[], parts: readonly CountyPart[]): PivotDictionary {
  const out = new Map<string, DimensionDictionary>();
  for (const d of dims) {
    if (d.type === 'year' || out.has(d.key)) continue;
    const entries: DictEntry[] = [];
    const seen = new Set<string>();
    for (const p of parts) {
      for (const e of p.plan.facts.dictionary.get(d.key)?.entries ?? []) {
        if (seen.has(e.label)) continue;
        seen.add(e.label);
        entries.push({ code: entries.length, label: e.label, name: e.name });
      }
    }
    out.set(d.key, dictionaryOf(entries));
  }
  return out;
}

/** A county's key code → the unified dictionary's code (years and blanks pass through). */
function recoder(
  dims: readonly DimensionDef[], own: PivotDictionary, unified: PivotDictionary,
): (i: number, code: KeyCode) => KeyCode {
  const maps = dims.map((d) => {
    if (d.type === 'year') return null;
    const byLabel = new Map((unified.get(d.key)?.entries ?? []).map((e) => [e.label, e.code]));
    return (code: number): KeyCode => byLabel.get(String(decodeKey(d, code, own))) ?? null;
  });
  return (i, code) => {
    const map = maps[i];
    return code === null || !map ? code : map(code);
  };
}

/**
 * The counties' groups merged level by level in unified codes: the additive parts (sums, distinct
 * households — counties share no household) are added; a median is a county's own, and a level that
 * pools counties has none (refused before, when asked).
 */
function mergedGroups(
  spec: CheckedSpec, levels: readonly Level[], parts: readonly CountyPart[], unified: PivotDictionary,
): Map<string, LevelMap> {
  const dims = [...spec.rows, ...spec.columns];
  const rowDims = spec.rows.length;
  const out = new Map<string, LevelMap>(levels.map((l) => [levelId(l), new LevelMap(l)]));
  for (const part of parts) {
    const recode = recoder(dims, part.plan.facts.dictionary, unified);
    for (const level of levels) {
      const target = out.get(levelId(level)) as LevelMap;
      for (const g of part.groups.get(levelId(level))?.values() ?? []) {
        const rowCodes = g.rowCodes.map((c, i) => recode(i, c));
        const colCodes = g.colCodes.map((c, j) => recode(rowDims + j, c));
        const had = target.get(rowCodes, colCodes);
        if (!had) {
          target.add({ ...g, level, rowCodes, colCodes, sums: [...g.sums] });
          continue;
        }
        for (let k = 0; k < had.sums.length; k++) had.sums[k] = (had.sums[k] as number) + (g.sums[k] as number);
        had.distinct = had.distinct === null && g.distinct === null ? null : (had.distinct ?? 0) + (g.distinct ?? 0);
        had.median = null;
      }
    }
  }
  return out;
}

/**
 * pivot.run across counties: the newest snapshot of every county (by county code), 县 a dimension
 * like any other. Each county's figures are its own pivot's (the engine runs it on its snapshot);
 * totals over counties add the counties' additive parts and only then divide (Σ纯收入 ÷ Σ人口, shares
 * of the pooled total), never adding ratios.
 */
export function runCountyPivot(db: Db, request: PivotRunRequest, spec: CheckedSpec): PivotResult {
  const started = performance.now();
  const snapshots = newestByCounty(db);
  if (snapshots.length === 0) throw new Refusal('not_found', '数据库中还没有快照：请先导入县级导出文件或生成演示县。');
  const levels = neededLevels(spec);
  const pooling = snapshots.length > 1 && levels.some((l) => !keepsCounty(spec, l));
  if (pooling && spec.values.some((v) => v.measure.formula.kind === 'weightedMedian')) {
    throw new Refusal('refused', '跨县透视的合计不计算中位数（需要各县的全部收入行）：请去掉中位数，或把“县”放在行的第一层并关闭合计。');
  }
  // Every level is built for each county, so that any level of the result can be put together.
  const full: CheckedSpec = { ...spec, totals: true };
  const parts: CountyPart[] = snapshots.map((s) => {
    const facts = pivotFactsFor(db, { snapshotId: s.id, ...(request.lineSet ? { lineSet: request.lineSet } : {}) });
    const plan = planPivot(full, facts, {
      lazyCube: (grain, needed, years) => lazyCubeFor(db, facts, grain, needed, years),
    });
    return { plan, groups: buildGroups(plan, queryRows(db, plan)) };
  });
  const dims = [...spec.rows, ...spec.columns];
  const yearSets = [...new Set(parts.map((p) => (p.plan.years?.years ?? []).join('、')))];
  if (yearSets.length > 1 && !dims.some((d) => d.key === 'year')) {
    throw new Refusal('refused', `各县读取的收入年度不同（${yearSets.join(' / ')}）：请指定收入年度，或把“收入年度”作为行或列。`);
  }
  const unified = unifiedDictionary(dims, parts);
  const first = parts[0] as CountyPart;
  const unknown = parts.map((p) => new Set(p.plan.unknownFilterValues));
  const plan: PivotPlan = {
    ...first.plan,
    spec,
    levels,
    facts: { ...first.plan.facts, dictionary: unified },
    source: `各县最新快照（${snapshots.length} 个县）`,
    unknownFilterValues: [...(unknown[0] ?? [])].filter((v) => unknown.every((u) => u.has(v))),
  };
  const result = pivotResult(plan, mergedGroups(spec, levels, parts, unified), performance.now() - started);
  result.meta.county = snapshots.map((s) => s.countyName).join('、');
  result.meta.asOf = snapshots.map((s) => s.asOf).sort().reverse()[0] ?? result.meta.asOf;
  result.meta.koujing.notes.push(
    `跨县透视：各县取最新快照（${snapshots.map((s) => `${s.countyName} 截至 ${s.asOf}`).join('；')}），各县按各自快照的贫困线标准计算；`
    + '各县的数字与单县透视相同，跨县的合计由各县的汇总值相加后再计算比率和占比，不是各县比率相加或平均。',
  );
  // Each county's 人数 meets its own member rows as in its single-county pivot (#13): one line per county.
  const measures = spec.values.map((v) => v.measure.key);
  for (const [i, s] of snapshots.entries()) {
    const note = personsReconcileNote(db, s.id, (parts[i] as CountyPart).plan.grain, measures);
    if (note) result.meta.koujing.notes.push(`${s.countyName}${note}`);
  }
  return result;
}

/** pivot.run's request, one county's snapshot or (acrossCounties) the newest snapshot of each county. */
export function runPivotRequest(db: Db, request: PivotRunRequest): PivotResult {
  if (!request.acrossCounties) return runPivot(db, request);
  const across = (r: PivotRunRequest): PivotResult => runCountyPivot(db, r, checkSpec(r.spec));
  const result = across(request);
  // An implied income year narrows the population across counties as in one county: say by how much.
  result.meta.incomeFilter = incomeFilterEffect(across, request, result);
  return result;
}
