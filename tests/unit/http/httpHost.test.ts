import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { type HttpHost, startHttpHost } from '../../../electron/http/httpHost';
import { pickedSourcePath } from '../../../electron/core/import/pickedSources';

/** A raw request, for what fetch will not send (a foreign Host header, an un-normalised path). */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function rawRequest(
  port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('loopback HTTP host', () => {
  let dir: string;
  let db: Db;
  let host: HttpHost;
  let workDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-http-test-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><html lang="zh-CN"><title>工作站</title></html>');
    writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(renderer, 'assets', 'noto-sans-sc-4-400-normal.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    db = openDatabase(join(dir, 'test.sqlite'));
    host = await startHttpHost({ db, databasePath: join(dir, 'test.sqlite'), rendererDir: renderer });
    workDir = host.context.workDir;
  });

  afterAll(async () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (method: string, body: unknown, token: string | null = host.token): Promise<Response> =>
    fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-tuopin-token': token }) },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only and hands out a URL that carries a long random token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with the strict CSP and the right content types', async () => {
    const page = await fetch(`${host.origin}/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('工作站');
    expect((await fetch(`${host.origin}/assets/index-abc.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${host.origin}/assets/noto-sans-sc-4-400-normal.woff2`)).headers.get('content-type')).toBe('font/woff2');
    expect((await fetch(`${host.origin}/assets/missing.js`)).status).toBe(404);
    // The report preview's serif, served from the installed font package, and only the bundled faces.
    const serif = await fetch(`${host.origin}/report-fonts/NotoSerifSC_700Bold.ttf`);
    expect(serif.status).toBe(200);
    expect(serif.headers.get('content-type')).toBe('font/ttf');
    expect(serif.headers.get('content-security-policy')).toContain("font-src 'self'");
    expect((await fetch(`${host.origin}/report-fonts/NotoSerifSC_100Thin.ttf`)).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html']) {
      const res = await rawRequest(host.port, { path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('not for the browser');
    }
  });

  it('refuses a request whose Host is not a loopback name (DNS rebinding)', async () => {
    const rebound = await rawRequest(host.port, { path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(421);
    const apiRebound = await rawRequest(host.port, {
      path: '/api/app.info',
      method: 'POST',
      headers: { host: `attacker.test:${host.port}`, 'x-tuopin-token': host.token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(apiRebound.status).toBe(421);
    expect((await rawRequest(host.port, { path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('answers API calls only with this run’s token', async () => {
    const missing = await api('app.info', {}, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((await api('app.info', {}, 'x'.repeat(host.token.length))).status).toBe(401);
    const ok = await api('app.info', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, data: { host: 'http', productName: '脱贫成效分析工作站' } });
  });

  it('runs calls through the shared dispatch: validation and Chinese errors included', async () => {
    expect(await (await api('snapshots.list', {})).json()).toEqual({ ok: true, data: [] });
    const bad = (await (await api('snapshots.delete', { id: 'one' })).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(bad.error.message).toContain('请求格式不正确');
    expect(await (await api('no.such.method', {})).json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('tells the page that the system file dialog is a desktop-only feature', async () => {
    const res = (await (await api('dialog.openFile', {})).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('refused');
    expect(res.error.message).toContain('上传');
    const folder = (await (await api('export.parquetFolder', { all: true })).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(folder).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(folder.error.message).toContain('.zip');
  });

  it('rejects malformed JSON, oversized bodies and GET on the API', async () => {
    const malformed = await fetch(`${host.origin}/api/app.info`, { method: 'POST', headers: { 'x-tuopin-token': host.token }, body: '{not json' });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`${host.origin}/api/app.info`, { method: 'POST', headers: { 'x-tuopin-token': host.token }, body: 'x'.repeat(11 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await fetch(`${host.origin}/api/app.info`)).status).toBe(405);
  });

  it('saves an uploaded file in its work folder under the file’s own name', async () => {
    const content = '户编号,户主姓名,家庭人口数\nH001,张三,3\n';
    const denied = await fetch(`${host.origin}/upload?name=${encodeURIComponent('户信息.csv')}`, { method: 'POST', body: content });
    expect(denied.status).toBe(401);
    const res = await fetch(`${host.origin}/upload?name=${encodeURIComponent('../县/户信息.csv')}`, {
      method: 'POST',
      headers: { 'x-tuopin-token': host.token, 'content-type': 'application/octet-stream' },
      body: content,
    });
    const body = (await res.json()) as { ok: true; data: { source: string; name: string } };
    expect(body.ok).toBe(true);
    // The page gets an id and the name, never where the file lies.
    expect(Object.keys(body.data).sort()).toEqual(['name', 'source']);
    expect(body.data.name).toBe('户信息.csv');
    const saved = pickedSourcePath(host.context, body.data.source) ?? '';
    expect(saved.startsWith(join(workDir, 'uploads'))).toBe(true);
    expect(readFileSync(saved, 'utf8')).toBe(content);
  });

  it('takes no server-side path from the page: imports, exports and reports refuse one (issue 17)', async () => {
    writeFileSync(join(dir, 'victim.sqlite'), 'the open database');
    const answers = await Promise.all([
      api('imports.start', { path: '/proc/self/environ' }),
      api('imports.start', { source: '/proc/self/environ' }),
      api('pivot.exportCsv', { spec: { rows: ['township'], values: [{ measure: 'households' }] }, path: join(dir, 'victim.sqlite') }),
      api('pivot.exportXlsx', { spec: { rows: ['township'], values: [{ measure: 'households' }] }, path: join(dir, 'victim.sqlite') }),
      api('imports.saveIssueReport', { snapshotId: 1, path: join(dir, 'victim.sqlite') }),
    ].map(async (r) => (await r).json() as Promise<{ ok: boolean; error?: { code: string } }>));
    for (const a of answers) expect(a).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // An id this host never gave is refused as well: only a picked or uploaded file is read.
    expect(await (await api('imports.start', { source: 'AAAAAAAAAAAAAAAAAAAAAAAA' })).json()).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(readFileSync(join(dir, 'victim.sqlite'), 'utf8')).toBe('the open database');
  });

  it('refuses a request from another origin, even with the token, and answers a malformed method name in Chinese', async () => {
    const foreign = await rawRequest(host.port, {
      path: '/api/app.info', method: 'POST', body: '{}',
      headers: { host: `127.0.0.1:${host.port}`, origin: 'https://evil.example', 'x-tuopin-token': host.token },
    });
    expect(foreign.status).toBe(403);
    const sandboxed = await rawRequest(host.port, {
      path: '/api/app.info', method: 'POST', body: '{}', headers: { host: `127.0.0.1:${host.port}`, origin: 'null', 'x-tuopin-token': host.token },
    });
    expect(sandboxed.status).toBe(403);
    const own = await rawRequest(host.port, {
      path: '/api/app.info', method: 'POST', body: '{}', headers: { host: `127.0.0.1:${host.port}`, origin: host.origin, 'x-tuopin-token': host.token },
    });
    expect(own.status).toBe(200);
    const malformed = await rawRequest(host.port, {
      path: '/api/%E0%A4%A', method: 'POST', body: '{}', headers: { host: `127.0.0.1:${host.port}`, 'x-tuopin-token': host.token },
    });
    expect(malformed.status).toBe(404);
    expect(malformed.body).not.toMatch(/URI|malformed/);
    expect(malformed.body).toContain('没有这个接口');
  });

  it('stops listening and removes its work folder on close', async () => {
    const extra = await startHttpHost({ db, databasePath: join(dir, 'test.sqlite'), rendererDir: join(dir, 'renderer') });
    const folder = extra.context.workDir;
    expect(existsSync(folder)).toBe(true);
    await extra.close();
    expect(existsSync(folder)).toBe(false);
    await expect(fetch(`${extra.origin}/`)).rejects.toThrow();
  });
});
