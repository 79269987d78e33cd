import { MetricRefusal } from '../metrics/metricRefusal';
import { startDerivedPreparation } from '../service/derivedJob';
import { ServiceError } from '../service/errors';
import type { ServiceContext } from '../service/context';
import type { Handler, HandlerMap, HandlerRequest } from '../service/handlers';
import type { ApiMethod } from '../../../shared/api/contract';
import { createStandard, deleteStandard, saveStandard, standardsOverview, useStandard } from './standardSets';

type StandardsMethod = 'standards.list' | 'standards.save' | 'standards.create' | 'standards.delete' | 'standards.use';

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

/**
 * Every figure follows the set in use: the metrics see changed line values through their stamps at
 * once; the background preparation is started again so that the next view is as fast as before.
 */
export const standardsHandlers: HandlerMap<StandardsMethod> = {
  'standards.list': refusing((ctx, req) => standardsOverview(ctx.db, req.snapshotId)),
  'standards.save': refusing((ctx, req) => {
    const result = saveStandard(ctx.db, req);
    if (result.status !== 'saved') return result;
    return { ...result, preparing: result.set.snapshotIds.map((id) => startDerivedPreparation(ctx, id)) };
  }),
  'standards.create': refusing((ctx, req) => createStandard(ctx.db, req)),
  'standards.delete': refusing((ctx, req) => deleteStandard(ctx.db, req.name)),
  'standards.use': refusing((ctx, req) => {
    useStandard(ctx.db, req.snapshotId, req.name);
    return { snapshotId: req.snapshotId, name: req.name, preparing: startDerivedPreparation(ctx, req.snapshotId) };
  }),
};
