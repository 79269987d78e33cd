import type { Db } from '../core/db/database';
import { openDatabase } from '../core/db/database';
import { listSnapshots } from '../core/db/snapshotRepo';
import { writeDemoCounty } from './demoCounty';

export interface OpenedWorkstationDatabase {
  readonly db: Db;
  /** True when the file had no snapshot and the demo county was written into it. */
  readonly demoWritten: boolean;
}

/**
 * Opens the database a host will serve. With `demoIfEmpty` (the app's own default database, not a
 * file named with --db) a database without any snapshot gets the demo county, so a first start
 * shows every view filled in.
 */
export async function openWorkstationDatabase(
  path: string,
  options: { readonly demoIfEmpty: boolean },
): Promise<OpenedWorkstationDatabase> {
  const db = openDatabase(path);
  if (!options.demoIfEmpty || listSnapshots(db).length > 0) return { db, demoWritten: false };
  try {
    await writeDemoCounty(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, demoWritten: true };
}
