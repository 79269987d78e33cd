import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { rememberedIncomeFilter } from '../../../electron/core/pivot/incomeFilterMemo';
import { koujingLines } from '../../../electron/core/pivot/export/wideTable';
import { incomeFilterText, removedHouseholds } from '../../../shared/format/incomeFilterText';
import { tempCounty, type TempDb } from '../../unit/pivot/support/pivotCounty';

/**
 * The pivot county has 7 households (20 persons); 6 of them (18 persons) have an income row of
 * 2020, its latest income year. 户数 by 脱贫年度 is 3/1/1/2; with 人均纯收入 added the （未填） row
 * becomes 1: the income year took one household of 2 persons away, and the result says so.
 */
let county: TempDb;
beforeAll(() => {
  county = tempCounty();
});
afterAll(() => county.close());

const COUNTS = { rows: ['exitYear'], values: [{ measure: 'households' }], totals: true };
const WITH_INCOME = { ...COUNTS, values: [{ measure: 'households' }, { measure: 'perCapitaIncome' }] };

describe('an implied income year is said, with what it removed', () => {
  it('counts the households the latest income year took out of 户数', () => {
    const plain = runPivot(county.db, { spec: COUNTS });
    expect(plain.meta.incomeFilter).toBeNull();
    expect(plain.rows.map((r) => r[1])).toEqual([3, 1, 1, 2]);
    const r = runPivot(county.db, { spec: WITH_INCOME });
    expect(r.rows.map((x) => x[1])).toEqual([3, 1, 1, 1]);
    const f = r.meta.incomeFilter;
    expect(f).toEqual({ year: 2020, source: 'latest', households: 7, persons: 20, keptHouseholds: 6, keptPersons: 18 });
    if (!f) return;
    expect(removedHouseholds(f)).toBe(1);
    expect(incomeFilterText(f)).toBe('未指定收入年度，取最新年度 2020：只计当年有收入记录的户，去掉 1 户 2 人（7 户中没有 2020 年收入记录的）');
    expect(koujingLines(r)).toContain(incomeFilterText(f));
  });

  it('follows the filters and the analysis setting, and is silent where the user chose the year', () => {
    const filtered = runPivot(county.db, {
      spec: { ...WITH_INCOME, year: 2020, filters: [{ field: 'township', op: 'in', values: ['城关镇'] }] },
    });
    expect(filtered.meta.incomeFilter?.source).toBe('spec');
    expect(filtered.meta.incomeFilter?.households).toBe(
      runPivot(county.db, { spec: { values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'in', values: ['城关镇'] }] } }).rows[0]?.[0],
    );
    expect(runPivot(county.db, { spec: { ...WITH_INCOME, columns: ['year'] } }).meta.incomeFilter).toBeNull();
    expect(runPivot(county.db, {
      spec: { ...WITH_INCOME, filters: [{ field: 'year', op: 'in', values: [2020] }] },
    }).meta.incomeFilter).toBeNull();
  });

  it('is counted once per filters and year, and each result has its own copy', () => {
    const first = runPivot(county.db, { spec: WITH_INCOME });
    const other = runPivot(county.db, { spec: { ...WITH_INCOME, rows: ['township'] } });
    expect(other.meta.incomeFilter).toEqual(first.meta.incomeFilter);
    expect(other.meta.incomeFilter).not.toBe(first.meta.incomeFilter);
    let counted = 0;
    const count = () => {
      counted += 1;
      return { year: 2020, source: 'latest' as const, households: 7, persons: 20, keptHouseholds: 6, keptPersons: 18 };
    };
    expect(rememberedIncomeFilter(county.db, 'a', count)).toEqual(count());
    counted = 0;
    rememberedIncomeFilter(county.db, 'a', count);
    expect(counted).toBe(0);
    rememberedIncomeFilter(county.db, 'b', count);
    expect(counted).toBe(1);
    expect(rememberedIncomeFilter(county.db, 'c', () => null)).toBeNull();
    expect(rememberedIncomeFilter(county.db, 'c', count)).toBeNull();
    expect(counted).toBe(1);
  });
});
