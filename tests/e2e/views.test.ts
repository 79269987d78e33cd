import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotWriter } from '../../electron/core/db/snapshotWriter';
import { openDatabase } from '../../electron/core/db/database';
import { exitsMetrics } from '../../electron/core/metrics/exits';
import { incomeDistribution } from '../../electron/core/metrics/incomeDistribution';
import type { StandardMetrics } from '../../shared/api/standardMetrics';
import { type RunningApp, SCREENSHOT_DIR, startApp } from './harness';

/**
 * The analysis views on the demo county (3000 households, seed 1) in Chromium at 1366×768: every
 * view opens with its figures, charts and 口径; the headline figures are those of
 * `tuopin metrics --json` on the same database; a chart saves as PNG; the selection of a view
 * survives leaving it and reloading; the risk list opens a household's history; screenshots of
 * every view (window, whole page, and 1920×1080) are kept for looking at.
 */
const ROOT = resolve(__dirname, '..', '..');
const ANALYSIS_VIEWS = ['overview', 'income', 'returns', 'exits', 'monitoring', 'flows', 'quality'] as const;
/** Latin words allowed on screen: the file formats on the save buttons. */
const ALLOWED_LATIN = new Set(['PNG', 'SVG', 'CSV']);

async function waitForView(page: Page, key: string): Promise<void> {
  await page.locator(`main.content[data-view="${key}"] [data-testid="${key}-view"]`).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator('main.content .loading, main.content .headline-pending').count(), { timeout: 90_000 }).toBe(0);
  // ECharts animates its first drawing for about a second.
  await page.waitForTimeout(1200);
}

/** The whole scrolled content, by making the window as tall as the page for one picture. */
async function fullScreenshot(app: RunningApp, name: string): Promise<string> {
  const { page } = app;
  const viewport = page.viewportSize() ?? { width: 1366, height: 768 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main.content');
    const bar = document.querySelector('.top-bar');
    return (main?.scrollHeight ?? 0) + (bar?.getBoundingClientRect().height ?? 0) + 8;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 8000)) });
  // The grids refit their columns to the new width after a short settling time.
  await page.waitForTimeout(1500);
  const file = await app.screenshot(name);
  await page.setViewportSize(viewport);
  await page.waitForTimeout(300);
  return file;
}

function latinWords(text: string): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
}

/** Opens a view and checks it shows no error and no English; returns its content area. */
async function openCleanly(app: RunningApp, key: string): Promise<Locator> {
  await app.open(key);
  await waitForView(app.page, key);
  const main = app.page.locator('main.content');
  expect(await main.locator('.error-notice').count(), `${key}: no error`).toBe(0);
  expect(latinWords(await main.innerText()), `${key}: no English on screen`).toEqual([]);
  return main;
}

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

async function cardValue(page: Page, id: string): Promise<number> {
  const raw = await page.getByTestId(`card-${id}`).locator('.headline-value').getAttribute('data-value');
  expect(raw, `card ${id} has its exact figure`).not.toBeNull();
  return Number(raw);
}

describe('the analysis views on the demo county', () => {
  let app: RunningApp;
  let cli: StandardMetrics;

  beforeAll(async () => {
    app = await startApp({ demo: true });
    // The CLI on the same file, as a statistician would run it beside the app.
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'tuopin.js'), 'metrics', '--db', app.databasePath, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    cli = JSON.parse(out) as StandardMetrics;
    console.log(`截图目录 (screenshots): ${SCREENSHOT_DIR}`);
  });
  afterAll(async () => app?.close());

  it('opens every analysis view with its figures, charts and 口径, in Chinese only', async () => {
    for (const key of ANALYSIS_VIEWS) {
      const main = await openCleanly(app, key);
      expect(await main.getByTestId('koujing').count(), `${key}: shows its 口径`).toBeGreaterThan(0);
      if (key !== 'overview' && key !== 'quality') expect(await main.locator('.chart canvas').count(), `${key}: draws charts`).toBeGreaterThan(0);
      console.log(`  ${await app.screenshot(`views-1366-${key}`)}`);
      console.log(`  ${await fullScreenshot(app, `views-1366-${key}-full`)}`);
    }
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('shows on 概览 the headline figures of `tuopin metrics --json`', async () => {
    const { page } = app;
    await app.open('overview');
    await waitForView(page, 'overview');

    const income = cli.income.byYear.filter((y) => y.perCapita !== null);
    expect(await cardValue(page, 'income')).toBe(income[income.length - 1]!.perCapita);
    expect(Number(await page.getByTestId('income-cagr').getAttribute('data-value'))).toBe(cli.income.cagr!.value);
    expect(await cardValue(page, 'support-share')).toBe(cli.exits.attribution.income['兜底保障']!.share);
    const returns = cli.returns.byYear.filter((y) => y.rate !== null);
    expect(await cardValue(page, 'return-rate')).toBe(returns[returns.length - 1]!.rate);
    const monitored = Object.values(cli.monitoring.byCategory).reduce((s, c) => s + c.households, 0);
    expect(await cardValue(page, 'monitored')).toBe(monitored);
    expect(await cardValue(page, 'elimination-rate')).toBe(cli.monitoring.eliminated.rate);

    const households = cli.flows.filter((f) => f.unit === 'households').sort((a, b) => a.year - b.year);
    const persons = cli.flows.filter((f) => f.unit === 'persons').sort((a, b) => a.year - b.year);
    const registered = households[0]!.start + households.reduce((s, f) => s + f.identified, 0);
    const registeredPersons = persons[0]!.start + persons.reduce((s, f) => s + f.identified, 0);
    expect(await cardValue(page, 'registered')).toBe(registered);
    const exits = exitsMetrics(app.db, { snapshotId: cli.snapshot.id });
    expect(await cardValue(page, 'exited')).toBe(exits.totals.households);
    expect(await cardValue(page, 'exit-rate')).toBeCloseTo(exits.totals.persons / registeredPersons, 12);

    const paragraph = await page.getByTestId('summary-paragraph').innerText();
    expect(paragraph).toContain(`累计识别建档立卡贫困人口${registered}户${registeredPersons}人`);
    expect(paragraph).toContain(`累计脱贫${exits.totals.households}户${exits.totals.persons}人`);
    expect(paragraph).toContain(`依靠兜底保障措施脱贫${cli.exits.attribution.income['兜底保障']!.persons}人`);
    expect(paragraph).toContain(`年均增长${(cli.income.cagr!.value! * 100).toFixed(1)}%`);
    writeFileSync(join(SCREENSHOT_DIR, 'views-overview-summary.txt'), `${paragraph}\n`);
  });

  it('takes the reader from a headline card to the view behind it', async () => {
    const { page } = app;
    await app.open('overview');
    await waitForView(page, 'overview');
    await page.getByTestId('card-income').click();
    await page.locator('main.content[data-view="income"]').waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/income/);
    await page.goBack();
    await page.locator('main.content[data-view="overview"]').waitFor();
  });

  it('saves a chart as a PNG image named after it, with tooltips that give the exact figure and its 口径', async () => {
    const { page } = app;
    await app.open('income');
    await waitForView(page, 'income');
    const panel = page.locator('.panel', { hasText: '人均纯收入与贫困线' });
    const png = await saved(page, () => panel.getByRole('button', { name: '保存 PNG' }).click());
    expect(png.name).toBe('人均纯收入与贫困线.png');
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(10_000);
    writeFileSync(join(SCREENSHOT_DIR, 'views-saved-chart.png'), png.bytes);

    const canvas = panel.locator('canvas').first();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55);
    const tip = page.locator('.chart-tip').first();
    await tip.waitFor({ timeout: 5000 });
    const text = await tip.innerText();
    expect(text).toContain('人均纯收入');
    expect(text).toMatch(/\d[\d,]* 元/);
    expect(text).toContain('口径：');
    console.log(`  ${await app.screenshot('views-1366-income-tooltip')}`);
    await page.mouse.move(5, 5);
  });

  it('shows the distribution of household 人均纯收入 for a chosen year, with the households below its line', async () => {
    const { page } = app;
    await app.open('income');
    await waitForView(page, 'income');
    const panel = page.locator('.panel', { hasText: '户人均纯收入分布' });
    await panel.getByLabel('年度').selectOption('2019');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain('dyear=2019');
    await waitForView(page, 'income');
    const figures = panel.getByTestId('distribution-figures');
    // The same households as the 2019 cross-section of `tuopin metrics --json`.
    const y2019 = cli.income.byYear.find((y) => y.year === 2019)!;
    expect(await figures.innerText()).toContain(`共 ${y2019.households.toLocaleString('en-US')} 户 ${y2019.persons.toLocaleString('en-US')} 人`);
    const db = openDatabase(app.databasePath, { readonly: true });
    try {
      const core = incomeDistribution(db, { year: 2019 });
      expect(Number(await panel.getByTestId('distribution-below').getAttribute('data-value'))).toBe(core.belowLine!.households);
      expect(core.line).toBe(3218);
    } finally {
      db.close();
    }
    expect(await panel.locator('canvas').count()).toBeGreaterThan(0);
    await panel.scrollIntoViewIfNeeded();
    console.log(`  ${await app.screenshot('views-1366-income-distribution')}`);
  });

  it('keeps a view\'s selection in the address, when leaving it and after a reload', async () => {
    const { page } = app;
    await app.open('income');
    await waitForView(page, 'income');
    const township = page.getByLabel('乡镇', { exact: true });
    await township.focus();
    await expect.poll(() => township.locator('option:not([disabled])').count(), { timeout: 60_000 }).toBeGreaterThan(2);
    const name = (await township.locator('option:not([disabled])').nth(1).textContent())!;
    await township.selectOption({ label: name });
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(`town=${name}`);
    await waitForView(page, 'income');
    expect(await page.getByTestId('koujing').first().innerText()).toContain(name);

    await page.locator('.side-nav a[data-view="overview"]').click();
    await waitForView(page, 'overview');
    expect(decodeURIComponent(new URL(page.url()).hash)).not.toContain('town=');
    await page.locator('.side-nav a[data-view="income"]').click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(`town=${name}`);
    await waitForView(page, 'income');
    expect(await page.getByTestId('koujing').first().innerText()).toContain(name);

    await page.reload();
    await waitForView(page, 'income');
    expect(await page.getByLabel('乡镇', { exact: true }).inputValue()).toBe(name);
    console.log(`  ${await app.screenshot(`views-1366-income-township`)}`);
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).not.toContain('town=');
  });

  it('opens a household of the income-risk list with its masked ID and income history', async () => {
    const { page } = app;
    await app.open('returns');
    await waitForView(page, 'returns');
    const grid = page.locator('.panel', { hasText: '收入风险户名单' });
    await grid.locator('.ag-row').first().waitFor();
    await grid.locator('.ag-row [col-id="householdCode"]').first().click();
    const drawer = page.getByTestId('household-history');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('history-masked-id').innerText(), { timeout: 60_000 }).toMatch(/^\d{6}\*{10}[\dX]{2}/);
    expect(await drawer.getByTestId('history-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.waitForTimeout(1200);
    console.log(`  ${await app.screenshot('views-1366-returns-history')}`);
    await drawer.getByRole('button', { name: '关闭' }).click();
    expect(await page.getByTestId('household-history').count()).toBe(0);
  });

  it('lists the households behind each data-quality finding', async () => {
    const { page } = app;
    await app.open('quality');
    await waitForView(page, 'quality');
    const buttons = page.getByTestId('rule-list').locator('button:not([disabled])');
    expect(await buttons.count()).toBeGreaterThan(0);
    const last = buttons.last();
    const rule = await last.getAttribute('data-rule');
    await last.click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(`rule=${rule}`);
    const countText = await last.locator('.rule-count').innerText();
    const label = await last.locator('span').first().innerText();
    await expect.poll(() => page.locator('.quality-layout .panel-title').nth(1).innerText()).toBe(`${label}（${countText} 条）`);
    const rows = page.locator('.quality-layout .ag-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const count = Number(countText.replace(/,/g, ''));
    // Few enough to be drawn at once: every finding of the rule is a row.
    if (count <= 10) expect(await rows.count()).toBe(count);
    console.log(`  ${await app.screenshot('views-1366-quality-rule')}`);
  });

  it('reads at 1920×1080 too', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1920, height: 1080 });
    try {
      for (const key of ANALYSIS_VIEWS) {
        await app.open(key);
        await waitForView(page, key);
        console.log(`  ${await app.screenshot(`views-1920-${key}`)}`);
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    expect(app.pageErrors).toEqual([]);
  });
});

describe('the analysis views on a county with almost nothing in it', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const writer = SnapshotWriter.begin(db, {
          countyCode: '520000000000', countyName: '空白县', asOf: '2023-12-31', sourceName: 'e2e-views-empty.xlsx',
          sourceSha256: '1'.repeat(64), keepNames: true, eventsDerived: false,
        });
        writer.addHousehold({
          code: 'H0001', county: '空白县', township: '城关镇', village: '东村', areaCode: null, poorVillage: true, headName: '张三',
          headIdNumber: null, size: 3, type: '脱贫户', attribute: '一般贫困户', standard: null, mainCause: '因病', otherCauses: [],
          identifiedYear: 2014, status: '未脱贫', exitYear: null, returnYear: null, returnCause: null, relocated: false,
          housing: null, safeWater: true, monitoringCategory: null, monitoringDate: null, risks: [],
          riskEliminated: null,
          eliminationMethod: null, eliminationDate: null, sourceRow: 2,
        });
        writer.commit(0);
      },
    });
  });
  afterAll(async () => app?.close());

  it('says in Chinese what is missing instead of drawing empty charts or failing', async () => {
    const { page } = app;
    for (const key of ANALYSIS_VIEWS) {
      const main = await openCleanly(app, key);
      console.log(`  ${await app.screenshot(`views-empty-${key}`)}`);
      if (key === 'overview') {
        // No exit at all: its shares are not 0 %, and the paragraph does not speak of them.
        const card = page.getByTestId('card-support-share').locator('.headline-value');
        expect(await card.getAttribute('data-value')).toBeNull();
        expect((await card.innerText()).trim()).toBe('—');
        expect(await main.innerText()).not.toContain('措施脱贫');
      }
    }
    expect(app.pageErrors).toEqual([]);
  });
});
