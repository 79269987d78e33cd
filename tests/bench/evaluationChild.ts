import { openDatabase } from '../../electron/core/db/database';
import { compareSnapshots } from '../../electron/core/evaluation/compareSnapshots';
import { signalsOf } from '../../electron/core/evaluation/signals';

/**
 * One measurement in a process of its own, so that its peak memory (maxRSS) is the comparison's or
 * the signals' alone: `node evaluationChild.js compare|signals DB A B`. Prints one JSON line.
 */
function main(): void {
  const [kind, path, a, b] = process.argv.slice(2);
  const db = openDatabase(path as string, { readonly: true });
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let summary: unknown;
    if (kind === 'compare') {
      const c = compareSnapshots(db, { fromSnapshotId: Number(a), toSnapshotId: Number(b), listLimit: null });
      summary = { households: c.households, changes: c.changes, retroactive: { incomeRows: c.retroactive.incomeRows, events: c.retroactive.events } };
    } else {
      const s = signalsOf(db, { snapshotId: Number(a), listLimit: null });
      summary = { exits: s.exits, bySignal: s.bySignal, flagged: s.flaggedTotal };
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    process.stdout.write(`${JSON.stringify({
      ms: Math.round(wall), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), summary,
    })}\n`);
  } finally {
    db.close();
  }
}

main();
