import { describe, expect, it } from 'vitest';
import { INCOME_AMOUNTS } from '../../../electron/core/columns/incomeColumns';
import { IncomeStore } from '../../../electron/core/import/incomeStore';

const K = INCOME_AMOUNTS.length;

function row(base: number): number[] {
  return Array.from({ length: K }, (_, k) => base + k);
}

describe('IncomeStore', () => {
  it('gives back every amount exactly: whole yuan, halves, blanks, 分 and amounts beyond single precision', () => {
    const store = new IncomeStore();
    const rows: number[][] = [];
    // Past one chunk (65,536 rows), so that a later chunk can change precision on its own.
    for (let i = 0; i < 70_000; i++) {
      const r = row(i * 3);
      if (i % 7 === 0) r[2] = NaN;
      if (i % 11 === 0) r[4] = 1234.5;
      rows.push(r);
      store.push(i, 2014 + (i % 10), 1 + (i % 6), i + 4, r);
    }
    // In the second chunk: 分 first, then an amount above 2^24, after single-precision rows.
    rows[66_000] = row(0.01);
    rows[66_001] = row(123_456_789);
    store.clear();
    for (let i = 0; i < rows.length; i++) store.push(i, 2014 + (i % 10), 1 + (i % 6), i + 4, rows[i] as number[]);
    expect(store.length).toBe(70_000);
    for (const i of [0, 1, 7, 11, 65_535, 65_536, 65_999, 66_000, 66_001, 69_999]) {
      const expected = rows[i] as number[];
      expect(Array.from({ length: K }, (_, k) => store.amount(i, k))).toEqual(expected);
      expect([
        store.household(i), store.year(i), store.size(i), store.sourceRow(i),
      ]).toEqual([i, 2014 + (i % 10), 1 + (i % 6), i + 4]);
    }
    expect(store.amount(66_000, 0)).toBe(0.01);
    expect(store.amount(66_001, 0)).toBe(123_456_789);
  });

  it('clear() lets the rows go', () => {
    const store = new IncomeStore();
    store.push(1, 2020, 3, 5, row(1));
    store.clear();
    expect(store.length).toBe(0);
    store.push(2, 2021, 4, 6, row(2));
    expect(store.household(0)).toBe(2);
    expect(store.amount(0, 0)).toBe(2);
  });
});
