import type { Db } from '../../db/database';

/**
 * The code maps of a build: each dimension's labels, a label's code being its position. Short
 * dictionaries are coded inside SQL by a CASE (codeSql.ts); the builders register the maps as the
 * SQL function pivot_code(dimension, label) for the long ones (villages), so that the fact tables
 * are written by INSERT … SELECT without carrying each row through JavaScript.
 */
export class CodeMaps {
  private readonly maps = new Map<string, Map<string, number>>();
  private readonly lists = new Map<string, readonly string[]>();

  set(dimension: string, labels: readonly string[]): void {
    this.maps.set(dimension, new Map(labels.map((l, i) => [l, i])));
    this.lists.set(dimension, [...labels]);
  }

  /** The labels of a dimension in code order (none when the build has not set it). */
  labels(dimension: string): readonly string[] {
    return this.lists.get(dimension) ?? [];
  }

  code(dimension: string, label: string | null): number | null {
    if (label === null) return null;
    return this.maps.get(dimension)?.get(label) ?? null;
  }

  /** Registers pivot_code on the connection (a later build replaces it). */
  register(db: Db): void {
    db.function('pivot_code', { deterministic: true }, (dimension: unknown, label: unknown) =>
      this.code(String(dimension), label === null ? null : String(label)));
  }
}

export const VILLAGE_KEY_SEPARATOR = '\u0001';

export function villageKey(township: string, village: string): string {
  return `${township}${VILLAGE_KEY_SEPARATOR}${village}`;
}
