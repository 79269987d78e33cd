import type { Db } from '../db/database';
import { clearDerived } from '../db/queries/derivedTables';
import { ensureExitAttribution } from './exitAttribution';
import { ensureFlowLedger } from './flows';
import { incomeForScope, panelGrowth } from './income';
import { ensureIncomeAreaTotals } from './incomeArea';
import { resolveScope } from './scope';

/**
 * Builds the derived tables of a snapshot under its line set (exit attribution, the flow ledger,
 * county-wide income sums and the all-years panel), so that the first view after an import is as
 * fast as the next. Every metric also builds what it needs on first use; this only moves the cost.
 */
export function prepareDerived(db: Db, snapshotId: number): void {
  const scope = resolveScope(db, { snapshotId });
  ensureExitAttribution(scope);
  ensureFlowLedger(scope);
  incomeForScope(scope, { population: 'crossSection' });
  panelGrowth(scope);
  ensureIncomeAreaTotals(db, snapshotId);
}

/** Forgets a snapshot's derived tables (to time a first call, or after a rule change in development). */
export function forgetDerived(db: Db, snapshotId: number): void {
  clearDerived(db, snapshotId);
}
