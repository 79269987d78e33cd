import type { Db } from '../database';
import type { SignalThresholds } from '../../../../shared/api/evaluation';

/**
 * The signals of calculated exits (evaluation.md §2) in SQL. Every 脱贫 event of the snapshot is
 * joined once with its household and the income rows of Y−1, Y and Y+1 (primary-key probes) into a
 * temporary table eval_signal with one flag per signal; the figures are GROUP BYs over it and the
 * drill-downs read it back. eval_line holds L(Y) and the band limits of each year, rounded to 10⁻⁶
 * so that a value exactly at a threshold (1.1 × 3000 = 3300) falls where the rule says.
 */
export interface LineLimit { year: number; line: number }

const built = new WeakMap<Db, string>();

/** t × v rounded to 10⁻⁶: 1.1 × 3000 is 3300.0000000000005 in floating point. */
export function scaled(t: number, v: number): number {
  return Math.round(t * v * 1e6) / 1e6;
}

export function ensureSignalTable(db: Db, snapshotId: number, lines: readonly LineLimit[], t: SignalThresholds, stamp: string): void {
  if (built.get(db) === stamp) return;
  db.exec(`
    DROP TABLE IF EXISTS temp.eval_line;
    DROP TABLE IF EXISTS temp.eval_signal;
    DROP TABLE IF EXISTS temp.eval_registered;
    CREATE TEMP TABLE eval_line (year INTEGER PRIMARY KEY, line REAL NOT NULL, near_hi REAL NOT NULL, below_lo REAL NOT NULL);
    CREATE TEMP TABLE eval_registered (id INTEGER PRIMARY KEY, township TEXT NOT NULL);
  `);
  // The registered households (户类型 脱贫户) in a narrow table: the bunching counts probe it once per
  // income row near the line, which costs a third of probing the wide household rows.
  db.prepare(`INSERT INTO eval_registered SELECT id, township FROM household WHERE snapshot_id = ? AND type = '脱贫户'`).run(snapshotId);
  const insertLine = db.prepare(`INSERT INTO eval_line VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const l of lines) insertLine.run(l.year, l.line, scaled(t.nearLine, l.line), scaled(2 - t.nearLine, l.line));
  })();
  // The partial index event_flow_year (migration 009) is used when the query names its condition literally.
  db.prepare(`CREATE TEMP TABLE eval_signal AS
    SELECT e.id AS event_id, e.household_id, e.year, h.code, h.township, h.village, h.head_id_masked,
      l.line, i.size, i.net, i.per_capita AS p, ip.per_capita AS p_prev, inx.per_capita AS p_next,
      (i.household_id IS NOT NULL) AS has_income, (l.line IS NOT NULL) AS has_line,
      CASE WHEN i.household_id IS NULL THEN NULL ELSE CAST(floor(i.per_capita + 0.5) AS INTEGER) END AS rp,
      COALESCE(i.per_capita >= l.line AND i.per_capita < l.near_hi, 0) AS s1,
      COALESCE(i.per_capita >= l.line AND i.net - COALESCE(i.transfer, 0) < l.line * i.size, 0) AS s2,
      COALESCE(i.per_capita >= l.line AND i.net - COALESCE(i.other_transfer, 0) < l.line * i.size, 0) AS s3,
      COALESCE(ip.per_capita > 0 AND i.per_capita >= round(? * ip.per_capita, 6)
        AND (inx.household_id IS NULL OR inx.per_capita < round(? * i.per_capita, 6)), 0) AS s4,
      0 AS s5
    FROM event e JOIN household h ON h.id = e.household_id
    LEFT JOIN eval_line l ON l.year = e.year
    LEFT JOIN income i ON i.household_id = e.household_id AND i.year = e.year
    LEFT JOIN income ip ON ip.household_id = e.household_id AND ip.year = e.year - 1
    LEFT JOIN income inx ON inx.household_id = e.household_id AND inx.year = e.year + 1
    WHERE e.snapshot_id = ? AND e.type IN ('识别', '返贫', '脱贫', '自然减少', '清退') AND e.type = '脱贫'`)
    .run(t.jump, t.fallBack, snapshotId);
  // S5: village names repeat across townships, so a village is (township, village).
  db.prepare(`UPDATE eval_signal SET s5 = 1 WHERE has_income AND (township, village, year, rp) IN (
    SELECT township, village, year, rp FROM eval_signal WHERE has_income GROUP BY township, village, year, rp HAVING COUNT(*) >= ?)`)
    .run(t.identical);
  built.set(db, stamp);
}

const ANY = '(s1 OR s2 OR s3 OR s4 OR s5)';

export interface SignalTotals {
  exits: number; judged: number; withoutIncome: number; withoutLine: number;
  s1: number; s2: number; s3: number; s4: number; s5: number; any: number;
  h1: number; h2: number; h3: number; h4: number; h5: number; hAny: number;
}

export function signalTotals(db: Db): SignalTotals {
  const h = (cond: string): string => `COUNT(DISTINCT CASE WHEN ${cond} THEN household_id END)`;
  return db.prepare(`SELECT COUNT(*) AS exits, COALESCE(SUM(has_income), 0) AS judged,
      COALESCE(SUM(NOT has_income), 0) AS withoutIncome, COALESCE(SUM(has_income AND NOT has_line), 0) AS withoutLine,
      COALESCE(SUM(s1), 0) AS s1, COALESCE(SUM(s2), 0) AS s2, COALESCE(SUM(s3), 0) AS s3, COALESCE(SUM(s4), 0) AS s4,
      COALESCE(SUM(s5), 0) AS s5, COALESCE(SUM(${ANY}), 0) AS "any",
      ${h('s1')} AS h1, ${h('s2')} AS h2, ${h('s3')} AS h3, ${h('s4')} AS h4, ${h('s5')} AS h5, ${h(ANY)} AS hAny
    FROM eval_signal`).get() as SignalTotals;
}

export interface SignalAreaRow {
  year: number; township: string | null; exits: number; judged: number;
  S1: number; S2: number; S3: number; S4: number; S5: number; any: number;
}

export function signalsByArea(db: Db): SignalAreaRow[] {
  const sums = `COUNT(*) AS exits, SUM(has_income) AS judged, SUM(s1) AS S1, SUM(s2) AS S2, SUM(s3) AS S3, SUM(s4) AS S4,
    SUM(s5) AS S5, SUM(${ANY}) AS "any"`;
  return db.prepare(`SELECT year, NULL AS township, ${sums} FROM eval_signal GROUP BY year
    UNION ALL SELECT year, township, ${sums} FROM eval_signal GROUP BY year, township
    ORDER BY 1, 2 IS NOT NULL, 2`).all() as SignalAreaRow[];
}

export interface FlaggedRow {
  code: string; township: string; village: string; head_id_masked: string | null; year: number; line: number | null;
  p: number; size: number; net: number; p_prev: number | null; p_next: number | null;
  s1: number; s2: number; s3: number; s4: number; s5: number; rp: number;
}

export interface SignalFilter { signal: 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'any'; year?: number | undefined; township?: string | undefined }

function filterSql(f: SignalFilter): { sql: string; params: unknown[] } {
  const parts = [f.signal === 'any' ? ANY : f.signal.toLowerCase()];
  const params: unknown[] = [];
  if (f.year !== undefined) {
    parts.push('year = ?');
    params.push(f.year);
  }
  if (f.township !== undefined) {
    parts.push('township = ?');
    params.push(f.township);
  }
  return { sql: parts.join(' AND '), params };
}

export function flaggedRows(db: Db, f: SignalFilter, limit: number): { total: number; rows: FlaggedRow[] } {
  const w = filterSql(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM eval_signal WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = db.prepare(`SELECT code, township, village, head_id_masked, year, line, p, size, net, p_prev, p_next, s1, s2, s3, s4, s5, rp
    FROM eval_signal WHERE ${w.sql} ORDER BY township, village, code, year LIMIT ?`).all(...w.params, limit) as FlaggedRow[];
  return { total, rows };
}

/** Exit years that have a line: the years of the bunching figures. */
export function exitYearsWithLine(db: Db): number[] {
  return (db.prepare(`SELECT DISTINCT year FROM eval_signal WHERE has_line ORDER BY year`).raw().all() as [number][]).map((r) => r[0]);
}

export interface BunchingSqlRow { year: number; township: string; line: number; above: number; below: number }

/**
 * Registered households (户类型 脱贫户) with an income row in Y, counted just above and just below
 * L(Y) per township: one index range scan of income_year_cover per year (eval_line drives, CROSS
 * JOIN keeps that order), each row probing the narrow eval_registered table.
 */
export function bunchingRows(db: Db, snapshotId: number, years: readonly number[]): BunchingSqlRow[] {
  if (years.length === 0) return [];
  const list = years.map(() => '?').join(', ');
  return db.prepare(`SELECT l.year AS year, r.township AS township, l.line AS line,
      SUM(i.per_capita >= l.line) AS above, SUM(i.per_capita < l.line) AS below
    FROM eval_line l CROSS JOIN income i ON i.snapshot_id = ? AND i.year = l.year AND i.per_capita >= l.below_lo AND i.per_capita < l.near_hi
    JOIN eval_registered r ON r.id = i.household_id
    WHERE l.year IN (${list}) GROUP BY l.year, r.township`).all(snapshotId, ...years) as BunchingSqlRow[];
}

const BIN = 'MIN(29, CAST((i.per_capita * 50 - l.line * 40) / l.line AS INTEGER))';
const HIST_BAND = 'i.per_capita >= round(0.8 * l.line, 6) AND i.per_capita < round(1.4 * l.line, 6)';

/**
 * p/L of registered households in bins of 0.02 from 0.8 to 1.4 (bin k = [0.8 + 0.02k, 0.8 + 0.02(k+1))):
 * every income row of the band counted straight off the index (in its order, no probe), less the
 * rows of the few households that are not registered (普通农户), found from the household side.
 */
export function histogramRows(db: Db, snapshotId: number, years: readonly number[]): { year: number; bin: number; n: number }[] {
  if (years.length === 0) return [];
  const list = years.map(() => '?').join(', ');
  return db.prepare(`SELECT year, bin, SUM(w) AS n FROM (
      SELECT l.year AS year, ${BIN} AS bin, COUNT(*) AS w
        FROM eval_line l CROSS JOIN income i ON i.snapshot_id = ? AND i.year = l.year AND ${HIST_BAND}
        WHERE l.year IN (${list}) GROUP BY 1, 2
      UNION ALL
      SELECT l.year AS year, ${BIN} AS bin, -COUNT(*) AS w
        FROM household h JOIN income i ON i.household_id = h.id JOIN eval_line l ON l.year = i.year AND ${HIST_BAND}
        WHERE h.snapshot_id = ? AND h.type IS NOT '脱贫户' AND l.year IN (${list}) GROUP BY 1, 2)
    GROUP BY year, bin ORDER BY year, bin`).all(snapshotId, ...years, snapshotId, ...years) as { year: number; bin: number; n: number }[];
}

export interface BandSqlRow {
  code: string; township: string; village: string; head_id_masked: string | null; status: string | null;
  year: number; p: number; line: number; size: number;
}

/** Registered households of year Y with lo ≤ p < hi (a bunching side or a histogram bin). */
export function bandRows(db: Db, snapshotId: number, year: number, lo: number, hi: number, township: string | undefined, limit: number):
  { total: number; rows: BandSqlRow[] } {
  const town = township === undefined ? '' : ' AND h.township = ?';
  const params = [snapshotId, year, lo, hi, ...(township === undefined ? [] : [township])];
  const from = `FROM income i JOIN household h ON h.id = i.household_id AND h.type = '脱贫户'
    JOIN eval_line l ON l.year = i.year
    WHERE i.snapshot_id = ? AND i.year = ? AND i.per_capita >= ? AND i.per_capita < ?${town}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT h.code, h.township, h.village, h.head_id_masked, h.status, i.year, i.per_capita AS p, l.line, i.size
    ${from} ORDER BY h.township, h.village, h.code LIMIT ?`).all(...params, limit) as BandSqlRow[];
  return { total, rows };
}
