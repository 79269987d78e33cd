import type { Db } from '../db/database';
import { SnapshotWriter, type SnapshotCounts } from '../db/snapshotWriter';
import { demoCounty, type DemoCounty, type DemoOptions } from './demoCounty';
import { laterDemoCounty } from './evolution/laterCounty';
import { cancellation } from '../refusal';

export interface WriteDemoOptions extends DemoOptions {
  /** Fraction done (0–1) after each chunk of households. */
  readonly onProgress?: (fraction: number, householdsDone: number) => void;
  /** Asked between chunks; true rolls the snapshot back and throws a cancellation. */
  readonly isCancelled?: () => boolean;
}

/** Households per chunk between progress reports (and event-loop turns). */
const CHUNK = 2000;

/**
 * Writes the demo county as one snapshot through the same writer as an import: one transaction,
 * committed whole or rolled back (on error or cancel). Between chunks the event loop gets a turn,
 * so a job can report progress and be cancelled.
 */
export async function writeDemoSnapshot(db: Db, options: WriteDemoOptions = {}): Promise<{
  snapshotId: number; counts: SnapshotCounts;
}> {
  return writeCountySnapshot(db, demoCounty(options), options);
}

/** The demo county's next export, a year later (evolution/laterCounty.ts), as a snapshot of its own. */
export async function writeLaterDemoSnapshot(db: Db, options: WriteDemoOptions = {}): Promise<{
  snapshotId: number; counts: SnapshotCounts;
}> {
  return writeCountySnapshot(db, laterDemoCounty(options), options);
}

async function writeCountySnapshot(
  db: Db, county: DemoCounty, options: WriteDemoOptions,
): Promise<{ snapshotId: number; counts: SnapshotCounts }> {
  const writer = SnapshotWriter.begin(db, county.meta);
  try {
    for (const v of county.villages) writer.addVillage(v);
    let done = 0;
    for (const h of county.householdRows()) {
      if (h.household) writer.addHousehold(h.household);
      for (const p of h.persons) writer.addPerson(p);
      for (const i of h.incomes) writer.addIncome(i);
      for (const m of h.measures) writer.addMeasure(m);
      for (const e of h.events) writer.addEvent(e);
      done++;
      if (done % CHUNK === 0) {
        options.onProgress?.(Math.min(1, done / county.households), done);
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (options.isCancelled?.()) throw cancellation();
      }
    }
    options.onProgress?.(1, done);
    return writer.commit(0);
  } catch (err) {
    writer.rollback();
    throw err;
  }
}
