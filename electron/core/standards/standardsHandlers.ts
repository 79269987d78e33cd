import { startDerivedPreparation } from '../service/derivedJob';
import type { HandlerMap } from '../service/handlers';
import { createStandard, deleteStandard, saveStandard, standardsOverview, useStandard } from './standardSets';

type StandardsMethod = 'standards.list' | 'standards.save' | 'standards.create' | 'standards.delete' | 'standards.use';

/**
 * Every figure follows the set in use: the metrics see changed line values through their stamps at
 * once; the background preparation is started again so that the next view is as fast as before.
 */
export const standardsHandlers: HandlerMap<StandardsMethod> = {
  'standards.list': (ctx, req) => standardsOverview(ctx.db, req.snapshotId),
  'standards.save': (ctx, req) => {
    const result = saveStandard(ctx.db, req);
    if (result.status !== 'saved') return result;
    return { ...result, preparing: result.set.snapshotIds.map((id) => startDerivedPreparation(ctx, id)) };
  },
  'standards.create': (ctx, req) => createStandard(ctx.db, req),
  'standards.delete': (ctx, req) => deleteStandard(ctx.db, req.name),
  'standards.use': (ctx, req) => {
    useStandard(ctx.db, req.snapshotId, req.name);
    return { snapshotId: req.snapshotId, name: req.name, preparing: startDerivedPreparation(ctx, req.snapshotId) };
  },
};
