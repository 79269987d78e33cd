import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { setCpiSeries } from '../../../electron/core/metrics/cpi';
import type { IncomeGroup, IncomeYear } from '../../../shared/api/income';
import { tempCounty, type HouseholdSpec, type TempCounty } from './support/countyFixture';

/**
 * Five households, hand-computed (元):
 *   A 城关镇  2019 size 4: wage 8000, business 3000, cost 1000, property 400, other transfer 600
 *                         → transfer 600, net 11000, 人均 2750
 *             2020 size 5 (the household grew): wage 12000, business 4000, cost 1000, property 500,
 *                         低保 0, other 1500 → transfer 1500, net 17000, 人均 3400
 *   B 石门乡  2019 size 2: wage 2000, 低保 3000, other 200 → transfer 3200, net 5200, 人均 2600
 *             2020 size 2: wage 2600, 低保 3600, other 400 → transfer 4000, net 6600, 人均 3300
 *   C 城关镇  2020 only, size 3: wage 6000, business 1500, cost 300, transfer given 1800 → net 9000, 人均 3000
 *   D 石门乡  2019 only, size 1: wage 1000, everything else blank → net 1000, 人均 1000
 *   E 城关镇  no income rows at all (not in any income figure)
 */
const HOUSEHOLDS: HouseholdSpec[] = [
  { code: 'A', township: '城关镇', size: 5, income: [
    { year: 2019, size: 4, wage: 8000, business: 3000, businessCost: 1000, property: 400, otherTransfer: 600 },
    {
      year: 2020, size: 5, wage: 12000, business: 4000, businessCost: 1000, property: 500, dibao: 0,
      otherTransfer: 1500,
    },
  ] },
  { code: 'B', township: '石门乡', size: 2, income: [
    { year: 2019, wage: 2000, dibao: 3000, otherTransfer: 200 },
    { year: 2020, wage: 2600, dibao: 3600, otherTransfer: 400 },
  ] },
  { code: 'C', township: '城关镇', size: 3, income: [{ year: 2020, wage: 6000, business: 1500, businessCost: 300, transfer: 1800, pension: 1800 }] },
  { code: 'D', township: '石门乡', size: 1, income: [{ year: 2019, wage: 1000 }] },
  { code: 'E', township: '城关镇', size: 2 },
];

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(HOUSEHOLDS);
});
afterAll(() => county.close());

function year(series: IncomeGroup['crossSection'], y: number): IncomeYear {
  const row = series?.byYear.find((r) => r.year === y);
  if (!row) throw new Error(`no ${y}`);
  return row;
}

describe('income: cross-section', () => {
  it('computes group 人均纯收入 as Σ纯收入/Σ人口 with the income row sizes', () => {
    const r = incomeMetrics(county.db, { snapshotId: county.snapshotId });
    const cs = r.groups[0]?.crossSection ?? null;
    const y19 = year(cs, 2019);
    // 2019: A, B, D; persons 4+2+1 = 7; Σnet 11000+5200+1000 = 17200
    expect(y19.households).toBe(3);
    expect(y19.persons).toBe(7);
    expect(y19.netIncome).toBe(17200);
    expect(y19.perCapita).toBeCloseTo(17200 / 7, 9);
    expect(y19.wage).toBeCloseTo(11000 / 7, 9);
    expect(y19.netBusiness).toBeCloseTo(2000 / 7, 9);
    expect(y19.property).toBeCloseTo(400 / 7, 9);
    expect(y19.transfer).toBeCloseTo(3800 / 7, 9);
    expect(y19.support).toBeCloseTo(3000 / 7, 9);
    expect(y19.otherTransfer).toBeCloseTo(800 / 7, 9);
    // 2020: A (now 5 persons), B, C; persons 5+2+3 = 10; Σnet 17000+6600+9000 = 32600
    const y20 = year(cs, 2020);
    expect(y20.households).toBe(3);
    expect(y20.persons).toBe(10);
    expect(y20.perCapita).toBeCloseTo(3260, 9);
    expect([y20.wage, y20.netBusiness, y20.property, y20.transfer, y20.support]).toEqual([2060, 420, 50, 730, 360]);
  });

  it('takes the person-weighted median', () => {
    const cs = incomeMetrics(county.db, { snapshotId: county.snapshotId }).groups[0]?.crossSection ?? null;
    // 2019 sorted: D 1000 (1 person), B 2600 (2), A 2750 (4); half of 7 = 3.5 → cumulative 1, 3, 7 → 2750
    expect(year(cs, 2019).medianPerCapita).toBe(2750);
    // 2020 sorted: C 3000 (3), B 3300 (2), A 3400 (5); half of 10 = 5 → cumulative 3, 5 → 3300
    expect(year(cs, 2020).medianPerCapita).toBe(3300);
  });

  it('gives structure shares that add up to 1 and growth with contributions adding up to 1', () => {
    const cs = incomeMetrics(county.db, { snapshotId: county.snapshotId }).groups[0]?.crossSection ?? null;
    const s = year(cs, 2020).shares;
    expect(s).not.toBeNull();
    expect((s?.wage ?? 0) + (s?.netBusiness ?? 0) + (s?.property ?? 0) + (s?.transfer ?? 0)).toBeCloseTo(1, 12);
    expect(s?.wage).toBeCloseTo(20600 / 32600, 12);
    // YoY = 3260 / (17200/7) − 1 = 22820/17200 − 1
    expect(year(cs, 2020).yoy).toBeCloseTo(22820 / 17200 - 1, 12);
    expect(cs?.cagr?.value).toBeCloseTo(22820 / 17200 - 1, 12);
    // Δ人均 = 3260 − 17200/7 = 5620/7; Δwage = 2060 − 11000/7 = 3420/7 → 3420/5620
    const c = cs?.contribution?.bySource;
    expect(c?.wage).toBeCloseTo(3420 / 5620, 12);
    expect(c?.netBusiness).toBeCloseTo(940 / 5620, 12);
    expect(c?.property).toBeCloseTo(-50 / 5620, 12);
    expect(c?.transfer).toBeCloseTo(1310 / 5620, 12);
    expect((c?.wage ?? 0) + (c?.netBusiness ?? 0) + (c?.property ?? 0) + (c?.transfer ?? 0)).toBeCloseTo(1, 12);
  });
});

describe('income: balanced panel', () => {
  it('keeps only households with rows in every year, side by side with the cross-section', () => {
    const g = incomeMetrics(county.db, { snapshotId: county.snapshotId, population: 'both' }).groups[0];
    // Panel = A and B. 2019: persons 6, net 16200 → 2700; 2020: persons 7, net 23600 → 23600/7
    expect(g?.panel?.households).toBe(2);
    expect(year(g?.panel ?? null, 2019).perCapita).toBe(2700);
    expect(year(g?.panel ?? null, 2020).perCapita).toBeCloseTo(23600 / 7, 9);
    expect(g?.panel?.cagr?.value).toBeCloseTo(23600 / 7 / 2700 - 1, 12);
    expect(year(g?.crossSection ?? null, 2019).households).toBe(3);
  });
});

describe('income: grouping, filter and real growth', () => {
  it('groups by township (the same API the pivot and views use)', () => {
    const r = incomeMetrics(county.db, { snapshotId: county.snapshotId, groupBy: 'township' });
    expect(r.groups.map((g) => g.group)).toEqual(['城关镇', '石门乡']);
    const cg = r.groups[0]?.crossSection ?? null;
    // 城关镇 2019: A alone 11000/4 = 2750; 2020: A + C = (17000+9000)/(5+3) = 3250
    expect(year(cg, 2019).perCapita).toBe(2750);
    expect(year(cg, 2020).perCapita).toBe(3250);
    // 石门乡 2019: B + D = 6200/3
    expect(year(r.groups[1]?.crossSection ?? null, 2019).perCapita).toBeCloseTo(6200 / 3, 9);
  });

  it('filters to one township and says so in the 口径', () => {
    const r = incomeMetrics(county.db, { snapshotId: county.snapshotId, filter: { townships: ['石门乡'] } });
    expect(r.koujing.filterText).toBe('乡镇：石门乡');
    expect(r.koujing.population.persons).toBe('incomeRowSize');
    expect(year(r.groups[0]?.crossSection ?? null, 2020).perCapita).toBe(3300);
  });

  it('deflates by a stored CPI series and labels it 实际增长', () => {
    setCpiSeries(county.db, 'test', [{ year: 2020, index: 102.5 }]);
    const r = incomeMetrics(county.db, { snapshotId: county.snapshotId, cpiSeries: 'test' });
    const cs = r.groups[0]?.crossSection ?? null;
    expect(year(cs, 2020).realYoy).toBeCloseTo(22820 / 17200 / 1.025 - 1, 12);
    expect(cs?.cagr?.real).toBeCloseTo(22820 / 17200 / 1.025 - 1, 12);
    expect(r.koujing.notes.some((n) => n.includes('实际增长'))).toBe(true);
  });
});
