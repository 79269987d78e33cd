import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBinWidth, incomeDistribution } from '../../../electron/core/metrics/incomeDistribution';
import { tempCounty, type HouseholdSpec, type TempCounty } from './support/countyFixture';

/**
 * 2020 人均纯收入 (national line 4000), hand-computed:
 *   A 城关镇 size 4: wage 15000 + business 2000 − cost 1000 → 16000 / 4 = 4000 (on the line: not below)
 *   B 城关镇 size 2: wage 3000 + 低保 4000 → 7000 / 2 = 3500 (below)
 *   C 石门乡 size 3: wage 3000 − cost 6000 (business 0) → −3000 / 3 = −1000 (below, the negative bin)
 *   D 石门乡 size 1: wage 250000 → 250000 (far above the rest)
 *   E 石门乡 size 5: 2019 only (not in the 2020 distribution)
 */
const HOUSEHOLDS: HouseholdSpec[] = [
  { code: 'A', township: '城关镇', size: 4, income: [{ year: 2020, wage: 15000, business: 2000, businessCost: 1000 }] },
  { code: 'B', township: '城关镇', size: 2, income: [{ year: 2020, wage: 3000, dibao: 4000 }] },
  { code: 'C', township: '石门乡', size: 3, income: [{ year: 2020, wage: 3000, businessCost: 6000 }] },
  { code: 'D', township: '石门乡', size: 1, income: [{ year: 2020, wage: 250000 }] },
  { code: 'E', township: '石门乡', size: 5, income: [{ year: 2019, wage: 5000 }] },
];

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(HOUSEHOLDS);
});
afterAll(() => county.close());

describe('income distribution', () => {
  it('bins each household of the year by 人均纯收入, left-closed, with negatives and the top apart', () => {
    const r = incomeDistribution(county.db, { snapshotId: county.snapshotId, year: 2020, binWidth: 1000 });
    expect(r.year).toBe(2020);
    expect(r.years).toEqual([2019, 2020]);
    expect(r.totals).toEqual({ households: 4, persons: 10 });
    expect(r.line).toBe(4000);
    // Below 4000: B (3500) and C (−1000); A at exactly 4000 is not below.
    expect(r.belowLine).toEqual({ households: 2, persons: 5 });
    const neg = r.bins[0]!;
    expect(neg).toEqual({ from: null, to: 0, households: 1, persons: 3 });
    const at = (from: number) => r.bins.find((b) => b.from === from);
    expect(at(3000)).toMatchObject({ to: 4000, households: 1, persons: 2 });
    expect(at(4000)).toMatchObject({ to: 5000, households: 1, persons: 4 });
    expect(r.bins.reduce((s, b) => s + b.households, 0)).toBe(4);
    expect(r.bins.reduce((s, b) => s + b.persons, 0)).toBe(10);
    // Bins are contiguous from 0 up, and every bin ends where the next begins.
    for (let k = 2; k < r.bins.length; k++) expect(r.bins[k]!.from).toBe(r.bins[k - 1]!.to);
  });

  it('keeps one township to its own households and takes the last year by default', () => {
    const r = incomeDistribution(county.db, { snapshotId: county.snapshotId, filter: { townships: ['城关镇'] } });
    expect(r.year).toBe(2020);
    expect(r.totals).toEqual({ households: 2, persons: 6 });
    expect(r.bins.some((b) => b.from === null)).toBe(false);
  });

  it('refuses a year without income rows, naming the years there are', () => {
    expect(() => incomeDistribution(county.db, { snapshotId: county.snapshotId, year: 2015 })).toThrow(/2019、2020/);
  });

  it('chooses a width that reaches the 99th percentile in about 25 bins', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i * 12).sort();
    // p99 = 990 × 12 = 11880 → 500 gives 24 bins, 250 would give 48.
    expect(chooseBinWidth(values)).toBe(500);
    expect(chooseBinWidth(new Float64Array())).toBe(1000);
  });
});
