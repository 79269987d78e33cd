import type { Db } from '../../electron/core/db/database';
import { clearFacts } from '../../electron/core/pivot/facts/factsState';
import { pivotFactsFor } from '../../electron/core/pivot/runPivot';

/** One build of a snapshot's pivot summary tables from nothing: wall and CPU time, and each stage's. */
export interface BuildTiming {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Wall ms per stage; a stage run in several steps (members by id range, income by year) is summed. */
  readonly stageMs: Record<string, number>;
}

/**
 * Builds the pivot tables the way a pivot asked with no job at work builds them (every step in
 * one go), timing each stage. `fromNothing` clears what the snapshot has first, so the figure is the
 * whole build; without it an existing build is reused and the timing is of the lookup.
 */
export function timedBuild(
  db: Db, snapshotId: number, options: { fromNothing: boolean; log?: (line: string) => void },
): BuildTiming & { rebuilt: boolean } {
  if (options.fromNothing) db.transaction(() => clearFacts(db, snapshotId))();
  const stageMs: Record<string, number> = {};
  let stage: string | null = null;
  let stageStart = 0;
  const close = (now: number): void => {
    if (stage !== null) stageMs[stage] = Math.round((stageMs[stage] ?? 0) + now - stageStart);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const facts = pivotFactsFor(db, { snapshotId }, (fraction, next) => {
    const now = performance.now();
    close(now);
    stage = next;
    stageStart = now;
    options.log?.(`透视汇总表 ${Math.round(fraction * 100)}% ${next}`);
  });
  const end = performance.now();
  close(end);
  const cpu = process.cpuUsage(cpu0);
  delete stageMs['完成'];
  return {
    wallMs: Math.round(end - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000), stageMs, rebuilt: facts.rebuilt,
  };
}

/** The median run of several (by wall time), with every run's wall and CPU seconds beside it. */
export function medianBuild(runs: readonly BuildTiming[]): BuildTiming & { runsWallMs: number[]; runsCpuMs: number[] } {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!mid) throw new Error('没有建立汇总表的计时');
  return { ...mid, runsWallMs: runs.map((r) => r.wallMs), runsCpuMs: runs.map((r) => r.cpuMs) };
}
