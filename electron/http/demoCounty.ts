import type { Db } from '../core/db/database';

/** Size and seed of the county a first start shows (the same every time). */
export const DEMO_COUNTY = { households: 3000, seed: 1 } as const;

/**
 * Writes the demo county into an empty database; false while the demo generator
 * (electron/core/demo/) is not part of the build.
 */
export async function writeDemoCounty(_db: Db): Promise<boolean> {
  return false;
}
