import { describe, expect, it } from 'vitest';
import type { Group } from '../../../electron/core/pivot/group';
import { KeyPacker, LevelMedians, MedianOrderBroken } from '../../../electron/core/pivot/medianSink';

function group(rowCodes: (number | null)[], persons: number): Group {
  return {
    level: { rows: rowCodes.length, cols: 0 }, rowCodes, colCodes: [], sums: [persons], median: null,
    distinct: null,
  };
}

describe('LevelMedians', () => {
  const rows: [number | null, number, number][] = [
    [1, 100, 2], [2, 150, 1], [1, 200, 1], [null, 250, 4], [2, 300, 3], [1, 400, 2],
  ];

  it('streams ascending rows into one weighted median per group and per total', () => {
    const a = group([1], 5);
    const b = group([2], 4);
    const blank = group([null], 4);
    const total = group([], 13);
    const packer = new KeyPacker([a, b, blank, total], 1, 1);
    const sink = new LevelMedians([
      { level: { rows: 1, cols: 0 }, groups: [a, b, blank], streamed: true },
      { level: { rows: 0, cols: 0 }, groups: [total], streamed: true },
    ], packer, 1, 1, null, 0);
    for (const r of rows) if (sink.add(r)) break;
    sink.finish();
    // group 1: 100×2, 200×1, 400×2 → 3 of 5 at 200; group 2: 150×1, 300×3 → 300; blank 250; all: 13, half at 250
    // (2+1+1+4 = 8)
    expect([a.median, b.median, blank.median, total.median]).toEqual([200, 300, 250, 250]);
  });

  it('refuses rows out of order, and a sorting sink then gives the same medians', () => {
    const a = group([1], 5);
    const packer = new KeyPacker([a], 1, 1);
    const shuffled = [rows[5], rows[0], rows[2]] as [number, number, number][];
    const streaming = new LevelMedians(
      [{ level: { rows: 1, cols: 0 }, groups: [a], streamed: true }], packer, 1, 1, null, 0,
    );
    expect(() => shuffled.forEach((r) => streaming.add(r))).toThrow(MedianOrderBroken);
    const sorting = new LevelMedians(
      [{ level: { rows: 1, cols: 0 }, groups: [a], streamed: false }], packer, 1, 1, null, 0, false,
    );
    shuffled.forEach((r) => sorting.add(r));
    sorting.finish();
    expect(a.median).toBe(200);
  });
});
