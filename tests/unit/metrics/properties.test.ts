import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { netIncomeOf } from '../../../electron/core/db/snapshotRows';
import { exitsMetrics } from '../../../electron/core/metrics/exits';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { standardMetrics } from '../../../electron/core/metrics/standard';
import { weightedMedian, weightedMedianFromMiddle } from '../../../electron/core/metrics/weightedMedian';
import { FLOW_EVENT_TYPES, buildFlowLedger, type FlowEventType, type FlowHousehold } from '../../../electron/core/metrics/flowLedger';
import { incomeRow, writeSnapshot, type HouseholdSpec } from './support/countyFixture';
import { generateHousehold, prng } from './support/generatedCounty';

function generate(seed: number, n: number, brokenShare = 0): HouseholdSpec[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, (_, k) => generateHousehold(rnd, k, 3, brokenShare));
}

/** Runs `check` on a fresh database holding the generated county. */
function withCounty(
  households: readonly HouseholdSpec[], check: (db: ReturnType<typeof openDatabase>, snapshotId: number) => void,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-prop-'));
  const db = openDatabase(join(dir, 'c.sqlite'));
  try {
    check(db, writeSnapshot(db, households));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const RUNS = { numRuns: 12 };
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const sizes = fc.integer({ min: 5, max: 60 });

describe('properties on generated counties', () => {
  it('income agrees with a direct recomputation; shares add up to 1; the panel is inside the cross-section', () => {
    fc.assert(fc.property(seeds, sizes, (seed, n) => {
      const households = generate(seed, n);
      withCounty(households, (db, snapshotId) => {
        const g = incomeMetrics(db, { snapshotId, population: 'both' }).groups[0];
        const rows = households.flatMap((h) => (h.income ?? []).map((i) => ({
          code: h.code, row: incomeRow(h.code, h.size, i),
        })));
        const years = [...new Set(rows.map((r) => r.row.year))].sort((a, b) => a - b);
        const inAll = new Set(
          households.filter((h) => years.every((y) => (h.income ?? []).some((i) => i.year === y))).map((h) => h.code),
        );
        for (const year of years) {
          const ofYear = rows.filter((r) => r.row.year === year);
          const net = ofYear.reduce((s, r) => s + netIncomeOf(r.row), 0);
          const persons = ofYear.reduce((s, r) => s + r.row.size, 0);
          const cs = g?.crossSection?.byYear.find((y) => y.year === year);
          expect(cs?.households).toBe(ofYear.length);
          expect(cs?.persons).toBe(persons);
          expect(cs?.perCapita).toBeCloseTo(net / persons, 6);
          expect(cs?.medianPerCapita).toBe(weightedMedian(ofYear.map((r) => ({
            value: netIncomeOf(r.row) / r.row.size, weight: r.row.size,
          }))));
          const s = cs?.shares;
          if (s) expect(s.wage + s.netBusiness + s.property + s.transfer).toBeCloseTo(1, 9);
          const panelYear = g?.panel?.byYear.find((y) => y.year === year);
          const panelRows = ofYear.filter((r) => inAll.has(r.code));
          expect(panelYear?.households ?? 0).toBe(panelRows.length);
          expect(panelRows.length).toBeLessThanOrEqual(ofYear.length);
        }
        expect(g?.panel?.households ?? 0).toBe(inAll.size);
        const c = g?.crossSection?.contribution?.bySource;
        if (c) expect(c.wage + c.netBusiness + c.property + c.transfer).toBeCloseTo(1, 6);
      });
    }), RUNS);
  });

  it('the flow identity holds on consistent event histories, and breaks are listed otherwise', () => {
    fc.assert(fc.property(seeds, sizes, fc.boolean(), (seed, n, broken) => {
      withCounty(generate(seed, n, broken ? 0.3 : 0), (db, snapshotId) => {
        const f = flowsMetrics(db, { snapshotId });
        for (const r of f.rows) {
          expect(r.gap).toBe(r.start + r.identified + r.returned - r.exited - r.naturalDecrease - r.removed - r.end);
        }
        for (let k = 2; k < f.rows.length; k++) {
          const prev = f.rows[k - 2];
          const row = f.rows[k];
          if (prev && row && prev.unit === row.unit) expect(row.start).toBe(prev.end);
        }
        if (!broken) expect(f.identityHolds).toBe(true);
        // every gap is explained by listed households
        const unexplained = f.rows.filter((r) => r.unit === 'households' && r.gap !== 0 && !f.breaks.some((b) => b.year === r.year));
        expect(unexplained).toEqual([]);
      });
    }), { ...RUNS, examples: [[800338316, 8, false]] });
  });

  it('the SQL-summed flow table equals the ledger counted household by household', () => {
    fc.assert(fc.property(seeds, sizes, fc.boolean(), (seed, n, broken) => {
      const households = generate(seed, n, broken ? 0.3 : 0);
      withCounty(households, (db, snapshotId) => {
        const f = flowsMetrics(db, { snapshotId });
        const types = new Set<string>(FLOW_EVENT_TYPES);
        const ledgerInput: FlowHousehold[] = households.map((h, k) => ({
          householdId: k, persons: h.size, ordinary: h.type === '普通农户',
          events: (h.events ?? []).filter((e) => types.has(e[1])).map((e) => ({
            householdId: k, year: e[0], type: e[1] as FlowEventType,
          })),
        }));
        const years = f.rows.map((r) => r.year);
        if (years.length === 0) return;
        const ledger = buildFlowLedger(ledgerInput, Math.min(...years), Math.max(...years));
        for (const r of f.rows) {
          const c = (r.unit === 'households' ? ledger.households : ledger.persons).get(r.year);
          expect({ ...r, gap: undefined }).toEqual({ year: r.year, unit: r.unit, ...c, gap: undefined });
        }
        expect(f.breaks.map((b) => `${b.householdCode}|${b.year}|${b.eventType}`).sort())
          .toEqual(ledger.breaks.map((b) => `${households[b.householdId]?.code}|${b.year}|${b.eventType}`).sort());
      });
    }), RUNS);
  });

  it('attribution shares add up to 1 for each method and each year; exits agree with the flows', () => {
    fc.assert(fc.property(seeds, sizes, (seed, n) => {
      withCounty(generate(seed, n), (db, snapshotId) => {
        const e = exitsMetrics(db, { snapshotId });
        const sumShares = (m: Record<string, { share: number }>): number =>
          Object.values(m).reduce((s, x) => s + x.share, 0);
        if (e.totals.events > 0) {
          for (const method of ['income', 'structural', 'recorded'] as const) expect(sumShares(e.attribution[method])).toBeCloseTo(1, 9);
          for (const y of e.byYear) expect(sumShares(y.attribution.income)).toBeCloseTo(1, 9);
        }
        const flows = flowsMetrics(db, { snapshotId }).rows.filter((r) => r.unit === 'households');
        for (const y of e.byYear) expect(flows.find((f) => f.year === y.year)?.exited).toBe(y.events);
      });
    }), RUNS);
  });

  it('a filter naming every township gives the county figures (the filtered code paths agree)', () => {
    fc.assert(fc.property(seeds, sizes, (seed, n) => {
      withCounty(generate(seed, n), (db, snapshotId) => {
        const all = { snapshotId, filter: { townships: ['乡镇1', '乡镇2', '乡镇3'] } };
        const county = incomeMetrics(db, { snapshotId, population: 'both' }).groups[0];
        const filtered = incomeMetrics(db, { ...all, population: 'both' }).groups[0];
        expect(filtered?.crossSection?.byYear).toEqual(county?.crossSection?.byYear);
        expect(filtered?.panel?.cagr).toEqual(county?.panel?.cagr);
        expect(exitsMetrics(db, all).attribution).toEqual(exitsMetrics(db, { snapshotId }).attribution);
        expect(returnsMetrics(db, all).byYear).toEqual(returnsMetrics(db, { snapshotId }).byYear);
        expect(flowsMetrics(db, all).rows).toEqual(flowsMetrics(db, { snapshotId }).rows);
        const std = standardMetrics(db, { snapshotId });
        expect(std.income.panelCagr?.value ?? null).toBe(county?.panel?.cagr?.value ?? null);
      });
    }), RUNS);
  });
});

describe('weighted median', () => {
  it('walking from the unweighted median gives the same value as the definition', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ value: fc.integer({ min: 0, max: 50 }), weight: fc.integer({ min: 1, max: 8 }) }), {
        minLength: 1, maxLength: 80,
      }),
      (items) => {
        const sorted = [...items].sort((a, b) => a.value - b.value);
        const total = sorted.reduce((s, i) => s + i.weight, 0);
        const fromMiddle = weightedMedianFromMiddle({
          valueAt: (offset) => sorted[offset]?.value ?? null,
          weightAtOrBelow: (v) => sorted.filter((i) => i.value <= v).reduce((s, i) => s + i.weight, 0),
          stream: (v, direction, visit) => {
            const list = direction === 'up' ? sorted.filter((i) => i.value > v) : sorted.filter((i) => i.value <= v).reverse();
            for (const i of list) if (!visit(i.value, i.weight)) return;
          },
        }, sorted.length, total);
        expect(fromMiddle).toBe(weightedMedian(items));
        // the definition itself: persons at or below reach half, and below it they do not
        const m = weightedMedian(items) as number;
        expect(sorted.filter((i) => i.value <= m).reduce((s, i) => s + i.weight, 0) * 2).toBeGreaterThanOrEqual(total);
        expect(sorted.filter((i) => i.value < m).reduce((s, i) => s + i.weight, 0) * 2).toBeLessThan(total);
      },
    ), { numRuns: 300 });
  });
});
