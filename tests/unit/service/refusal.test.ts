import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import { cancellation, isCancellation, notFound, Refusal, refusalError } from '../../../electron/core/refusal';
import type { ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';
import type { UserIssue } from '../../../shared/api/common';
import { EXIT_COUNTY } from '../metrics/support/exitCounty';
import { tempCounty, type TempCounty } from '../metrics/support/countyFixture';

const ISSUE: UserIssue = {
  severity: 'error', code: 'report_template', message: '第 2 行：没有 {外星人} 这个占位符', file: '报告模板',
  sheet: 'overview', row: 2, column: '5', value: '{外星人}', expected: '本节可用的占位符',
};

let county: TempCounty;
let ctx: ServiceContext;
let dir: string;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
  dir = mkdtempSync(join(tmpdir(), 'tuopin-refusal-'));
  ctx = { db: county.db, databasePath: county.path, jobs: new JobRunner(), host: 'http', workDir: dir };
});
afterAll(() => {
  county.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

describe('one refusal for the whole core', () => {
  it('carries a code, a Chinese message and where it was found, and becomes the contract error value', () => {
    const r = new Refusal('refused', '「户信息.csv」第 7 行有 20000 列', { file: '户信息.csv', row: 7, issue: 'cell.outsideGrid' });
    expect(r).toBeInstanceOf(Error);
    expect(r.where).toEqual({ file: '户信息.csv', row: 7 });
    expect(r.issue).toBe('cell.outsideGrid');
    expect(refusalError(r)).toEqual({ code: 'refused', message: '「户信息.csv」第 7 行有 20000 列' });
    const withDetails = new Refusal('refused', '报告模板有 1 处问题', { details: [ISSUE] });
    expect(refusalError(withDetails)).toEqual({ code: 'refused', message: '报告模板有 1 处问题', details: [ISSUE] });
    expect(refusalError(notFound('没有找到快照 #9'))).toEqual({ code: 'not_found', message: '没有找到快照 #9' });
    expect(isCancellation(cancellation())).toBe(true);
    expect(isCancellation(new Refusal('refused', '不'))).toBe(false);
    expect(isCancellation(new Error('已取消'))).toBe(false);
  });

  it('dispatch() answers a refusal from any layer with its code, its message and its details', async () => {
    // metrics (scope), pivot (catalogue), report (template words with located details)
    expect(await dispatch(ctx, 'metrics.income', { snapshotId: 404 }))
      .toEqual({ ok: false, error: { code: 'not_found', message: '没有找到快照 #404' } });
    const pivot = await dispatch(ctx, 'pivot.run', {
      snapshotId: county.snapshotId, spec: { rows: ['nosuch'], values: [{ measure: 'households' }] },
    });
    expect(pivot.ok).toBe(false);
    expect(!pivot.ok && pivot.error.code).toBe('refused');
    expect(!pivot.ok && pivot.error.message).toMatch(/不存在/);
    const template = await dispatch(ctx, 'report.setTemplate', { section: 'basic', text: '{没有这个占位符}' });
    expect(template.ok).toBe(false);
    expect(!template.ok && template.error.code).toBe('refused');
    expect(!template.ok && template.error.details?.[0]).toMatchObject({ file: '报告模板', sheet: 'basic', row: 1 });
  });

  it('a job that refuses fails with the message as is and its located issues; a cancellation cancels', async () => {
    const jobs = new JobRunner();
    const refused = await jobs.wait(jobs.start('t', () => Promise.reject(new Refusal('refused', '文件有误', { details: [ISSUE] }))));
    expect(refused).toMatchObject({ state: 'failed', error: '文件有误', issues: [ISSUE] });
    const stopped = await jobs.wait(jobs.start('t', () => Promise.reject(cancellation())));
    expect(stopped).toMatchObject({ state: 'cancelled', error: null });
    const fault = await jobs.wait(jobs.start('t', () => Promise.reject(new Error('boom'))));
    expect(fault).toMatchObject({ state: 'failed', error: 'boom', issues: [] });
  });

  it('the CLI exits 2 on a refusal: its own option, the service\'s answer, an unreadable file', async () => {
    const option = await cli('demo', '--db', join(dir, 'x.sqlite'), '--households', 'viele');
    expect(option).toMatchObject({ code: 2, err: '--households 需要整数，收到 "viele"\n' });
    const service = await cli('metrics', '--db', county.path, '--snapshot', '404', '--json');
    expect(service).toMatchObject({ code: 2, err: '没有找到快照 #404\n' });
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const file = await cli('import', empty, '--db', join(dir, 'y.sqlite'), '--json');
    expect(file.code).toBe(2);
    // the reader's refusal is listed with its issue code and the file it names
    expect(file.out).toContain('"code": "file.empty"');
    expect(file.out).toContain('"file": "empty.csv"');
    expect(file.out).toContain('「empty.csv」是空文件（0 字节），没有可导入的内容。');
  });
});
