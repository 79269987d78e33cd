import type { Db } from '../../db/database';
import { CUBES, insertCube, radices, type CubeDef, type Radix } from './cubes';
import { FACT_TABLES, PERSON_DIM_COLUMNS } from './factColumns';
import { feedRows } from '../../db/rowFeed';

/**
 * Builds the distinct-household cubes of members (CubeDef.distinct). 户数 of a member pivot counts
 * each household once per group however many of its members fall in it, so it is not a sum of
 * member rows. But the distinct pairs (household, value of one member dimension) are additive: a
 * household lies in exactly one group of its household dimensions, so the number of pairs with
 * value v in a group of household dimensions is the number of households of that group with a
 * member whose value is v. Counted once here, a level keyed by at most one member dimension (and
 * filtered on no other) reads its 户数 from a few thousand cube rows instead of grouping a million
 * members; the cube without a member dimension counts households with members, for totals.
 *
 * One pass over the members marks, per household, which values of each member dimension occur;
 * then each household adds its pairs to every cube.
 */
export function buildPairCubes(db: Db, snapshotId: number): void {
  const cubes = CUBES.filter((c) => c.grain === 'person' && c.distinct);
  if (cubes.length === 0) return;
  const personColumns: readonly string[] = PERSON_DIM_COLUMNS;
  const householdColumns = [...new Set(cubes.flatMap((c) => c.columns.filter((col) => !personColumns.includes(col))))];
  const columns = [...personColumns, ...householdColumns];
  const table = FACT_TABLES.person;
  const radix = radices(db, table, 'snapshot_id = ?', [snapshotId], columns);
  const personKeys = personColumns.length;
  const householdKeys = householdColumns.length;
  // Every member's household is in pivot_household (the member rows were joined to it).
  const households = db.prepare(`SELECT COUNT(*) FROM ${FACT_TABLES.household} WHERE snapshot_id = ?`).pluck().get(snapshotId) as number;
  const denseOf = new Map<number, number>();
  const householdCodes = new Int32Array(Math.max(1, households * householdKeys));
  const seen = personColumns.map((_, p) => new Uint8Array(Math.max(1, households * (radix[p] as Radix).size)));
  const pairSql = `SELECT SUM(pivot_pair_feed(household_id, ${columns.join(', ')})) FROM ${table} WHERE snapshot_id = ?`;
  feedRows(db, 'pivot_pair_feed', pairSql, [snapshotId], (row) => {
    const household = row[0] as number;
    let h = denseOf.get(household);
    if (h === undefined) {
      h = denseOf.size;
      denseOf.set(household, h);
      for (let j = 0; j < householdKeys; j++) {
        const v = row[1 + personKeys + j] as number | null;
        householdCodes[h * householdKeys + j] = v === null ? 0 : v - (radix[personKeys + j] as Radix).min + 1;
      }
    }
    for (let p = 0; p < personKeys; p++) {
      const r = radix[p] as Radix;
      const v = row[1 + p] as number | null;
      (seen[p] as Uint8Array)[h * r.size + (v === null ? 0 : v - r.min + 1)] = 1;
    }
  });
  if (denseOf.size > households) throw new Error('members of more households than counted');

  for (const cube of cubes) {
    const positions = cube.columns.map((col) => columns.indexOf(col));
    const p = cube.distinct === 'households' ? -1 : personColumns.indexOf(cube.distinct as string);
    const seenOf = p < 0 ? null : seen[p] as Uint8Array;
    const sums = countPairs(cube, positions, radix, householdCodes, denseOf.size, householdKeys, personKeys, p, seenOf);
    insertCube(db, 'pivot_cube', snapshotId, cube, positions, columns, radix, ['n'], sums);
  }
}

function countPairs(
  cube: CubeDef, positions: readonly number[], radix: readonly Radix[], householdCodes: Int32Array, households: number,
  householdKeys: number, personKeys: number, p: number, seen: Uint8Array | null,
): Map<number, Float64Array> {
  const sums = new Map<number, Float64Array>();
  const add = (key: number): void => {
    const acc = sums.get(key);
    if (acc) acc[0] = (acc[0] as number) + 1;
    else sums.set(key, Float64Array.of(1));
  };
  const span = positions.reduce((s, i) => s * (radix[i] as Radix).size, 1);
  if (!Number.isSafeInteger(span)) throw new Error(`cube ${cube.id} key does not fit a number (${span})`);
  const size = p < 0 ? 1 : (radix[p] as Radix).size;
  for (let h = 0; h < households; h++) {
    for (let v = 0; v < size; v++) {
      if (seen && seen[h * size + v] === 0) continue;
      let key = 0;
      for (const i of positions) {
        key = key * (radix[i] as Radix).size
          + (i === p ? v : (householdCodes[h * householdKeys + i - personKeys] as number));
      }
      add(key);
    }
  }
  return sums;
}
