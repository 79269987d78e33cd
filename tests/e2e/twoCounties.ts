import type { Db } from '../../electron/core/db/database';
import { writeDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';

/** Two demo counties of different codes and sizes (青山县 600 户, 绿水县 450 户): the multi-county views' case. */
export async function writeTwoDemoCounties(db: Db): Promise<void> {
  await writeDemoSnapshot(db, { households: 600, seed: 3 });
  await writeDemoSnapshot(db, { households: 450, seed: 7, county: { code: '532998', name: '绿水县' } });
}
