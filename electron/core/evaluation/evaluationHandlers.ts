import { getSnapshot } from '../db/snapshotRepo';
import { selectHouseholdRecord } from '../db/queries/evaluationHouseholdQueries';
import type { HandlerMap } from '../service/handlers';
import { compareFigures } from './compareFigures';
import { compareHouseholds } from './compareHouseholds';
import { compareSnapshots } from './compareSnapshots';
import { exportComparison, exportSignals } from './evaluationExport';
import { signalHouseholds } from './signalHouseholds';
import { signalsOf } from './signals';
import { getThresholds, setThresholds } from './thresholds';
import { Refusal } from '../refusal';

type EvaluationMethod =
  | 'evaluation.thresholds' | 'evaluation.setThresholds' | 'evaluation.compare' | 'evaluation.compareHouseholds'
  | 'evaluation.compareFigures' | 'evaluation.signals' | 'evaluation.signalHouseholds' | 'evaluation.household'
  | 'evaluation.exportCompare' | 'evaluation.exportSignals';

export const evaluationHandlers: HandlerMap<EvaluationMethod> = {
  'evaluation.thresholds': (ctx) => getThresholds(ctx.db),
  'evaluation.setThresholds': (ctx, req) => setThresholds(ctx.db, req),
  'evaluation.compare': (ctx, req) => compareSnapshots(ctx.db, req),
  'evaluation.compareHouseholds': (ctx, req) => compareHouseholds(ctx.db, req),
  'evaluation.compareFigures': (ctx, req) => compareFigures(ctx.db, req),
  'evaluation.signals': (ctx, req) => signalsOf(ctx.db, req),
  'evaluation.signalHouseholds': (ctx, req) => signalHouseholds(ctx.db, req),
  'evaluation.household': (ctx, req) => {
    if (!getSnapshot(ctx.db, req.snapshotId)) throw new Refusal('not_found', `没有找到快照 #${req.snapshotId}`);
    return selectHouseholdRecord(ctx.db, req.snapshotId, req.code);
  },
  'evaluation.exportCompare': (ctx, req) => exportComparison(ctx, req),
  'evaluation.exportSignals': (ctx, req) => exportSignals(ctx, req),
};
