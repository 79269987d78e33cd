import type { DemoCreated } from '../../../shared/api/demo';
import { startDerivedPreparation } from '../service/derivedJob';
import type { HandlerMap } from '../service/handlers';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from './writeDemoSnapshot';

/** The job kind of a demo county's writing. */
export const DEMO_JOB_KIND = 'demo.create';

export const demoHandlers: HandlerMap<'demo.create'> = {
  /**
   * Writes the snapshot in a job (progress, 取消 rolls it back), then prepares its analysis data in
   * the job every written snapshot gets (jobs.active, kind metrics.prepare), as after an import.
   */
  'demo.create': (ctx, req) => {
    const jobId = ctx.jobs.start(DEMO_JOB_KIND, async (control): Promise<DemoCreated> => {
      const stage = req.later ? '写入次年快照' : '写入数据库';
      const write = req.later ? writeLaterDemoSnapshot : writeDemoSnapshot;
      const written = await write(ctx.db, {
        households: req.households, seed: req.seed, ...(req.county ? { county: req.county } : {}),
        onProgress: (fraction) => control.progress(fraction, stage), isCancelled: () => control.cancelled,
      });
      startDerivedPreparation(ctx, written.snapshotId);
      return written;
    });
    return { jobId };
  },
};
