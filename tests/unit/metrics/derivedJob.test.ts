import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { JobRunner, type JobControl } from '../../../electron/core/jobs/jobRunner';
import { PREPARE_STAGE, prepareDerivedInSteps, prepareSteps, type PrepareResult } from '../../../electron/core/metrics/derived';
import { standardMetrics } from '../../../electron/core/metrics/standard';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import type { ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';
import { registerPickedSource } from '../../../electron/core/import/pickedSources';
import { startDerivedPreparation, startPreparationOfNewest } from '../../../electron/core/service/derivedJob';
import { pivotFactsReady } from '../../../electron/core/pivot/facts/pivotFacts';
import type { JobStatus } from '../../../shared/api/jobs';
import { EXIT_COUNTY } from './support/exitCounty';
import { tempCounty } from './support/countyFixture';

const SAMPLE = resolve(__dirname, '../../fixtures/tiny-county.xlsx');
/** What a complete preparation leaves stamped (national lines), among others. */
const KINDS = ['exit_attribution:national', 'flow_event', 'income_year_total', 'income_area_total', 'income_risk:national'];

function stamps(db: Db, snapshotId: number): string[] {
  return (db.prepare(`SELECT kind FROM derived_stamp WHERE snapshot_id = ? ORDER BY kind`).all(snapshotId) as { kind: string }[]).map((r) => r.kind);
}

/** A job runner that remembers the jobs started, kind and id, so a test can follow one the host started itself. */
class RecordingRunner extends JobRunner {
  readonly started: { kind: string; jobId: string }[] = [];
  override start(kind: string, work: (control: JobControl) => Promise<unknown>): string {
    const jobId = super.start(kind, work);
    this.started.push({ kind, jobId });
    return jobId;
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-prepare-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('preparing the analysis data after an import', () => {
  it('runs as a job of its own once the import has committed; a view called meanwhile gets the same figures', async () => {
    const path = join(dir, 'w.sqlite');
    const jobs = new RecordingRunner();
    const ctx: ServiceContext = { db: openDatabase(path), databasePath: path, jobs, host: 'http', workDir: dir };
    try {
      const started = await dispatch(ctx, 'imports.start', registerPickedSource(ctx, SAMPLE));
      if (!started.ok) throw new Error(started.error.message);
      const imported = await jobs.wait((started.data as { jobId: string }).jobId, 1);
      expect(imported.state).toBe('done');
      const snapshotId = (imported.result as { snapshotId: number }).snapshotId;
      const prepare = jobs.started.find((j) => j.kind === 'metrics.prepare');
      expect(prepare).toBeDefined();
      const jobId = prepare?.jobId as string;

      const meanwhile = await dispatch(ctx, 'metrics.standard', { snapshotId });

      const seen = new Set<string>();
      for (;;) {
        const s = jobs.status(jobId) as JobStatus;
        seen.add(s.stage);
        if (s.state !== 'running') break;
        await new Promise((r) => setImmediate(r));
      }
      const done = jobs.status(jobId) as JobStatus;
      expect(done.state).toBe('done');
      expect((done.result as PrepareResult).complete).toBe(true);
      expect([...seen].some((stage) => stage.startsWith(PREPARE_STAGE))).toBe(true);
      expect(stamps(ctx.db, snapshotId)).toEqual(expect.arrayContaining(KINDS));
      const after = await dispatch(ctx, 'metrics.standard', { snapshotId });
      expect(meanwhile.ok && after.ok).toBe(true);
      expect(meanwhile.ok && meanwhile.data).toEqual(after.ok && after.data);
      expect(await dispatch(ctx, 'jobs.active', {})).toEqual({ ok: true, data: [] });
    } finally {
      ctx.db.close();
    }
  });

  it('jobs.active lists the running jobs, of one kind when asked', async () => {
    const jobs = new JobRunner();
    const ctx: ServiceContext = { db: openDatabase(':memory:'), databasePath: ':memory:', jobs, host: 'http', workDir: dir };
    try {
      let finish: () => void = () => undefined;
      const held = new Promise<void>((r) => { finish = r; });
      const a = jobs.start('metrics.prepare', async (control) => {
        control.progress(0.5, `${PREPARE_STAGE}（测试）`);
        await held;
      });
      const b = jobs.start('import', () => held);
      await new Promise((r) => setImmediate(r));
      const prepare = await dispatch(ctx, 'jobs.active', { kind: 'metrics.prepare' });
      expect(prepare.ok && (prepare.data as JobStatus[]).map((s) => [s.jobId, s.stage, s.progress])).toEqual([[a, `${PREPARE_STAGE}（测试）`, 0.5]]);
      const all = await dispatch(ctx, 'jobs.active', {});
      expect(all.ok && (all.data as JobStatus[]).map((s) => s.jobId)).toEqual([a, b]);
      finish();
      await jobs.wait(a, 1);
      await jobs.wait(b, 1);
      expect(await dispatch(ctx, 'jobs.active', {})).toEqual({ ok: true, data: [] });
    } finally {
      ctx.db.close();
    }
  });

  it('waits while an import is writing, then prepares', async () => {
    const county = tempCounty(EXIT_COUNTY);
    try {
      const { db, snapshotId } = county;
      const jobs = new JobRunner();
      const ctx: ServiceContext = { db, databasePath: county.path, jobs, host: 'http', workDir: dir };
      let finish: () => void = () => undefined;
      const importing = jobs.start('import', () => new Promise<void>((r) => { finish = r; }));
      const jobId = startDerivedPreparation(ctx, snapshotId);
      await new Promise((r) => setTimeout(r, 50));
      expect(jobs.status(jobId)?.stage).toBe(`${PREPARE_STAGE}（等待导入完成）`);
      expect(stamps(db, snapshotId)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM pivot_household').pluck().get()).toBe(0);
      finish();
      await jobs.wait(importing, 1);
      const done = await jobs.wait(jobId, 1);
      expect(done.state).toBe('done');
      expect(stamps(db, snapshotId)).toEqual(expect.arrayContaining(KINDS));
      // The pivot tables are part of the preparation: complete, cubes included, when it ends.
      expect(pivotFactsReady(db, { snapshotId }).ready).toBe(true);
      expect((done.result as { pivotMs: number | null }).pivotMs).toBeGreaterThanOrEqual(0);
    } finally {
      county.close();
    }
  });

  it('prepares the newest snapshot of an existing database on request, at once when it is prepared already', async () => {
    const county = tempCounty(EXIT_COUNTY);
    const empty = openDatabase(':memory:');
    try {
      const jobs = new JobRunner();
      expect(startPreparationOfNewest({ db: empty, databasePath: ':memory:', jobs, host: 'http', workDir: dir })).toBeNull();
      const ctx: ServiceContext = { db: county.db, databasePath: county.path, jobs, host: 'http', workDir: dir };
      const first = await jobs.wait(startPreparationOfNewest(ctx) as string, 1);
      expect(first.state).toBe('done');
      expect(stamps(county.db, county.snapshotId)).toEqual(expect.arrayContaining(KINDS));
      const again = await jobs.wait(startPreparationOfNewest(ctx) as string, 1);
      expect((again.result as PrepareResult).complete).toBe(true);
      expect(stamps(county.db, county.snapshotId)).toEqual(expect.arrayContaining(KINDS));
    } finally {
      empty.close();
      county.close();
    }
  });

  it('goes step by step with progress in Chinese, and stops between steps when cancelled (what is built stays valid)', async () => {
    const county = tempCounty(EXIT_COUNTY);
    try {
      const { db, snapshotId } = county;
      const fresh = returnsMetrics(db, { snapshotId });
      db.prepare(`DELETE FROM derived_stamp WHERE snapshot_id = ?`).run(snapshotId);
      const stages: string[] = [];
      let steps = 0;
      const stopped = await prepareDerivedInSteps(db, snapshotId, {
        progress: (fraction, stage) => {
          expect(fraction).toBeGreaterThanOrEqual(0);
          expect(fraction).toBeLessThan(1);
          stages.push(stage);
        },
        cancelled: () => steps >= 2,
        between: async () => {
          steps++;
        },
      });
      expect(stopped.complete).toBe(false);
      expect(stopped.steps.map((s) => s.step)).toEqual(['脱贫方式归因']);
      expect(stages).toEqual([`${PREPARE_STAGE}（脱贫方式归因）`]);
      expect(stamps(db, snapshotId)).toEqual(['exit_attribution:national']);
      // The rest is built on demand by the metric, with the figures a fresh computation gives.
      expect(returnsMetrics(db, { snapshotId })).toEqual(fresh);

      const full = await prepareDerivedInSteps(db, snapshotId);
      expect(full.complete).toBe(true);
      expect(full.steps.map((t) => t.step)).toEqual([...new Set(prepareSteps(db, snapshotId).map((t) => t.name))]);
      expect(stamps(db, snapshotId)).toEqual(expect.arrayContaining(KINDS));
    } finally {
      county.close();
    }
  });

  it('tuopin import leaves a database whose analysis data is ready, its JSON unchanged on stdout', async () => {
    const path = join(dir, 'imported.sqlite');
    let out = '';
    let err = '';
    const code = await runCli(['import', SAMPLE, '--db', path, '--json'], { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
    expect(code).toBe(0);
    expect(err).toContain(PREPARE_STAGE);
    const snapshotId = (JSON.parse(out) as { snapshotId: number }).snapshotId;
    const db = openDatabase(path);
    try {
      expect(stamps(db, snapshotId)).toEqual(expect.arrayContaining(KINDS));
    } finally {
      db.close();
    }
  });

  it('tuopin demo leaves a database whose analysis data is ready', async () => {
    const path = join(dir, 'demo.sqlite');
    let err = '';
    const code = await runCli(['demo', '--db', path, '--households', '60'], { out: () => undefined, err: (t) => { err += `${t}\n`; } });
    expect(code).toBe(0);
    expect(err).toContain(PREPARE_STAGE);
    const db = openDatabase(path);
    try {
      expect(stamps(db, 1)).toEqual(expect.arrayContaining(KINDS));
      const before = standardMetrics(db, { snapshotId: 1 });
      db.prepare(`DELETE FROM derived_stamp`).run();
      expect(standardMetrics(db, { snapshotId: 1 })).toEqual(before);
    } finally {
      db.close();
    }
  });
});
