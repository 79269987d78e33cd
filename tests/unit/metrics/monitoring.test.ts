import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, monitoringMetrics, monthsBetween } from '../../../electron/core/metrics/monitoring';
import { tempCounty, type HouseholdSpec, type TempCounty } from './support/countyFixture';

/**
 * M1 脱贫不稳定户 3 persons, risks 因病 + 因残, 2021-03 → 帮扶消除 2021-11 (8 months)
 * M2 边缘户 (the 2020 wording of 边缘易致贫户) 2 persons, risk 因灾 (= 因自然灾害), 2022-01, not eliminated
 * M3 突发严重困难户 4 persons, risk 因病, 2022-05-10 → 自然消除 2023-02-01 (9 months)
 * M4 脱贫不稳定户 1 person, risks 因病 twice (counted once), 2023-06 → 帮扶消除 2024-01 (7 months)
 * M5 not monitored
 */
const HOUSEHOLDS: HouseholdSpec[] = [
  { code: 'M1', size: 3, monitoringCategory: '脱贫不稳定户', monitoringDate: '2021-03', risks: ['因病', '因残'], riskEliminated: true, eliminationMethod: '帮扶消除', eliminationDate: '2021-11' },
  { code: 'M2', size: 2, type: '普通农户', attribute: null, monitoringCategory: '边缘户', monitoringDate: '2022-01', risks: ['因灾'], riskEliminated: false },
  { code: 'M3', size: 4, monitoringCategory: '突发严重困难户', monitoringDate: '2022-05-10', risks: ['因病'], riskEliminated: true, eliminationMethod: '自然消除', eliminationDate: '2023-02-01' },
  { code: 'M4', size: 1, monitoringCategory: '脱贫不稳定户', monitoringDate: '2023-06', risks: ['因病', '因病'], riskEliminated: true, eliminationMethod: '帮扶消除', eliminationDate: '2024-01' },
  { code: 'M5', size: 5 },
];

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(HOUSEHOLDS);
});
afterAll(() => county.close());

describe('monitoring', () => {
  it('counts monitored households and persons by category (older wording folded in)', () => {
    const m = monitoringMetrics(county.db, { snapshotId: county.snapshotId });
    expect(m.identified).toEqual({ households: 4, persons: 10 });
    expect(m.byCategory).toEqual({
      脱贫不稳定户: { households: 2, persons: 4 }, 边缘易致贫户: { households: 1, persons: 2 },
      突发严重困难户: { households: 1, persons: 4 },
    });
  });

  it('counts each household once per risk, and risk1 as the main risk', () => {
    const m = monitoringMetrics(county.db, { snapshotId: county.snapshotId });
    // 因病: M1 3 + M3 4 + M4 1 = 8 persons; 因残: M1; 因自然灾害: M2
    expect(m.byRisk).toEqual({
      因病: { households: 3, persons: 8 }, 因残: { households: 1, persons: 3 }, 因自然灾害: { households: 1, persons: 2 },
    });
    expect(m.byMainRisk).toEqual({ 因病: { households: 3, persons: 8 }, 因自然灾害: { households: 1, persons: 2 } });
  });

  it('gives 风险消除率 by method and the median months to elimination', () => {
    const m = monitoringMetrics(county.db, { snapshotId: county.snapshotId });
    expect(m.eliminated).toEqual({ households: 3, persons: 8, rate: 0.75 });
    expect(m.byEliminationMethod).toEqual({ 帮扶消除: { households: 2, rate: 0.5 }, 自然消除: { households: 1, rate: 0.25 } });
    // months 8, 9, 7 → 8
    expect(m.medianMonthsToElimination).toBe(8);
    expect(m.monthsMeasured).toBe(3);
    expect(m.byIdentifiedYear).toEqual([
      { year: 2021, households: 1, persons: 3, eliminated: 1 },
      { year: 2022, households: 2, persons: 6, eliminated: 1 },
      { year: 2023, households: 1, persons: 1, eliminated: 1 },
    ]);
  });

  it('lists the monitored households whose risk is not removed, with months in monitoring to the 截至 date', () => {
    const m = monitoringMetrics(county.db, { snapshotId: county.snapshotId });
    // 4 monitored = 3 eliminated + 1 open (M2, 2022-01 to 2023-12-31: 23 months)
    expect(m.unresolved.households + m.eliminated.households).toBe(m.identified.households);
    expect(m.unresolved).toMatchObject({ households: 1, persons: 2 });
    expect(m.unresolved.list).toEqual([expect.objectContaining({
      code: 'M2', category: '边缘易致贫户', mainRisk: '因自然灾害', monitoringDate: '2022-01', months: 23, persons: 2,
    })]);
  });

  it('restricts to households put under monitoring in the year range', () => {
    const m = monitoringMetrics(county.db, { snapshotId: county.snapshotId, years: { from: 2022, to: 2022 } });
    expect(m.identified).toEqual({ households: 2, persons: 6 });
    expect(m.eliminated.rate).toBe(0.5);
  });

  it('measures months by calendar month and takes the ordinary median', () => {
    expect(monthsBetween('2021-03-31', '2021-04-01')).toBe(1);
    expect(monthsBetween('202112', '2022-02')).toBe(2);
    expect(monthsBetween(null, '2022-02')).toBeNull();
    expect(median([7, 8, 9, 10])).toBe(8.5);
    expect(median([])).toBeNull();
  });
});
