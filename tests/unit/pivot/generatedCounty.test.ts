import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { planPivot } from '../../../electron/core/pivot/plan';
import { checkSpec, pivotFactsFor, runPivot } from '../../../electron/core/pivot/runPivot';
import { loadBenchSpecs } from '../../bench/pivotBench';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-pivot-demo-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 1500, seed: 7 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Equal keys, and numbers equal up to the rounding of summing in another order. */
function expectSameFigures(a: PivotResult, b: PivotResult): void {
  const lines = (x: PivotResult): PivotResult['rows'] => [...x.rows, ...x.totals];
  expect(lines(a).length).toBe(lines(b).length);
  lines(a).forEach((line, i) => {
    const other = lines(b)[i] ?? [];
    line.forEach((v, j) => {
      const w = other[j];
      if (typeof v === 'number' && typeof w === 'number') expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      else expect(v).toBe(w);
    });
  });
}

describe('a generated county', () => {
  it.each(loadBenchSpecs().map((s) => [s.name, s.spec] as const))('gives the same figures from the summary tables as from the detail rows: %s', (_, spec) => {
    expectSameFigures(runPivot(db, { spec }), runPivot(db, { spec }, { useCubes: false }));
  });

  const uncovered: PivotSpecInput[] = [
    { rows: ['village'], columns: ['mainCause'], values: [{ measure: 'households' }, { measure: 'persons', share: 'row' }], filters: [{ field: 'relocated', op: 'in', values: ['否'] }], totals: true },
    { rows: ['returnCause', 'exitMethodStructural'], columns: ['year'], values: [{ measure: 'perCapitaIncome' }, { measure: 'supportIncome' }], totals: true },
    { rows: ['workStatus'], columns: ['exitMethodIncome'], values: [{ measure: 'members' }], filters: [{ field: 'poorVillage', op: 'in', values: ['是'] }], totals: true },
  ];
  it.each(uncovered.map((s, i) => [i, s] as const))('gives the same figures from a session cube as from the detail rows (%i)', (_, spec) => {
    const cube = runPivot(db, { spec });
    expect(cube.meta.source).toMatch(/本次会话/);
    expectSameFigures(cube, runPivot(db, { spec }, { useCubes: false }));
  });

  const memberHouseholds: PivotSpecInput[] = [
    { rows: ['ageGroup'], columns: ['householdAttribute'], values: [{ measure: 'members' }, { measure: 'households' }], totals: true },
    { rows: ['township', 'village'], columns: ['sex'], values: [{ measure: 'households' }, { measure: 'households', share: 'row' }], totals: true },
    { rows: ['health'], values: [{ measure: 'households' }], filters: [{ field: 'health', op: 'notIn', values: ['健康'] }, { field: 'status', op: 'notNull', values: [] }], totals: true },
    { rows: ['workStatus'], columns: ['labour'], values: [{ measure: 'households' }], totals: true },
    { rows: ['householdType'], values: [{ measure: 'members' }, { measure: 'households' }], filters: [{ field: 'ageGroup', op: 'in', values: ['0–15岁'] }], totals: true },
  ];
  it.each(memberHouseholds.map((s, i) => [i, s] as const))('counts distinct households of members from the pair cubes as from the members (%i)', (_, spec) => {
    const cube = runPivot(db, { spec });
    const leaf = runPivot(db, { spec }, { useCubes: false });
    expectSameFigures(cube, leaf);
    expect(leaf.rows.length).toBeGreaterThan(1);
  });

  it('counts a household with members in two groups once in their total', () => {
    const r = runPivot(db, { spec: { rows: ['ageGroup'], values: [{ measure: 'households' }], totals: true } });
    const total = r.totals[0]?.[1] as number;
    const sum = r.rows.reduce((s, l) => s + (l[1] as number), 0);
    expect(total).toBe(db.prepare('SELECT COUNT(DISTINCT household_id) FROM pivot_person').pluck().get());
    expect(sum).toBeGreaterThan(total);
  });

  const medians: PivotSpecInput[] = [
    { rows: ['township'], columns: ['householdAttribute'], values: [{ measure: 'medianPerCapitaIncome' }, { measure: 'persons' }], year: 2020, totals: true },
    { rows: ['year'], columns: ['township'], values: [{ measure: 'medianPerCapitaIncome' }] },
    { rows: ['status'], values: [{ measure: 'medianPerCapitaIncome' }], filters: [{ field: 'householdType', op: 'in', values: ['脱贫户'] }, { field: 'township', op: 'notNull', values: [] }], year: 2020, totals: true },
    { rows: ['township', 'year'], values: [{ measure: 'perCapitaIncome' }, { measure: 'medianPerCapitaIncome' }] },
  ];
  it.each(medians.map((s, i) => [i, s] as const))('finds weighted medians from the ranges of 人均纯收入 as from every income row (%i)', (_, spec) => {
    const plan = planPivot(checkSpec(spec), pivotFactsFor(db, {}));
    expect(plan.medianBuckets).not.toBeNull();
    const cube = runPivot(db, { spec });
    const leaf = runPivot(db, { spec }, { useCubes: false });
    expectSameFigures(cube, leaf);
    expect(leaf.rows.filter((l) => typeof l[l.length - 1] === 'number').length).toBeGreaterThan(1);
  });

  it('reads every income row in order for a median that pools years', () => {
    const spec: PivotSpecInput = { rows: ['township'], columns: ['year'], values: [{ measure: 'medianPerCapitaIncome' }], totals: true };
    expect(planPivot(checkSpec(spec), pivotFactsFor(db, {})).medianBuckets).toBeNull();
    expectSameFigures(runPivot(db, { spec }), runPivot(db, { spec }, { useCubes: false }));
  });

  it('agrees with the metrics engine on income by year (the one home of the income metrics)', () => {
    const pivot = runPivot(db, {
      spec: { rows: ['year'], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'netIncome' }, { measure: 'perCapitaIncome' },
        { measure: 'medianPerCapitaIncome' }, { measure: 'wageIncome' }, { measure: 'netBusinessIncome' }, { measure: 'propertyIncome' },
        { measure: 'transferIncome' }, { measure: 'supportIncome' }] },
    });
    const metrics = incomeMetrics(db, {}).groups[0]?.crossSection?.byYear ?? [];
    expect(pivot.rows.length).toBe(metrics.length);
    expect(metrics.length).toBeGreaterThan(5);
    for (const m of metrics) {
      const line = pivot.rows.find((l) => l[0] === m.year);
      expect(line?.slice(1, 4)).toEqual([m.households, m.persons, expect.closeTo(m.netIncome, 3)]);
      expect(line?.[4]).toBeCloseTo(m.perCapita ?? NaN, 6);
      expect(line?.[5]).toBe(m.medianPerCapita);
      expect(line?.slice(6).map((v) => Math.round((v as number) * 1e6))).toEqual(
        [m.wage, m.netBusiness, m.property, m.transfer, m.support].map((v) => Math.round((v ?? NaN) * 1e6)),
      );
    }
  });

  it('agrees with the metrics engine by township in the latest year', () => {
    const pivot = runPivot(db, { spec: { rows: ['township'], values: [{ measure: 'perCapitaIncome' }, { measure: 'medianPerCapitaIncome' }] } });
    const year = pivot.meta.incomeYear;
    const groups = incomeMetrics(db, { groupBy: 'township' }).groups;
    expect(groups.length).toBe(pivot.rows.length);
    for (const g of groups) {
      const y = g.crossSection?.byYear.find((b) => b.year === year);
      const line = pivot.rows.find((l) => l[0] === g.group);
      expect(line?.[1]).toBeCloseTo(y?.perCapita ?? NaN, 6);
      expect(line?.[2]).toBe(y?.medianPerCapita);
    }
  });
});
