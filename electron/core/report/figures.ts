import type { Db } from '../db/database';
import type { ExitsResult } from '../../../shared/api/exits';
import type { IncomeResult } from '../../../shared/api/income';
import type { MonitoringResult } from '../../../shared/api/monitoring';
import type { QualityResult } from '../../../shared/api/quality';
import type { ReturnsResult } from '../../../shared/api/returns';
import { exitsForScope } from '../metrics/exits';
import { exitMethodsByTownship, type TownshipExitMethods } from '../metrics/exitsByTownship';
import { incomeForScope } from '../metrics/income';
import { monitoringForScope } from '../metrics/monitoring';
import { qualityForScope } from '../metrics/quality';
import { registerForScope, type RegisterSummary } from '../metrics/register';
import { returnsForScope } from '../metrics/returns';
import { resolveScope, type MetricScope } from '../metrics/scope';

/** Rows of the flagged-household list an internal report may carry. */
export const INTERNAL_LIST_LIMIT = 200;

/**
 * Every figure the report prints, each read from its metric's one home for the report's scope
 * (snapshot, years, line set). Nothing here computes a figure: the report's modules only choose,
 * suppress and format what these results hold.
 */
export interface ReportFigures {
  readonly scope: MetricScope;
  readonly register: RegisterSummary;
  /** County-wide, cross-section and balanced panel side by side. */
  readonly income: IncomeResult;
  /** By township, cross-section. */
  readonly townshipIncome: IncomeResult;
  readonly exits: ExitsResult;
  readonly exitTownships: readonly TownshipExitMethods[];
  readonly returns: ReturnsResult;
  readonly monitoring: MonitoringResult;
  readonly quality: QualityResult;
}

export interface FigureRequest {
  readonly snapshotId?: number | undefined;
  readonly lineSet?: string | undefined;
  readonly years?: { from?: number | undefined; to?: number | undefined } | undefined;
  readonly withRiskList: boolean;
}

export function gatherFigures(db: Db, request: FigureRequest): ReportFigures {
  const years = request.years ? {
    ...(request.years.from !== undefined ? { from: request.years.from } : {}),
    ...(request.years.to !== undefined ? { to: request.years.to } : {}),
  } : undefined;
  const scope = resolveScope(db, {
    ...(request.snapshotId !== undefined ? { snapshotId: request.snapshotId } : {}),
    ...(request.lineSet !== undefined ? { lineSet: request.lineSet } : {}),
    ...(years ? { years } : {}),
  });
  return {
    scope,
    register: registerForScope(scope),
    income: incomeForScope(scope, { population: 'both' }),
    townshipIncome: incomeForScope(scope, { groupBy: 'township', population: 'crossSection' }),
    exits: exitsForScope(scope, { toCheck: false }),
    exitTownships: exitMethodsByTownship(scope),
    returns: returnsForScope(scope, {
      byExitMethod: false, riskListLimit: request.withRiskList ? INTERNAL_LIST_LIMIT : 1,
    }),
    monitoring: monitoringForScope(scope),
    quality: qualityForScope(scope, 0),
  };
}
