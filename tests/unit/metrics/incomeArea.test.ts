import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { ensureIncomeAreaTotals, ensureTownshipCells, incomeAreaReady } from '../../../electron/core/metrics/incomeArea';
import { forgetDerived } from '../../../electron/core/metrics/derived';
import { WeightedValues, weightedMedian } from '../../../electron/core/metrics/weightedMedian';
import type { IncomeRequest, IncomeResult } from '../../../shared/api/income';
import { writeSnapshot, type HouseholdSpec } from './support/countyFixture';
import { generateHousehold, prng } from './support/generatedCounty';

/** Generated households with amounts in 角 and 分, so that the order of addition shows in the sums. */
function generate(seed: number, n: number): HouseholdSpec[] {
  const rnd = prng(seed);
  const cents = (v: number | null | undefined): number | null =>
    (v === null || v === undefined ? null : v + Math.floor(rnd() * 100) / 100);
  return Array.from({ length: n }, (_, k) => {
    const h = generateHousehold(rnd, k, 3, 0);
    return {
      ...h,
      income: (h.income ?? []).map((i) => ({
        ...i, wage: cents(i.wage), business: cents(i.business), businessCost: cents(i.businessCost),
        property: cents(i.property),
        dibao: cents(i.dibao), tekun: cents(i.tekun), pension: cents(i.pension), otherTransfer: cents(i.otherTransfer),
      })),
    };
  });
}

function withCounty(households: readonly HouseholdSpec[], check: (db: Db, snapshotId: number) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-area-'));
  const db = openDatabase(join(dir, 'c.sqlite'));
  try {
    check(db, writeSnapshot(db, households));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests over the areas of the county; `cells`: whether the stored cells can answer it. */
function requests(db: Db, snapshotId: number): { request: IncomeRequest; cells: boolean }[] {
  const areas = db.prepare(`SELECT DISTINCT township, village FROM household WHERE snapshot_id = ? ORDER BY 1, 2`).all(snapshotId) as
    { township: string; village: string }[];
  const townships = [...new Set(areas.map((a) => a.township))];
  const out: { request: IncomeRequest; cells: boolean }[] = [
    { request: { snapshotId, groupBy: 'township', population: 'both' }, cells: true },
    { request: { snapshotId, groupBy: 'village', population: 'both' }, cells: true },
    { request: { snapshotId, groupBy: 'village', filter: { villages: ['村1', '村2'] }, population: 'panel' }, cells: true },
    // 村3 of several townships is not one area: read from the rows.
    { request: { snapshotId, filter: { villages: ['村3'] } }, cells: areas.filter((a) => a.village === '村3').length <= 1 },
    { request: { snapshotId, filter: { townships, attributes: ['一般贫困户'] } }, cells: false },
  ];
  for (const t of townships) {
    out.push({ request: { snapshotId, filter: { townships: [t] } }, cells: true });
    out.push({ request: { snapshotId, filter: { townships: [t] }, population: 'both' }, cells: true });
    out.push({ request: { snapshotId, filter: { townships: [t] }, groupBy: 'village', population: 'both' }, cells: true });
    // The cross-section of a narrowed range is still the cells'; its panel is balanced over other years.
    out.push({ request: { snapshotId, filter: { townships: [t] }, years: { from: 2016, to: 2019 } }, cells: true });
    out.push({ request: { snapshotId, filter: { townships: [t] }, years: { from: 2016, to: 2019 }, population: 'both' }, cells: false });
  }
  for (const a of areas.slice(0, 6)) {
    out.push({ request: { snapshotId, filter: { townships: [a.township], villages: [a.village] }, population: 'both' }, cells: true });
  }
  return out;
}

describe('township and village income cells (income_area_total)', () => {
  it('give exactly the figures the rows give, for every area, grouping and population, half built or whole', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 8, max: 80 }), (seed, n) => {
      withCounty(generate(seed, n), (db, snapshotId) => {
        const wanted = requests(db, snapshotId);
        // Naming every household type selects the same households, and the cells cannot answer it: the rows do.
        const fromRows = wanted.map((r) => incomeMetrics(db, { ...r.request, filter: { ...r.request.filter, householdTypes: ['脱贫户', '普通农户'] } }).groups);
        // Half-way through the preparation, the townships built answer from their cells, the others from the rows.
        const townships = [...new Set(db.prepare(`SELECT township FROM household WHERE snapshot_id = ? ORDER BY 1`).pluck().all(snapshotId) as string[])];
        for (const t of townships.slice(0, Math.ceil(townships.length / 2))) ensureTownshipCells(db, snapshotId, t);
        expect(incomeAreaReady(db, snapshotId)).toBe(false);
        expect(wanted.map((r) => incomeMetrics(db, r.request).groups)).toEqual(fromRows);
        ensureIncomeAreaTotals(db, snapshotId);
        expect(incomeAreaReady(db, snapshotId)).toBe(true);
        const fromCells = wanted.map((r) => incomeMetrics(db, r.request).groups);
        // Exact equality: the cells are added up in the order the filtered read adds the rows.
        expect(fromCells).toEqual(fromRows);
        // Which source answered: doctored cells show in exactly the requests the cells can answer.
        db.prepare(`UPDATE income_area_total SET persons = persons * 2 WHERE snapshot_id = ?`).run(snapshotId);
        wanted.forEach((r, k) => {
          const persons = (groups: IncomeResult['groups']): number[] =>
            groups.flatMap((g) => [
              ...(g.crossSection?.byYear ?? []), ...(g.panel?.byYear ?? []),
            ].map((y) => y.persons));
          const now = persons(incomeMetrics(db, r.request).groups);
          const was = persons(fromRows[k] as IncomeResult['groups']);
          expect(now).toEqual(r.cells ? was.map((p) => p * 2) : was);
        });
      });
    }), { numRuns: 10 });
  });

  it('answer one township once built, and are forgotten with the other derived tables', () => {
    withCounty(generate(7, 40), (db, snapshotId) => {
      const township = (db.prepare(`SELECT township FROM household WHERE snapshot_id = ? LIMIT 1`).get(snapshotId) as { township: string }).township;
      const before = incomeMetrics(db, { snapshotId, filter: { townships: [township] } });
      ensureTownshipCells(db, snapshotId, township);
      expect(incomeAreaReady(db, snapshotId)).toBe(false);
      // Scaling the stored cells shows which source answered; the row figures are untouched.
      db.prepare(`UPDATE income_area_total SET net = net * 2 WHERE snapshot_id = ? AND level = 'township'`).run(snapshotId);
      const doctored = incomeMetrics(db, { snapshotId, filter: { townships: [township] } });
      const y0 = before.groups[0]?.crossSection?.byYear[0];
      expect(doctored.groups[0]?.crossSection?.byYear[0]?.netIncome).toBe((y0?.netIncome ?? 0) * 2);
      forgetDerived(db, snapshotId);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM income_area_total WHERE snapshot_id = ?`).get(snapshotId)).toEqual({ n: 0 });
      expect(incomeMetrics(db, { snapshotId, filter: { townships: [township] } })).toEqual(before);
    });
  });
});

describe('WeightedValues', () => {
  it('gives the weighted median of the definition, ties and repeated values included', () => {
    // −0 and 0 are one income; fast-check draws −0, and toBe (Object.is) would tell them apart.
    const anyDouble = fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((v) => (v === 0 ? 0 : v));
    const item = fc.record({
      value: fc.oneof(fc.integer({ min: -50, max: 50 }), anyDouble), weight: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(fc.property(fc.array(item, { maxLength: 200 }), (items) => {
      const w = new WeightedValues();
      for (const i of items) w.add(i.value, i.weight);
      const total = items.reduce((s, i) => s + i.weight, 0);
      expect(w.median(total)).toBe(weightedMedian(items));
    }), { numRuns: 300 });
  });
});
