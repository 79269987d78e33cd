import type { Level } from './levels';

/*
 * The row of a pivot level, apart from how groups are built (groups.ts) or given their medians
 * (medianSink.ts), so that both can name it without importing each other.
 */

/** A key position's value: a dictionary code or a year; null for a blank. */
export type KeyCode = number | null;

/** One row of a level: its kept keys and its sums (and, where asked, median and distinct households). */
export interface Group {
  readonly level: Level;
  readonly rowCodes: readonly KeyCode[];
  readonly colCodes: readonly KeyCode[];
  readonly sums: Float64Array;
  median: number | null;
  distinct: number | null;
}

export type LevelGroups = ReadonlyMap<string, ReadonlyMap<string, Group>>;

/** A group's key within its level: its row codes, then its column codes. */
export function groupKey(rowCodes: readonly KeyCode[], colCodes: readonly KeyCode[]): string {
  return `${rowCodes.join(',')}|${colCodes.join(',')}`;
}
