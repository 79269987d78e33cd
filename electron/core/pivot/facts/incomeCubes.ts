import type { Db } from '../../db/database';
import type { Component } from '../../../../shared/semantic/types';
import { factRadices, insertCube, type CubeDef } from './cubes';
import { COMPONENT_COLUMNS, COMPONENTS_OF_GRAIN, FACT_TABLES } from './factColumns';
import { groupsWithin, GroupSums, rollUpSources } from './groupSums';
import type { Grouping, HouseholdTable } from './householdTable';
import { MedianCubeSums } from './medianCubes';
import { feedRows } from '../../db/rowFeed';

/** What the income pass leaves to write: the income cubes, then the ranges and median cubes. */
export interface IncomeCubeWrites {
  readonly cubes: () => void;
  readonly medians: () => void;
}

/**
 * One pass over the income rows for both the income cubes and the median cubes. A full scan of
 * pivot_income gives its key order (year, 人均纯收入), which the median ranges need; each row brings
 * only its household, year, 人均纯收入 and sums (11 values, not 27). Rows come year by year, so the
 * cubes are summed one year at a time, by array index through each household's group.
 */
export function sumIncomeCubes(
  db: Db, snapshotId: number, households: HouseholdTable, cubes: readonly CubeDef[],
): IncomeCubeWrites {
  const table = FACT_TABLES.income;
  const components = COMPONENTS_OF_GRAIN.income as readonly Component[];
  const yearRadix = factRadices(db, snapshotId, ['year'])[0];
  if (!yearRadix) throw new Error('no range for year');
  // factRadices gives size 2 and min 0 when there is no income row (MIN and MAX are NULL).
  const hasRows = db.prepare(`SELECT 1 FROM ${table} WHERE snapshot_id = ? LIMIT 1`).pluck().get(snapshotId) !== undefined;
  if (!hasRows) return { cubes: () => undefined, medians: () => undefined };
  const medians = new MedianCubeSums(households, [yearRadix.min, yearRadix.min + yearRadix.size - 2]);
  const groupings = cubes.map((cube) => households.group(cube.columns));
  const sums = groupings.map((grouping) => {
    const span = grouping.span * yearRadix.size;
    if (!Number.isSafeInteger(span)) throw new Error(`cube key does not fit a number (${span})`);
    return new GroupSums(grouping, components.length);
  });
  // Only the cubes that no other holds are summed from the households (9 of 14); the others from
  // the groups of one of those (a few thousand, not 300,000 households a year).
  const sources = rollUpSources(cubes.map((c) => c.columns), groupings.map((g) => g.keys.length));
  const into = sources.map((s, c) => (s < 0 ? null : groupsWithin(groupings[s] as Grouping, groupings[c] as Grouping)));
  // A year's sums per household first (a household has one income row a year, read in 人均纯收入
  // order, so in no order of household): one write per row, where adding to 14 cubes' groups made
  // 14 scattered reads and writes per row. At the year's end the households add theirs to every
  // cube in household order.
  const width = components.length;
  const ofHousehold = new Float64Array(Math.max(1, households.count * width));
  const hasRow = new Uint8Array(households.count);
  let year = -Infinity;
  const columns = ['household_id', 'year', 'per_capita', ...components.map((c) => COMPONENT_COLUMNS[c])];
  const sizeAt = 3 + components.indexOf('size');
  const flush = (): void => {
    if (year === -Infinity) return;
    sums.forEach((s, c) => {
      if (sources[c] !== -1) return;
      for (let h = 0; h < households.count; h++) if (hasRow[h] === 1) s.addAll(h, ofHousehold, h * width);
    });
    sums.forEach((s, c) => {
      const source = sources[c] as number;
      if (source >= 0) (sums[source] as GroupSums).rollUp(s, into[c] as Int32Array);
    });
    for (const s of sums) s.flush(year - yearRadix.min + 1);
    ofHousehold.fill(0);
    hasRow.fill(0);
  };
  feedRows(db, 'pivot_income_feed', `SELECT SUM(pivot_income_feed(${columns.join(', ')})) FROM ${table} WHERE snapshot_id = ?`,
    [snapshotId], (row) => {
      const h = households.indexOf(row[0] as number);
      const y = row[1] as number;
      if (y !== year) {
        flush();
        year = y;
      }
      medians.add(y, row[2] as number, row[sizeAt] as number, h);
      const at = h * width;
      for (let k = 0; k < width; k++) ofHousehold[at + k] = (ofHousehold[at + k] as number) + (row[3 + k] as number);
      hasRow[h] = 1;
    });
  flush();
  medians.finish();
  const radix = cubes.map((cube) => [yearRadix, ...cube.columns.map((c) => households.radixOf(c))]);
  return {
    cubes: () => cubes.forEach((cube, c) => {
      const columns = ['year', ...cube.columns];
      insertCube(db, 'pivot_cube', snapshotId, cube, columns.map((_, i) => i), columns, radix[c] ?? [], components,
        (sums[c] as GroupSums).sorted());
    }),
    medians: () => medians.write(db, snapshotId),
  };
}
