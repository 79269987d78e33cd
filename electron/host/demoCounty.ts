import type { Db } from '../core/db/database';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from '../core/demo/writeDemoSnapshot';

/** Size and seed of the county a first start shows (the same every time). */
export const DEMO_COUNTY = { households: 3000, seed: 1 } as const;

/** Writes the demo county's two exports (the hosts' first start on an empty default database). */
export async function writeDemoCounty(db: Db): Promise<void> {
  await writeDemoSnapshot(db, DEMO_COUNTY);
  // The same county's export a year later: a first start shows 跨期对比 filled in too, and the
  // analysis views open on the newest snapshot, as with any database.
  await writeLaterDemoSnapshot(db, DEMO_COUNTY);
}
