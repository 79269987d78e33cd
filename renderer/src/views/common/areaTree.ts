import type { PivotCell } from '../../../../shared/api/pivot';

export interface VillageEntry {
  /** The village's own name, as the metrics filter takes it (with its township). */
  readonly name: string;
  readonly households: number;
}

export interface TownshipEntry {
  readonly name: string;
  readonly households: number;
  readonly villages: readonly VillageEntry[];
}

/** The pivot spec whose rows list the county's townships and villages in area-code order. */
export const AREA_PIVOT_SPEC = { rows: ['township', 'village'], values: [{ measure: 'households' }] } as const;

/**
 * Townships and their villages from the pivot's long rows `[township, village, households]`. The
 * pivot labels a village whose name recurs in another township as "乡镇·村"; the filter wants the
 * bare name beside its township, so that prefix is taken off.
 */
export function areaTreeFromPivot(rows: readonly (readonly PivotCell[])[]): TownshipEntry[] {
  const towns = new Map<string, { households: number; villages: VillageEntry[] }>();
  for (const row of rows) {
    const [township, village, households] = row;
    if (typeof township !== 'string' || typeof village !== 'string') continue;
    const count = typeof households === 'number' ? households : 0;
    const prefix = `${township}·`;
    const name = village.startsWith(prefix) ? village.slice(prefix.length) : village;
    const town = towns.get(township) ?? { households: 0, villages: [] };
    town.households += count;
    town.villages.push({ name, households: count });
    towns.set(township, town);
  }
  return [...towns.entries()].map(([name, t]) => ({ name, households: t.households, villages: t.villages }));
}
