import type { ApiMethod } from '../../../shared/api/contract';
import { deleteAnalysis, listAnalyses, renameAnalysis, saveAnalysis } from '../pivot/analyses/savedAnalyses';
import { dimensionValues } from '../pivot/dimensionValues';
import { drillPivot } from '../pivot/drill';
import { exportPivot, pivotExportName } from '../pivot/export/exportPivot';
import { createDelivery } from '../delivery/deliveries';
import { buildClaim } from '../pivot/facts/factsBuild';
import { buildPivotFactsInSteps, pivotFactsReady } from '../pivot/facts/pivotFacts';
import { pivotCatalogue } from '../pivot/pivotCatalogue';
import { PivotRefusal } from '../pivot/pivotRefusal';
import { runPivot } from '../pivot/runPivot';
import { MetricRefusal } from '../metrics/metricRefusal';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import type { Handler, HandlerMap, HandlerRequest } from './handlers';

type PivotMethod =
  | 'pivot.prepare' | 'pivot.run' | 'pivot.catalogue' | 'pivot.dimensionValues' | 'pivot.drill' | 'pivot.exportXlsx' | 'pivot.exportCsv'
  | 'analyses.list' | 'analyses.save' | 'analyses.rename' | 'analyses.delete';

function serviceError(err: unknown): unknown {
  if (err instanceof PivotRefusal) return new ServiceError(err.code, err.message);
  if (err instanceof MetricRefusal) return new ServiceError(err.code, err.message);
  return err;
}

/** A pivot's refusal (unknown field, measure or op; unknown snapshot) becomes the service's error value. */
function refusing<M extends ApiMethod>(handler: Handler<M>): Handler<M> {
  return async (ctx: ServiceContext, req: HandlerRequest<M>) => {
    try {
      return await handler(ctx, req);
    } catch (err) {
      throw serviceError(err);
    }
  };
}

/**
 * Starts the job that builds a snapshot's pivot tables, unless they are complete; while the
 * preparation after an import builds them, its job is the answer.
 */
function preparePivot(ctx: ServiceContext, req: HandlerRequest<'pivot.prepare'>): { ready: boolean; jobId: string | null } {
  const { ready, scope } = pivotFactsReady(ctx.db, req);
  if (ready) return { ready: true, jobId: null };
  const building = buildClaim(ctx.db, scope.snapshot.id);
  if (building) return { ready: false, jobId: building };
  const jobId: string = ctx.jobs.start('pivot.prepare', async (control) => {
    const state = await buildPivotFactsInSteps(ctx.db, req, jobId, {
      onProgress: (fraction, stage) => control.progress(fraction, stage), cancelled: () => control.cancelled,
    });
    return { buildMs: state.buildMs, incomeYears: state.incomeYears };
  });
  return { ready: false, jobId };
}

/** An export the page downloads or saves through delivery.save: written where the core chooses. */
async function deliveredPivot(ctx: ServiceContext, req: HandlerRequest<'pivot.exportXlsx'>, format: 'xlsx' | 'csv') {
  let written = { rows: 0, bytes: 0 };
  const delivery = await createDelivery(ctx.workDir, pivotExportName(format), async (path) => {
    written = await exportPivot(ctx.db, path, req, format);
  });
  return { delivery, ...written };
}

export const pivotHandlers: HandlerMap<PivotMethod> = {
  'pivot.prepare': refusing(preparePivot),
  'pivot.run': refusing((ctx, req) => runPivot(ctx.db, req)),
  'pivot.catalogue': () => pivotCatalogue(),
  'pivot.dimensionValues': refusing((ctx, req) => dimensionValues(ctx.db, req)),
  'pivot.drill': refusing((ctx, req) => drillPivot(ctx.db, req)),
  'pivot.exportXlsx': refusing((ctx, req) => deliveredPivot(ctx, req, 'xlsx')),
  'pivot.exportCsv': refusing((ctx, req) => deliveredPivot(ctx, req, 'csv')),
  'analyses.list': (ctx) => listAnalyses(ctx.db),
  'analyses.save': refusing((ctx, req) => saveAnalysis(ctx.db, req)),
  'analyses.rename': refusing((ctx, req) => renameAnalysis(ctx.db, req.id, req.name)),
  'analyses.delete': refusing((ctx, req) => ({ deleted: deleteAnalysis(ctx.db, req.id) })),
};
