import type { Db } from '../db/database';
import { FACT_TABLES } from './facts/factColumns';
import type { Group, LevelGroups } from './group';
import { levelId, type Level } from './levels';
import type { PivotPlan } from './plan';
import { columnOf } from './sqlParts';
import { feedRows } from '../db/rowFeed';

/** Below this many groups the row feed, which stops at each group's half, is as fast. */
export const MANY_GROUPS = 2000;
/** Row sets kept per connection (each ≈ 28 bytes a row: 56 MB for the large county's 2 million). */
const KEPT = 3;
/** Largest packed key space of a level looked up through a plain array. */
const MAX_SPAN = 1 << 21;
const NULL_CODE = -2147483648;

/**
 * The rows a median pivot reads, as typed columns in (year, 人均纯收入) order: the key codes of the
 * pivot's dimensions, 人均纯收入 and 人口. Read once per connection, field set and filter — like a
 * session cube (lazyCubes.ts) — the next pivot over them (other measures, totals, sort, the same
 * pivot again) finds every group's median in one pass over arrays instead of 2 million rows
 * crossing from SQLite into JavaScript.
 */
interface MedianRows {
  readonly builtAt: string;
  readonly n: number;
  readonly year: Int32Array;
  readonly codes: readonly Int32Array[];
  readonly value: Float64Array;
  readonly weight: Float64Array;
  /** Row numbers in ascending 人均纯收入 across years (merged from the per-year runs), made when a level pools years. */
  byValue: Uint32Array | null;
  /** Each level's answer, by its key positions. */
  readonly levels: Map<string, LevelAnswer>;
  lastUsed: number;
}

const kept = new WeakMap<Db, Map<string, MedianRows>>();
let clock = 0;

function grow<T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

/** Reads the rows in the table's (year, 人均纯收入) order; null when they do not come so (then the feed is used). */
function readRows(db: Db, plan: PivotPlan, columns: readonly string[]): MedianRows | null {
  let cap = 1 << 16;
  let year = new Int32Array(cap);
  let codes = columns.map(() => new Int32Array(cap));
  let value = new Float64Array(cap);
  let weight = new Float64Array(cap);
  let n = 0;
  let ordered = true;
  const keyDims = columns.length;
  const keys = columns.length ? `${columns.join(', ')}, ` : '';
  const sql = `SELECT SUM(pivot_median_rows(year, ${keys}per_capita, size)) FROM ${FACT_TABLES.income} WHERE ${plan.where.sql}`;
  feedRows(db, 'pivot_median_rows', sql, plan.where.params, (row) => {
    if (n === cap) {
      cap *= 2;
      year = grow(year, (k) => new Int32Array(k));
      codes = codes.map((c) => grow(c, (k) => new Int32Array(k)));
      value = grow(value, (k) => new Float64Array(k));
      weight = grow(weight, (k) => new Float64Array(k));
    }
    const y = row[0] as number;
    const v = row[keyDims + 1] as number;
    if (n > 0 && (y < (year[n - 1] as number) || (y === year[n - 1] && v < (value[n - 1] as number)))) ordered = false;
    year[n] = y;
    for (let j = 0; j < keyDims; j++) {
      const c = row[1 + j] as number | null;
      (codes[j] as Int32Array)[n] = c === null ? NULL_CODE : c;
    }
    value[n] = v;
    weight[n] = row[keyDims + 2] as number;
    n++;
  });
  if (!ordered) return null;
  return {
    builtAt: plan.facts.state.builtAt, n, year: year.subarray(0, n), codes: codes.map((c) => c.subarray(0, n)),
    value: value.subarray(0, n), weight: weight.subarray(0, n), byValue: null, levels: new Map(), lastUsed: 0,
  };
}

function rowsFor(db: Db, plan: PivotPlan): MedianRows | null {
  const columns = plan.dims.map(columnOf);
  const key = `${plan.facts.scope.snapshot.id}|${columns.join(',')}|${plan.where.sql}|${JSON.stringify(plan.where.params)}`;
  let perDb = kept.get(db);
  if (!perDb) {
    perDb = new Map();
    kept.set(db, perDb);
  }
  let rows = perDb.get(key);
  if (!rows || rows.builtAt !== plan.facts.state.builtAt) {
    perDb.delete(key);
    const read = readRows(db, plan, columns);
    if (!read) return null;
    rows = read;
    if (perDb.size >= KEPT) {
      const oldest = [...perDb.entries()].reduce((a, b) => (a[1].lastUsed <= b[1].lastUsed ? a : b));
      perDb.delete(oldest[0]);
    }
    perDb.set(key, rows);
  }
  rows.lastUsed = ++clock;
  return rows;
}

/** Merges the per-year runs (each ascending in 人均纯收入) into one ascending order. */
function byValue(rows: MedianRows): Uint32Array {
  if (rows.byValue) return rows.byValue;
  const starts: number[] = [];
  for (let i = 0; i < rows.n; i++) if (i === 0 || rows.year[i] !== rows.year[i - 1]) starts.push(i);
  const heads = Int32Array.from(starts);
  const ends = Int32Array.from(starts.map((_, k) => starts[k + 1] ?? rows.n));
  const out = new Uint32Array(rows.n);
  for (let o = 0; o < rows.n; o++) {
    let best = -1;
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k] as number;
      if (h >= (ends[k] as number)) continue;
      if (best < 0 || (rows.value[h] as number) < (rows.value[heads[best] as number] as number)) best = k;
    }
    out[o] = heads[best] as number;
    heads[best] = (heads[best] as number) + 1;
  }
  rows.byValue = out;
  return out;
}

/** The medians of every key of a level over the kept rows, by packed key (NaN: no persons). */
interface LevelAnswer {
  readonly lo: Float64Array;
  readonly size: Float64Array;
  readonly medians: Float64Array;
}

/** A column's code range over the kept rows (null codes apart). */
function rangeOf(column: Int32Array): { lo: number; size: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < column.length; i++) {
    const c = column[i] as number;
    if (c === NULL_CODE) continue;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return lo === Infinity ? { lo: 0, size: 1 } : { lo, size: hi - lo + 2 };
}

/**
 * Every key's median of one level (the key positions kept) in two passes over the rows: the
 * persons of each key, then the rows in ascending 人均纯收入 — within each year when the level
 * keeps the year, across years otherwise — until each key's persons reach half. Kept with the
 * rows, so that the same level of the next pivot costs one look-up per group. Null when the
 * level's key space is too large for lookup arrays.
 */
function levelAnswer(plan: PivotPlan, rows: MedianRows, positions: readonly number[]): LevelAnswer | null {
  const id = positions.join(',');
  const known = rows.levels.get(id);
  if (known) return known;
  const cols = positions.map((p) => rows.codes[p] as Int32Array);
  const ranges = cols.map(rangeOf);
  const lo = Float64Array.from(ranges, (r) => r.lo);
  const size = Float64Array.from(ranges, (r) => r.size);
  const span = size.reduce((s, x) => s * x, 1);
  if (span > MAX_SPAN) return null;
  const keys = new Int32Array(rows.n);
  const totals = new Float64Array(span);
  const J = cols.length;
  for (let r = 0; r < rows.n; r++) {
    let key = 0;
    for (let j = 0; j < J; j++) {
      const c = (cols[j] as Int32Array)[r] as number;
      key = key * (size[j] as number) + (c === NULL_CODE ? 0 : c - (lo[j] as number) + 1);
    }
    keys[r] = key;
    totals[key] = (totals[key] as number) + (rows.weight[r] as number);
  }
  let open = 0;
  for (let k = 0; k < span; k++) if ((totals[k] as number) > 0) open++;
  const medians = new Float64Array(span).fill(NaN);
  const cumulative = new Float64Array(span);
  const yearKept = positions.some((p) => plan.dims[p]?.key === 'year');
  const order = yearKept ? null : byValue(rows);
  for (let o = 0; o < rows.n && open > 0; o++) {
    const r = order ? (order[o] as number) : o;
    const key = keys[r] as number;
    if (!Number.isNaN(medians[key] as number)) continue;
    const total = totals[key] as number;
    if (total <= 0) continue;
    cumulative[key] = (cumulative[key] as number) + (rows.weight[r] as number);
    if ((cumulative[key] as number) * 2 >= total) {
      medians[key] = rows.value[r] as number;
      open--;
    }
  }
  const answer = { lo, size, medians };
  rows.levels.set(id, answer);
  return answer;
}

/** Writes a level's medians into its groups; false when the level cannot be answered this way. */
function levelMedians(plan: PivotPlan, rows: MedianRows, level: Level, groups: Iterable<Group>): boolean {
  const rowDims = plan.spec.rows.length;
  const positions = [...Array(level.rows).keys(), ...Array.from({ length: level.cols }, (_, j) => rowDims + j)];
  const answer = levelAnswer(plan, rows, positions);
  if (!answer) return false;
  for (const g of groups) {
    let key = 0;
    let inside = true;
    [...g.rowCodes, ...g.colCodes].forEach((c, j) => {
      const idx = c === null ? 0 : c - (answer.lo[j] as number) + 1;
      if (idx < 0 || idx >= (answer.size[j] as number) || (idx === 0 && c !== null)) inside = false;
      key = key * (answer.size[j] as number) + idx;
    });
    const m = inside ? answer.medians[key] as number : NaN;
    g.median = Number.isNaN(m) ? null : m;
  }
  return true;
}

/**
 * Writes every level's medians from the kept rows (weightedMedian.ts: the smallest 人均纯收入 whose
 * persons at or below reach half, a group's persons being the 人口 of its rows). Returns false, having
 * written nothing that counts, when the rows cannot be used this way: the caller feeds the rows.
 */
export function columnMedians(db: Db, plan: PivotPlan, levels: LevelGroups): boolean {
  const rows = rowsFor(db, plan);
  if (!rows) return false;
  for (const level of plan.levels) {
    if (!levelMedians(plan, rows, level, levels.get(levelId(level))?.values() ?? [])) return false;
  }
  return true;
}
