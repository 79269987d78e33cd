import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { countyIncomeSums } from '../../../electron/core/metrics/incomeCounty';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { countyRollup } from '../../../electron/core/rollup/countyRollup';
import { incomeEnds, latestReturn } from '../../../renderer/src/views/overview/overviewFigures';

/*
 * 多县汇总's 返贫 columns: each county's 返贫率 is the one 概览 shows for its snapshot — the 截至
 * year, 0 % when nobody returned that year — and the total pools the counties' persons.
 */

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-rollup-'));
  db = openDatabase(join(dir, 'rollup.sqlite'));
  await writeDemoSnapshot(db, { households: 400, seed: 3 });
  await writeDemoSnapshot(db, { households: 350, seed: 7, county: { code: '532998', name: '绿水县' } });
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function overviewReturn(snapshotId: number): ReturnType<typeof latestReturn> {
  return latestReturn(returnsMetrics(db, { snapshotId }));
}

describe('多县汇总 返贫率', () => {
  it('is each county\'s 截至 year as 概览 shows it, one year in the heading when the counties share it', () => {
    const rollup = countyRollup(db);
    expect(rollup.counties.map((c) => c.asOf)).toEqual(['2023-12-31', '2023-12-31']);
    for (const c of rollup.counties) {
      const shown = overviewReturn(c.snapshotId);
      expect(shown?.year).toBe(2023);
      expect([c.figures.returnYear, c.figures.returnedPersons, c.figures.returnRate])
        .toEqual([shown?.year, shown?.persons, shown?.rate]);
    }
    // The demo's returns stop before 2023: the old roll-up took the last year with a return instead.
    const returnYears = rollup.counties.flatMap((c) => returnsMetrics(db, { snapshotId: c.snapshotId }).byYear)
      .filter((y) => y.households > 0).map((y) => y.year);
    expect(Math.max(...returnYears)).toBeLessThan(2023);
    expect(rollup.returnYear).toBe(2023);
    expect(rollup.total?.returnYear).toBe(2023);
  });

  it('keeps each county\'s own 截至 year when they differ, and pools persons over persons in the total', async () => {
    await writeLaterDemoSnapshot(db, { households: 350, seed: 7, county: { code: '532998', name: '绿水县' } });
    const rollup = countyRollup(db);
    expect(rollup.counties.map((c) => [c.countyName, c.asOf])).toEqual([['绿水县', '2024-12-31'], ['青山县', '2023-12-31']]);
    for (const c of rollup.counties) {
      const shown = overviewReturn(c.snapshotId);
      expect(shown?.year).toBe(Number(c.asOf.slice(0, 4)));
      expect([c.figures.returnYear, c.figures.returnedPersons, c.figures.returnRate])
        .toEqual([shown?.year, shown?.persons, shown?.rate]);
    }
    const [a, b] = rollup.counties.map((c) => c.figures);
    if (!a || !b || !rollup.total) throw new Error('two counties and a total');
    // 人均纯收入: each county's latest income year, the total Σ纯收入 ÷ Σ人口 of those rows.
    let net = 0;
    let persons = 0;
    for (const c of rollup.counties) {
      const shown = incomeEnds(incomeMetrics(db, { snapshotId: c.snapshotId }));
      expect(c.figures.incomeYear).toBe(shown?.lastYear);
      expect(c.figures.perCapita).toBeCloseTo(shown?.last as number, 9);
      const sums = countyIncomeSums(db, c.snapshotId).find((r) => r.year === shown?.lastYear);
      net += sums?.net ?? 0;
      persons += sums?.persons ?? 0;
    }
    expect(rollup.counties.map((c) => c.figures.incomeYear)).toEqual([2024, 2023]);
    expect([rollup.incomeYear, rollup.total.incomeYear, rollup.total.cagr]).toEqual([null, null, null]);
    expect(rollup.total.perCapita).toBeCloseTo(net / persons, 6);
    expect(rollup.returnYear).toBeNull();
    expect(rollup.total.returnYear).toBeNull();
    expect(rollup.total.returnedPersons).toBe(a.returnedPersons + b.returnedPersons);
    expect(rollup.total.returnDenominatorPersons).toBe(a.returnDenominatorPersons + b.returnDenominatorPersons);
    expect(rollup.total.returnRate)
      .toBe((a.returnedPersons + b.returnedPersons) / (a.returnDenominatorPersons + b.returnDenominatorPersons));
  });
});
