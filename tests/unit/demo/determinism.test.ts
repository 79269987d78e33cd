import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { Random } from '../../../electron/core/demo/random';

/** SHA-256 over every row of a county, in generation order. */
function countyHash(households: number, seed: number): string {
  const county = demoCounty({ households, seed });
  const hash = createHash('sha256');
  hash.update(JSON.stringify(county.meta));
  for (const v of county.villages) hash.update(JSON.stringify(v));
  for (const h of county.householdRows()) hash.update(JSON.stringify(h));
  return hash.digest('hex');
}

describe('demo county determinism', () => {
  it('gives byte-identical rows for the same seed', () => {
    expect(countyHash(400, 7)).toBe(countyHash(400, 7));
  });

  it('gives different rows for a different seed', () => {
    expect(countyHash(400, 7)).not.toBe(countyHash(400, 8));
  });

  it('gives the same rows whichever parts a pass asks for', () => {
    const county = demoCounty({ households: 300, seed: 3 });
    const full = [...county.householdRows()];
    const persons = [...county.householdRows({
      household: false, persons: true, incomes: false, measures: false, events: false,
    })];
    const events = [...county.householdRows({
      household: false, persons: false, incomes: false, measures: false, events: true,
    })];
    const measures = [...county.householdRows({
      household: false, persons: false, incomes: false, measures: true, events: false,
    })];
    expect(persons.map((h) => h.persons)).toEqual(full.map((h) => h.persons));
    expect(events.map((h) => h.events)).toEqual(full.map((h) => h.events));
    expect(measures.map((h) => h.measures)).toEqual(full.map((h) => h.measures));
    expect(persons.every((h) => h.household === null && h.incomes.length === 0)).toBe(true);
  });

  it('derives independent random streams from (seed, index) and accepts any integer seed', () => {
    const a = Random.derive(1, 2, 3);
    const b = Random.derive(1, 2, 3);
    const c = Random.derive(1, 2, 4);
    const draws = (r: Random): number[] => Array.from({ length: 5 }, () => r.uint32());
    const da = draws(a);
    expect(da).toEqual(draws(b));
    expect(da).not.toEqual(draws(c));
    expect(countyHash(20, -5)).not.toBe(countyHash(20, 2 ** 40 - 5));
  });
});
