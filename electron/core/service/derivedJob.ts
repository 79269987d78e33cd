import { PREPARE_STAGE, prepareDerivedInSteps, type PrepareResult } from '../metrics/derived';
import { JobCancelled } from '../jobs/jobRunner';
import { latestSnapshotId } from '../db/snapshotRepo';
import type { ServiceContext } from './context';

/** The job kind of the analysis-data preparation (jobs.active finds it by this name). */
export const PREPARE_JOB_KIND = 'metrics.prepare';

const IMPORT_POLL_MS = 300;

/**
 * Starts the preparation of a freshly imported snapshot's derived tables as a job of its own, on the
 * shared connection, one table per step with the host's other calls answered between steps: a view
 * opened meanwhile gets its figures at once from the tables already built and builds any other one
 * itself, as it always could. The import has committed by then, so its own time is not lengthened;
 * while another import runs, the preparation waits between steps.
 */
export function startDerivedPreparation(ctx: ServiceContext, snapshotId: number): string {
  return ctx.jobs.start(PREPARE_JOB_KIND, async (control): Promise<PrepareResult> => {
    let last = 0;
    const result = await prepareDerivedInSteps(ctx.db, snapshotId, {
      progress: (fraction, stage) => {
        last = fraction;
        control.progress(fraction, stage);
      },
      cancelled: () => control.cancelled,
      between: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        // An import writes through its own connection in one long transaction: a step writing now
        // would wait on it (blocking this thread) and could fail, or make the import fail. Wait for it.
        while (ctx.jobs.active('import').length > 0 && !control.cancelled) {
          control.progress(last, `${PREPARE_STAGE}（等待导入完成）`);
          await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
        }
      },
    });
    if (control.cancelled) throw new JobCancelled();
    return result;
  });
}

/**
 * For a host starting on an existing database (imported by an older version, or a database copied
 * in): prepares the newest snapshot's analysis data in the background. When everything is prepared
 * already, each step only finds its stamp and the job ends at once. Returns the job's id, or null
 * when the database has no snapshot.
 */
export function startPreparationOfNewest(ctx: ServiceContext): string | null {
  const snapshotId = latestSnapshotId(ctx.db);
  return snapshotId === null ? null : startDerivedPreparation(ctx, snapshotId);
}
