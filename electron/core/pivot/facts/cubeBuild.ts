import type { Db } from '../../db/database';
import { CUBES, insertCube } from './cubes';
import { HOUSEHOLD_DIM_COLUMNS } from './factColumns';
import { GroupSums } from './groupSums';
import { HouseholdTable } from './householdTable';
import type { SortedSums } from './keySums';
import { sumIncomeCubes, type IncomeCubeWrites } from './incomeCubes';
import { MEDIAN_CUBES } from './medianCubes';
import { sumPersonCubes } from './personCubes';

/**
 * The snapshot's cubes in the build's steps (factsBuild.ts): each `sum…` reads without the write
 * lock and returns the write. The households are read once and shared by the steps: the member
 * and income passes find each row's groups through its household (householdTable.ts). The income
 * pass also feeds the median cubes, whose write is the last step.
 */
export class CubeBuild {
  private households: HouseholdTable | null = null;
  private income: IncomeCubeWrites | null = null;

  constructor(private readonly db: Db, private readonly snapshotId: number) {}

  /** The household cubes: each household adds its 户数 and 人数 to its group in each. */
  sumHouseholdCubes(): () => void {
    const households = this.table();
    const cubes = CUBES.filter((c) => c.grain === 'household' && !c.distinct);
    const sums = cubes.map((cube) => {
      const s = new GroupSums(households.group(cube.columns), 2);
      const values = new Float64Array(2);
      for (let h = 0; h < households.count; h++) {
        values[0] = households.n[h] as number;
        values[1] = households.size[h] as number;
        s.addAll(h, values);
      }
      s.flush(0);
      return s.sorted();
    });
    return () => cubes.forEach((cube, c) => {
      insertCube(this.db, 'pivot_cube', this.snapshotId, cube, cube.columns.map((_, i) => i), cube.columns,
        cube.columns.map((col) => households.radixOf(col)), ['n', 'size'], sums[c] as SortedSums);
    });
  }

  /** The member cubes and the distinct-household cubes of members. */
  sumPersonCubes(): () => void {
    return sumPersonCubes(this.db, this.snapshotId, this.table(), CUBES.filter((c) => c.grain === 'person' && !c.distinct));
  }

  /** The income cubes (written now) and the median cubes (written by writeMedianCubes). */
  sumIncomeCubes(): () => void {
    this.income = sumIncomeCubes(this.db, this.snapshotId, this.table(), CUBES.filter((c) => c.grain === 'income'));
    return this.income.cubes;
  }

  writeMedianCubes(): void {
    const income = this.income ?? sumIncomeCubes(this.db, this.snapshotId, this.table(), []);
    income.medians();
    // The last step: nothing reads the households or the sums again.
    this.income = null;
    this.households = null;
  }

  private table(): HouseholdTable {
    this.households ??= new HouseholdTable(this.db, this.snapshotId, householdColumns());
    return this.households;
  }
}

/** The household columns of every cube, in the order of HOUSEHOLD_DIM_COLUMNS. */
function householdColumns(): string[] {
  const used = new Set([...CUBES.flatMap((c) => c.columns), ...MEDIAN_CUBES.flatMap((c) => c.columns)]);
  return HOUSEHOLD_DIM_COLUMNS.filter((c) => used.has(c));
}
