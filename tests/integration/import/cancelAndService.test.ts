import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportJobResult } from '../../../shared/api/imports';
import { issueRuleLabel } from '../../../shared/domain/issueRules';
import { runCli } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import { dispatch } from '../../../electron/core/service/service';
import type { ServiceContext } from '../../../electron/core/service/context';
import { registerPickedSource } from '../../../electron/core/import/pickedSources';
import { deliveredFile } from '../../../electron/core/delivery/deliveries';
import type { Delivery } from '../../../shared/api/delivery';
import { join } from 'node:path';
import { writeCsvFolder } from './support/csvFiles';
import { cancelWhen } from './support/cancelControl';
import { dbState } from './support/dbState';
import { makeTempDir } from './support/tempDir';
import { type SheetRows, HOUSEHOLD_HEADER, INCOME_HEADER, MEMBER_HEADER, idWithCheck, smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('service');
afterAll(() => tmp.remove());

/** A county of n households (one member, two income years each): enough rows for several write chunks. */
function biggerCounty(n: number): Record<string, SheetRows> {
  const households: SheetRows = [[...HOUSEHOLD_HEADER]];
  const members: SheetRows = [[...MEMBER_HEADER]];
  const income: SheetRows = [[...INCOME_HEADER]];
  for (let i = 0; i < n; i++) {
    const code = `H${String(i).padStart(6, '0')}`;
    const id = idWithCheck(`530999198001${String(i).padStart(5, '0')}`.slice(0, 17));
    households.push([code, '云岭县', '城关镇', '东村', '530999100201', `户主${i}`, id, 1, '脱贫户', '一般贫困户', '因病', 2014, '已脱贫（享受政策）', 2016, null, null]);
    members.push([code, `户主${i}`, id, null, '户主', '普通劳动力']);
    for (const y of [2019, 2020]) income.push([code, y, 1, 5000, 1000, 200, 0, 800, 300, 0]);
  }
  return { 户信息: households, 家庭成员: members, 收入情况: income };
}

async function serviceContext(name: string): Promise<ServiceContext> {
  const databasePath = tmp.path(name);
  return { db: openDatabase(databasePath), databasePath, jobs: new JobRunner(), host: 'http', workDir: tmp.dir };
}

describe('cancelling an import', () => {
  it('during the write leaves nothing behind', async () => {
    const dir = tmp.path('big-csv');
    writeCsvFolder(dir, biggerCounty(12_000), 'utf8');
    const db = openDatabase(tmp.path('cancel-write.sqlite'));
    await importSnapshot(db, dir);
    const before = dbState(db);
    const { control, stages } = cancelWhen((stage) => stage === '写入家庭成员');
    await expect(importSnapshot(db, dir, {}, control)).rejects.toMatchObject({ code: 'cancelled' });
    expect(stages).toContain('写入户信息');
    expect(dbState(db)).toEqual(before);
    // The connection is usable afterwards: the transaction was rolled back, not left open.
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('during the read leaves nothing behind', async () => {
    const dir = tmp.path('big-csv');
    const db = openDatabase(tmp.path('cancel-read.sqlite'));
    const before = dbState(db);
    const control = { progress: () => undefined, cancelled: true };
    await expect(importSnapshot(db, dir, {}, control)).rejects.toMatchObject({ code: 'cancelled' });
    expect(dbState(db)).toEqual(before);
    db.close();
  });
});

/** The file behind a delivery a call answered (what the save dialog or the download would hand over). */
function deliveredPath(ctx: ServiceContext, answer: unknown): string {
  const { delivery } = (answer as { ok: true; data: { delivery: Delivery } }).data;
  const file = deliveredFile(ctx.workDir, delivery.id);
  if (!file) throw new Error('no delivered file');
  return file.path;
}

describe('imports.* through the service', () => {
  it('runs an import as a job, puts its warnings on the job, and saves them as an .xlsx report', async () => {
    const ctx = await serviceContext('svc.sqlite');
    const file = tmp.path('svc.xlsx');
    await writeWorkbook(file, smallCounty());
    const started = await dispatch(ctx, 'imports.start', registerPickedSource(ctx, file));
    expect(started.ok).toBe(true);
    const jobId = (started as { ok: true; data: { jobId: string } }).data.jobId;
    const status = await ctx.jobs.wait(jobId);
    expect(status.state).toBe('done');
    const result = ImportJobResult.parse(status.result);
    expect(result.counts).toMatchObject({ households: 3, persons: 5, incomeRows: 5 });
    expect(status.issues.map((i) => i.code)).toContain('events.exitUndated');
    // Written through its own connection, visible on the service's.
    const list = await dispatch(ctx, 'snapshots.list', {});
    expect((list as { ok: true; data: { id: number }[] }).data.map((s) => s.id)).toEqual([result.snapshotId]);

    const saved = await dispatch(ctx, 'imports.saveIssueReport', { jobId });
    expect(saved).toMatchObject({ ok: true, data: { rows: status.issues.length } });
    const report = deliveredPath(ctx, saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).values).toEqual([undefined, '级别', '规则', '说明', '文件', '工作表', '行', '列', '值', '应为']);
    expect(ws?.getRow(3).getCell(2).value).toBe(issueRuleLabel(status.issues[0]?.code ?? ''));
    expect(status.issues.map((i) => i.code)).toEqual(['events.exitUndated']);
    expect(ws?.getRow(3).getCell(1).value).toBe('警告');

    const bySnapshot = await dispatch(ctx, 'imports.saveIssueReport', { snapshotId: result.snapshotId });
    expect(bySnapshot.ok).toBe(true);
    expect((bySnapshot as { ok: true; data: { rows: number } }).data.rows).toBe(result.warningCount);
    ctx.db.close();
  });

  it('a refused import fails its job with the located errors, and the report lists them', async () => {
    const ctx = await serviceContext('svc-refused.sqlite');
    const file = tmp.path('refused.xlsx');
    const county = smallCounty();
    (county['家庭成员']?.[1] as unknown[])[0] = 'H999';
    await writeWorkbook(file, county);
    const started = await dispatch(ctx, 'imports.start', registerPickedSource(ctx, file));
    const jobId = (started as { ok: true; data: { jobId: string } }).data.jobId;
    const status = await ctx.jobs.wait(jobId);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/导入被拒绝/);
    expect(status.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'household.unknown', sheet: '家庭成员', row: 2, value: 'H999' });
    const saved = await dispatch(ctx, 'imports.saveIssueReport', { jobId });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(deliveredPath(ctx, saved));
    expect(saved.ok).toBe(true);
    expect(wb.worksheets[0]?.getRow(3).getCell(1).value).toBe('错误');
    expect(wb.worksheets[0]?.getRow(3).getCell(2).value).toBe('户编号不在户信息中');
    ctx.db.close();
  });

  it('refuses a path, and an id it did not give (no call reads a file the user did not pick)', async () => {
    const ctx = await serviceContext('svc-missing.sqlite');
    const byPath = await dispatch(ctx, 'imports.start', { path: '/proc/self/environ' });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = await dispatch(ctx, 'imports.start', { source: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'refused' } });
    const withPath = await dispatch(ctx, 'imports.saveIssueReport', { snapshotId: 1, path: join(tmp.dir, 'x.xlsx') });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    ctx.db.close();
  });
});

describe('tuopin import', () => {
  it('--json prints the snapshot and its warnings; a bad file exits 2 and writes nothing', async () => {
    const file = tmp.path('cli.xlsx');
    await writeWorkbook(file, smallCounty());
    const dbPath = tmp.path('cli.sqlite');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['import', file, '--db', dbPath, '--json'], io)).toBe(0);
    const json = JSON.parse(out.join('\n')) as { snapshotId: number; counts: { households: number }; warnings: unknown[]; errors: unknown[] };
    expect(json).toMatchObject({ snapshotId: 1, counts: { households: 3 }, errors: [] });
    expect(json.warnings.length).toBeGreaterThan(0);
    expect(err.join('\n')).toMatch(/100%/);

    const bad = tmp.path('cli-bad.xlsx');
    const county = smallCounty();
    (county['户信息']?.[2] as unknown[])[0] = 'H001';
    await writeWorkbook(bad, county);
    out.length = 0;
    expect(await runCli(['import', bad, '--db', dbPath, '--json'], io)).toBe(2);
    const refused = JSON.parse(out.join('\n')) as { snapshotId: number | null; errors: { code: string }[] };
    expect(refused.snapshotId).toBeNull();
    expect(refused.errors[0]?.code).toBe('household.duplicate');
    const db = openDatabase(dbPath);
    expect((db.prepare('SELECT count(*) AS n FROM snapshot').get() as { n: number }).n).toBe(1);
    db.close();

    out.length = 0;
    expect(await runCli(['import', file, '--db', tmp.path('cli2.sqlite'), '--no-names'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/已导入快照 #1.*3 户、5 人/);
    const db2 = openDatabase(tmp.path('cli2.sqlite'));
    expect((db2.prepare('SELECT count(*) AS n FROM person WHERE name IS NOT NULL').get() as { n: number }).n).toBe(0);
    db2.close();
  });
});
