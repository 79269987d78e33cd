import type { ApiMethod } from '../../../shared/api/contract';
import { getSnapshot } from '../db/snapshotRepo';
import { selectHouseholdRecord } from '../db/queries/evaluationHouseholdQueries';
import { MetricRefusal } from '../metrics/metricRefusal';
import type { ServiceContext } from '../service/context';
import { ServiceError } from '../service/errors';
import type { Handler, HandlerMap, HandlerRequest } from '../service/handlers';
import { compareFigures } from './compareFigures';
import { compareHouseholds } from './compareHouseholds';
import { compareSnapshots } from './compareSnapshots';
import { exportComparison, exportSignals } from './evaluationExport';
import { signalHouseholds } from './signalHouseholds';
import { signalsOf } from './signals';
import { getThresholds, setThresholds } from './thresholds';

type EvaluationMethod =
  | 'evaluation.thresholds' | 'evaluation.setThresholds' | 'evaluation.compare' | 'evaluation.compareHouseholds'
  | 'evaluation.compareFigures' | 'evaluation.signals' | 'evaluation.signalHouseholds' | 'evaluation.household'
  | 'evaluation.exportCompare' | 'evaluation.exportSignals';

/** A refusal (unknown snapshot, two counties, a snapshot with itself) becomes the service's error value. */
function refusing<M extends ApiMethod>(handler: Handler<M>): Handler<M> {
  return async (ctx: ServiceContext, req: HandlerRequest<M>) => {
    try {
      return await handler(ctx, req);
    } catch (err) {
      if (err instanceof MetricRefusal) throw new ServiceError(err.code, err.message);
      throw err;
    }
  };
}

export const evaluationHandlers: HandlerMap<EvaluationMethod> = {
  'evaluation.thresholds': (ctx) => getThresholds(ctx.db),
  'evaluation.setThresholds': (ctx, req) => setThresholds(ctx.db, req),
  'evaluation.compare': refusing((ctx, req) => compareSnapshots(ctx.db, req)),
  'evaluation.compareHouseholds': refusing((ctx, req) => compareHouseholds(ctx.db, req)),
  'evaluation.compareFigures': refusing((ctx, req) => compareFigures(ctx.db, req)),
  'evaluation.signals': refusing((ctx, req) => signalsOf(ctx.db, req)),
  'evaluation.signalHouseholds': refusing((ctx, req) => signalHouseholds(ctx.db, req)),
  'evaluation.household': refusing((ctx, req) => {
    if (!getSnapshot(ctx.db, req.snapshotId)) throw new MetricRefusal('not_found', `没有找到快照 #${req.snapshotId}`);
    return selectHouseholdRecord(ctx.db, req.snapshotId, req.code);
  }),
  'evaluation.exportCompare': refusing((ctx, req) => exportComparison(ctx, req)),
  'evaluation.exportSignals': refusing((ctx, req) => exportSignals(ctx, req)),
};
