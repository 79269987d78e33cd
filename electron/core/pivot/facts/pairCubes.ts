import type { Db } from '../../db/database';
import { CUBES, insertCube, type Radix } from './cubes';
import { PERSON_DIM_COLUMNS } from './factColumns';
import type { HouseholdTable } from './householdTable';
import { KeySums } from './keySums';

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
 * The members' pass (personCubes.ts) marks, per household, which values of each member dimension
 * occur; then each household adds its pairs to every cube.
 */
export class PairCounts {
  private readonly seen: Uint8Array[];
  private readonly withMembers: Uint8Array;

  constructor(private readonly households: HouseholdTable, private readonly personRadix: readonly Radix[]) {
    this.seen = personRadix.map((r) => new Uint8Array(Math.max(1, households.count * r.size)));
    this.withMembers = new Uint8Array(households.count);
  }

  /** A member of household h with these radix indices of PERSON_DIM_COLUMNS. */
  mark(h: number, index: Int32Array): void {
    this.withMembers[h] = 1;
    for (let p = 0; p < this.seen.length; p++) {
      (this.seen[p] as Uint8Array)[h * (this.personRadix[p] as Radix).size + (index[p] as number)] = 1;
    }
  }

  write(db: Db, snapshotId: number): void {
    for (const cube of CUBES.filter((c) => c.grain === 'person' && c.distinct)) {
      const p = cube.distinct === 'households' ? -1 : (PERSON_DIM_COLUMNS as readonly string[]).indexOf(cube.distinct as string);
      const set = p < 0 ? cube.columns : cube.columns.slice(1);
      const grouping = this.households.group(set);
      const size = p < 0 ? 1 : (this.personRadix[p] as Radix).size;
      if (!Number.isSafeInteger(grouping.span * size)) throw new Error(`cube ${cube.id} key does not fit a number`);
      const counts = new Float64Array(Math.max(1, grouping.keys.length * size));
      const seen = p < 0 ? this.withMembers : this.seen[p] as Uint8Array;
      for (let h = 0; h < this.households.count; h++) {
        const g = grouping.groupOf[h] as number;
        for (let v = 0; v < size; v++) {
          if (seen[h * size + v] === 1) counts[g * size + v] = (counts[g * size + v] as number) + 1;
        }
      }
      const sums = new KeySums(1);
      grouping.keys.forEach((key, g) => {
        for (let v = 0; v < size; v++) {
          const n = counts[g * size + v] as number;
          if (n > 0) sums.add(v * grouping.span + key, 0, n);
        }
      });
      const radix = [...(p < 0 ? [] : [this.personRadix[p] as Radix]), ...set.map((c) => this.households.radixOf(c))];
      insertCube(db, 'pivot_cube', snapshotId, cube, cube.columns.map((_, i) => i), cube.columns, radix, ['n'], sums.toSorted());
    }
  }
}
