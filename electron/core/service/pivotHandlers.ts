import { deleteAnalysis, listAnalyses, renameAnalysis, saveAnalysis } from '../pivot/analyses/savedAnalyses';
import { dimensionValues } from '../pivot/dimensionValues';
import { drillPivot } from '../pivot/drill';
import { createDelivery } from '../delivery/deliveries';
import { buildClaim } from '../pivot/facts/factsBuild';
import { buildPivotFactsInSteps, pivotFactsReady } from '../pivot/facts/pivotFacts';
import { pivotCatalogue } from '../pivot/pivotCatalogue';
import { runPivotRequest } from '../pivot/countyPivot';
import type { ServiceContext } from './context';
import type { HandlerMap, HandlerRequest } from './handlers';

type PivotMethod =
  | 'pivot.prepare' | 'pivot.run' | 'pivot.catalogue' | 'pivot.dimensionValues' | 'pivot.drill'
  | 'pivot.exportXlsx' | 'pivot.exportCsv' | 'pivot.exportDrill'
  | 'analyses.list' | 'analyses.save' | 'analyses.rename' | 'analyses.delete';

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

/**
 * An export the page downloads or saves through delivery.save: written where the core chooses. The
 * writers (ExcelJS) are loaded at the first export, not with the service (a CLI command starts faster).
 */
async function deliveredPivot(ctx: ServiceContext, req: HandlerRequest<'pivot.exportXlsx'>, format: 'xlsx' | 'csv') {
  const { exportPivot, pivotExportName } = await import('../pivot/export/exportPivot.js');
  let written = { rows: 0, bytes: 0 };
  const delivery = await createDelivery(ctx.workDir, pivotExportName(format), async (path) => {
    written = await exportPivot(ctx.db, path, req, format);
  });
  return { delivery, ...written };
}

async function deliveredDrill(ctx: ServiceContext, req: HandlerRequest<'pivot.exportDrill'>) {
  const { drillExportName, exportDrill } = await import('../pivot/export/exportDrill.js');
  let written = { rows: 0, bytes: 0 };
  const { title, ...drill } = req;
  const delivery = await createDelivery(ctx.workDir, drillExportName(), async (path) => {
    written = await exportDrill(ctx.db, path, drill, title);
  });
  return { delivery, ...written };
}

export const pivotHandlers: HandlerMap<PivotMethod> = {
  'pivot.prepare': preparePivot,
  'pivot.run': (ctx, req) => runPivotRequest(ctx.db, req),
  'pivot.catalogue': () => pivotCatalogue(),
  'pivot.dimensionValues': (ctx, req) => dimensionValues(ctx.db, req),
  'pivot.drill': (ctx, req) => drillPivot(ctx.db, req),
  'pivot.exportXlsx': (ctx, req) => deliveredPivot(ctx, req, 'xlsx'),
  'pivot.exportCsv': (ctx, req) => deliveredPivot(ctx, req, 'csv'),
  'pivot.exportDrill': (ctx, req) => deliveredDrill(ctx, req),
  'analyses.list': (ctx) => listAnalyses(ctx.db),
  'analyses.save': (ctx, req) => saveAnalysis(ctx.db, req),
  'analyses.rename': (ctx, req) => renameAnalysis(ctx.db, req.id, req.name),
  'analyses.delete': (ctx, req) => ({ deleted: deleteAnalysis(ctx.db, req.id) }),
};
