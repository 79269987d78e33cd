import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { selectTownships } from '../../electron/core/db/queries/areaQueries';
import { latestSnapshotId } from '../../electron/core/db/snapshotRepo';
import { exitsMetrics } from '../../electron/core/metrics/exits';
import { forgetDerived } from '../../electron/core/metrics/derived';
import { flowsMetrics } from '../../electron/core/metrics/flows';
import { incomeMetrics } from '../../electron/core/metrics/income';
import { monitoringMetrics } from '../../electron/core/metrics/monitoring';
import { qualityMetrics } from '../../electron/core/metrics/quality';
import { returnsMetrics } from '../../electron/core/metrics/returns';
import { standardMetrics } from '../../electron/core/metrics/standard';
import { writeGeneratedCounty } from '../unit/metrics/support/generatedCounty';

/** Budgets of the metrics issue on the large county (1,000,000 members). */
const FULL_SET_BUDGET_MS = 3000;
const TOWNSHIP_BUDGET_MS = 200;
const RUNS = 5;

function timeOnce(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function timeMedian(f: () => unknown, runs = RUNS): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) times.push(timeOnce(f));
  return Math.round(medianOf(times) * 10) / 10;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Times the metrics on a county database: the full standard set (cli.md) county-wide, first after
 * an import (the derived exit attribution is built then) and then as usual (median of runs), and
 * each single metric for the largest township. All figures in milliseconds.
 */
export async function benchMetrics(dbPath: string): Promise<Record<string, unknown>> {
  const db = openDatabase(dbPath);
  try {
    const snapshotId = latestSnapshotId(db);
    if (snapshotId === null) throw new Error(`${dbPath} 中没有快照`);
    const counts = db.prepare('SELECT households, persons, income_rows AS incomeRows FROM snapshot WHERE id = ?').get(snapshotId);
    const township = selectTownships(db, snapshotId)[0]?.township;
    if (!township) throw new Error('快照中没有乡镇');

    forgetDerived(db, snapshotId);
    const firstCall = timeOnce(() => standardMetrics(db, { snapshotId }));
    const fullSet = timeMedian(() => standardMetrics(db, { snapshotId }));

    const filter = { townships: [township] };
    const one = (f: (d: Db) => unknown): number => timeMedian(() => f(db));
    const single: Record<string, number> = {
      income: one((d) => incomeMetrics(d, { snapshotId, filter })),
      incomePanel: one((d) => incomeMetrics(d, { snapshotId, filter, population: 'both' })),
      incomeByVillage: one((d) => incomeMetrics(d, { snapshotId, filter, groupBy: 'village' })),
      exits: one((d) => exitsMetrics(d, { snapshotId, filter })),
      returns: one((d) => returnsMetrics(d, { snapshotId, filter })),
      monitoring: one((d) => monitoringMetrics(d, { snapshotId, filter })),
      flows: one((d) => flowsMetrics(d, { snapshotId, filter })),
    };
    const county: Record<string, number> = {
      income: one((d) => incomeMetrics(d, { snapshotId })),
      exits: one((d) => exitsMetrics(d, { snapshotId })),
      returns: one((d) => returnsMetrics(d, { snapshotId })),
      monitoring: one((d) => monitoringMetrics(d, { snapshotId })),
      flows: one((d) => flowsMetrics(d, { snapshotId })),
      check: timeMedian(() => qualityMetrics(db, { snapshotId }), 3),
    };
    const slowestSingle = Math.max(...Object.values(single));
    return {
      snapshot: { id: snapshotId, ...(counts as object), township },
      fullSetFirstCallMs: round(firstCall),
      fullSetMs: fullSet,
      fullSetBudgetMs: FULL_SET_BUDGET_MS,
      fullSetWithinBudget: fullSet <= FULL_SET_BUDGET_MS,
      townshipMs: single,
      townshipBudgetMs: TOWNSHIP_BUDGET_MS,
      townshipWithinBudget: slowestSingle <= TOWNSHIP_BUDGET_MS,
      countyMs: county,
    };
  } finally {
    db.close();
  }
}

/** `node dist/tests/bench/metricsBench.js [db] [households]`: generates a county when the file is absent. */
if (require.main === module) {
  const path = process.argv[2] ?? '/tmp/tuopin-metrics-bench.sqlite';
  const households = Number(process.argv[3] ?? 300_000);
  if (!existsSync(path)) {
    const db = openDatabase(path);
    writeGeneratedCounty(db, { households, seed: 7 });
    db.close();
  }
  benchMetrics(path).then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`), (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
