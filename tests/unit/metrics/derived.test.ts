import { describe, expect, it } from 'vitest';
import { deleteSnapshot } from '../../../electron/core/db/snapshotRepo';
import { forgetDerived, prepareDerived } from '../../../electron/core/metrics/derived';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { setLines } from '../../../electron/core/metrics/lines';
import { standardMetrics } from '../../../electron/core/metrics/standard';
import { EXIT_COUNTY } from './support/exitCounty';
import { tempCounty } from './support/countyFixture';

const TABLES = ['exit_attribution', 'income_risk', 'flow_event', 'income_year_total', 'income_panel_total', 'income_area_total', 'derived_stamp'] as const;

describe('derived tables', () => {
  it('are built once, give the same figures as a fresh computation, and go with their snapshot', () => {
    const county = tempCounty(EXIT_COUNTY);
    try {
      const { db, snapshotId } = county;
      const rows = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE snapshot_id = ?`).get(snapshotId) as { n: number }).n;
      prepareDerived(db, snapshotId);
      expect(rows('exit_attribution')).toBe(7);
      expect(rows('flow_event')).toBe(6 + 7 + 2);
      const first = standardMetrics(db, { snapshotId });
      forgetDerived(db, snapshotId);
      for (const t of TABLES) expect(rows(t)).toBe(0);
      expect(standardMetrics(db, { snapshotId })).toEqual(first);

      returnsMetrics(db, { snapshotId });
      expect(rows('income_risk')).toBe(2);
      deleteSnapshot(db, snapshotId);
      for (const t of TABLES) expect(rows(t)).toBe(0);
    } finally {
      county.close();
    }
  });

  it('follow the line values: an edited line recomputes the attribution and the income risk', () => {
    const county = tempCounty(EXIT_COUNTY, 'custom');
    try {
      const { db, snapshotId } = county;
      // X1's 2017 人均 5000/3 is below 2952; with a 2017 line of 1500 it no longer is
      expect(returnsMetrics(db, { snapshotId }).incomeRisk.total).toBe(2);
      setLines(db, 'custom', [{ year: 2017, povertyLine: 1500, monitoringThreshold: null }]);
      const after = returnsMetrics(db, { snapshotId });
      expect(after.incomeRisk.total).toBe(1);
      expect(after.koujing.lines.find((l) => l.year === 2017)?.line).toBe(1500);
    } finally {
      county.close();
    }
  });
});
