import { getSnapshot } from '../db/snapshotRepo';
import { selectHouseholdRecord } from '../db/queries/evaluationHouseholdQueries';
import type { HandlerMap } from '../service/handlers';
import { compareFigures } from './compareFigures';
import { compareHouseholds } from './compareHouseholds';
import { compareSnapshots } from './compareSnapshots';
import type * as EvaluationExport from './evaluationExport';
import { signalHouseholds } from './signalHouseholds';
import { signalsOf } from './signals';
import { getThresholds, setThresholds } from './thresholds';
import { Refusal } from '../refusal';

type EvaluationMethod =
  | 'evaluation.thresholds' | 'evaluation.setThresholds' | 'evaluation.compare' | 'evaluation.compareHouseholds'
  | 'evaluation.compareFigures' | 'evaluation.signals' | 'evaluation.signalHouseholds' | 'evaluation.household'
  | 'evaluation.exportCompare' | 'evaluation.exportSignals';

/** The workbook writer (ExcelJS) is loaded at the first export, not with the service (a CLI command starts faster). */
function workbookExport(): Promise<typeof EvaluationExport> {
  return import('./evaluationExport.js');
}

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
  'evaluation.exportCompare': async (ctx, req) => (await workbookExport()).exportComparison(ctx, req),
  'evaluation.exportSignals': async (ctx, req) => (await workbookExport()).exportSignals(ctx, req),
};
