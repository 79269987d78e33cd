import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_UPLOAD_METHOD } from '../../../shared/api/contract';
import { fakeWebContents, recorded } from './fakeElectron';

const state = vi.hoisted(() => ({ tempDir: '' }));

vi.mock('electron', async () => {
  const { fakeElectronModule } = await import('./fakeElectron');
  return fakeElectronModule(() => state.tempDir);
});

const appPage = { senderFrame: { url: 'app://workstation/index.html' } };

describe('desktop main process', () => {
  let previousDataDir: string | undefined;

  beforeAll(async () => {
    state.tempDir = mkdtempSync(join(tmpdir(), 'tuopin-main-'));
    previousDataDir = process.env.TUOPIN_DATA_DIR;
    process.env.TUOPIN_DATA_DIR = join(state.tempDir, 'data');
    const { runDesktopApp } = await import('../../../electron/main/desktopApp');
    await runDesktopApp();
  });

  afterAll(() => {
    for (const listener of recorded.appListeners.get('will-quit') ?? []) (listener as () => void)();
    if (previousDataDir === undefined) delete process.env.TUOPIN_DATA_DIR;
    else process.env.TUOPIN_DATA_DIR = previousDataDir;
    rmSync(state.tempDir, { recursive: true, force: true });
  });

  it('opens one 1366×768 window (min 1024×700) that is sandboxed like a web page', () => {
    expect(recorded.windows).toHaveLength(1);
    const options = recorded.windows[0]!.options;
    expect(options).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 700, title: '脱贫成效分析工作站' });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toMatch(/preload[\\/]preload\.js$/);
    expect(recorded.sandboxEnabled).toBe(true);
  });

  it('loads the page from the app scheme, registered as a secure standard scheme', () => {
    expect(recorded.windows[0]!.loadedUrl).toBe('app://workstation/index.html');
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('cancels every request that is not one of the app’s own files', () => {
    const decide = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/tracker.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/api/app.info')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('wss://example.com/socket')).toBe(true);
    expect(decide('app://elsewhere/index.html')).toBe(true);
    expect(decide('app://workstation/index.html')).toBe(false);
    expect(decide('app://workstation/assets/index.js')).toBe(false);
  });

  it('puts the strict CSP on every response and grants no web permission', () => {
    let headers: Record<string, string[]> | undefined;
    recorded.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    const csp = headers?.['Content-Security-Policy']?.[0] ?? '';
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');

    let granted: boolean | undefined;
    recorded.permissionRequest!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(recorded.permissionCheck!()).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const fake = fakeWebContents();
    for (const listener of recorded.appListeners.get('web-contents-created') ?? []) {
      (listener as (e: unknown, c: unknown) => void)({}, fake.contents);
    }
    expect(fake.emit('will-navigate', 'https://example.com/').prevented).toBe(true);
    expect(fake.emit('will-navigate', 'file:///etc/passwd').prevented).toBe(true);
    expect(fake.emit('will-redirect', 'http://evil.example/').prevented).toBe(true);
    expect(fake.emit('will-navigate', 'app://workstation/index.html').prevented).toBe(false);
    expect(fake.emit('will-attach-webview').prevented).toBe(true);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
  });

  it('answers the page over the IPC channel through the shared dispatch', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    const info = (await handler(appPage, 'app.info', {})) as { ok: boolean; data: { host: string; databasePath: string } };
    expect(info.ok).toBe(true);
    expect(info.data.host).toBe('electron');
    expect(info.data.databasePath).toBe(join(state.tempDir, 'data', 'tuopin.sqlite'));
    expect(existsSync(info.data.databasePath)).toBe(true);
    expect(await handler(appPage, 'no.such.method', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('fills the empty default database with the demo county on first start', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    const list = (await handler(appPage, 'snapshots.list', {})) as { ok: boolean; data: { households: number; asOf: string }[] };
    expect(list.ok).toBe(true);
    // Newest first: the demo county's export a year later, then its first export of 3000 households.
    expect(list.data.map((s) => s.asOf)).toEqual(['2024-12-31', '2023-12-31']);
    expect(list.data[1]?.households).toBe(3000);
  });

  it('keeps the ID hashing secret sealed by safeStorage in the profile, not in the database file', async () => {
    const secrets = join(state.tempDir, 'data', 'secrets');
    const files = readdirSync(secrets);
    // One database, one secret; sealed, with no plain copy beside it.
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.sealed$/);
    expect(recorded.safeStorage.sealed).toBe(1);
    const hex = recorded.safeStorage.decryptString(readFileSync(join(secrets, files[0] as string)));
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    const database = readFileSync(join(state.tempDir, 'data', 'tuopin.sqlite'));
    expect(database.includes(hex)).toBe(false);
    expect(database.includes(Buffer.from(hex, 'hex'))).toBe(false);
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    expect(await handler(appPage, 'idSecret.status', {})).toMatchObject({ ok: true, data: { state: 'ok' } });
  });

  it('refuses IPC calls from any page other than the app’s own', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    const result = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('opens the system dialog for dialog.openFile and reports a cancelled choice as null', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    expect(await handler(appPage, 'dialog.openFile', { filters: [{ name: 'Excel', extensions: ['xlsx'] }] })).toEqual({ ok: true, data: { picked: null } });
  });

  it('exports Parquet into the folder the system dialog chose, asking before writing into a non-empty one', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    type Manifest = { generatedAt: string } | null;
    type Answer = { ok: boolean; data: { outcome: string; outDir: string | null; manifest: Manifest } };
    const exportTo = async (): Promise<Answer> => (await handler(appPage, 'export.parquetFolder', { all: true })) as Answer;
    recorded.dialogAnswers = { folder: null, messageBoxResponse: 0 };
    expect((await exportTo()).data).toMatchObject({ outcome: 'cancelled', outDir: null, manifest: null });

    const folder = join(state.tempDir, 'Parquet 导出');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    recorded.dialogAnswers = { folder, messageBoxResponse: 0 };
    const first = await exportTo();
    expect(first.data).toMatchObject({ outcome: 'written', outDir: folder });
    expect(recorded.messageBoxes).toHaveLength(0);
    expect(readdirSync(folder).sort()).toEqual(['README.md', 'county_code=532999', 'koujing.sql', 'manifest.json']);
    const written = readFileSync(join(folder, 'manifest.json'), 'utf8');

    // Now the folder holds files: the message box asks, 取消 (the default) leaves them as they were.
    const declined = await exportTo();
    expect(declined.data).toMatchObject({ outcome: 'declined', outDir: folder, manifest: null });
    expect(recorded.messageBoxes).toHaveLength(1);
    expect(recorded.messageBoxes[0]?.message).toContain('已有 4 个文件或文件夹');
    expect(recorded.messageBoxes[0]?.buttons).toEqual(['取消', '导出到这里']);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(written);

    recorded.dialogAnswers = { folder, messageBoxResponse: 1 };
    writeFileSync(join(folder, '说明.txt'), '别人的文件');
    const replaced = await exportTo();
    expect(replaced.data.outcome).toBe('written');
    expect(recorded.messageBoxes).toHaveLength(2);
    expect(replaced.data.manifest?.generatedAt).not.toBe(first.data.manifest?.generatedAt);
    expect(readFileSync(join(folder, '说明.txt'), 'utf8')).toBe('别人的文件');
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('saves bytes handed over as an upload into the work folder', async () => {
    const handler = recorded.ipcHandlers.get(IPC_CHANNEL)!;
    const bytes = new TextEncoder().encode('户编号,户主姓名\n');
    const result = (await handler(appPage, IPC_UPLOAD_METHOD, { name: '../../户信息.csv', bytes })) as { ok: true; data: { source: string; name: string } };
    expect(result.ok).toBe(true);
    // An id for imports.start and the name to show; the saved path stays in the main process.
    expect(Object.keys(result.data).sort()).toEqual(['name', 'source']);
    expect(result.data.name).toBe('户信息.csv');
    const saved = readdirSync(state.tempDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('户信息.csv'));
    expect(saved).toHaveLength(1);
    expect(readFileSync(join(state.tempDir, saved[0] as string), 'utf8')).toBe('户编号,户主姓名\n');
  });

  it('has a Chinese menu: 文件, 编辑, 视图, 帮助', () => {
    expect(recorded.menu?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('keeps Electron’s own data in the workstation data folder', () => {
    expect(recorded.userDataPath).toBe(join(state.tempDir, 'data'));
  });

  it('serves the app scheme with the CSP and refuses paths outside the renderer', async () => {
    const { appProtocolResponse } = await import('../../../electron/main/appProtocol');
    const root = join(state.tempDir, 'renderer');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(state.tempDir, 'secret.txt'), 'secret');
    const ok = await appProtocolResponse('app://workstation/index.html', root);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await appProtocolResponse('app://workstation/..%2Fsecret.txt', root)).status).toBe(404);
    expect((await appProtocolResponse('app://workstation/../secret.txt', root)).status).toBe(404);
    expect((await appProtocolResponse('app://other/index.html', root)).status).toBe(404);
  });

  it('serves the report’s bundled serif to the preview page, and no other font file', async () => {
    const { appProtocolResponse } = await import('../../../electron/main/appProtocol');
    const root = join(state.tempDir, 'renderer');
    const font = await appProtocolResponse('app://workstation/report-fonts/NotoSerifSC_400Regular.ttf', root);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    // A TrueType file: sfnt version 1.0.
    expect(Buffer.from(await font.arrayBuffer()).readUInt32BE(0)).toBe(0x00010000);
    // A weight the app does not bundle (installed in node_modules all the same) is not served.
    expect((await appProtocolResponse('app://workstation/report-fonts/NotoSansSC_100Thin.ttf', root)).status).toBe(404);
    expect((await appProtocolResponse('app://workstation/report-fonts/..%2F..%2Fsecret.txt', root)).status).toBe(404);
  });
});
