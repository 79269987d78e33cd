import { PREPARE_STAGE, prepareDerivedInSteps, type PrepareResult } from '../metrics/derived';
import { latestSnapshotId } from '../db/snapshotRepo';
import { claimBuild, releaseBuild } from '../pivot/facts/factsBuild';
import { buildPivotFactsInSteps } from '../pivot/facts/pivotFacts';
import type { ServiceContext } from './context';
import { cancellation } from '../refusal';

/** The job kind of the analysis-data preparation (jobs.active finds it by this name). */
export const PREPARE_JOB_KIND = 'metrics.prepare';

const IMPORT_POLL_MS = 300;

/** The share of the progress bar the metrics' tables take; the pivot tables take the rest. */
const DERIVED_SHARE = 0.45;

/** What the preparation did: the metrics' tables, then the pivot tables. */
export interface PreparationResult extends PrepareResult {
  readonly pivotMs: number | null;
}

/**
 * Starts the preparation of a freshly imported snapshot's derived tables as a job of its own, on the
 * shared connection, one table per step with the host's other calls answered between steps: a view
 * opened meanwhile gets its figures at once from the tables already built and builds any other one
 * itself, as it always could. The pivot tables come last, also in committed steps (factsBuild.ts);
 * the job claims them from its start, so that a pivot asked meanwhile builds no cube itself: it
 * waits at most for the detail tables and reads them. The import has committed by then, so its own
 * time is not lengthened; while another import runs, the preparation waits between steps, and no
 * step holds the database for more than a few seconds.
 */
export function startDerivedPreparation(ctx: ServiceContext, snapshotId: number): string {
  const jobId: string = ctx.jobs.start(PREPARE_JOB_KIND, async (control): Promise<PreparationResult> => {
    let last = 0;
    const between = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      // An import writes through its own connection in one long transaction: a step writing now
      // would wait on it (blocking this thread) and could fail, or make the import fail. Wait for it.
      while (ctx.jobs.active('import').length > 0 && !control.cancelled) {
        control.progress(last, `${PREPARE_STAGE}（等待导入完成）`);
        await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
      }
    };
    try {
      const result = await prepareDerivedInSteps(ctx.db, snapshotId, {
        progress: (fraction, stage) => {
          last = fraction * DERIVED_SHARE;
          control.progress(last, stage);
        },
        cancelled: () => control.cancelled,
        between,
      });
      if (control.cancelled) throw cancellation();
      if (!result.complete) return { ...result, pivotMs: null };
      const p0 = performance.now();
      await buildPivotFactsInSteps(ctx.db, { snapshotId }, jobId, {
        onProgress: (fraction, stage) => {
          last = DERIVED_SHARE + fraction * (1 - DERIVED_SHARE);
          control.progress(Math.min(last, 0.99), `${PREPARE_STAGE}（透视汇总表：${stage}）`);
        },
        cancelled: () => control.cancelled,
        between,
      });
      return { ...result, pivotMs: Math.round(performance.now() - p0) };
    } finally {
      releaseBuild(ctx.db, snapshotId, jobId);
    }
  });
  claimBuild(ctx.db, snapshotId, jobId);
  return jobId;
}

/**
 * For a host starting on an existing database (imported by an older version, or a database copied
 * in): prepares the newest snapshot's analysis data and pivot tables in the background. When
 * everything is prepared already, each step only finds its stamp and the job ends at once. Returns
 * the job's id, or null when the database has no snapshot.
 */
export function startPreparationOfNewest(ctx: ServiceContext): string | null {
  const snapshotId = latestSnapshotId(ctx.db);
  return snapshotId === null ? null : startDerivedPreparation(ctx, snapshotId);
}
