import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { EXIT_COUNTY } from './support/exitCounty';
import { tempCounty, type TempCounty } from './support/countyFixture';

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
});
afterAll(() => county.close());

describe('returns', () => {
  it('divides returned persons by the persons of households exited in a year ≤ Y−1', () => {
    const r = returnsMetrics(county.db, { snapshotId: county.snapshotId });
    // 2018: X6 returns (3 persons). Exited ≤ 2017: X1 3, X6 3, X2 2, X3 2 → 10 → 0.3
    const y18 = r.byYear.find((y) => y.year === 2018);
    expect(y18).toMatchObject({
      households: 1, persons: 3, denominatorHouseholds: 4, denominatorPersons: 10, rate: 0.3,
    });
    expect(y18?.byCause).toEqual({ 因病: { households: 1, persons: 3, rate: 0.3 } });
    // 2019: X1 returns (3). Exited ≤ 2018: the four above + X4 4 + X5 5 → 19 persons (X6 counted once)
    const y19 = r.byYear.find((y) => y.year === 2019);
    expect(y19).toMatchObject({
      households: 1, persons: 3, denominatorHouseholds: 6, denominatorPersons: 19, rate: 3 / 19,
    });
    // X1's 返贫 event has no reason: the household's 返贫原因 (因残) is used
    expect(y19?.byCause['因残']?.rate).toBe(3 / 19);
    // Every year from the one after the first exit (2016) to the 截至 year (2023) is there
    expect(r.byYear.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023]);
  });

  it('keeps a year without returns as a 0 % year, not a missing one', () => {
    const r = returnsMetrics(county.db, { snapshotId: county.snapshotId });
    // 2023: nobody returned; exited ≤ 2022 is every exit household: X1..X6 = 3+2+2+4+5+3 = 19 persons
    expect(r.byYear.find((y) => y.year === 2023)).toMatchObject({
      households: 0, persons: 0, denominatorPersons: 19, rate: 0,
    });
    const ranged = returnsMetrics(county.db, { snapshotId: county.snapshotId, years: { from: 2019, to: 2021 } });
    expect(ranged.byYear.map((y) => [y.year, y.households])).toEqual([[2019, 1], [2020, 0], [2021, 0]]);
  });

  it('gives the cause distribution, by township and by the method of the exit before the return', () => {
    const r = returnsMetrics(county.db, { snapshotId: county.snapshotId });
    expect(r.causeDistribution).toEqual({
      因病: { households: 1, persons: 3, share: 0.5 }, 因残: { households: 1, persons: 3, share: 0.5 },
    });
    expect(r.byTownship.map((t) => [t.township, t.persons, t.share])).toEqual([['城关镇', 6, 1]]);
    // X6 returned after its 2016 exit (资产收益); X1 after its 2016 exit (就业)
    expect(r.byExitMethod.income).toEqual({
      就业: { households: 1, persons: 3, share: 0.5 }, 资产收益: { households: 1, persons: 3, share: 0.5 },
    });
    expect(r.byExitMethod.structural['开发式']?.persons).toBe(6);
  });

  it('lists exited households whose later income is below the line, with or without a recorded 返贫', () => {
    const risk = returnsMetrics(county.db, { snapshotId: county.snapshotId }).incomeRisk;
    // X1 exited 2016; 2017 人均 5000/3 < 2952 (no 返贫 yet); 2019 人均 2000 < 3218 (返贫 2019 recorded)
    expect(risk.list.map((i) => [i.householdCode, i.year, i.lastExitYear, i.belowLine, i.returnRecorded])).toEqual([
      ['X1', 2017, 2016, true, false], ['X1', 2019, 2016, true, true],
    ]);
    expect(risk.list[0]?.perCapita).toBeCloseTo(5000 / 3, 9);
    // X6's 2019 row is its exit year (not "exited before"), X2..X5 have no later rows
    expect(risk.byYear.find((y) => y.year === 2019)).toMatchObject({ households: 1, persons: 3, returnRecorded: 1 });
  });

  it('uses the township denominator when filtered', () => {
    const r = returnsMetrics(county.db, { snapshotId: county.snapshotId, filter: { townships: ['城关镇'] } });
    // 城关镇 exited ≤ 2017: X1 3, X6 3, X2 2 → 8; X6 returns 3 → 3/8
    expect(r.byYear.find((y) => y.year === 2018)?.rate).toBe(3 / 8);
  });
});
