import type { CheckedSpec } from '../../../shared/semantic/specCheck';
import type { Component, DimensionDef, Grain } from '../../../shared/semantic/types';
import { CUBES } from './facts/cubes';
import type { CubeChoice } from './facts/lazyCubes';
import { COMPONENT_COLUMNS, COMPONENTS_OF_GRAIN, FACT_TABLES, PERSON_DIM_COLUMNS } from './facts/factColumns';
import { medianCubeFor } from './facts/medianCubes';
import type { PivotFacts } from './facts/pivotFacts';
import { compileFilter } from './filterSql';
import { resolveIncomeYears, type IncomeYears } from './incomeYears';
import { neededLevels, type Level } from './levels';
import { columnOf, marks, type SqlPart, type SqlParam } from './sqlParts';

/** Everything needed to run a pivot and assemble its result; the SQL is fixed here, values bound. */
export interface PivotPlan {
  readonly spec: CheckedSpec;
  readonly facts: PivotFacts;
  readonly grain: Grain;
  /** Row dimensions then column dimensions: the key positions of every query row. */
  readonly dims: readonly DimensionDef[];
  readonly years: IncomeYears | null;
  readonly levels: readonly Level[];
  /** The sums the additive query returns, after the key columns, in this order. */
  readonly components: readonly Component[];
  /** Null when nothing can match (no income row in the years asked). */
  readonly additive: SqlPart | null;
  /**
   * For SQLite, when a cube answers: the cube's rows as they are, handed to pivot_additive_feed(key…,
   * sums…) (db/rowFeed.ts), the groups summed in JavaScript as they arrive. A cube holds a few rows
   * per group at most, and its GROUP BY sorted them in a temporary B-tree and returned them as result
   * rows: 7–9 ms for the 10,000 groups of 行政村 × 脱贫年度, 2 ms fed.
   */
  readonly additiveFeed: SqlPart | null;
  /** Key columns, 人均纯收入 and 人口 of every income row, in ascending (year, 人均纯收入). */
  readonly median: SqlPart | null;
  /**
   * The same rows for SQLite, handed to pivot_median_feed(key…, 人均纯收入, 人口) in the order of the
   * table's primary key (year, 人均纯收入): a function call per row costs a third of reading the row
   * into JavaScript, and the sink can stop the scan once every median is known. When every level
   * keeps the income year, one feed per year (year given), so that each stops at its own half.
   */
  readonly medianFeeds: readonly { readonly year: number | null; readonly part: SqlPart }[];
  /**
   * Set when the median cubes answer every level's median (bucketMedians.ts): the filters (without
   * snapshot and years), their columns and their conditions on the cubes and the income rows alike.
   */
  readonly medianBuckets: { readonly filterColumns: readonly string[]; readonly filters: SqlPart } | null;
  /** Distinct households behind member counts, one query per level (not additive). */
  readonly distinct: readonly { readonly level: Level; readonly part: SqlPart }[];
  /** Levels whose distinct households a distinct-household cube answers (pairCubes.ts): key codes, then the count. */
  readonly distinctCubes: readonly { readonly level: Level; readonly part: SqlPart }[];
  /**
   * The member rows for SQLite, handed to pivot_distinct_feed(key…, household_id): the levels no
   * distinct-household cube answers, all in one pass.
   */
  readonly distinctFeed: { readonly levels: readonly Level[]; readonly part: SqlPart } | null;
  /** The conditions on the detail table (snapshot, income years, filters), for drill-through. */
  readonly where: SqlPart;
  /** Where the sums were read: a cube or the detail table. */
  readonly source: string;
  readonly unknownFilterValues: readonly string[];
}

export interface PlanOptions {
  /** Read the detail tables even when a cube covers the pivot (tests and the bench compare both). */
  readonly useCubes?: boolean;
  /** Makes (or finds) a session cube when none of the snapshot's own covers the pivot (lazyCubes.ts). */
  readonly lazyCube?: (grain: Grain, needed: ReadonlySet<string>, years: readonly number[] | null) => CubeChoice | null;
}

function componentsOf(spec: CheckedSpec, grain: Grain): Component[] {
  const out = new Set<Component>();
  for (const v of spec.values) {
    const f = v.measure.formula;
    if (grain === 'person' && v.measure.key === 'households') continue;
    if (f.kind === 'sum') out.add(f.component);
    else if (f.kind === 'perCapita') {
      out.add(f.numerator);
      out.add('size');
    } else out.add('size');
  }
  if (out.size === 0) out.add(grain === 'person' ? 'members' : 'n');
  const allowed = COMPONENTS_OF_GRAIN[grain] as readonly Component[];
  for (const c of out) if (!allowed.includes(c)) throw new Error(`component ${c} is not summed at grain ${grain}`);
  return [...out];
}

/** The smallest of the snapshot's own cubes that has every needed column, for the years read. */
function chooseCube(
  grain: Grain, needed: ReadonlySet<string>, facts: PivotFacts, years: readonly number[] | null,
): CubeChoice | null {
  if (!facts.state.cubesReady) return null;
  let best: CubeChoice | null = null;
  for (const cube of CUBES) {
    if (cube.grain !== grain || cube.distinct) continue;
    if (![...needed].every((c) => cube.columns.includes(c))) continue;
    const perYear = facts.state.cubeRows[String(cube.id)] ?? {};
    const rows = years === null ? perYear['0'] ?? 0 : years.reduce((s, y) => s + (perYear[String(y)] ?? 0), 0);
    if (!best || rows < best.rows) best = { table: 'pivot_cube', id: cube.id, rows, lazy: false };
  }
  return best;
}

const PERSON_COLUMNS: ReadonlySet<string> = new Set(PERSON_DIM_COLUMNS);

/**
 * The smallest distinct-household cube that answers a level: its keys hold at most one member
 * dimension, no other member dimension is filtered on (a filter on the kept one only drops pairs
 * of other values), and the cube has every key and filter column. A total over a filtered member
 * dimension is not a sum of pairs: none answers it.
 */
function chooseDistinctCube(keys: readonly string[], filters: readonly string[], facts: PivotFacts): CubeChoice | null {
  const members = keys.filter((c) => PERSON_COLUMNS.has(c));
  if (members.length > 1 || filters.some((c) => PERSON_COLUMNS.has(c) && !members.includes(c))) return null;
  if (!facts.state.cubesReady) return null;
  const distinct = members[0] ?? 'households';
  const needed = new Set([...keys, ...filters]);
  let best: CubeChoice | null = null;
  for (const cube of CUBES) {
    if (cube.distinct !== distinct || ![...needed].every((c) => cube.columns.includes(c))) continue;
    const rows = facts.state.cubeRows[String(cube.id)]?.['0'] ?? 0;
    if (!best || rows < best.rows) best = { table: 'pivot_cube', id: cube.id, rows, lazy: false };
  }
  return best;
}

/**
 * Plans a checked spec against a snapshot's fact tables: the income years, the levels to compute,
 * the cube or detail table to read, and the SQL of each query. Identifiers come only from the
 * catalogue (through columnOf) and the fact-table lists; every value is a bound parameter.
 */
export function planPivot(spec: CheckedSpec, facts: PivotFacts, options: PlanOptions = {}): PivotPlan {
  const grain = spec.grain;
  const dims = [...spec.rows, ...spec.columns];
  const years = grain === 'income' ? resolveIncomeYears(spec, facts.state.incomeYears) : null;
  const levels = neededLevels(spec);
  const components = componentsOf(spec, grain);
  const snapshotId = facts.scope.snapshot.id;

  const where: string[] = ['snapshot_id = ?'];
  const params: SqlParam[] = [snapshotId];
  if (years) {
    where.push(years.years.length === 0 ? '1 = 0' : years.years.length === 1 ? 'year = ?' : `year IN (${marks(years.years.length)})`);
    params.push(...years.years);
  }
  const unknown: string[] = [];
  const filterSql: string[] = [];
  const filterParams: SqlParam[] = [];
  for (const f of spec.filters) {
    if (f.dimension.key === 'year') continue;
    const compiled = compileFilter(f, facts.dictionary);
    filterSql.push(compiled.part.sql);
    filterParams.push(...compiled.part.params);
    unknown.push(...compiled.unknown);
  }
  where.push(...filterSql);
  params.push(...filterParams);
  const keyColumns = dims.map(columnOf);
  const needed = new Set([...dims, ...spec.filters.map((f) => f.dimension)].filter((d) => d.key !== 'year').map(columnOf));
  const yearList = years ? years.years : null;
  const cube = options.useCubes === false || (yearList !== null && yearList.length === 0)
    ? null
    : chooseCube(grain, needed, facts, yearList) ?? options.lazyCube?.(grain, needed, yearList) ?? null;
  const leaf = FACT_TABLES[grain];
  const nothing = years !== null && years.years.length === 0;

  const groupBy = (cols: readonly string[]): string => (cols.length ? ` GROUP BY ${cols.join(', ')}` : '');
  const select = (cols: readonly string[], rest: string): string => [...cols, rest].join(', ');
  const sums = components.map((c) => `SUM(${COMPONENT_COLUMNS[c]})`).join(', ');
  const additive: SqlPart | null = nothing ? null : {
    sql: `SELECT ${select(keyColumns, sums)} FROM ${cube ? cube.table : leaf} WHERE ${cube ? 'cube = ? AND ' : ''}${where.join(' AND ')}${groupBy(keyColumns)}`,
    params: cube ? [cube.id, ...params] : params,
  };
  // Without keys the aggregate answers one row even when nothing matches (a grand total of 0): kept as SQL.
  const additiveFeed: SqlPart | null = nothing || !cube || keyColumns.length === 0 ? null : {
    sql: `SELECT SUM(pivot_additive_feed(${select(keyColumns, components.map((c) => COMPONENT_COLUMNS[c]).join(', '))})) `
      + `FROM ${cube.table} WHERE cube = ? AND ${where.join(' AND ')}`,
    params: [cube.id, ...params],
  };
  const wantsMedian = spec.values.some((v) => v.measure.formula.kind === 'weightedMedian');
  const median: SqlPart | null = wantsMedian && !nothing ? {
    sql: `SELECT ${select(keyColumns, 'per_capita, size')} FROM ${FACT_TABLES.income} WHERE ${where.join(' AND ')} ORDER BY year, per_capita`,
    params,
  } : null;
  const feedSql = (conditions: readonly string[]): string =>
    `SELECT SUM(pivot_median_feed(${select(keyColumns, 'per_capita, size')})) FROM ${FACT_TABLES.income} WHERE ${conditions.join(' AND ')}`;
  const yearAt = dims.findIndex((d) => d.key === 'year');
  const rowDims = spec.rows.length;
  const everyLevelByYear = yearAt >= 0
    && levels.every((l) => (yearAt < rowDims ? yearAt < l.rows : yearAt - rowDims < l.cols));
  const medianCube = median && years && (years.years.length === 1 || everyLevelByYear) && options.useCubes !== false
    && facts.state.cubesReady
    ? medianCubeFor(needed)
    : undefined;
  const filterColumns = spec.filters.filter((f) => f.dimension.key !== 'year').map((f) => columnOf(f.dimension));
  const medianBuckets = medianCube ? { filterColumns, filters: { sql: filterSql.join(' AND '), params: filterParams } } : null;
  const medianFeeds = !median || medianBuckets ? [] : years && years.years.length > 1 && everyLevelByYear
    ? years.years.map((year) => ({
      year,
      part: { sql: feedSql(['snapshot_id = ?', 'year = ?', ...where.slice(2)]), params: [snapshotId, year, ...params.slice(1 + years.years.length)] },
    }))
    : [{ year: null, part: { sql: feedSql(where), params } }];
  const wantsDistinct = grain === 'person' && spec.values.some((v) => v.measure.key === 'households');
  const distinct = wantsDistinct ? levels.map((level) => {
    const cols = [
      ...keyColumns.slice(0, level.rows), ...keyColumns.slice(spec.rows.length, spec.rows.length + level.cols),
    ];
    return {
      level,
      part: { sql: `SELECT ${select(cols, 'COUNT(DISTINCT household_id)')} FROM ${FACT_TABLES.person} WHERE ${where.join(' AND ')}${groupBy(cols)}`, params },
    };
  }) : [];
  const distinctCubes: { level: Level; part: SqlPart }[] = [];
  const feedLevels: Level[] = [];
  for (const { level, part } of distinct) {
    const cols = [
      ...keyColumns.slice(0, level.rows), ...keyColumns.slice(spec.rows.length, spec.rows.length + level.cols),
    ];
    const pairs = options.useCubes === false ? null : chooseDistinctCube(cols, filterColumns, facts);
    if (!pairs) {
      feedLevels.push(level);
      continue;
    }
    distinctCubes.push({
      level,
      part: { sql: `SELECT ${select(cols, 'SUM(n)')} FROM pivot_cube WHERE cube = ? AND ${where.join(' AND ')}${groupBy(cols)}`, params: [pairs.id, ...part.params] },
    });
  }
  const distinctFeed = feedLevels.length ? {
    levels: feedLevels,
    part: { sql: `SELECT SUM(pivot_distinct_feed(${select(keyColumns, 'household_id')})) FROM ${FACT_TABLES.person} WHERE ${where.join(' AND ')}`, params },
  } : null;
  return {
    spec, facts, grain, dims, years, levels, components, additive, additiveFeed, median, medianFeeds, medianBuckets,
    distinct, distinctCubes, distinctFeed,
    where: { sql: where.join(' AND '), params },
    source: cube ? `${cube.lazy ? '本次会话按所用字段生成的汇总表' : '汇总表'} #${cube.id}（${cube.rows} 行）` : `明细表 ${leaf}`,
    unknownFilterValues: unknown,
  };
}
