import type { Db } from '../../db/database';
import { factRadices, insertCube, type CubeDef, type Radix } from './cubes';
import { FACT_TABLES, PERSON_DIM_COLUMNS } from './factColumns';
import type { HouseholdTable } from './householdTable';
import { KeySums } from './keySums';
import { PairCounts } from './pairCubes';
import { feedRows } from '../../db/rowFeed';

/**
 * One pass over the members for both the member cubes and the distinct-household cubes
 * (pairCubes.ts). Each row brings its household, its own codes and 人数 (7 values, not 25): a cube
 * key is its household's part, packed once per household, plus the member's codes at their
 * weights in the key. Returns the write of both.
 */
export function sumPersonCubes(
  db: Db, snapshotId: number, households: HouseholdTable, cubes: readonly CubeDef[],
): () => void {
  const personColumns: readonly string[] = PERSON_DIM_COLUMNS;
  const personRadix = factRadices(db, snapshotId, personColumns);
  const pairs = new PairCounts(households, personRadix);
  const plans = cubes.map((cube) => {
    const radix = cube.columns.map((c) => {
      const p = personColumns.indexOf(c);
      return p < 0 ? households.radixOf(c) : personRadix[p] as Radix;
    });
    const span = radix.reduce((s, r) => s * r.size, 1);
    if (!Number.isSafeInteger(span)) throw new Error(`cube key does not fit a number (${span})`);
    let weight = 1;
    const weights = new Map<string, number>();
    for (let j = cube.columns.length - 1; j >= 0; j--) {
      weights.set(cube.columns[j] as string, weight);
      weight *= (radix[j] as Radix).size;
    }
    const householdWeights = new Map([...weights].filter(([c]) => !personColumns.includes(c)));
    const personWeights = Float64Array.from(personColumns, (c) => weights.get(c) ?? 0);
    return { radix, householdKeys: households.partialKeys(householdWeights), personWeights, sums: new KeySums(1) };
  });
  const index = new Int32Array(personColumns.length);
  const mins = personRadix.map((r) => r.min);
  const sql = `SELECT SUM(pivot_person_feed(household_id, ${personColumns.join(', ')}, members)) FROM ${FACT_TABLES.person} WHERE snapshot_id = ?`;
  feedRows(db, 'pivot_person_feed', sql, [snapshotId], (row) => {
    const h = households.indexOf(row[0] as number);
    for (let p = 0; p < index.length; p++) {
      const v = row[1 + p] as number | null;
      index[p] = v === null ? 0 : v - (mins[p] as number) + 1;
    }
    const members = row[1 + index.length] as number;
    for (const plan of plans) {
      let key = plan.householdKeys[h] as number;
      for (let p = 0; p < index.length; p++) key += (index[p] as number) * (plan.personWeights[p] as number);
      plan.sums.add(key, 0, members);
    }
    pairs.mark(h, index);
  });
  return () => {
    cubes.forEach((cube, c) => {
      const plan = plans[c];
      if (!plan) return;
      insertCube(db, 'pivot_cube', snapshotId, cube, cube.columns.map((_, i) => i), cube.columns, plan.radix, ['members'], plan.sums.toSorted());
    });
    pairs.write(db, snapshotId);
  };
}
