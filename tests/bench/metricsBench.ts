import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
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

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Wall and CPU time (user + system) of one call: on a shared machine the CPU time is the steadier. */
function timeOnce(f: () => unknown): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median wall and CPU milliseconds of several runs. */
function timeMedian(f: () => unknown, runs = RUNS): { ms: number; cpuMs: number } {
  const times: Timing[] = [];
  for (let k = 0; k < runs; k++) times.push(timeOnce(f));
  return { ms: round(medianOf(times.map((t) => t.wall))), cpuMs: round(medianOf(times.map((t) => t.cpu))) };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Times the metrics on a county database: the full standard set (cli.md) county-wide, first after
 * an import (the derived tables are built then: exit attribution, income risk, flow ledger, county
 * income totals) and then as usual (median of runs), and each single metric for the largest
 * township. All figures in milliseconds, wall clock and CPU.
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
    const loadBefore = loadavg()[0] ?? 0;
    const firstCall = timeOnce(() => standardMetrics(db, { snapshotId }));
    const fullSet = timeMedian(() => standardMetrics(db, { snapshotId }));

    const filter = { townships: [township] };
    const one = (f: (d: Db) => unknown): { ms: number; cpuMs: number } => timeMedian(() => f(db));
    const single: Record<string, { ms: number; cpuMs: number }> = {
      income: one((d) => incomeMetrics(d, { snapshotId, filter })),
      incomePanel: one((d) => incomeMetrics(d, { snapshotId, filter, population: 'both' })),
      incomeByVillage: one((d) => incomeMetrics(d, { snapshotId, filter, groupBy: 'village' })),
      exits: one((d) => exitsMetrics(d, { snapshotId, filter })),
      returns: one((d) => returnsMetrics(d, { snapshotId, filter })),
      monitoring: one((d) => monitoringMetrics(d, { snapshotId, filter })),
      flows: one((d) => flowsMetrics(d, { snapshotId, filter })),
    };
    const county: Record<string, { ms: number; cpuMs: number }> = {
      income: one((d) => incomeMetrics(d, { snapshotId })),
      exits: one((d) => exitsMetrics(d, { snapshotId })),
      returns: one((d) => returnsMetrics(d, { snapshotId })),
      monitoring: one((d) => monitoringMetrics(d, { snapshotId })),
      flows: one((d) => flowsMetrics(d, { snapshotId })),
      check: timeMedian(() => qualityMetrics(db, { snapshotId }), 3),
    };
    const slowestSingle = Math.max(...Object.values(single).map((t) => t.ms));
    return {
      snapshot: { id: snapshotId, ...(counts as object), township },
      /** 1-minute load average of the machine before and after (the timings are wall clock). */
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
      fullSetFirstCallMs: round(firstCall.wall),
      fullSetFirstCallCpuMs: round(firstCall.cpu),
      fullSetMs: fullSet.ms,
      fullSetCpuMs: fullSet.cpuMs,
      fullSetBudgetMs: FULL_SET_BUDGET_MS,
      fullSetWithinBudget: fullSet.ms <= FULL_SET_BUDGET_MS,
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
