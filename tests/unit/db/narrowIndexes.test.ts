import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, SCHEMA_VERSION, type Db } from '../../../electron/core/db/database';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { selectFlowYearSpan } from '../../../electron/core/db/queries/flowQueries';
import {
  perCapitaAtOffset, personsAtOrBelow, selectCountyIncomeSums, selectIncomeYears, streamCountyPerCapita, streamFrom,
  type IncomeSumRow,
} from '../../../electron/core/db/queries/incomeQueries';
import { visitYearPerCapita } from '../../../electron/core/db/queries/incomeDistributionQueries';
import { householdScope } from '../../../electron/core/db/queries/householdScope';
import { selectReturnEvents } from '../../../electron/core/db/queries/returnQueries';
import { selectMonitoredHouseholds } from '../../../electron/core/db/queries/monitoringQueries';
import { writeGeneratedCounty } from '../metrics/support/generatedCounty';

let dir: string;
let db: Db;
let snapshotId: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-narrow-'));
  db = openDatabase(join(dir, 'county.sqlite'));
  snapshotId = writeGeneratedCounty(db, { households: 600, seed: 9, townships: 4 });
  // Amounts with fractions, so that the order and the way of adding up show in the last bits.
  db.prepare(`UPDATE income SET wage = wage + (household_id % 7) * 0.1 + year * 0.001, property = coalesce(property, 0) + 0.3,
    dibao = CASE WHEN household_id % 3 = 0 THEN NULL ELSE coalesce(dibao, 0) + 1.0 / 3 END`).run();
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function indexColumns(d: Db | Database.Database, name: string): string[] {
  return (d.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as { name: string }[]).map((r) => r.name);
}

function indexSql(d: Db | Database.Database, name: string): string | null {
  return (d.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) as { sql: string } | undefined)?.sql ?? null;
}

function expectNarrowIndexes(d: Db | Database.Database): void {
  expect(indexColumns(d, 'income_year_cover')).toEqual(['snapshot_id', 'year', 'per_capita', 'size']);
  expect(indexColumns(d, 'measure_household')).toEqual(['household_id']);
  expect(indexColumns(d, 'household_area')).toEqual(['snapshot_id', 'township']);
  expect(indexColumns(d, 'event_flow_year')).toEqual(['snapshot_id', 'year']);
  expect(indexColumns(d, 'event_return_year')).toEqual(['snapshot_id', 'year']);
  expect(indexSql(d, 'event_flow_year')).toMatch(/WHERE type IN \('识别', '返贫', '脱贫', '自然减少', '清退'\)$/);
  expect(indexSql(d, 'event_return_year')).toMatch(/WHERE type = '返贫'$/);
  expect(indexSql(d, 'event_type_year')).toBeNull();
}

/** Plain SQL, one year at a time over the table in its (household, year) order. */
function sqlSums(years: readonly number[], panel: boolean): IncomeSumRow[] {
  const inPanel = panel
    ? `AND household_id IN (SELECT household_id FROM income WHERE snapshot_id = ${snapshotId}
         AND year IN (${years.join(', ')}) GROUP BY household_id HAVING COUNT(*) = ${years.length})`
    : '';
  const rows: IncomeSumRow[] = [];
  for (const year of years) {
    const r = db.prepare(
      `SELECT ? AS year, COUNT(*) AS households, SUM(size) AS persons, TOTAL(net) AS net, TOTAL(wage) AS wage,
         TOTAL(business) - TOTAL(business_cost) AS netBusiness, TOTAL(property) AS property, TOTAL(transfer) AS transfer,
         TOTAL(dibao) + TOTAL(tekun) AS support
       FROM income WHERE +snapshot_id = ? AND +year = ? ${inPanel}`,
    ).get(year, snapshotId, year) as IncomeSumRow;
    if (r.households > 0) rows.push(r);
  }
  return rows;
}

/** The plans of the statements `run` prepares. */
function plansOf(run: () => unknown): string[] {
  const spy = vi.spyOn(db, 'prepare');
  let texts: string[];
  try {
    run();
    texts = spy.mock.calls.map(([sql]) => sql);
  } finally {
    spy.mockRestore();
  }
  return texts.map((sql) => {
    const params = new Array((sql.match(/\?/g) ?? []).length).fill(null);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join(' | ');
  });
}

describe('migration 009: narrower indexes', () => {
  it('a new database has them, at the schema version', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expectNarrowIndexes(db);
  });

  it('a database at version 8 gets them when it is opened', () => {
    const path = join(dir, 'v8.sqlite');
    const raw = new Database(path);
    for (const m of MIGRATIONS.filter((x) => x.version <= 8)) raw.exec(m.sql);
    raw.pragma('user_version = 8');
    expect(indexColumns(raw, 'income_year_cover')).toHaveLength(12);
    expect(indexSql(raw, 'event_type_year')).not.toBeNull();
    raw.close();
    const reopened = openDatabase(path);
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expectNarrowIndexes(reopened);
    } finally {
      reopened.close();
    }
  });
});

describe('county-wide income sums with the narrow cover', () => {
  it('equal the SQL sums of every year, to the last bit (cross-section and balanced panel)', () => {
    const years = selectIncomeYears(db, snapshotId);
    expect(years.length).toBeGreaterThan(3);
    const cross = selectCountyIncomeSums(db, { snapshotId, years, panelYears: null });
    expect(cross).toEqual(sqlSums(years, false));
    expect(cross.reduce((n, r) => n + r.households, 0)).toBe((db.prepare(`SELECT COUNT(*) AS n FROM income`).get() as { n: number }).n);
    const some = years.slice(2, 5);
    expect(selectCountyIncomeSums(db, { snapshotId, years: some, panelYears: null })).toEqual(sqlSums(some, false));
    const panel = selectCountyIncomeSums(db, { snapshotId, years: some, panelYears: some });
    expect(panel).toEqual(sqlSums(some, true));
    expect(panel[0]?.households).toBeGreaterThan(0);
    expect(panel[0]?.households).toBeLessThan(cross[2]?.households ?? 0);
  });

  it('read the table once, in its own order, with no sort and no seek per row', () => {
    const years = selectIncomeYears(db, snapshotId);
    const plans = plansOf(() => selectCountyIncomeSums(db, { snapshotId, years, panelYears: years }));
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) {
      expect(p).not.toMatch(/TEMP B-TREE/);
      expect(p).not.toMatch(/USING INDEX income_year_cover/);
    }
  });

  it('the 人均纯收入-ordered reads stay on the covering index', () => {
    const years = selectIncomeYears(db, snapshotId);
    const year = years[years.length - 1] as number;
    const plans = plansOf(() => {
      perCapitaAtOffset(db, snapshotId, year, 10);
      personsAtOrBelow(db, snapshotId, year, 5000);
      streamFrom(db, snapshotId, year, 5000, 'up', () => false);
      streamFrom(db, snapshotId, year, 5000, 'down', () => false);
      visitYearPerCapita(db, householdScope(snapshotId), year, () => undefined);
      streamCountyPerCapita(db, { snapshotId, years, panelYears: null }, () => undefined);
    });
    expect(plans).toHaveLength(6);
    for (const p of plans) {
      expect(p).toMatch(/COVERING INDEX income_year_cover/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('the flow years and the county 返贫 list seek the partial event indexes', () => {
    const span = selectFlowYearSpan(db, snapshotId);
    const byType = db.prepare(`SELECT MIN(year) AS lo, MAX(year) AS hi FROM event
      WHERE +snapshot_id = ? AND +type IN ('识别', '返贫', '脱贫', '自然减少', '清退')`).get(snapshotId) as { lo: number; hi: number };
    expect(span).toEqual({ first: byType.lo, last: byType.hi });
    expect(plansOf(() => selectFlowYearSpan(db, snapshotId))).toEqual([
      expect.stringMatching(/event_flow_year/), expect.stringMatching(/event_flow_year/),
    ]);
    const returns = plansOf(() => selectReturnEvents(db, householdScope(snapshotId), null, null));
    expect(returns[0]).toMatch(/event_return_year/);
    expect(selectReturnEvents(db, householdScope(snapshotId), null, null)).toHaveLength(
      (db.prepare(`SELECT COUNT(*) AS n FROM event WHERE +type = '返贫'`).get() as { n: number }).n);
  });

  it('the monitored households come from household_monitored, not from the township index beside it', () => {
    const township = (db.prepare(`SELECT township FROM household ORDER BY id LIMIT 1`).get() as { township: string }).township;
    for (const scope of [householdScope(snapshotId), householdScope(snapshotId, { townships: [township] })]) {
      expect(plansOf(() => selectMonitoredHouseholds(db, scope))).toEqual([expect.stringMatching(/household_monitored/)]);
      const count = (db.prepare(`SELECT COUNT(*) AS n FROM household h WHERE ${scope.where.sql}
        AND +h.mon_category IS NOT NULL AND trim(h.mon_category) <> ''`).get(...scope.where.params) as { n: number }).n;
      expect(selectMonitoredHouseholds(db, scope)).toHaveLength(count);
    }
  });
});
