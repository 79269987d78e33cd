import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { DEMO_GENERATOR_VERSION } from '../../electron/core/demo/demoCounty';
import { writeDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';
import type { ServiceContext } from '../../electron/core/service/context';
import { JobRunner } from '../../electron/core/jobs/jobRunner';
import { dispatch } from '../../electron/core/service/service';
import { type HttpHost, startHttpHost } from '../../electron/http/httpHost';
import { rendererDir } from '../../electron/host/rendererDir';
import { CHROMIUM_PATH, SCREENSHOT_DIR, VIEWPORT } from './harness';

/**
 * First paint of every analysis view on the large county (300,000 households, ≈ 1,000,000
 * members), in Chromium on the loopback host, three times over:
 *   - firstAfterImport: a snapshot just written, whose derived tables the metrics still build;
 *   - cold: a new host process connection and a new browser on the same file (tables built);
 *   - cached: the same views opened again in that session.
 * Each view is timed inside the page from the change of address to its first figures
 * (`firstContentMs`) and to the end of its loading (`completeMs`). Beside each, the view's main
 * metric call is timed directly on the core (`apiMs`): the view may add little to it. The figures
 * go to bench-results/e2e-views.json, which `npm run bench` includes in its report.
 */
const ROOT = resolve(__dirname, '..', '..');
const HOUSEHOLDS = Number(process.env.TUOPIN_VIEWS_HOUSEHOLDS ?? 300_000);
const SEED = 1;
const BUDGET = { cachedMs: 1000, coldMs: 3000 } as const;
/** What a view may add to its main metric call: requests, validation, React and ECharts. */
const RENDER_ALLOWANCE_MS = 600;
/**
 * A view reopened in the same session draws from the page's kept answers: far below this even on
 * a loaded machine, while asking the host again for the slower metrics takes longer.
 */
const CACHED_CEILING_MS = 2500;

interface ViewCase {
  readonly key: string;
  /** The call whose answer the view's first figures wait for (the others come after it). */
  readonly method: string;
  readonly request: Record<string, unknown>;
}

const VIEWS: readonly ViewCase[] = [
  { key: 'overview', method: 'metrics.income', request: {} },
  { key: 'income', method: 'metrics.income', request: { population: 'crossSection' } },
  { key: 'returns', method: 'metrics.returns', request: { riskListLimit: 2000 } },
  { key: 'exits', method: 'metrics.exits', request: {} },
  { key: 'monitoring', method: 'metrics.monitoring', request: {} },
  { key: 'flows', method: 'metrics.flows', request: {} },
  { key: 'quality', method: 'metrics.quality', request: {} },
];

interface Timing {
  readonly firstContentMs: number;
  readonly completeMs: number;
}

function cacheDir(): string {
  return process.env.TUOPIN_BENCH_DIR ? resolve(process.env.TUOPIN_BENCH_DIR) : join(ROOT, '.tmp', 'bench');
}

/**
 * The large demo county as a database only, cached beside the benchmarks' files (rebuilt when the
 * generator's version, the size or the seed change). A copy is used, so the cache stays as written.
 */
async function largeCountyDb(): Promise<string> {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `views-county-${HOUSEHOLDS}-s${SEED}-v${DEMO_GENERATOR_VERSION}.sqlite`);
  if (existsSync(file)) return file;
  const building = `${file}.building-${process.pid}`;
  const db = openDatabase(building);
  try {
    await writeDemoSnapshot(db, { households: HOUSEHOLDS, seed: SEED });
  } finally {
    db.close();
  }
  renameSync(building, file);
  return file;
}

async function openView(page: Page, key: string): Promise<Timing> {
  return page.evaluate(async (view) => {
    const t0 = performance.now();
    window.location.hash = `#/${view}`;
    const until = (test: () => boolean): Promise<number> =>
      new Promise((done) => {
        const tick = (): void => {
          if (test()) done(Math.round(performance.now() - t0));
          else requestAnimationFrame(tick);
        };
        tick();
      });
    const shown = (): boolean => document.querySelector(`main.content[data-view="${view}"] [data-testid="${view}-view"]`) !== null;
    const firstContentMs = await until(
      () => shown() && document.querySelector('main.content [data-testid="koujing"], main.content .headline-value[data-value], main.content .error-notice') !== null,
    );
    const completeMs = await until(() => shown() && document.querySelector('main.content .loading, main.content .headline-pending') === null);
    return { firstContentMs, completeMs };
  }, key);
}

async function apiMs(ctx: ServiceContext, snapshotId: number, view: ViewCase): Promise<number> {
  const t0 = performance.now();
  const result = await dispatch(ctx, view.method, { snapshotId, ...view.request });
  expect(result.ok, `${view.method}: ${result.ok ? '' : result.error.message}`).toBe(true);
  return Math.round(performance.now() - t0);
}

describe('first paint of the analysis views on the large county', () => {
  let dir: string;
  let path: string;
  let db: Db | null = null;
  let host: HttpHost | null = null;
  let browser: Browser | null = null;
  let snapshotId: number;
  const report: Record<string, unknown> = {};

  async function start(): Promise<Page> {
    db = openDatabase(path);
    host = await startHttpHost({ db, databasePath: path, rendererDir: rendererDir() });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Opened on 数据管理, so that no analysis view has asked for anything before it is timed.
    await page.goto(`${host.url}#/data`);
    await page.locator('main.content[data-view="data"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('current-snapshot').filter({ hasText: '户' }).waitFor({ timeout: 120_000 });
    return page;
  }

  async function stop(): Promise<void> {
    await browser?.close();
    await host?.close();
    db?.close();
    browser = null;
    host = null;
    db = null;
  }

  async function pass(page: Page): Promise<Record<string, Timing>> {
    const timings: Record<string, Timing> = {};
    for (const view of VIEWS) {
      timings[view.key] = await openView(page, view.key);
      expect(await page.locator('main.content .error-notice').count(), `${view.key}: no error`).toBe(0);
    }
    return timings;
  }

  beforeAll(async () => {
    const cached = await largeCountyDb();
    dir = mkdtempSync(join(tmpdir(), 'tuopin-views-large-'));
    path = join(dir, 'county.sqlite');
    copyFileSync(cached, path);
  }, 1_800_000);

  afterAll(async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('times every view first after the import, then cold, then cached, and keeps the figures', async () => {
    let page = await start();
    snapshotId = (db!.prepare('SELECT max(id) AS id FROM snapshot').get() as { id: number }).id;
    const counts = db!.prepare('SELECT households, persons FROM snapshot WHERE id = ?').get(snapshotId) as { households: number; persons: number };
    report.county = { ...counts, seed: SEED };
    report.machine = { cpus: cpus().length, loadAverageBefore: Math.round((loadavg()[0] ?? 0) * 10) / 10 };
    report.budgetsMs = { ...BUDGET, renderAllowanceMs: RENDER_ALLOWANCE_MS };

    report.firstAfterImport = await pass(page);
    await stop();

    page = await start();
    const cold = await pass(page);
    const cached = await pass(page);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.locator('.side-nav a[data-view="overview"]').click();
    await openView(page, 'overview');
    await page.waitForTimeout(1500);
    const shot = join(SCREENSHOT_DIR, 'views-large-overview.png');
    await page.screenshot({ path: shot });
    console.log(`  ${shot}`);

    const ctx: ServiceContext = { db: db!, databasePath: path, jobs: new JobRunner(), host: 'http', workDir: dir };
    const api: Record<string, number> = {};
    for (const view of VIEWS) api[view.key] = await apiMs(ctx, snapshotId, view);

    const views: Record<string, unknown> = {};
    for (const view of VIEWS) {
      const c = cached[view.key]!;
      views[view.key] = {
        apiMs: api[view.key],
        cold: cold[view.key],
        cached: c,
        coldWithinBudget: cold[view.key]!.firstContentMs <= BUDGET.coldMs,
        cachedWithinBudget: c.firstContentMs <= BUDGET.cachedMs,
      };
    }
    report.views = views;
    report.loadAverageAfter = Math.round((loadavg()[0] ?? 0) * 10) / 10;
    report.measuredAt = new Date().toISOString();

    const resultsDir = join(ROOT, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'e2e-views.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(readFileSync(join(resultsDir, 'e2e-views.json'), 'utf8'));

    // Budgets are the benchmark's to judge (the report above marks them); on a shared machine the
    // test only fails when something is plainly wrong: a cached view that asks the host again
    // (its metric alone takes the host longer than this on this county) or a view that never paints.
    for (const view of VIEWS) {
      expect(cached[view.key]!.firstContentMs, `${view.key}: cached first paint`).toBeLessThanOrEqual(CACHED_CEILING_MS);
      expect(cold[view.key]!.completeMs, `${view.key}: cold`).toBeLessThan(120_000);
    }
  }, 3_600_000);
});
