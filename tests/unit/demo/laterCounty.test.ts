import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laterDemoCounty } from '../../../electron/core/demo/evolution/laterCounty';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { compareSnapshots } from '../../../electron/core/evaluation/compareSnapshots';
import { signalsOf } from '../../../electron/core/evaluation/signals';
import type { CompareResult, SignalsResult } from '../../../shared/api/evaluation';
import { tempDb, type TempDb } from '../evaluation/support/pairFixture';

function hashOf(households: number, seed: number): string {
  const hash = createHash('sha256');
  for (const h of laterDemoCounty({ households, seed }).householdRows()) hash.update(JSON.stringify(h));
  return hash.digest('hex');
}

let t: TempDb;
let c: CompareResult;
let signalsA: SignalsResult;
let signalsB: SignalsResult;

beforeAll(async () => {
  t = tempDb();
  const a = await writeDemoSnapshot(t.db, { households: 3000, seed: 1 });
  const b = await writeLaterDemoSnapshot(t.db, { households: 3000, seed: 1 });
  c = compareSnapshots(t.db, { fromSnapshotId: a.snapshotId, toSnapshotId: b.snapshotId, listLimit: null });
  signalsA = signalsOf(t.db, { snapshotId: a.snapshotId });
  signalsB = signalsOf(t.db, { snapshotId: b.snapshotId });
}, 120_000);
afterAll(() => t.close());

describe('the demo county\'s export a year later', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(hashOf(300, 5)).toBe(hashOf(300, 5));
    expect(hashOf(300, 5)).not.toBe(hashOf(300, 6));
  });

  it('is one year later, of the same county', () => {
    expect(c.from.asOf).toBe('2023-12-31');
    expect(c.to.asOf).toBe('2024-12-31');
    expect(c.to.countyCode).toBe(c.from.countyCode);
  });

  it('has something in every category of the comparison, at rates a county sees in a year', () => {
    const h = c.households;
    expect(h.both / (h.both + h.vanished)).toBeGreaterThan(0.97);
    for (const k of ['renumbered', 'addedExplained', 'addedUnexplained', 'vanishedExplained', 'vanishedUnexplained'] as const) {
      expect(h[k], k).toBeGreaterThan(0);
    }
    expect(h.addedUnexplained).toBeLessThan(h.addedExplained);
    expect(h.vanishedUnexplained).toBeLessThan(h.vanishedExplained);
    for (const k of ['attribute', 'mainCause', 'size', 'monitoringCategory', 'riskEliminated', 'membersAdded', 'membersGone'] as const) {
      expect(c.changes[k], k).toBeGreaterThan(0);
    }
    expect(c.retroactive.incomeRows).toBeGreaterThan(0);
    expect(c.retroactive.incomeRows / h.both).toBeLessThan(0.03);
    expect(c.retroactive.events).toBeGreaterThan(0);
    const moved = (from: string, to: string): number =>
      c.transitions.find((x) => x.from === from && x.to === to)?.households ?? 0;
    expect(moved('返贫', '已脱贫（享受政策）')).toBeGreaterThan(0);
    expect(moved('已脱贫（享受政策）', '返贫')).toBeGreaterThan(0);
    expect(moved('已脱贫（享受政策）', '自然减少')).toBeGreaterThan(0);
    expect(moved('新增', '未填写')).toBeGreaterThan(0);
  });

  it('holds calculated-looking exits: identical incomes in a village (S5) and shortfalls padded to just above the line', () => {
    expect(signalsA.bySignal.S5.exits).toBe(0);
    expect(signalsB.bySignal.S5.exits).toBeGreaterThanOrEqual(5);
    expect(signalsB.bySignal.S1.exits).toBeGreaterThan(signalsA.bySignal.S1.exits);
    // Realistic: flagged, but not the rule (S2 alone follows every 兜底 exit).
    for (const s of [signalsA, signalsB]) {
      expect(s.bySignal.S1.exits / s.judged).toBeLessThan(0.1);
      expect(s.anySignal.share).toBeLessThan(0.6);
    }
  });
});
