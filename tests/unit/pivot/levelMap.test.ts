import { describe, expect, it } from 'vitest';
import { LevelMap, type Group, type KeyCode } from '../../../electron/core/pivot/group';
import type { Level } from '../../../electron/core/pivot/levels';

const group = (level: Level, rowCodes: KeyCode[], colCodes: KeyCode[]): Group =>
  ({ level, rowCodes, colCodes, sums: [rowCodes.length], median: null, distinct: null });

describe('LevelMap: a level’s groups by their key codes', () => {
  it('finds each group by its row and column codes, a blank apart from code 0, in the order added', () => {
    const level = { rows: 2, cols: 1 };
    const map = new LevelMap(level);
    const keys: [KeyCode[], KeyCode[]][] = [
      [[0, 0], [2020]], [[0, null], [2020]], [[null, 0], [2020]], [[0, 0], [null]], [[1, 0], [2020]],
    ];
    const added = keys.map(([r, c]) => group(level, r, c));
    for (const g of added) map.add(g);
    expect(map.size).toBe(5);
    expect(map.values()).toEqual(added);
    keys.forEach(([r, c], i) => expect(map.get(r, c)).toBe(added[i]));
    expect(map.get([0, 0], [2021])).toBeUndefined();
    expect(map.get([2, 0], [2020])).toBeUndefined();
    // A query row: row codes first, the column codes after all row dimensions (here 3 of them).
    expect(map.getAt([1, 0, 7, 2020], 3)).toBe(added[4]);
    expect(map.getAt([0, null, 7, 2020], 3)).toBe(added[1]);
    expect(map.getAt([0, 1, 7, 2020], 3)).toBeUndefined();
  });

  it('holds one group at the grand total, and column-only levels', () => {
    const grand = new LevelMap({ rows: 0, cols: 0 });
    expect(grand.get([], [])).toBeUndefined();
    const g = group({ rows: 0, cols: 0 }, [], []);
    grand.add(g);
    expect(grand.get([], [])).toBe(g);
    expect(grand.getAt([5, 6], 1)).toBe(g);
    const cols = new LevelMap({ rows: 0, cols: 1 });
    const c = group({ rows: 0, cols: 1 }, [], [3]);
    cols.add(c);
    expect(cols.get([], [3])).toBe(c);
    expect(cols.getAt([9, 3], 1)).toBe(c);
    expect(cols.getAt([9, 4], 1)).toBeUndefined();
  });
});
