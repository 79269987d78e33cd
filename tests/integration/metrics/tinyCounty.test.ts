import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { standardMetrics } from '../../../electron/core/metrics/standard';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';

/**
 * The sample county imported by the real importer, every figure of the independently computed
 * tiny-county.expected.json compared (to 1e-9 for fractions and amounts, exactly for counts).
 */
const SAMPLES = join(__dirname, '..', '..', 'fixtures');
const expected = JSON.parse(readFileSync(join(SAMPLES, 'tiny-county.expected.json'), 'utf8')) as ExpectedJson;

interface ExpectedJson {
  county: string;
  households: number;
  members: number;
  incomeRows: number;
  income: { byYear: Record<string, number>[]; cagr: Record<string, number>; panelCagr: Record<string, number> };
  exits: { byYear: Record<string, number>[]; attribution: Record<'income' | 'structural', Record<string, Record<string, number>>> };
  returns: { byYear: (Record<string, number> & { byCause: Record<string, Record<string, number>> })[] };
  monitoring: {
    byCategory: Record<string, Record<string, number>>; byRisk: Record<string, Record<string, number>>;
    eliminated: Record<string, number>;
  };
  flows: (Record<string, number> & { unit: string })[];
}

/** Every numeric field of `want` equals the same field of `got` (1e-9 relative for non-integers). */
function expectFigures(got: unknown, want: unknown, path: string): void {
  if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    if (Number.isInteger(want)) expect(got, path).toBe(want);
    else expect(Math.abs((got as number) - want), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    return;
  }
  if (typeof want === 'string') {
    expect(got, path).toBe(want);
    return;
  }
  if (want && typeof want === 'object') {
    expect(got, path).toBeTruthy();
    for (const [k, v] of Object.entries(want)) expectFigures((got as Record<string, unknown>)[k], v, `${path}.${k}`);
  }
}

function byYear<T extends { year: number }>(list: readonly T[], year: number, path: string): T {
  const row = list.find((r) => r.year === year);
  expect(row, `${path} ${year}`).toBeDefined();
  return row as T;
}

let dir: string;
let db: Db;
let snapshotId: number;
let metrics: StandardMetrics;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-tiny-'));
  db = openDatabase(join(dir, 'tiny.sqlite'));
  const result = await importSnapshot(db, join(SAMPLES, 'tiny-county.xlsx'));
  expect(result.errors).toEqual([]);
  snapshotId = result.snapshotId as number;
  metrics = standardMetrics(db, { snapshotId });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tiny-county.xlsx through the importer and the metrics engine', () => {
  it('has the expected county and row counts', () => {
    expect(metrics.snapshot.county).toBe(expected.county);
    const s = db.prepare('SELECT households, persons, income_rows FROM snapshot WHERE id = ?').get(snapshotId);
    expect(s).toEqual({ households: expected.households, persons: expected.members, income_rows: expected.incomeRows });
  });

  it('matches income by year, CAGR and panel CAGR', () => {
    for (const want of expected.income.byYear) {
      expectFigures(byYear(metrics.income.byYear, want.year as number, 'income'), want, `income.${want.year}`);
    }
    expect(metrics.income.byYear.map((y) => y.year)).toEqual(expected.income.byYear.map((y) => y.year));
    expectFigures(metrics.income.cagr, expected.income.cagr, 'income.cagr');
    expectFigures(metrics.income.panelCagr, expected.income.panelCagr, 'income.panelCagr');
  });

  it('matches exits by year and the income and structural attribution', () => {
    expect(metrics.exits.byYear.map((y) => y.year)).toEqual(expected.exits.byYear.map((y) => y.year));
    for (const want of expected.exits.byYear) {
      expectFigures(byYear(metrics.exits.byYear, want.year as number, 'exits'), want, `exits.${want.year}`);
    }
    expectFigures(metrics.exits.attribution.income, expected.exits.attribution.income, 'attribution.income');
    expectFigures(metrics.exits.attribution.structural, expected.exits.attribution.structural, 'attribution.structural');
    // categories the sample does not have are present with zeros, never missing
    expect(metrics.exits.attribution.income['无收入记录']).toEqual({ households: 0, persons: 0, share: 0 });
  });

  it('matches returns by year with rates and causes', () => {
    // The years the fixture lists, plus every other year up to the 截至 year as a 0 % year
    const listed = new Set(expected.returns.byYear.map((y) => y.year as number));
    for (const y of metrics.returns.byYear.filter((r) => !listed.has(r.year))) {
      expect([y.year, y.households, y.persons]).toEqual([y.year, 0, 0]);
      expect(y.rate === null || y.rate === 0, `returns.${y.year}.rate`).toBe(true);
    }
    expect(metrics.returns.byYear.filter((y) => listed.has(y.year)).length).toBe(listed.size);
    for (const want of expected.returns.byYear) {
      const got = byYear(metrics.returns.byYear, want.year as number, 'returns');
      expectFigures(got, want, `returns.${want.year}`);
      expect(Object.keys(got.byCause).sort()).toEqual(Object.keys(want.byCause).sort());
    }
  });

  it('matches monitoring', () => {
    expectFigures(metrics.monitoring, expected.monitoring, 'monitoring');
    expect(Object.keys(metrics.monitoring.byRisk).sort()).toEqual(Object.keys(expected.monitoring.byRisk).sort());
  });

  it('matches the flows in households and persons, and the identity holds', () => {
    expect(metrics.flows.map((f) => [f.year, f.unit])).toEqual(expected.flows.map((f) => [f.year, f.unit]));
    for (const want of expected.flows) {
      const got = metrics.flows.find((f) => f.year === want.year && f.unit === want.unit);
      expectFigures(got, want, `flows.${want.year}.${want.unit}`);
    }
    expect(flowsMetrics(db, { snapshotId }).identityHolds).toBe(true);
  });

  it('gives the same panel CAGR through the full panel series', () => {
    const g = incomeMetrics(db, { snapshotId, population: 'panel' }).groups[0];
    expect(g?.panel?.households).toBe(expected.income.panelCagr.households);
    expect(Math.abs((g?.panel?.cagr?.value ?? 0) - (expected.income.panelCagr.value as number))).toBeLessThan(1e-12);
  });
});
