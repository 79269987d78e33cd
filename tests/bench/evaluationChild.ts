import { HTTP_API_PREFIX, HTTP_TOKEN_HEADER, type ApiMethod } from '../../shared/api/contract';
import { answerFromWire } from '../../shared/api/wire';
import { openDatabase } from '../../electron/core/db/database';
import { compareSnapshots } from '../../electron/core/evaluation/compareSnapshots';
import { startHttpHost, type HttpHost } from '../../electron/http/httpHost';

/**
 * One measurement in a process of its own, so that its peak memory (maxRSS) is the comparison's or
 * the signals' alone and the signals are asked for the first time (no table built by an earlier
 * call): `node evaluationChild.js compare DB A B` or `node evaluationChild.js signals DB A`.
 * Prints one JSON line.
 */

/**
 * One call as the page makes it: POSTed to the loopback host, the answer read and parsed, then
 * checked with the contract's schema as the page's client does. The page's own (jitless) zod runs
 * in Chromium, not here, so this check is the host process's and not an exact copy of the page's.
 */
async function pageCall(host: HttpHost, method: ApiMethod, request: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}${HTTP_API_PREFIX}${method}`, {
    method: 'POST',
    headers: { [HTTP_TOKEN_HEADER]: host.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const answer = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!answer.ok) throw new Error(`${method}: ${answer.error?.message ?? res.status}`);
  const checked = answerFromWire(method, answer.data);
  if (!checked.ok) throw new Error(`${method}: 结果不符合约定`);
  return checked.data;
}

/**
 * 收入测算核查 opened on snapshot `id`: the database is open (the app opened it at start), nothing
 * about the signals is computed yet. `ms` is the signals' request to their parsed answer (the tiles,
 * bunching and histogram); `listMs` the grid's request that follows (任一信号, the page's 5,000 rows).
 */
async function signalsView(path: string, id: number): Promise<Record<string, unknown>> {
  const db = openDatabase(path);
  const host = await startHttpHost({ db, databasePath: path });
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const s = (await pageCall(host, 'evaluation.signals', { snapshotId: id, listLimit: 0 })) as {
      exits: number; flaggedTotal: number; bySignal: unknown;
    };
    const t1 = performance.now();
    const list = (await pageCall(host, 'evaluation.signalHouseholds', {
      snapshotId: id, selection: { kind: 'signal', signal: 'any' }, limit: 5000,
    })) as { total: number; exits: unknown[] };
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    if (list.total !== s.flaggedTotal) throw new Error(`列表 ${list.total} 户次 ≠ 任一信号 ${s.flaggedTotal} 户次`);
    return {
      ms: Math.round(t1 - t0), listMs: Math.round(t2 - t1), journeyMs: Math.round(t2 - t0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      summary: { exits: s.exits, bySignal: s.bySignal, flagged: s.flaggedTotal, listed: list.exits.length },
    };
  } finally {
    await host.close();
    db.close();
  }
}

function compare(path: string, a: number, b: number): Record<string, unknown> {
  const db = openDatabase(path, { readonly: true });
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const c = compareSnapshots(db, { fromSnapshotId: a, toSnapshotId: b, listLimit: null });
    const ms = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    return {
      ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      summary: {
        households: c.households, changes: c.changes,
        retroactive: { incomeRows: c.retroactive.incomeRows, events: c.retroactive.events },
      },
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const [kind, path, a, b] = process.argv.slice(2);
  const out = kind === 'compare'
    ? compare(path as string, Number(a), Number(b))
    : await signalsView(path as string, Number(a));
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ...out, maxRssMb })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
