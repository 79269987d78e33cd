import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { writeDemoCounty } from '../../electron/host/demoCounty';
import { type HttpHost, startHttpHost } from '../../electron/http/httpHost';
import { rendererDir } from '../../electron/host/rendererDir';

/**
 * End-to-end harness for every view's tests: a loopback host on a fresh temp database, serving
 * the BUILT renderer (npm test builds first; this builds nothing), driven in Debian's Chromium.
 *
 *   const app = await startApp({ demo: true });          // or { prepare: (db) => writeSomething(db) }
 *   await app.open('income');           // #/income
 *   await app.screenshot('income-default');
 *   await app.close();
 */

export const CHROMIUM_PATH = process.env.TUOPIN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(__dirname, 'screenshots');
export const VIEWPORT = { width: 1366, height: 768 } as const;

export interface StartOptions {
  /** Writes the demo county (3000 households, seed 1: the one `npm start` shows) before starting. */
  readonly demo?: boolean;
  /** Fills the database before the host starts (write snapshots with the core's own writers). */
  readonly prepare?: (db: Db, databasePath: string) => void | Promise<void>;
  /** Open the page without the token, as a stranger's page would. */
  readonly withoutToken?: boolean;
  /** Serve another built page than the app (a test fixture); defaults to dist/renderer. */
  readonly rendererDir?: string;
  /** What to wait for after loading; defaults to the app shell. */
  readonly readySelector?: string;
}

export interface RunningApp {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The URL the host printed, token included. */
  readonly url: string;
  readonly origin: string;
  readonly host: HttpHost;
  readonly db: Db;
  readonly databasePath: string;
  /** Console errors and uncaught exceptions of the page (CSP violations show up here). */
  readonly pageErrors: string[];
  /** Requests that went anywhere but the loopback host (a CDN font, a tracker): must stay empty. */
  readonly foreignRequests: string[];
  /** Goes to `#/<view>` (with `?query` when given) and waits for the shell to show it. */
  open(view: string, query?: string): Promise<void>;
  /** Saves a full-window PNG into SCREENSHOT_DIR and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const root = options.rendererDir ?? rendererDir();
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`找不到构建好的界面 ${index}：请先运行 npm run build（npm test 会先构建）。`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`找不到 Chromium（${CHROMIUM_PATH}）：apt-get install chromium，或设置 TUOPIN_CHROMIUM。`);

  const dir = mkdtempSync(join(tmpdir(), 'tuopin-e2e-'));
  const databasePath = join(dir, 'workstation.sqlite');
  const db = openDatabase(databasePath);
  let host: HttpHost | null = null;
  let context: BrowserContext | null = null;
  try {
    if (options.demo) await writeDemoCounty(db);
    await options.prepare?.(db, databasePath);
    host = await startHttpHost({ db, databasePath, rendererDir: root });
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: VIEWPORT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
  } catch (err) {
    await context?.close();
    await host?.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const runningHost = host;
  const browser = context;
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${runningHost.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });

  const url = options.withoutToken ? `${runningHost.origin}/` : runningHost.url;
  await page.goto(url);
  // A loaded CI machine (two cores, other suites running) can take far longer than the default.
  await page.locator(options.readySelector ?? '.app').waitFor({ timeout: 120_000 });

  return {
    page,
    context: browser,
    url: runningHost.url,
    origin: runningHost.origin,
    host: runningHost,
    db,
    databasePath,
    pageErrors,
    foreignRequests,
    async open(view, query) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/${view}${query ? `?${query}` : ''}`);
      await page.locator(`main.content[data-view="${view}"]`).waitFor();
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = join(SCREENSHOT_DIR, `${name}.png`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await runningHost.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
