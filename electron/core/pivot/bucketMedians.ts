import type { Db } from '../db/database';
import { FACT_TABLES } from './facts/factColumns';
import { medianCubeFor } from './facts/medianCubes';
import type { Group, KeyCode, LevelGroups } from './group';
import { levelId, type Level } from './levels';
import type { PivotPlan } from './plan';
import { columnOf } from './sqlParts';
import { feedRows, type RowVisit } from '../db/rowFeed';

/** A group on its way to its median: persons counted so far, and below the range being counted. */
interface Waiting {
  readonly group: Group;
  readonly total: number;
  cumulative: number;
  below: number;
  bucket: number;
}

function codeOf(v: unknown): KeyCode {
  return v === null || v === undefined ? null : Number(v);
}

/** The rows of `from` handed to `visit` (db/rowFeed.ts); true from visit once every group it waits for is settled. */
function feed(db: Db, select: string, from: string, params: readonly unknown[], visit: RowVisit): void {
  feedRows(db, 'pivot_bucket_feed', `SELECT SUM(pivot_bucket_feed(${select})) FROM ${from}`, params, visit);
}

/**
 * Weighted medians of every level from the median cubes (facts/medianCubes.ts), for plans whose
 * levels each lie within one income year. A group's persons per range of 人均纯收入, in range order,
 * say which range holds its half and how many persons lie below it; that range's income rows, in
 * ascending 人均纯收入, then settle the median exactly as a full ordered scan would (the smallest
 * value whose persons at or below reach half, metrics/weightedMedian.ts). A group's persons are its
 * size sum, already read.
 */
export function bucketMedians(db: Db, plan: PivotPlan, levels: LevelGroups): void {
  const choice = plan.medianBuckets;
  if (!choice || !plan.years) return;
  const years = plan.years.years;
  const rowDims = plan.spec.rows.length;
  const keyColumns = plan.dims.map(columnOf);
  const sizeIndex = plan.components.indexOf('size');
  const snapshotId = plan.facts.scope.snapshot.id;
  const filters = choice.filters;
  const andFilters = filters.sql ? ` AND ${filters.sql}` : '';
  const yearCondition = years.length === 1 ? 'year = ?' : `year IN (${years.map(() => '?').join(', ')})`;
  /** By range ("year:bucket"), then level: the groups whose half lies in it, by their key codes. */
  const inRange = new Map<string, Map<Level, Map<string, Waiting>>>();

  for (const level of plan.levels) {
    const positions = [...Array(level.rows).keys(), ...Array.from({ length: level.cols }, (_, j) => rowDims + j)];
    const cols = positions.map((i) => keyColumns[i] as string);
    const cube = medianCubeFor([...cols, ...choice.filterColumns]);
    if (!cube) throw new Error(`no median cube has ${cols.join(', ')}`);
    const open = new Map<string, Waiting>();
    for (const group of levels.get(levelId(level))?.values() ?? []) {
      const total = group.sums[sizeIndex] ?? 0;
      if (total > 0) open.set([...group.rowCodes, ...group.colCodes].join(','), { group, total, cumulative: 0, below: 0, bucket: -1 });
    }
    let left = open.size;
    if (left === 0) continue;
    const n = cols.length;
    const lastBucket = new Map<number, number>();
    const codes = new Array<KeyCode>(n);
    feed(db, [...cols, 'year', 'bucket', 'size'].join(', '), `pivot_median_cube WHERE cube = ? AND snapshot_id = ? AND ${yearCondition}${andFilters}`,
      [cube.id, snapshotId, ...years, ...filters.params], (row) => {
        const year = row[n] as number;
        const bucket = row[n + 1] as number;
        if (bucket < (lastBucket.get(year) ?? -1)) throw new Error('median cube rows out of range order');
        lastBucket.set(year, bucket);
        for (let i = 0; i < n; i++) codes[i] = codeOf(row[i]);
        const w = open.get(codes.join(','));
        if (!w || w.group.median !== null || w.bucket === Infinity) return false;
        if (bucket !== w.bucket) {
          w.below = w.cumulative;
          w.bucket = bucket;
        }
        w.cumulative += row[n + 2] as number;
        if (w.cumulative * 2 < w.total) return false;
        const range = `${year}:${bucket}`;
        let byLevel = inRange.get(range);
        if (!byLevel) inRange.set(range, (byLevel = new Map()));
        let byKey = byLevel.get(level);
        if (!byKey) byLevel.set(level, (byKey = new Map()));
        byKey.set(codes.join(','), w);
        w.cumulative = w.below;
        w.bucket = Infinity;
        return --left === 0;
      });
    if (left !== 0) throw new Error('the median cube does not hold every group');
  }

  const bounds = new Map<number, [number, number][]>();
  for (const [year, bucket, lo] of db.prepare(`SELECT year, bucket, lo FROM pivot_bucket WHERE snapshot_id = ? AND ${yearCondition} ORDER BY year, bucket`)
    .raw().all(snapshotId, ...years) as [number, number, number][]) {
    let list = bounds.get(year);
    if (!list) bounds.set(year, (list = []));
    list.push([bucket, lo]);
  }
  const keyDims = keyColumns.length;
  for (const [range, byLevel] of inRange) {
    const [year, bucket] = range.split(':').map(Number) as [number, number];
    const list = bounds.get(year) ?? [];
    const at = list.findIndex(([b]) => b === bucket);
    if (at < 0) throw new Error(`no range ${range} of 人均纯收入`);
    const lo = (list[at] as [number, number])[1];
    const next = list[at + 1];
    const open = [...byLevel].map(([level, byKey]) => ({
      positions: [...Array(level.rows).keys(), ...Array.from({ length: level.cols }, (_, j) => rowDims + j)],
      byKey,
    }));
    let left = open.reduce((s, o) => s + o.byKey.size, 0);
    // Only the waiting groups' rows need reach JavaScript: the range holds every group's rows.
    const matching = narrowTo(open, keyColumns, left);
    let last = -Infinity;
    feed(db, [...keyColumns, 'per_capita', 'size'].join(', '),
      `${FACT_TABLES.income} WHERE snapshot_id = ? AND year = ? AND per_capita >= ?${next ? ' AND per_capita < ?' : ''}${andFilters}${matching.sql}`,
      [snapshotId, year, lo, ...(next ? [next[1]] : []), ...filters.params, ...matching.params], (row) => {
        const value = row[keyDims] as number;
        if (value < last) throw new Error('income rows out of 人均纯收入 order');
        last = value;
        for (const { positions, byKey } of open) {
          const w = byKey.get(positions.map((i) => codeOf(row[i])).join(','));
          if (!w || w.group.median !== null) continue;
          w.cumulative += row[keyDims + 1] as number;
          if (w.cumulative * 2 >= w.total) {
            w.group.median = value;
            left--;
          }
        }
        return left === 0;
      });
    if (left !== 0) throw new Error(`medians of range ${range} not settled`);
  }
}

/**
 * A condition that keeps the rows of the waiting groups (key columns IS their codes, so a blank
 * matches a blank), unless a group keeps no key (a total wants every row) or too many wait.
 */
function narrowTo(
  open: readonly { positions: readonly number[]; byKey: ReadonlyMap<string, Waiting> }[],
  keyColumns: readonly string[], waiting: number,
): { sql: string; params: KeyCode[] } {
  const none = { sql: '', params: [] };
  if (waiting > 64) return none;
  const alternatives: string[] = [];
  const params: KeyCode[] = [];
  for (const { positions, byKey } of open) {
    const columns = positions.map((i) => keyColumns[i] as string).filter((c) => c !== 'year');
    if (columns.length === 0) return none;
    for (const w of byKey.values()) {
      const codes = [...w.group.rowCodes, ...w.group.colCodes];
      const kept = positions.map((i, k) => ({ column: keyColumns[i] as string, code: codes[k] ?? null })).filter((c) => c.column !== 'year');
      alternatives.push(`(${kept.map((c) => `${c.column} IS ?`).join(' AND ')})`);
      params.push(...kept.map((c) => c.code));
    }
  }
  return { sql: ` AND (${alternatives.join(' OR ')})`, params };
}
