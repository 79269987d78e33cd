import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardMetrics } from '../../electron/core/metrics/standard';
import { type RunningApp, startApp } from './harness';

/**
 * 报告导出 on the demo county in Chromium: the draft is laid out on A4 pages with the 年均增长 of the
 * metrics in its text, a section toggled off leaves the pages, the wording is edited (an unknown
 * placeholder refused with its place), an export arrives as a download and lands in the log.
 */
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ demo: true });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

async function pagesReady(): Promise<number> {
  await app.page.getByTestId('report-page').first().waitFor({ timeout: 120_000 });
  return app.page.getByTestId('report-page').count();
}

describe('报告导出', () => {
  it('shows the draft as numbered A4 pages carrying the metrics', async () => {
    await app.open('report');
    const pages = await pagesReady();
    expect(pages).toBeGreaterThan(5);
    const m = standardMetrics(app.db);
    const cagr = m.income.cagr?.value ?? NaN;
    const text = await app.page.getByTestId('report-preview').innerText();
    expect(text).toContain(`年均增长${(cagr * 100).toFixed(1)}%`);
    expect(text).toContain('— 1 —');
    const box = await app.page.getByTestId('report-page').first().boundingBox();
    // 210 × 297 mm at 96 dpi.
    expect(Math.round(box?.width ?? 0)).toBe(794);
    expect(Math.round(box?.height ?? 0)).toBe(1123);
    // The pages are set in the report's own serif, served by the host (as the PDF embeds it), both weights.
    const serif = (): Promise<string[]> => app.page.evaluate(() => [...document.fonts]
      .filter((f) => f.family.replace(/["']/g, '') === 'Noto Serif SC' && f.status === 'loaded').map((f) => String(f.weight)));
    await expect.poll(async () => (await serif()).sort(), { timeout: 60_000 }).toEqual(['400', '700']);
    expect(await app.page.evaluate(() => document.fonts.check("16pt 'Noto Serif SC'", '报告'))).toBe(true);
    await app.screenshot('report-view');
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('drops a section when its box is unticked', async () => {
    const preview = app.page.getByTestId('report-preview');
    expect(await preview.innerText()).toContain('三、脱贫方式');
    await app.page.getByTestId('section-exits').uncheck();
    await expect.poll(async () => (await preview.innerText()).includes('三、脱贫方式'), { timeout: 60_000 }).toBe(false);
    await app.page.getByTestId('section-exits').check();
    await expect.poll(async () => (await preview.innerText()).includes('三、脱贫方式'), { timeout: 60_000 }).toBe(true);
  });

  it('edits the wording: an unknown placeholder is refused with its place, a good one shows in the pages', async () => {
    const { page } = app;
    await page.getByTestId('toggle-templates').click();
    await page.getByTestId('template-text').fill('（一）收入\n人均纯收入{未知项}。');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByTestId('template-message').innerText()).toContain('第 2 行第 6 列');
    await app.screenshot('report-template-error');
    await page.getByTestId('template-text').fill('（一）收入\n测试措辞：末年人均纯收入为{末年人均纯收入}。');
    await page.getByTestId('template-save').click();
    await expect.poll(async () => page.getByTestId('report-preview').innerText(), { timeout: 60_000 }).toMatch(/测试措辞：末年人均纯收入为\d+元。/);
    await app.screenshot('report-template-edited');
    await page.getByRole('button', { name: '恢复默认' }).click();
    await expect.poll(async () => (await page.getByTestId('report-preview').innerText()).includes('测试措辞'), { timeout: 60_000 }).toBe(false);
    await page.getByTestId('toggle-templates').click();
  });

  it('exports the XLSX as a download with progress, and the export log records it', async () => {
    const { page } = app;
    const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-xlsx').click()])) as [Download, void];
    expect(download.suggestedFilename()).toMatch(/报告-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    await expect.poll(() => page.getByTestId('export-log').locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('export-log').innerText()).toContain('XLSX');
    await page.getByTestId('export-log').scrollIntoViewIfNeeded();
    await app.screenshot('report-export-log');
  });
});
