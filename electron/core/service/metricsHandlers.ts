import { exitsMetrics } from '../metrics/exits';
import { flowsMetrics } from '../metrics/flows';
import { incomeMetrics } from '../metrics/income';
import { incomeDistribution } from '../metrics/incomeDistribution';
import { getLines, listLineSets, removeLineYear, setLines, useLineSet } from '../metrics/lines';
import { DEFAULT_CPI_SERIES, getCpiSeries, setCpiSeries } from '../metrics/cpi';
import { MetricRefusal } from '../metrics/metricRefusal';
import { monitoringMetrics } from '../metrics/monitoring';
import { qualityMetrics } from '../metrics/quality';
import { returnsMetrics } from '../metrics/returns';
import { standardMetrics } from '../metrics/standard';
import { ServiceError } from './errors';
import type { ServiceContext } from './context';
import type { Handler, HandlerMap, HandlerRequest } from './handlers';
import type { ApiMethod } from '../../../shared/api/contract';

type MetricsMethod =
  | 'metrics.standard' | 'metrics.income' | 'metrics.incomeDistribution' | 'metrics.exits' | 'metrics.returns' | 'metrics.monitoring' | 'metrics.flows'
  | 'metrics.quality' | 'lines.sets' | 'lines.get' | 'lines.set' | 'lines.deleteYear' | 'lines.useSet' | 'cpi.get' | 'cpi.set';

/** A metric's refusal (unknown snapshot or line set, a bad range) becomes the service's error value. */
function refusing<M extends ApiMethod>(handler: Handler<M>): Handler<M> {
  return (ctx: ServiceContext, req: HandlerRequest<M>) => {
    try {
      return handler(ctx, req);
    } catch (err) {
      if (err instanceof MetricRefusal) throw new ServiceError(err.code, err.message);
      throw err;
    }
  };
}

export const metricsHandlers: HandlerMap<MetricsMethod> = {
  'metrics.standard': refusing((ctx, req) => standardMetrics(ctx.db, req)),
  'metrics.income': refusing((ctx, req) => incomeMetrics(ctx.db, req)),
  'metrics.incomeDistribution': refusing((ctx, req) => incomeDistribution(ctx.db, req)),
  'metrics.exits': refusing((ctx, req) => exitsMetrics(ctx.db, req)),
  'metrics.returns': refusing((ctx, req) => returnsMetrics(ctx.db, req)),
  'metrics.monitoring': refusing((ctx, req) => monitoringMetrics(ctx.db, req)),
  'metrics.flows': refusing((ctx, req) => flowsMetrics(ctx.db, req)),
  'metrics.quality': refusing((ctx, req) => qualityMetrics(ctx.db, req)),
  'lines.sets': refusing((ctx) => listLineSets(ctx.db)),
  'lines.get': refusing((ctx, req) => getLines(ctx.db, req.lineSet)),
  'lines.set': refusing((ctx, req) => setLines(ctx.db, req.lineSet, req.lines)),
  'lines.deleteYear': refusing((ctx, req) => removeLineYear(ctx.db, req.lineSet, req.year)),
  'lines.useSet': refusing((ctx, req) => useLineSet(ctx.db, req.snapshotId, req.lineSet)),
  'cpi.get': refusing((ctx, req) => getCpiSeries(ctx.db, req.series ?? DEFAULT_CPI_SERIES)),
  'cpi.set': refusing((ctx, req) => setCpiSeries(ctx.db, req.series ?? DEFAULT_CPI_SERIES, req.points)),
};
