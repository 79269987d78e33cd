import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import { tempCounty, type HouseholdSpec, type TempCounty } from './support/countyFixture';

/**
 * H1 size 3: 识别 2014, 脱贫 2016.
 * H2 size 2: 识别 2014, 脱贫 2015, 返贫 2016, 脱贫 2017 (re-exit after 返贫).
 * H3 size 4: 识别 2015, 自然减少 2016 (removed while not exited: a flow out).
 * H4 size 1: 识别 2014, 脱贫 2015, 自然减少 2016 (a 脱贫户 that died: not a flow).
 * H5 size 5: 识别 2016 and 清退 2016 (identified and removed in the same year).
 * H6 size 2: 普通农户 with 自然减少 2017 (never registered: not a flow).
 *
 * Households:    start  +ident  +ret  −exit  −nat  −rem   end
 *   2014             0       3     0      0     0     0     3   (H1 H2 H4)
 *   2015             3       1     0      2     0     0     2   (+H3; H2 H4 exit)
 *   2016             2       1     1      1     1     1     1   (+H5 +H2 back; H1 exits; H3 dies; H5 removed)
 *   2017             1       0     0      1     0     0     0   (H2 exits again)
 * Persons:
 *   2014             0       6     0      0     0     0     6
 *   2015             6       4     0      3     0     0     7
 *   2016             7       5     2      3     4     5     2
 *   2017             2       0     0      2     0     0     0
 */
const GOOD: HouseholdSpec[] = [
  { code: 'H1', size: 3, events: [[2014, '识别'], [2016, '脱贫']] },
  { code: 'H2', size: 2, events: [[2014, '识别'], [2015, '脱贫'], [2016, '返贫', '因病'], [2017, '脱贫']] },
  { code: 'H3', size: 4, events: [[2015, '识别'], [2016, '自然减少', '死亡']] },
  { code: 'H4', size: 1, events: [[2014, '识别'], [2015, '脱贫'], [2016, '自然减少', '死亡']] },
  { code: 'H5', size: 5, events: [[2016, '清退'], [2016, '识别']] },
  { code: 'H6', size: 2, type: '普通农户', attribute: null, events: [[2017, '自然减少']] },
];

let good: TempCounty;
beforeAll(() => {
  good = tempCounty(GOOD);
});
afterAll(() => good.close());

function table(rows: ReturnType<typeof flowsMetrics>['rows'], unit: 'households' | 'persons'): number[][] {
  return rows.filter((r) => r.unit === unit)
    .map((r) => [r.year, r.start, r.identified, r.returned, r.exited, r.naturalDecrease, r.removed, r.end]);
}

describe('flows (动态调整)', () => {
  it('balances households and persons year by year', () => {
    const r = flowsMetrics(good.db, { snapshotId: good.snapshotId });
    expect(table(r.rows, 'households')).toEqual([
      [2014, 0, 3, 0, 0, 0, 0, 3], [2015, 3, 1, 0, 2, 0, 0, 2], [2016, 2, 1, 1, 1, 1, 1, 1],
      [2017, 1, 0, 0, 1, 0, 0, 0],
    ]);
    expect(table(r.rows, 'persons')).toEqual([
      [2014, 0, 6, 0, 0, 0, 0, 6], [2015, 6, 4, 0, 3, 0, 0, 7], [2016, 7, 5, 2, 3, 4, 5, 2],
      [2017, 2, 0, 0, 2, 0, 0, 0],
    ]);
    expect(r.identityHolds).toBe(true);
    expect(r.breaks).toEqual([]);
  });

  it('starts a later range with the households identified before it and not exited', () => {
    const r = flowsMetrics(good.db, { snapshotId: good.snapshotId, years: { from: 2016 } });
    // at the end of 2015 only H3 (4 persons) is in the unexited stock
    expect(table(r.rows, 'households')[0]).toEqual([2016, 2, 1, 1, 1, 1, 1, 1]);
    expect(table(r.rows, 'persons')[0]).toEqual([2016, 7, 5, 2, 3, 4, 5, 2]);
  });

  it('lists the households that break the identity', () => {
    // B1 exits without ever being identified; B2 returns without an exit.
    const bad = tempCounty([
      ...GOOD,
      { code: 'B1', size: 2, events: [[2016, '脱贫']] },
      { code: 'B2', size: 3, events: [[2014, '识别'], [2015, '返贫']] },
    ]);
    try {
      const r = flowsMetrics(bad.db, { snapshotId: bad.snapshotId });
      expect(r.identityHolds).toBe(false);
      const h2015 = r.rows.find((x) => x.year === 2015 && x.unit === 'households');
      // 2015: start 4 + 1 + 1 (B2's 返贫 counted) − 2 = 4, but B2 never left: end 3 → gap +1
      expect(h2015?.gap).toBe(1);
      const h2016 = r.rows.find((x) => x.year === 2016 && x.unit === 'households');
      expect(h2016?.gap).toBe(-1);
      expect(r.breaks.map((b) => [b.householdCode, b.year, b.eventType])).toEqual([['B2', 2015, '返贫'], ['B1', 2016, '脱贫']]);
    } finally {
      bad.close();
    }
  });
});
