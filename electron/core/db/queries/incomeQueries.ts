import type { Db } from '../database';
import type { HouseholdScope, SqlPart } from './householdScope';

/** Sums of one (group, year) cell over income rows; blank amounts count as 0 (TOTAL ignores NULL). */
export interface IncomeSumRow {
  readonly grp: string | null;
  readonly year: number;
  readonly households: number;
  readonly persons: number;
  readonly net: number;
  readonly wage: number;
  readonly netBusiness: number;
  readonly property: number;
  readonly transfer: number;
  readonly support: number;
}

export interface IncomeQuery {
  readonly households: HouseholdScope;
  /** Income years to read (already limited to the requested range). */
  readonly years: readonly number[];
  readonly group: SqlPart | null;
  /** Balanced panel: only households with a row in every one of these years. */
  readonly panelYears: readonly number[] | null;
}

/** The snapshot's income years, one index seek per year (a DISTINCT would read every row). */
export function selectIncomeYears(db: Db, snapshotId: number): number[] {
  const next = db.prepare(`SELECT MIN(year) FROM income WHERE snapshot_id = ? AND year > ?`).raw();
  const years: number[] = [];
  let year = -1;
  for (;;) {
    const row = next.get(snapshotId, year) as [number | null];
    if (row[0] === null) return years;
    year = row[0];
    years.push(year);
  }
}

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/**
 * The FROM/WHERE shared by the sums and the median rows. Without a filter or grouping the income
 * table is read alone (no join), which is what keeps the county-wide figures fast.
 */
function incomeSource(q: IncomeQuery): SqlPart {
  const withParts: string[] = [];
  const params: unknown[] = [];
  const joinHouseholds = q.households.filtered || q.group !== null;
  if (joinHouseholds) {
    withParts.push(`hh AS MATERIALIZED (SELECT h.id AS id, ${q.group ? q.group.sql : 'NULL'} AS grp FROM household h WHERE ${q.households.where.sql})`);
    params.push(...(q.group?.params ?? []), ...q.households.where.params);
  }
  if (q.panelYears) {
    // Unary + keeps the planner on the table's own (household, year) order, so the grouping by
    // household streams instead of sorting two million index entries.
    withParts.push(
      `panel AS MATERIALIZED (SELECT p.household_id FROM income p ${joinHouseholds ? 'JOIN hh ON hh.id = p.household_id' : ''}
        WHERE +p.snapshot_id = ? AND +p.year IN (${marks(q.panelYears.length)})
        GROUP BY p.household_id HAVING COUNT(*) = ?)`,
    );
    params.push(q.households.snapshotId, ...q.panelYears, q.panelYears.length);
  }
  const sql = `${withParts.length ? `WITH ${withParts.join(', ')}` : ''}
    SELECT ${joinHouseholds ? 'hh.grp' : 'NULL'} AS grp, i.year AS year, {COLUMNS}
    FROM income i ${joinHouseholds ? 'JOIN hh ON hh.id = i.household_id' : ''}
    WHERE i.snapshot_id = ? AND i.year IN (${marks(q.years.length)})
      ${q.panelYears ? 'AND i.household_id IN (SELECT household_id FROM panel)' : ''}`;
  params.push(q.households.snapshotId, ...q.years);
  return { sql, params };
}

export function selectIncomeSums(db: Db, q: IncomeQuery): IncomeSumRow[] {
  if (q.years.length === 0) return [];
  const source = incomeSource(q);
  const columns = `COUNT(*) AS households, SUM(i.size) AS persons, TOTAL(i.net) AS net, TOTAL(i.wage) AS wage,
    TOTAL(i.business) - TOTAL(i.business_cost) AS netBusiness, TOTAL(i.property) AS property,
    TOTAL(i.transfer) AS transfer, TOTAL(i.dibao) + TOTAL(i.tekun) AS support`;
  const sql = `${source.sql.replace('{COLUMNS}', columns)} GROUP BY 1, 2 ORDER BY 1, 2`;
  return db.prepare(sql).all(...source.params) as IncomeSumRow[];
}

/**
 * Streams (group, year, 人均纯收入, 人口) ordered by group, year and 人均纯收入, for the weighted
 * median. The visitor returns false to stop early (the median needs only the lower half).
 */
export function streamPerCapitaOrdered(
  db: Db, q: IncomeQuery, visit: (grp: string | null, year: number, perCapita: number, size: number) => boolean,
): void {
  if (q.years.length === 0) return;
  const source = incomeSource(q);
  const sql = `${source.sql.replace('{COLUMNS}', 'i.per_capita, i.size')} ORDER BY 1, 2, 3`;
  const iterator = db.prepare(sql).raw().iterate(...source.params) as IterableIterator<[string | null, number, number, number]>;
  for (const row of iterator) {
    if (!visit(row[0], row[1], row[2], row[3])) {
      iterator.return?.();
      return;
    }
  }
}

/*
 * County-wide access to one year in 人均纯收入 order through income_year_cover (no filter, no
 * grouping): the weighted median starts from the unweighted one and walks only the rows between.
 */

/** 人均纯收入 of the row at `offset` (0-based) in ascending order. */
export function perCapitaAtOffset(db: Db, snapshotId: number, year: number, offset: number): number | null {
  const row = db.prepare(
    `SELECT per_capita FROM income WHERE snapshot_id = ? AND year = ? ORDER BY per_capita LIMIT 1 OFFSET ?`,
  ).raw().get(snapshotId, year, offset) as [number] | undefined;
  return row ? row[0] : null;
}

/** Σ 人口 of the rows with 人均纯收入 ≤ value. */
export function personsAtOrBelow(db: Db, snapshotId: number, year: number, value: number): number {
  const row = db.prepare(
    `SELECT TOTAL(size) FROM income WHERE snapshot_id = ? AND year = ? AND per_capita <= ?`,
  ).raw().get(snapshotId, year, value) as [number];
  return row[0];
}

/** Streams (人均纯收入, 人口) from `value` upwards (exclusive) or downwards (inclusive); visit returns false to stop. */
export function streamFrom(
  db: Db, snapshotId: number, year: number, value: number, direction: 'up' | 'down',
  visit: (perCapita: number, size: number) => boolean,
): void {
  const sql = direction === 'up'
    ? `SELECT per_capita, size FROM income WHERE snapshot_id = ? AND year = ? AND per_capita > ? ORDER BY per_capita`
    : `SELECT per_capita, size FROM income WHERE snapshot_id = ? AND year = ? AND per_capita <= ? ORDER BY per_capita DESC`;
  const iterator = db.prepare(sql).raw().iterate(snapshotId, year, value) as IterableIterator<[number, number]>;
  for (const [v, w] of iterator) {
    if (!visit(v, w)) {
      iterator.return?.();
      return;
    }
  }
}

/** Σ纯收入 and Σ人口 of the balanced panel in its first and last year, and its households (one pass). */
export interface PanelEnds {
  readonly households: number;
  readonly net0: number;
  readonly persons0: number;
  readonly net1: number;
  readonly persons1: number;
}

export function selectPanelEnds(db: Db, households: HouseholdScope, years: readonly number[]): PanelEnds {
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const join = households.filtered ? `JOIN household h ON h.id = i.household_id AND ${households.where.sql}` : '';
  return db.prepare(
    `SELECT COUNT(*) AS households, TOTAL(n0) AS net0, TOTAL(s0) AS persons0, TOTAL(n1) AS net1, TOTAL(s1) AS persons1
     FROM (SELECT COUNT(*) AS c,
             TOTAL(CASE WHEN i.year = ? THEN i.net END) AS n0, TOTAL(CASE WHEN i.year = ? THEN i.size END) AS s0,
             TOTAL(CASE WHEN i.year = ? THEN i.net END) AS n1, TOTAL(CASE WHEN i.year = ? THEN i.size END) AS s1
           FROM income i ${join}
           WHERE +i.snapshot_id = ? AND +i.year IN (${marks(years.length)})
           GROUP BY i.household_id HAVING c = ?)`,
  ).get(first, first, last, last, ...(households.filtered ? households.where.params : []), households.snapshotId, ...years, years.length) as PanelEnds;
}
