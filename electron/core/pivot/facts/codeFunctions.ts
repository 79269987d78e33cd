import type { Db } from '../../db/database';
import { ageGroupIndex, ageOn } from '../../../../shared/semantic/ageGroups';

/**
 * Dictionary encoding inside SQL: the builders register the code maps of a build as SQL functions
 * (pivot_code(dimension, label), pivot_village(township, village), pivot_age_group(birth, asOf)) so that
 * the fact tables are written by INSERT … SELECT without carrying each row through JavaScript.
 */
export class CodeMaps {
  private readonly maps = new Map<string, Map<string, number>>();

  set(dimension: string, labels: readonly string[]): void {
    this.maps.set(dimension, new Map(labels.map((l, i) => [l, i])));
  }

  code(dimension: string, label: string | null): number | null {
    if (label === null) return null;
    return this.maps.get(dimension)?.get(label) ?? null;
  }

  /** Registers pivot_code and pivot_age_group on the connection (a later build replaces them). */
  register(db: Db): void {
    db.function('pivot_code', { deterministic: true }, (dimension: unknown, label: unknown) =>
      this.code(String(dimension), label === null ? null : String(label)));
    db.function('pivot_age_group', { deterministic: true }, (birth: unknown, asOf: unknown) =>
      ageGroupIndex(ageOn(typeof birth === 'string' ? birth : null, String(asOf))));
  }
}

export const VILLAGE_KEY_SEPARATOR = '\u0001';

export function villageKey(township: string, village: string): string {
  return `${township}${VILLAGE_KEY_SEPARATOR}${village}`;
}
