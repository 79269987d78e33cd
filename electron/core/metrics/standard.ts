import type { Db } from '../db/database';
import { lineForYear } from '../../../shared/domain/povertyLines';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import { exitsForScope } from './exits';
import { flowsForScope } from './flows';
import { incomeForScope, panelGrowth } from './income';
import { POPULATIONS, lineSetLabel, makeKoujing } from './koujing';
import { monitoringForScope } from './monitoring';
import { returnsForScope } from './returns';
import { resolveScope } from './scope';

/**
 * The standard metric set of cli.md (`tuopin metrics --json`), county-wide, every year: each part
 * comes from its metric's one home and keeps its 口径 object.
 */
export function standardMetrics(db: Db, request: { snapshotId?: number; lineSet?: string } = {}): StandardMetrics {
  const scope = resolveScope(db, request);
  const income = incomeForScope(scope, { population: 'crossSection' });
  const series = income.groups[0]?.crossSection ?? null;
  const exits = exitsForScope(scope, { toCheck: false });
  const returns = returnsForScope(scope, { incomeRisk: false, byExitMethod: false });
  const monitoring = monitoringForScope(scope);
  const flows = flowsForScope(scope);

  const lines: Record<string, number> = {};
  for (const l of scope.lines) {
    const value = lineForYear(scope.lines, l.year);
    if (value !== null) lines[String(l.year)] = value;
  }
  const cliShares = (
    m: Record<string, { households: number; persons: number; share: number }>,
  ): Record<string, { households: number; persons: number; share: number }> =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [
      k, { households: v.households, persons: v.persons, share: v.share },
    ]));

  const panel = panelGrowth(scope);
  return {
    snapshot: { id: scope.snapshot.id, county: scope.snapshot.countyName, asOf: scope.snapshot.asOf },
    lineSet: { name: scope.lineSet, label: lineSetLabel(db, scope.lineSet) },
    lines,
    koujing: makeKoujing(scope, {
      years: [...(series?.byYear.map((y) => y.year) ?? []), ...exits.byYear.map((y) => y.year)],
      population: POPULATIONS.allHouseholds,
      lineYears: exits.byYear.map((y) => y.year),
      notes: ['各部分的口径见其 koujing 字段。'],
    }),
    income: {
      byYear: (series?.byYear ?? []).map((y) => ({
        year: y.year, households: y.households, persons: y.persons, perCapita: y.perCapita,
        medianPerCapita: y.medianPerCapita,
        wage: y.wage, netBusiness: y.netBusiness, property: y.property, transfer: y.transfer, support: y.support,
        otherTransfer: y.otherTransfer, yoy: y.yoy,
      })),
      cagr: series?.cagr ? { from: series.cagr.from, to: series.cagr.to, value: series.cagr.value } : null,
      panelCagr: panel,
      koujing: income.koujing,
    },
    exits: {
      byYear: exits.byYear.map((y) => ({ year: y.year, households: y.households, persons: y.persons })),
      attribution: {
        income: cliShares(exits.attribution.income),
        structural: cliShares(exits.attribution.structural),
        recorded: cliShares(exits.attribution.recorded),
      },
      koujing: exits.koujing,
    },
    returns: {
      byYear: returns.byYear.map((y) => ({
        year: y.year, households: y.households, persons: y.persons, rate: y.rate, byCause: y.byCause,
      })),
      koujing: returns.koujing,
    },
    monitoring: {
      byCategory: monitoring.byCategory,
      byRisk: Object.fromEntries(Object.entries(monitoring.byRisk).map(([k, v]) => [k, { households: v.households }])),
      eliminated: { households: monitoring.eliminated.households, rate: monitoring.eliminated.rate },
      koujing: monitoring.koujing,
    },
    flows: flows.rows.map((r) => ({
      year: r.year, unit: r.unit, start: r.start, identified: r.identified, returned: r.returned, exited: r.exited,
      naturalDecrease: r.naturalDecrease, removed: r.removed, end: r.end,
    })),
    flowsKoujing: flows.koujing,
  };
}
