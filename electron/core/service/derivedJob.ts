import { prepareDerivedInSteps, type PrepareResult } from '../metrics/derived';
import { JobCancelled } from '../jobs/jobRunner';
import type { ServiceContext } from './context';

/** The job kind of the analysis-data preparation (jobs.active finds it by this name). */
export const PREPARE_JOB_KIND = 'metrics.prepare';

/**
 * Starts the preparation of a freshly imported snapshot's derived tables as a job of its own, on the
 * shared connection, one table per step with the host's other calls answered between steps: a view
 * opened meanwhile gets its figures at once from the tables already built and builds any other one
 * itself, as it always could. The import has committed by then, so its own time is not lengthened.
 */
export function startDerivedPreparation(ctx: ServiceContext, snapshotId: number): string {
  return ctx.jobs.start(PREPARE_JOB_KIND, async (control): Promise<PrepareResult> => {
    const result = await prepareDerivedInSteps(ctx.db, snapshotId, {
      progress: (fraction, stage) => control.progress(fraction, stage),
      cancelled: () => control.cancelled,
      between: () => new Promise((resolve) => setImmediate(resolve)),
    });
    if (control.cancelled) throw new JobCancelled();
    return result;
  });
}
