import { levelId, type Level } from './levels';
import { KeyPacker, LevelMedians, MedianOrderBroken, type LevelFeed, type MedianSink } from './medianSink';
import type { PivotPlan } from './plan';
import { LevelMap, type Group, type KeyCode, type LevelGroups } from './group';

/** What the queries of a plan returned (from SQLite, or from DuckDB in the bench). */
export interface QueryRows {
  /** Hands every additive row (key codes, then the sums in plan.components' order) to `visit`. */
  readonly additive: (visit: (row: readonly unknown[]) => void) => void;
  /**
   * Feeds the median rows (of one year, or of all the plan's years when year is null) to a sink,
   * stopping once the sink says every median is known.
   */
  readonly median: ((sink: MedianSink, year: number | null) => void) | null;
  readonly distinct: ReadonlyMap<string, readonly (readonly unknown[])[]>;
  /** Writes the medians of the groups another way (from the median cubes), instead of `median`. */
  readonly medianGroups?: (groups: LevelGroups) => void;
}

function codeAt(row: readonly unknown[], i: number): KeyCode {
  const v = row[i];
  return v === null || v === undefined ? null : Number(v);
}

/**
 * Rolls the cell sums up to every level the plan needs (sums are additive, so a subtotal is the
 * sum of its cells and never re-read from the database), then adds medians and distinct counts.
 */
export function buildGroups(plan: PivotPlan, rows: QueryRows): LevelGroups {
  const rowDims = plan.spec.rows.length;
  const keyDims = plan.dims.length;
  const width = plan.components.length;
  const levels = new Map<string, LevelMap>(plan.levels.map((l) => [levelId(l), new LevelMap(l)]));
  const targets = [...levels.values()];
  const codes = new Array<KeyCode>(keyDims);
  rows.additive((row) => {
    for (let i = 0; i < keyDims; i++) codes[i] = codeAt(row, i);
    for (const map of targets) {
      let g = map.getAt(codes, rowDims);
      if (!g) {
        const level = map.level;
        g = {
          level, rowCodes: codes.slice(0, level.rows), colCodes: codes.slice(rowDims, rowDims + level.cols),
          sums: new Array<number>(width).fill(0), median: null, distinct: null,
        };
        map.add(g);
      }
      const sums = g.sums;
      for (let k = 0; k < width; k++) sums[k] = (sums[k] as number) + Number(row[keyDims + k] ?? 0);
    }
  });
  if (rows.median) addMedians(plan, levels, rows.median);
  rows.medianGroups?.(levels);
  for (const [id, list] of rows.distinct) {
    const map = levels.get(id);
    if (!map) continue;
    const level = [...plan.levels].find((l) => levelId(l) === id) as Level;
    for (const row of list) {
      const rowCodes = Array.from({ length: level.rows }, (_, i) => codeAt(row, i));
      const colCodes = Array.from({ length: level.cols }, (_, i) => codeAt(row, level.rows + i));
      const g = map.get(rowCodes, colCodes);
      if (g) g.distinct = Number(row[level.rows + level.cols]);
    }
  }
  return levels;
}

/**
 * Medians of every needed level from the income rows (see LevelMedians): one pass, or one pass per
 * year when every level keeps the year (each then stops at its own half). Should the rows not
 * arrive in the promised order, they are read again into a sink that sorts.
 */
export function addMedians(
  plan: PivotPlan, levels: LevelGroups, feed: (sink: MedianSink, year: number | null) => void,
): void {
  const rowDims = plan.spec.rows.length;
  const keyDims = plan.dims.length;
  const sizeIndex = plan.components.indexOf('size');
  const yearAt = plan.dims.findIndex((d) => d.key === 'year');
  const multiYear = (plan.years?.years.length ?? 0) > 1;
  const all = [...levels.values()].flatMap((m) => [...m.values()]);
  const packer = new KeyPacker(all, rowDims, keyDims);
  const feedsOf = (year: number | null): LevelFeed[] => plan.levels.map((level) => {
    const groups = [...(levels.get(levelId(level))?.values() ?? [])];
    const yearCode = (g: Group): KeyCode =>
      (yearAt < rowDims ? g.rowCodes[yearAt] : g.colCodes[yearAt - rowDims]) ?? null;
    return {
      level,
      groups: year === null ? groups : groups.filter((g) => yearCode(g) === year),
      streamed: !multiYear || (yearAt >= 0 && (yearAt < rowDims ? yearAt < level.rows : yearAt - rowDims < level.cols)),
    };
  });
  const years = plan.medianFeeds.map((f) => f.year);
  for (const year of years) {
    const feeds = feedsOf(year);
    const pooledYearAt = multiYear && yearAt >= 0 && year === null ? yearAt : null;
    const sink = new LevelMedians(feeds, packer, rowDims, keyDims, pooledYearAt, sizeIndex);
    try {
      feed(sink, year);
      sink.finish();
    } catch (err) {
      if (!(err instanceof MedianOrderBroken)) throw err;
      const unstreamed = feeds.map((f) => ({ ...f, streamed: false }));
      const sorting = new LevelMedians(unstreamed, packer, rowDims, keyDims, null, sizeIndex, false);
      feed(sorting, year);
      sorting.finish();
    }
  }
}
