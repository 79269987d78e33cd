import type { Db } from '../core/db/database';
import { writeDemoSnapshot } from '../core/demo/writeDemoSnapshot';

/** Size and seed of the county a first start shows (the same every time). */
export const DEMO_COUNTY = { households: 3000, seed: 1 } as const;

/** Writes the demo county (the hosts' first start on an empty default database). */
export async function writeDemoCounty(db: Db): Promise<void> {
  await writeDemoSnapshot(db, DEMO_COUNTY);
}
