import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import { pivotFactsReady } from '../../../electron/core/pivot/facts/pivotFacts';
import { PREPARE_JOB_KIND } from '../../../electron/core/service/derivedJob';
import { dispatch } from '../../../electron/core/service/service';
import type { JobStatus } from '../../../shared/api/jobs';

const dir = mkdtempSync(join(tmpdir(), 'tuopin-front-door-'));
const csv = join(dir, 'csv');
beforeAll(async () => {
  expect((await cli('demo', '--csv', csv, '--households', '80', '--seed', '3')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

/** Whether the snapshot has what the service's one preparation after a write builds last (the pivot tables). */
function prepared(path: string, snapshotId: number): boolean {
  const db = openDatabase(path);
  try {
    return pivotFactsReady(db, { snapshotId }).ready;
  } finally {
    db.close();
  }
}

describe('tuopin import and tuopin demo through dispatch()', () => {
  it('import: the imports.start job, its progress on stderr, the preparation every written snapshot gets', async () => {
    const path = join(dir, 'import.sqlite');
    const r = await cli('import', csv, '--db', path, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { snapshotId: number; counts: { households: number }; errors: unknown[] };
    expect(result.counts.households).toBe(80);
    expect(result.errors).toEqual([]);
    expect(r.err).toMatch(/^ {2}\d% {2}读取「户信息\.csv」$/m);
    expect(r.err).toMatch(/^100% {2}\S/m);
    expect(r.err).toContain('准备分析数据…（透视汇总表）');
    expect(r.err).toMatch(/分析数据已准备好，用时 \d+\.\d 秒/);
    // Built by the service's preparation job (derivedJob), which the CLI's own code never did.
    expect(prepared(path, result.snapshotId)).toBe(true);
  });

  it('import refused: exit 2, nothing written, the rows read and every count kept by the failed job', async () => {
    const path = join(dir, 'refused.sqlite');
    const r = await cli('import', join(dir, 'nosuch'), '--db', path, '--json');
    expect(r.code).toBe(2);
    const result = JSON.parse(r.out) as { snapshotId: null; errorCount: number; errors: { code: string }[] };
    expect(result).toMatchObject({ snapshotId: null, errorCount: 1, errors: [{ code: 'file.notFound' }] });
    const db = openDatabase(path);
    try {
      expect(listSnapshots(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('demo: demo.create, one job per snapshot, each prepared; any host may call it', async () => {
    const path = join(dir, 'demo.sqlite');
    const r = await cli('demo', '--db', path, '--households', '40', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { snapshotId: number; later: { snapshotId: number } };
    expect(prepared(path, result.snapshotId) && prepared(path, result.later.snapshotId)).toBe(true);
    expect(r.err.match(/分析数据已准备好/g)).toHaveLength(2);

    const db = openDatabase(path);
    const seen: JobStatus[] = [];
    const ctx = { db, databasePath: path, jobs: new JobRunner((s) => seen.push(s)), host: 'http' as const, workDir: dir };
    try {
      const started = await dispatch(ctx, 'demo.create', { households: 40, seed: 9, county: { code: '430102', name: '测试县' } });
      expect(started.ok).toBe(true);
      const job = await ctx.jobs.wait((started as { ok: true; data: { jobId: string } }).data.jobId);
      expect(job).toMatchObject({ state: 'done', result: { counts: { households: 40 } } });
      for (const p of ctx.jobs.active(PREPARE_JOB_KIND)) await ctx.jobs.wait(p.jobId);
      expect(seen.some((s) => s.kind === 'demo.create' && s.stage === '写入数据库')).toBe(true);
      expect(listSnapshots(db).map((s) => s.countyName)).toContain('测试县');
      const refused = await dispatch(ctx, 'demo.create', { households: 0, seed: 1 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      db.close();
    }
  });
});
