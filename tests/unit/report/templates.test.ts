import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import type { ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';

/** Wording templates through the front door: checked placeholders, located errors, restore, the log. */
let dir: string;
let db: Db;
let ctx: ServiceContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-report-templates-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 300 });
  ctx = { db, databasePath: join(dir, 'demo.sqlite'), jobs: new JobRunner(), host: 'cli', workDir: dir };
}, 120_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report templates', () => {
  it('lists every section with its default wording and placeholders', async () => {
    const r = await dispatch(ctx, 'report.templates', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const list = r.data as { section: string; edited: boolean; placeholders: { name: string }[] }[];
    expect(list.map((t) => t.section)).toEqual(['opening', 'basic', 'income', 'exits', 'returns', 'problems', 'nextSteps']);
    expect(list.every((t) => !t.edited)).toBe(true);
    expect(list.find((t) => t.section === 'income')?.placeholders.map((p) => p.name)).toContain('年均增长');
  });

  it('refuses an unknown placeholder with its line and column, and keeps the old wording', async () => {
    const r = await dispatch(ctx, 'report.setTemplate', { section: 'basic', text: '第一行\n全县有{建档立卡户数}，另有{不存在的数}。' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('refused');
    expect(r.error.message).toContain('第 2 行第 15 列');
    expect(r.error.message).toContain('{不存在的数}');
    expect(r.error.details?.[0]).toMatchObject({ row: 2, column: '15', value: '{不存在的数}' });
    const list = await dispatch(ctx, 'report.templates', {});
    expect(list.ok && (list.data as { section: string; edited: boolean }[]).find((t) => t.section === 'basic')?.edited).toBe(false);
  });

  it('uses an edited wording in the preview, and restores the default', async () => {
    const saved = await dispatch(ctx, 'report.setTemplate', { section: 'basic', text: '本县建档立卡共{建档立卡户数}。' });
    expect(saved.ok).toBe(true);
    const preview = await dispatch(ctx, 'report.preview', {});
    expect(preview.ok).toBe(true);
    const html = preview.ok ? (preview.data as { blocks: { html: string }[] }).blocks.map((b) => b.html).join('') : '';
    expect(html).toMatch(/本县建档立卡共\d+户。/);
    const reset = await dispatch(ctx, 'report.resetTemplate', { section: 'basic' });
    expect(reset.ok && (reset.data as { edited: boolean }).edited).toBe(false);
  });

  it('a placeholder without a value for the scope is a located error, never a blank', async () => {
    // One year has no 年均增长: the income section cannot be written for it.
    const r = await dispatch(ctx, 'report.preview', { years: { from: 2019, to: 2019 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('{年均增长}');
    expect(r.error.message).toMatch(/二、收入增长模板第 \d+ 行第 \d+ 列/);
  });

  it('records every export in a log the app can only append to', async () => {
    const started = await dispatch(ctx, 'report.export', { format: 'xlsx' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const job = await ctx.jobs.wait((started.data as { jobId: string }).jobId);
    expect(job.state).toBe('done');
    const log = await dispatch(ctx, 'report.exportLog', {});
    const entries = log.ok ? (log.data as { format: string; mode: string; sha256: string }[]) : [];
    expect(entries[0]).toMatchObject({ format: 'xlsx', mode: 'circulation', sha256: (job.result as { sha256: string }).sha256 });
    expect(() => db.prepare(`UPDATE report_export_log SET sha256 = 'x'`).run()).toThrow(/只能追加/);
    expect(() => db.prepare(`DELETE FROM report_export_log`).run()).toThrow(/只能追加/);
  }, 60_000);
});
