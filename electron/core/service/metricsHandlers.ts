import { exitsMetrics } from '../metrics/exits';
import { flowsMetrics } from '../metrics/flows';
import { incomeMetrics } from '../metrics/income';
import { incomeDistribution } from '../metrics/incomeDistribution';
import { getLines, listLineSets, removeLineYear, setLines, useLineSet } from '../metrics/lines';
import { DEFAULT_CPI_SERIES, getCpiSeries, setCpiSeries } from '../metrics/cpi';
import { monitoringMetrics } from '../metrics/monitoring';
import { qualityMetrics } from '../metrics/quality';
import { returnsMetrics } from '../metrics/returns';
import { standardMetrics } from '../metrics/standard';
import type { HandlerMap } from './handlers';

type MetricsMethod =
  | 'metrics.standard' | 'metrics.income' | 'metrics.incomeDistribution' | 'metrics.exits' | 'metrics.returns' | 'metrics.monitoring' | 'metrics.flows'
  | 'metrics.quality' | 'lines.sets' | 'lines.get' | 'lines.set' | 'lines.deleteYear' | 'lines.useSet' | 'cpi.get' | 'cpi.set';

export const metricsHandlers: HandlerMap<MetricsMethod> = {
  'metrics.standard': (ctx, req) => standardMetrics(ctx.db, req),
  'metrics.income': (ctx, req) => incomeMetrics(ctx.db, req),
  'metrics.incomeDistribution': (ctx, req) => incomeDistribution(ctx.db, req),
  'metrics.exits': (ctx, req) => exitsMetrics(ctx.db, req),
  'metrics.returns': (ctx, req) => returnsMetrics(ctx.db, req),
  'metrics.monitoring': (ctx, req) => monitoringMetrics(ctx.db, req),
  'metrics.flows': (ctx, req) => flowsMetrics(ctx.db, req),
  'metrics.quality': (ctx, req) => qualityMetrics(ctx.db, req),
  'lines.sets': (ctx) => listLineSets(ctx.db),
  'lines.get': (ctx, req) => getLines(ctx.db, req.lineSet),
  'lines.set': (ctx, req) => setLines(ctx.db, req.lineSet, req.lines),
  'lines.deleteYear': (ctx, req) => removeLineYear(ctx.db, req.lineSet, req.year),
  'lines.useSet': (ctx, req) => useLineSet(ctx.db, req.snapshotId, req.lineSet),
  'cpi.get': (ctx, req) => getCpiSeries(ctx.db, req.series ?? DEFAULT_CPI_SERIES),
  'cpi.set': (ctx, req) => setCpiSeries(ctx.db, req.series ?? DEFAULT_CPI_SERIES, req.points),
};
