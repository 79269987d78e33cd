import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { selectTownships } from '../../electron/core/db/queries/areaQueries';
import { latestSnapshotId } from '../../electron/core/db/snapshotRepo';
import { exitsMetrics } from '../../electron/core/metrics/exits';
import { forgetDerived, prepareSteps } from '../../electron/core/metrics/derived';
import { resolveScope } from '../../electron/core/metrics/scope';
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

interface Budgeted {
  readonly ms: number;
  readonly cpuMs: number;
  readonly budgetMs: number;
  /** Wall-clock median within the budget. */
  readonly ok: boolean;
}

function budgeted(t: { ms: number; cpuMs: number }, budgetMs: number): Budgeted {
  return { ...t, budgetMs, ok: t.ms <= budgetMs };
}

/** Wall and CPU time of each preparation step, in the order they run. */
function prepareTimed(db: Db, snapshotId: number): {
  wall: number; cpu: number; steps: Record<string, { ms: number; cpuMs: number }>;
} {
  const steps: Record<string, { ms: number; cpuMs: number }> = {};
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const step of prepareSteps(db, snapshotId)) {
    const t = timeOnce(() => step.run(resolveScope(db, { snapshotId })));
    const sum = steps[step.name] ?? { ms: 0, cpuMs: 0 };
    steps[step.name] = { ms: round(sum.ms + t.wall), cpuMs: round(sum.cpuMs + t.cpu) };
  }
  const c = process.cpuUsage(c0);
  return { wall: round(performance.now() - t0), cpu: round((c.user + c.system) / 1000), steps };
}

/**
 * Times the metrics on a county database: the preparation of the derived tables that runs after an
 * import (each step), the full standard set (cli.md) county-wide once prepared (first call, then
 * the median of runs), and each single metric for the largest township, each against its budget.
 * All figures in milliseconds, wall clock and CPU (user + system), medians of five runs.
 */
export async function benchMetrics(dbPath: string): Promise<Record<string, unknown>> {
  const db = openDatabase(dbPath);
  try {
    const snapshotId = latestSnapshotId(db);
    if (snapshotId === null) throw new Error(`${dbPath} 中没有快照`);
    const counts = db.prepare('SELECT households, persons, income_rows AS incomeRows FROM snapshot WHERE id = ?').get(snapshotId);
    const township = selectTownships(db, snapshotId)[0];
    if (!township) throw new Error('快照中没有乡镇');

    forgetDerived(db, snapshotId);
    const loadBefore = loadavg()[0] ?? 0;
    const filter = { townships: [township.township] };
    // Before the preparation a township's income comes from its rows (what a view opened during the job does).
    const unprepared = timeMedian(() => incomeMetrics(db, { snapshotId, filter, population: 'both' }));
    const prepare = prepareTimed(db, snapshotId);
    const firstCall = timeOnce(() => standardMetrics(db, { snapshotId }));
    const fullSet = timeMedian(() => standardMetrics(db, { snapshotId }));

    const one = (f: (d: Db) => unknown): Budgeted => budgeted(timeMedian(() => f(db)), TOWNSHIP_BUDGET_MS);
    const single: Record<string, Budgeted> = {
      income: one((d) => incomeMetrics(d, { snapshotId, filter })),
      incomePanel: one((d) => incomeMetrics(d, { snapshotId, filter, population: 'both' })),
      incomeByVillage: one((d) => incomeMetrics(d, { snapshotId, filter, groupBy: 'village' })),
      exits: one((d) => exitsMetrics(d, { snapshotId, filter })),
      returns: one((d) => returnsMetrics(d, { snapshotId, filter })),
      monitoring: one((d) => monitoringMetrics(d, { snapshotId, filter })),
      flows: one((d) => flowsMetrics(d, { snapshotId, filter })),
    };
    const county: Record<string, { ms: number; cpuMs: number }> = {
      income: timeMedian(() => incomeMetrics(db, { snapshotId })),
      incomeByTownship: timeMedian(() => incomeMetrics(db, { snapshotId, groupBy: 'township', population: 'both' })),
      exits: timeMedian(() => exitsMetrics(db, { snapshotId })),
      returns: timeMedian(() => returnsMetrics(db, { snapshotId })),
      monitoring: timeMedian(() => monitoringMetrics(db, { snapshotId })),
      flows: timeMedian(() => flowsMetrics(db, { snapshotId })),
      check: timeMedian(() => qualityMetrics(db, { snapshotId }), 3),
    };
    const slowest = Object.entries(single).sort((a, b) => b[1].ms - a[1].ms)[0];
    return {
      snapshot: {
        id: snapshotId, ...(counts as object), township: township.township, townshipHouseholds: township.households,
      },
      /** 1-minute load average of the machine before and after (the timings are wall clock). */
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
      /** The derived-data job after an import (tuopin import / demo run it before returning). */
      prepareDerived: { ms: prepare.wall, cpuMs: prepare.cpu, steps: prepare.steps },
      fullSetFirstCall: { ms: round(firstCall.wall), cpuMs: round(firstCall.cpu) },
      fullSet: budgeted(fullSet, FULL_SET_BUDGET_MS),
      township: single,
      townshipIncomeFromRows: budgeted(unprepared, TOWNSHIP_BUDGET_MS),
      townshipSlowest: slowest ? { metric: slowest[0], ...slowest[1] } : null,
      townshipAllOk: Object.values(single).every((t) => t.ok),
      county,
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
