import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitsMetrics } from '../../../electron/core/metrics/exits';
import { incomeMethod, recordedMethod, structuralMethod } from '../../../electron/core/metrics/exitRules';
import { setLines } from '../../../electron/core/metrics/lines';
import { EXIT_COUNTY } from './support/exitCounty';
import { tempCounty, type TempCounty } from './support/countyFixture';

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
});
afterAll(() => county.close());

describe('exits by year', () => {
  it('counts distinct households and their current persons, a re-exit after 返贫 in its own year', () => {
    const r = exitsMetrics(county.db, { snapshotId: county.snapshotId });
    // 2016: X1 (3) + X6 (3); 2017: X2 (2) + X3 (2); 2018: X4 (4) + X5 (5); 2019: X6 again (3)
    expect(r.byYear.map((y) => [y.year, y.households, y.persons])).toEqual([
      [2016, 2, 6], [2017, 2, 4], [2018, 2, 9], [2019, 1, 3],
    ]);
    // 7 exit events, 6 distinct households, persons 3+2+2+4+5+3 = 19
    expect(r.totals).toEqual({ events: 7, households: 6, persons: 19 });
  });
});

describe('exit attribution', () => {
  it('income method: shares over the 22 exit persons of 7 events (a re-exit counts twice)', () => {
    const a = exitsMetrics(county.db, { snapshotId: county.snapshotId }).attribution.income;
    // 就业: X1 (3) + X2 tie (2) = 5; 兜底保障 X3 2; 收入未达线 X4 4; 无收入记录 X5 5;
    // 资产收益 X6@2016 3; 其他转移 X6@2019 3; 产业 0 — total 22
    expect(a['就业']).toEqual({ households: 2, persons: 5, share: 5 / 22, householdShare: 2 / 7 });
    expect(a['兜底保障']?.persons).toBe(2);
    expect(a['收入未达线']?.persons).toBe(4);
    expect(a['无收入记录']?.persons).toBe(5);
    expect(a['资产收益']?.persons).toBe(3);
    expect(a['其他转移']?.persons).toBe(3);
    expect(a['产业']).toEqual({ households: 0, persons: 0, share: 0, householdShare: 0 });
    expect(Object.values(a).reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
  });

  it('structural method: 低保 attribute or no labour capacity → 兜底保障', () => {
    const a = exitsMetrics(county.db, { snapshotId: county.snapshotId }).attribution.structural;
    // 兜底保障: X3 (低保贫困户, 2) + X4 (no labour, 4) = 6; 开发式: 3 + 2 + 5 + 3 + 3 = 16
    expect(a['兜底保障']).toEqual({ households: 2, persons: 6, share: 6 / 22, householdShare: 2 / 7 });
    expect(a['开发式']).toEqual({ households: 5, persons: 16, share: 16 / 22, householdShare: 5 / 7 });
  });

  it('recorded method: measures up to the exit year, 开发式+兜底 when both', () => {
    const a = exitsMetrics(county.db, { snapshotId: county.snapshotId }).attribution.recorded;
    expect(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.persons]))).toEqual({
      开发式: 3, 兜底保障: 2, '开发式+兜底': 2, 保障: 4, 其他: 6, 无措施记录: 5,
    });
  });

  it('builds the agreement matrix income × structural', () => {
    const m = exitsMetrics(county.db, { snapshotId: county.snapshotId }).agreement[0];
    expect(m?.rowMethod).toBe('income');
    const cell = (row: string, col: string): number => m?.persons[m.rows.indexOf(row)]?.[m.columns.indexOf(col)] ?? -1;
    expect(cell('就业', '开发式')).toBe(5);
    expect(cell('兜底保障', '兜底保障')).toBe(2);
    expect(cell('收入未达线', '兜底保障')).toBe(4);
    expect(cell('无收入记录', '开发式')).toBe(5);
    expect(cell('就业', '兜底保障')).toBe(0);
    expect(m?.persons.flat().reduce((s, x) => s + x, 0)).toBe(22);
  });

  it('lists the 收入未达线 and 无收入记录 exits for checking', () => {
    const list = exitsMetrics(county.db, { snapshotId: county.snapshotId }).toCheck;
    expect(list.map((i) => [i.householdCode, i.year, i.method, i.line])).toEqual([
      ['X4', 2018, '收入未达线', 2995], ['X5', 2018, '无收入记录', 2995],
    ]);
    expect(list[0]?.perCapita).toBe(2000);
  });

  it('restricts to a year range and a township', () => {
    const r = exitsMetrics(county.db, { snapshotId: county.snapshotId, years: { from: 2017, to: 2018 }, filter: { townships: ['石门乡'] } });
    // 石门乡 exits 2017–2018: X3 (2), X4 (4), X5 (5)
    expect(r.totals).toEqual({ events: 3, households: 3, persons: 11 });
    expect(r.koujing.lines.map((l) => [l.year, l.line])).toEqual([[2017, 2952], [2018, 2995]]);
  });

  it('recomputes when a line is edited (every result names the values it used)', () => {
    // Raise 2018 to 1900: X4's 人均 2000 now passes, and wage is its largest source → 就业
    const { db, snapshotId } = county;
    setLines(db, 'custom', [{ year: 2018, povertyLine: 1900, monitoringThreshold: null }]);
    const r = exitsMetrics(db, { snapshotId, lineSet: 'custom' });
    expect(r.attribution.income['收入未达线']?.persons).toBe(0);
    expect(r.attribution.income['就业']?.persons).toBe(9);
    expect(r.koujing.lineSet.name).toBe('custom');
    expect(r.koujing.lines.find((l) => l.year === 2018)?.line).toBe(1900);
    // the national set is untouched
    expect(exitsMetrics(db, { snapshotId }).attribution.income['收入未达线']?.persons).toBe(4);
  });
});

describe('attribution rules (pure)', () => {
  const row = {
    size: 1, net: 5000, perCapita: 5000, wage: 1000, business: 1000, businessCost: 0, property: 1000, transfer: 2000,
    dibao: 1000, tekun: 0,
  };
  it('breaks ties in the order 就业, 产业, 资产收益, 其他转移', () => {
    // wage 1000 = business 1000 = property 1000 = transfer−support 1000 → 就业
    expect(incomeMethod(row, 3000)).toBe('就业');
    expect(incomeMethod({ ...row, wage: 900 }, 3000)).toBe('产业');
    expect(incomeMethod({ ...row, wage: 900, business: 900 }, 3000)).toBe('资产收益');
  });
  it('applies the line strictly (a 人均 equal to the line passes)', () => {
    expect(incomeMethod(row, 5000)).toBe('兜底保障'); // (5000 − 1000)/1 = 4000 < 5000
    expect(incomeMethod(row, 4000)).toBe('就业');
    expect(incomeMethod(row, 5000.01)).toBe('收入未达线');
  });
  it('structural and recorded precedence', () => {
    expect(structuralMethod('特困供养贫困户', true)).toBe('兜底保障');
    expect(structuralMethod('一般贫困户', false)).toBe('兜底保障');
    expect(structuralMethod(null, true)).toBe('开发式');
    expect(recordedMethod(new Set(['开发式·产业', '兜底保障', '保障'] as const))).toBe('开发式+兜底');
    expect(recordedMethod(new Set(['保障', '其他'] as const))).toBe('保障');
    expect(recordedMethod(new Set([null]))).toBe('其他');
    expect(recordedMethod(new Set())).toBe('无措施记录');
  });
});
