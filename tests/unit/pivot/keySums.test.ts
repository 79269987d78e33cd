import { describe, expect, it } from 'vitest';
import { KeySums } from '../../../electron/core/pivot/facts/keySums';

/** The sums' keys in increasing order, each with its sums, as a Map. */
function sumsByKey(sums: KeySums): Map<number, number[]> {
  const { keys, sums: values } = sums.toSorted();
  expect(keys).toEqual([...keys].sort((a, b) => a - b));
  const w = sums.width;
  const row = (r: number): number[] => Array.from({ length: w }, (_, k) => values[r * w + k] as number);
  return new Map(keys.map((key, r) => [key, row(r)]));
}

describe('KeySums', () => {
  it('adds rows per key like a Map of arrays, across growth and keys above 2^32', () => {
    const sums = new KeySums(2, 4);
    const expected = new Map<number, [number, number]>();
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const key = (seed % 3000) * 2 ** 40 + (seed % 7);
      const values = Float64Array.of(i % 5, 0.5);
      sums.addAll(key, values);
      const e = expected.get(key) ?? [0, 0];
      expected.set(key, [e[0] + (i % 5), e[1] + 0.5]);
    }
    const got = sumsByKey(sums);
    expect(sums.size).toBe(expected.size);
    expect(got.size).toBe(expected.size);
    for (const [key, [a, b]] of expected) expect([...(got.get(key) ?? [])]).toEqual([a, b]);
    sums.add(2 ** 52 + 1, 1, 3);
    expect(sumsByKey(sums).get(2 ** 52 + 1)).toEqual([0, 3]);
  });
});
