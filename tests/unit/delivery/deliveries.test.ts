import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { createDelivery, deliveredFile } from '../../../electron/core/delivery/deliveries';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import type { HostDialogs, ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';
import { type HttpHost, startHttpHost } from '../../../electron/http/httpHost';

describe('deliveries: files the core writes for the user', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-delivery-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes inside the work folder under a name of its own, with size and SHA-256', async () => {
    const bytes = Buffer.from('户数,人数\n3,10\n', 'utf8');
    const d = await createDelivery(dir, '../../etc/透视 结果.csv', (path) => writeFileSync(path, bytes));
    expect(d.fileName).toBe('透视 结果.csv');
    expect(d.bytes).toBe(bytes.length);
    expect(d.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const file = deliveredFile(dir, d.id);
    expect(file?.fileName).toBe('透视 结果.csv');
    expect(file?.path.startsWith(join(dir, 'deliveries', d.id))).toBe(true);
    expect(readFileSync(file?.path ?? '')).toEqual(bytes);
  });

  it('leaves nothing behind when the writer fails', async () => {
    const before = readdirSync(join(dir, 'deliveries')).length;
    await expect(createDelivery(dir, 'a.xlsx', () => {
      throw new Error('写入失败');
    })).rejects.toThrow('写入失败');
    await expect(createDelivery(dir, 'b.xlsx', () => undefined)).rejects.toThrow('没有写出文件');
    expect(readdirSync(join(dir, 'deliveries')).length).toBe(before);
  });

  it('knows no file behind a malformed or unknown id', () => {
    for (const id of ['../../etc', '..', '', 'short', 'x'.repeat(65), 'aaaaaaaaaaaaaaaaaaaaaaaa/..']) {
      expect(deliveredFile(dir, id)).toBeNull();
    }
    expect(deliveredFile(dir, 'A'.repeat(24))).toBeNull();
  });
});

describe('delivery.save and the loopback download', () => {
  let dir: string;
  let db: Db;
  let host: HttpHost;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-delivery-host-'));
    db = openDatabase(join(dir, 'test.sqlite'));
    host = await startHttpHost({ db, databasePath: join(dir, 'test.sqlite'), rendererDir: dir });
  });
  afterAll(async () => {
    await host.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a delivery with the token, as an attachment under its name', async () => {
    const d = await createDelivery(host.context.workDir, '报告.docx', (path) => writeFileSync(path, 'PK-bytes'));
    const res = await fetch(`${host.origin}/download/${d.id}`, { headers: { 'x-tuopin-token': host.token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('报告.docx')}`);
    expect(await res.text()).toBe('PK-bytes');
  });

  it('refuses a download without the token, of an unknown id, or by POST', async () => {
    const d = await createDelivery(host.context.workDir, 'x.csv', (path) => writeFileSync(path, 'a'));
    expect((await fetch(`${host.origin}/download/${d.id}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/download/${'B'.repeat(24)}`, { headers: { 'x-tuopin-token': host.token } })).status).toBe(404);
    const traversal = await fetch(`${host.origin}/download/..%2F..%2Ftest.sqlite`, { headers: { 'x-tuopin-token': host.token } });
    expect(traversal.status).toBe(404);
    const post = await fetch(`${host.origin}/download/${d.id}`, { method: 'POST', headers: { 'x-tuopin-token': host.token } });
    expect(post.status).toBe(405);
  });

  it('delivery.save is refused in the browser host (it downloads instead)', async () => {
    const d = await createDelivery(host.context.workDir, 'x.csv', (path) => writeFileSync(path, 'a'));
    const answer = await dispatch(host.context, 'delivery.save', { id: d.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('delivery.save copies the file where the desktop save dialog says, and not when it is closed', async () => {
    const chosen = join(dir, '另存为.csv');
    let answer: string | null = chosen;
    let asked: { defaultName: string; filters: readonly { extensions: readonly string[] }[] } | null = null;
    const dialogs: HostDialogs = {
      openFile: () => Promise.resolve(null),
      ask: () => Promise.resolve(false),
      saveFile: (options) => {
        asked = options;
        return Promise.resolve(answer);
      },
    };
    const ctx: ServiceContext = { db, databasePath: join(dir, 'test.sqlite'), jobs: new JobRunner(), host: 'electron',
      workDir: host.context.workDir, dialogs };
    const d = await createDelivery(ctx.workDir, '透视.csv', (path) => writeFileSync(path, '户数\n3\n'));
    expect(await dispatch(ctx, 'delivery.save', { id: d.id })).toEqual({ ok: true, data: { saved: true, savedAs: chosen } });
    expect(readFileSync(chosen, 'utf8')).toBe('户数\n3\n');
    expect(asked).toMatchObject({ defaultName: '透视.csv', filters: [{ extensions: ['csv'] }] });
    answer = null;
    rmSync(chosen);
    expect(await dispatch(ctx, 'delivery.save', { id: d.id })).toEqual({ ok: true, data: { saved: false, savedAs: null } });
    expect(existsSync(chosen)).toBe(false);
    expect(await dispatch(ctx, 'delivery.save', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
